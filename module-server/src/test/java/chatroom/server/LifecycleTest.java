package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Starting and stopping")
@Timeout(30)
class LifecycleTest {

    private static final String SHUTDOWN_BYE = "BYE reason=shutdown :The server is shutting down. Goodbye!";

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Nested
    @DisplayName("graceful shutdown")
    class GracefulShutdown {

        @Test
        @DisplayName("every client is told, then sees the end of the stream; stop returns with no connection left")
        void everybodyIsToldAndDisconnected() {
            ChatServer server = fixture.start(ServerConfig.defaults());
            TestClient alice = fixture.joinPlain("alice");
            TestClient bob = fixture.joinPlain("bob");
            TestClient carol = fixture.joinStructured("carol");
            TestClient unnamed = fixture.connect("unnamed");
            alice.expectExactLine("* carol joined the chat");
            bob.expectExactLine("* carol joined the chat");

            server.stop(Duration.ofSeconds(5));

            assertThat(server.connectionCount()).isZero();
            assertThat(server.memberCount()).isZero();
            for (TestClient plain : List.of(alice, bob, unnamed)) {
                List<String> last = plain.awaitClosed();
                assertThat(last).as("%s's last lines", plain.label()).hasSize(1);
                assertThat(last.getFirst()).startsWith("* ").contains("shutting down");
            }
            assertThat(carol.awaitClosed()).containsExactly(SHUTDOWN_BYE);
        }

        /// The goodbye once raced with the connection's reader: a reader busy with the client's
        /// input when the server stopped saw the connection ending and finished its send queue
        /// before the goodbye was queued, so the client saw the stream end without it (found as
        /// a console client's "connection lost" without the server's words, under load).
        @RepeatedTest(60)
        @DisplayName("a client whose input is being read as the server stops is still told goodbye, last")
        void goodbyeWhileReading() {
            ChatServer server = fixture.start(ServerConfig.defaults().toBuilder().maxRate(0).build());
            TestClient carol = fixture.joinStructured("carol");
            // PONGs for PINGs never sent: input the server reads and does not answer, so its
            // reader is busy while nothing it writes fills carol's window.
            Thread talking = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 200_000 && !carol.isClosed(); i++) {
                        carol.send("PONG token=" + i);
                    }
                } catch (java.io.UncheckedIOException e) {
                    // The server closed the connection while a PONG was on its way.
                }
            });
            // Answered once the reader is in the middle of those PONGs.
            carol.send("PING token=busy");
            carol.expectExactLine("PONG token=busy");

            server.stop(Duration.ofSeconds(5));

            List<String> last = carol.awaitClosed();
            assertThat(last).as("what carol read after the server began to stop").containsExactly(SHUTDOWN_BYE);
            talking.interrupt();
        }

        @Test
        @DisplayName("nobody is told that the others leave during a shutdown")
        void noLeaveNoticesDuringShutdown() {
            ChatServer server = fixture.start(ServerConfig.defaults());
            TestClient alice = fixture.joinStructured("alice");
            fixture.joinStructured("bob");
            alice.expectLine("JOINED name=bob .*");

            server.stop(Duration.ofSeconds(5));

            assertThat(alice.awaitClosed()).containsExactly(SHUTDOWN_BYE);
        }

        @Test
        @DisplayName("after stop, a new connection is refused")
        void newConnectionsRefused() {
            ChatServer server = fixture.start(ServerConfig.defaults());
            InetSocketAddress address = server.address();

            server.stop(Duration.ofSeconds(5));

            assertRefused(address);
        }

        @Test
        @DisplayName("stop is idempotent")
        void stopTwice() {
            ChatServer server = fixture.start(ServerConfig.defaults());
            fixture.joinPlain("alice");

            server.stop(Duration.ofSeconds(5));
            server.stop(Duration.ofSeconds(5));

            assertThat(server.connectionCount()).isZero();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        }

        @Test
        @DisplayName("stop before start is harmless, releases the port, and start is then refused")
        void stopBeforeStart() {
            ChatServer server = fixture.create(ServerConfig.defaults());
            InetSocketAddress address = server.address();

            server.stop(Duration.ofSeconds(5));

            assertThat(server.connectionCount()).isZero();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
            assertRefused(address);
        }

        @Test
        @DisplayName("start twice is refused")
        void startTwice() {
            ChatServer server = fixture.start(ServerConfig.defaults());

            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    @DisplayName("threads")
    class Threads {

        @Test
        @DisplayName("no chatroom- platform thread is alive after stop")
        void noThreadLeak() {
            ChatServer server = fixture.start(ServerConfig.builder().heartbeat(Duration.ofMillis(200)).build());
            fixture.joinPlain("alice");
            fixture.joinStructured("bob");
            assertThat(serverThreads()).as("threads while running").contains("chatroom-acceptor", "chatroom-janitor");

            server.stop(Duration.ofSeconds(5));

            ServerFixture.await("no chatroom- thread is left (" + serverThreads() + ")", TestClient.TIMEOUT,
                    () -> serverThreads().isEmpty());
        }

        private static List<String> serverThreads() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("chatroom-"))
                    .sorted()
                    .toList();
        }
    }

    /// The connection is refused outright, or accepted by nobody and closed at once.
    private static void assertRefused(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5_000);
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("a connection to a stopped server reads end of stream").isEqualTo(-1);
        } catch (ConnectException expected) {
            // Refused outright: nothing listens any more.
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        } catch (IOException e) {
            throw new AssertionError("unexpected failure connecting to a stopped server", e);
        }
    }
}
