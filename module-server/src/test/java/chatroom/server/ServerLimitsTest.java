package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static chatroom.server.ServerFixture.awaitCount;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Limits that protect the server and its members")
@Timeout(60)
class ServerLimitsTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Nested
    @DisplayName("handshake timeout (500 ms)")
    class HandshakeTimeout {

        private static final Duration TIMEOUT = Duration.ofMillis(500);

        @BeforeEach
        void start() {
            fixture.start(ServerConfig.builder().handshakeTimeout(TIMEOUT).build());
        }

        @Test
        @DisplayName("a connection that never sends a name is told goodbye and closed")
        void silentConnectionIsClosed() {
            TestClient silent = fixture.connect("silent");

            assertThat(silent.nextLine()).startsWith("* No name received within ").endsWith("; goodbye.");
            assertThat(silent.awaitClosed()).isEmpty();
            awaitCount("connections", fixture.server()::connectionCount, 0);
        }

        @Test
        @DisplayName("a structured connection that never logs in gets BYE reason=timeout")
        void structuredWithoutLoginIsClosed() {
            TestClient silent = fixture.hello("silent");

            assertThat(silent.nextLine()).startsWith("BYE reason=timeout :No name received within ");
            silent.awaitClosed();
            awaitCount("connections", fixture.server()::connectionCount, 0);
        }

        @Test
        @DisplayName("members who chose a name in time are not affected")
        void membersStay() {
            TestClient alice = fixture.joinPlain("alice");
            TestClient silent = fixture.connect("silent");

            silent.awaitClosed();
            awaitCount("connections", fixture.server()::connectionCount, 1);

            alice.send("still here");
            assertThat(alice.nextLine()).isEqualTo("alice: still here");
        }

        @Test
        @DisplayName("the goodbye states the timeout that was exceeded")
        void goodbyeStatesTheTimeout() {
            TestClient silent = fixture.connect("silent");

            // The timeout is 500 ms; "within 0 s" would be false.
            assertThat(silent.nextLine()).doesNotContain("within 0 s");
        }
    }

    @Nested
    @DisplayName("connection limit (2)")
    class MaxClients {

        @BeforeEach
        void start() {
            fixture.start(ServerConfig.builder().maxClients(2).build());
        }

        @Test
        @DisplayName("the third connection is told the server is full and closed; a freed slot is reused")
        void thirdConnectionRefused() {
            TestClient alice = fixture.joinPlain("alice");
            fixture.connect("unnamed");

            TestClient third = fixture.connectSilently("third");
            assertThat(third.nextLine()).startsWith("* ").contains("full");
            assertThat(third.awaitClosed()).isEmpty();
            assertThat(fixture.server().connectionCount()).isEqualTo(2);

            alice.send("/quit");
            alice.awaitClosed();
            awaitCount("connections", fixture.server()::connectionCount, 1);

            TestClient fourth = fixture.connect("fourth");
            fourth.send("dave");
            assertThat(fourth.nextLine()).startsWith("* Welcome, dave!");
        }

        @Test
        @DisplayName("a refused client that trickles bytes is closed after about a second, not read for long")
        void tricklingRefusedClientIsClosed() throws InterruptedException {
            fixture.joinPlain("alice");
            fixture.connect("unnamed");
            TestClient third = fixture.connectSilently("third");
            assertThat(third.nextLine()).contains("full");
            // The refusal ends the server's output at once; its reading ends within a second,
            // and from then on the trickle's writes fail (the socket is closed). Before the
            // total was bounded, one byte every 100 ms kept it reading for 64 KiB.
            long start = System.nanoTime();
            var refusedAfter = new java.util.concurrent.atomic.AtomicLong(-1);
            Thread trickle = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 100; i++) {
                    try {
                        third.sendRaw(new byte[] {'x'});
                        Thread.sleep(100);
                    } catch (RuntimeException e) {
                        refusedAfter.set(System.nanoTime() - start);
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            assertThat(trickle.join(Duration.ofSeconds(15))).isTrue();
            assertThat(refusedAfter.get()).as("the trickle's writes failed").isPositive();
            assertThat(Duration.ofNanos(refusedAfter.get())).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Nested
    @DisplayName("flood control (5 lines/s, bursts of 5)")
    class FloodControl {

        @BeforeEach
        void start() {
            fixture.start(ServerConfig.builder().maxRate(5).maxBurst(5).build());
        }

        @Test
        @DisplayName("20 lines at once get a flood error, yet all 20 are delivered in order")
        void floodIsSlowedNotDropped() {
            TestClient watcher = fixture.joinPlain("watcher");
            TestClient flooder = fixture.joinStructured("flooder");
            watcher.expectExactLine("* flooder joined the chat");
            List<String> expected = new ArrayList<>();
            var burst = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                burst.append("SAY :flood ").append(i).append('\n');
                expected.add("flooder: flood " + i);
            }

            flooder.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));

            Duration generous = Duration.ofSeconds(30);
            List<String> seenByFlooder = flooder.collectUntil(l -> l.endsWith(" :flood 19"), "the last message", generous);
            assertThat(seenByFlooder).anyMatch(line -> line.startsWith("ERROR code=flood :"));
            assertThat(seenByFlooder).filteredOn(line -> line.startsWith("MSG ")).hasSize(20);
            List<String> seenByWatcher = watcher.collectUntil("flooder: flood 19"::equals, "the last message", generous);
            assertThat(seenByWatcher).containsExactlyElementsOf(expected);
        }
    }

    @Nested
    @DisplayName("send queue (16 KiB, no flood control)")
    class SendQueue {

        /// Enough to fill, besides the 16 KiB queue, the stalled client's 4 KiB receive buffer
        /// and the server's socket send buffer, which Linux may grow to `tcp_wmem`'s maximum
        /// (4 MiB by default), about 20,000 messages; twice that, to be sure.
        private static final int MAX_MESSAGES = 40_000;
        /// Messages sent before waiting for them all to arrive (about 4 KiB). The server counts
        /// a written batch against the queue until its writer gets round to releasing it, so a
        /// healthy member may briefly be charged for two windows: they must fit in 16 KiB with
        /// room to spare, however the threads are scheduled.
        private static final int WINDOW = 20;
        private static final String DROPPED = "* stalled left the chat (too slow to keep up: SendQ exceeded)";

        @BeforeEach
        void start() {
            fixture.start(ServerConfig.builder().sendQueueBytes(16 * 1024).maxRate(0).build());
        }

        @Test
        @DisplayName("a member that stops reading is dropped as too slow; everybody else gets every message")
        void stalledReaderIsDropped() {
            TestClient listener = fixture.joinPlain("listener");
            TestClient sender = fixture.joinPlain("sender");
            TestClient stalled = fixture.track(TestClient.connectStalled(fixture.address(), "stalled", 4096));
            stalled.send("stalled");
            listener.expectExactLine("* sender joined the chat");
            listener.expectExactLine("* stalled joined the chat");
            sender.expectExactLine("* stalled joined the chat");

            int sent = 0;
            int receivedByListener = 0;
            int receivedBySender = 0;
            boolean dropped = false;
            long start = System.nanoTime();
            while (!dropped && sent < MAX_MESSAGES) {
                var batch = new StringBuilder();
                for (int i = 0; i < WINDOW; i++) {
                    batch.append(message(sent++)).append('\n');
                }
                sender.sendRaw(batch.toString().getBytes(StandardCharsets.US_ASCII));
                String last = "sender: " + message(sent - 1);
                for (String line : listener.collectUntil(last::equals, "message " + (sent - 1), TestClient.TIMEOUT)) {
                    if (line.equals(DROPPED)) {
                        dropped = true;
                    } else {
                        assertThat(line).as("message %d for the listener", receivedByListener)
                                .isEqualTo("sender: " + message(receivedByListener++));
                    }
                }
                for (String line : sender.collectUntil(last::equals, "message " + (sent - 1), TestClient.TIMEOUT)) {
                    if (!line.equals(DROPPED)) {
                        assertThat(line).isEqualTo("sender: " + message(receivedBySender++));
                    }
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(dropped).as("stalled member dropped within %d messages (%s)", sent, took).isTrue();
            assertThat(receivedByListener).isEqualTo(sent);
            assertThat(receivedBySender).isEqualTo(sent);
            awaitCount("members", fixture.server()::memberCount, 2);
            awaitCount("connections", fixture.server()::connectionCount, 2);
            sender.send("after");
            assertThat(listener.nextLine()).isEqualTo("sender: after");
        }

        /// About 200 bytes, numbered.
        private static String message(int n) {
            return "m %06d %s".formatted(n, "x".repeat(190));
        }
    }
}
