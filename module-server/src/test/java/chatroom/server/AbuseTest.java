package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/// Hostile and broken peers against a real server: in every case two ordinary members keep
/// chatting with bounded latency, and the server's connections, threads and file descriptors
/// return to where they were. Each test prints the figures it held (`ABUSE ...` lines).
@DisplayName("abuse: the others keep chatting")
class AbuseTest {

    /// The worst round trip between two ordinary members accepted during an attack: far above
    /// the few milliseconds it takes on an idle loopback, far below what a person would notice.
    private static final Duration LATENCY_BOUND = Duration.ofSeconds(2);

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("10 MB without a newline: refused as one over-long line, memory stays bounded")
    void tenMegabytesWithoutNewline() throws Exception {
        fixture.start(ServerConfig.builder().maxRate(0).build());
        var pair = Pair.join(fixture);
        var baseline = Resources.now(fixture.server());
        var attacker = fixture.connect("attacker");
        attacker.send("mallory");
        attacker.expectExactLine("* mallory joined the chat");

        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        long worst = 0;
        for (int i = 0; i < 160; i++) {
            attacker.sendRaw(chunk);
            if (i % 40 == 0) {
                worst = Math.max(worst, pair.roundTripMillis("during " + i));
            }
        }
        attacker.sendRaw("\nstill here\n".getBytes(StandardCharsets.US_ASCII));
        attacker.expectLine(line -> line.startsWith("* Error: line longer than 8192 bytes"), "the refusal");
        pair.bob.expectExactLine("mallory: still here");
        worst = Math.max(worst, pair.roundTripMillis("after"));
        long heapMiB = usedHeapAfterGcMiB();

        report("ten-megabytes", worst, baseline, Resources.now(fixture.server()), "heap_after_gc_mib=" + heapMiB);
        assertThat(worst).isLessThan(LATENCY_BOUND.toMillis());
        assertThat(heapMiB).as("heap after the attack").isLessThan(256);
    }

    @Test
    @DisplayName("garbage: invalid UTF-8, NUL, control characters and CR injection are refused one by one")
    void garbage() throws Exception {
        fixture.start(ServerConfig.builder().maxRate(0).build());
        var pair = Pair.join(fixture);
        var attacker = fixture.connect("attacker");
        attacker.send("mallory");
        attacker.expectExactLine("* mallory joined the chat");
        byte[][] attacks = {
                {(byte) 0xC0, (byte) 0x80, '\n'},
                {'a', 0, 'b', '\n'},
                {'h', 'i', '\r', 'a', 'l', 'i', 'c', 'e', ':', ' ', 'x', '\n'},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'},
                {0x1B, '[', '2', 'J', '\n'},
                {(byte) 0xE2, (byte) 0x80, (byte) 0xA8, '\n'},
        };
        for (byte[] attack : attacks) {
            attacker.sendRaw(attack);
            attacker.expectLine(line -> line.startsWith("* Error: "), "a refusal");
        }
        attacker.send("done");
        assertThat(pair.bob.expectLine(line -> line.startsWith("mallory: ") || line.startsWith("alice: x"),
                "mallory's first message")).as("nothing of the attacks got through").isEqualTo("mallory: done");
        long worst = pair.roundTripMillis("after");
        report("garbage", worst, Resources.now(fixture.server()), Resources.now(fixture.server()), "");
    }

    @Test
    @DisplayName("a slowloris sending one byte at a time is cut off at the handshake deadline")
    void slowloris() throws Exception {
        fixture.start(ServerConfig.builder().handshakeTimeout(Duration.ofMillis(800)).build());
        var pair = Pair.join(fixture);
        try (var loris = new Socket("127.0.0.1", fixture.address().getPort())) {
            OutputStream out = loris.getOutputStream();
            long start = System.nanoTime();
            boolean cut = false;
            for (int i = 0; i < 100 && !cut; i++) {
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException e) {
                    cut = true;
                }
                pair.roundTripMillis("trickle " + i);
                cut = cut || fixture.server().connectionCount() == 2;
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(cut).as("cut off within 100 bytes").isTrue();
            report("slowloris", pair.roundTripMillis("after"), Resources.now(fixture.server()),
                    Resources.now(fixture.server()), "cut_after_ms=" + tookMillis);
            assertThat(tookMillis).isLessThan(10_000);
        }
    }

    @Test
    @DisplayName("2,000 connections that never send a name: the others chat on; all are closed at the deadline")
    void twoThousandSilentConnections() throws Exception {
        // 2,000 connections from one address: the per-address limits would refuse most of them.
        fixture.start(ServerConfig.builder().maxClients(2_100).handshakeTimeout(Duration.ofSeconds(3))
                .maxPerAddress(0).connectsPerMinute(0).build());
        var pair = Pair.join(fixture);
        var baseline = Resources.now(fixture.server());
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 2_000; i++) {
                silent.add(new Socket("127.0.0.1", fixture.address().getPort()));
            }
            ServerFixture.awaitCount("connections", fixture.server()::connectionCount, 2_002);
            long worst = pair.roundTripMillis("with 2,000 silent");
            ServerFixture.awaitCount("connections after the handshake deadline", fixture.server()::connectionCount, 2);
            worst = Math.max(worst, pair.roundTripMillis("after"));
            for (Socket socket : silent) {
                socket.close();
            }
            var after = Resources.awaitBaseline(fixture.server(), baseline);
            report("silent-2000", worst, baseline, after, "");
            assertThat(worst).isLessThan(LATENCY_BOUND.toMillis());
            after.assertNoLeakSince(baseline);
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    @Test
    @DisplayName("abrupt resets in the middle of a frame leave nothing behind")
    void resetsMidFrame() throws Exception {
        // 200 connections in a row from one address: more than its connection rate allows.
        fixture.start(ServerConfig.builder().connectsPerMinute(0).build());
        var pair = Pair.join(fixture);
        var baseline = Resources.now(fixture.server());
        for (int i = 0; i < 200; i++) {
            try (var socket = new Socket("127.0.0.1", fixture.address().getPort())) {
                socket.getOutputStream().write(("victim" + i + "\nhalf a mess").getBytes(StandardCharsets.US_ASCII));
                socket.setSoLinger(true, 0); // close() sends RST
            }
        }
        long worst = pair.roundTripMillis("after resets");
        var after = Resources.awaitBaseline(fixture.server(), baseline);
        report("resets-200", worst, baseline, after, "");
        after.assertNoLeakSince(baseline);
    }

    @Test
    @DisplayName("a client flooding 50,000 messages is slowed down, then cut off for excess flood; the others chat on")
    void flood() throws Exception {
        fixture.start(ServerConfig.defaults());
        var pair = Pair.join(fixture);
        var baseline = Resources.now(fixture.server());
        try (var flooder = new Socket("127.0.0.1", fixture.address().getPort())) {
            Thread writer = TestClient.flood(flooder.getOutputStream(), "flooder");
            // 500 KB sent at once is far beyond what the server leaves unread for a throttled
            // client: its first lines are delivered (the burst), then it is cut off.
            pair.bob.expectExactLine("* flooder left the chat (excess flood)");
            long worst = 0;
            for (int i = 0; i < 10; i++) {
                worst = Math.max(worst, pair.roundTripMillis("flood " + i));
            }
            flooder.setSoLinger(true, 0);
            flooder.close();
            writer.join(TestClient.TIMEOUT);
            // The server notices the reset at its next read: the flooder's throttled lines come
            // first, but no more than 10 s of them before it is cut off for excess flood.
            var after = Resources.awaitBaseline(fixture.server(), baseline, Duration.ofSeconds(30));
            report("flood-50000", worst, baseline, after, "");
            assertThat(worst).isLessThan(LATENCY_BOUND.toMillis());
            after.assertNoLeakSince(baseline);
        }
    }

    @Test
    @DisplayName("a member that stops reading while another floods the room is dropped for SendQ; the others chat on")
    void stalledReaderDuringFlood() throws Exception {
        fixture.start(ServerConfig.builder().maxRate(0).sendQueueBytes(64 * 1024).build());
        var pair = Pair.join(fixture);
        var baseline = Resources.now(fixture.server());
        TestClient stalled = fixture.track(TestClient.connectStalled(fixture.address(), "stalled", 4096));
        stalled.send("stalled");
        pair.bob.expectExactLine("* stalled joined the chat");

        // 20 KB a round from alice, read by alice and bob in the round trip that follows; the
        // stalled member's share piles up in its queue and the kernel's buffers (a few MiB on
        // loopback) until the 64 KiB queue overflows.
        byte[] burst = ("x".repeat(500) + "\n").repeat(40).getBytes(StandardCharsets.US_ASCII);
        String dropped = "* stalled left the chat (too slow to keep up: SendQ exceeded)";
        boolean bobSawTheDrop = false;
        long worst = 0;
        int rounds = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!bobSawTheDrop && rounds < 2_000 && System.nanoTime() < deadline) {
            pair.alice.sendRaw(burst);
            long start = System.nanoTime();
            String tag = "rt " + rounds++;
            pair.alice.send(tag);
            bobSawTheDrop = pair.bob.collectUntil(("alice: " + tag)::equals, tag, TestClient.TIMEOUT).contains(dropped);
            pair.bob.send(tag);
            pair.alice.expectExactLine("bob: " + tag);
            worst = Math.max(worst, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        assertThat(bobSawTheDrop).as("bob was told the stalled member was dropped").isTrue();
        assertThat(fixture.server().memberCount()).isEqualTo(2);
        worst = Math.max(worst, pair.roundTripMillis("after"));
        stalled.close();
        var after = Resources.awaitBaseline(fixture.server(), baseline);
        report("stalled-reader", worst, baseline, after, "flood_rounds=" + rounds);
        assertThat(worst).isLessThan(LATENCY_BOUND.toMillis());
        after.assertNoLeakSince(baseline);
    }

    private static long usedHeapAfterGcMiB() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    private static void report(String scenario, long worstMillis, Resources before, Resources after, String extra) {
        System.out.printf("ABUSE scenario=%s others_worst_round_trip_ms=%d connections=%d->%d threads=%d->%d fds=%s->%s %s%n",
                scenario, worstMillis, before.connections, after.connections, before.threads, after.threads,
                before.fds.isPresent() ? before.fds.getAsLong() : "n/a",
                after.fds.isPresent() ? after.fds.getAsLong() : "n/a", extra);
    }

    /// Two ordinary members, alice and bob, and the round trip of a message between them.
    private record Pair(TestClient alice, TestClient bob) {

        static Pair join(ServerFixture fixture) {
            var alice = fixture.joinPlain("alice");
            var bob = fixture.joinPlain("bob");
            alice.expectExactLine("* bob joined the chat");
            return new Pair(alice, bob);
        }

        /// Alice says something and waits until bob has it and she has her own copy back.
        long roundTripMillis(String tag) {
            long start = System.nanoTime();
            alice.send("rt " + tag);
            bob.expectExactLine("alice: rt " + tag);
            bob.send("rt " + tag);
            alice.expectLine(line -> line.equals("bob: rt " + tag), "bob's answer");
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    /// What the server holds: connections, platform threads, open file descriptors.
    private record Resources(int connections, int threads, OptionalLong fds) {

        static Resources now(ChatServer server) throws IOException {
            Path fdDir = Path.of("/proc/self/fd");
            OptionalLong fds = OptionalLong.empty();
            if (Files.isDirectory(fdDir)) {
                try (var list = Files.list(fdDir)) {
                    fds = OptionalLong.of(list.count());
                }
            }
            return new Resources(server.connectionCount(), Thread.getAllStackTraces().size(), fds);
        }

        /// Waits (bounded) until connections and descriptors are back to `baseline`.
        static Resources awaitBaseline(ChatServer server, Resources baseline) throws Exception {
            return awaitBaseline(server, baseline, TestClient.TIMEOUT);
        }

        static Resources awaitBaseline(ChatServer server, Resources baseline, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            Resources now = now(server);
            while (System.nanoTime() < deadline && !now.withinBaseline(baseline)) {
                Thread.sleep(20);
                now = now(server);
            }
            return now;
        }

        boolean withinBaseline(Resources baseline) {
            boolean fdsBack = fds.isEmpty() || baseline.fds.isEmpty() || fds.getAsLong() <= baseline.fds.getAsLong() + 2;
            return connections <= baseline.connections && fdsBack;
        }

        void assertNoLeakSince(Resources baseline) {
            assertThat(connections).as("connections").isLessThanOrEqualTo(baseline.connections);
            assertThat(threads).as("platform threads").isLessThanOrEqualTo(baseline.threads + 2);
            if (fds.isPresent() && baseline.fds.isPresent()) {
                assertThat(fds.getAsLong()).as("file descriptors").isLessThanOrEqualTo(baseline.fds.getAsLong() + 2);
            }
        }
    }
}
