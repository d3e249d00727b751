package chatroom.server;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/// Whatever bytes a peer sends, in whatever pieces, and however it hangs up, the server stays
/// healthy: two ordinary members keep chatting, the peer's connection is cleaned up, nothing
/// is logged as an unexpected error, and no platform thread or file descriptor is left behind.
///
/// One real server serves every try (started once for the class); alice and bob join it once.
@Label("connection fuzzing: any peer, the others chat on")
class ConnectionFuzzTest {

    /// Far above an idle loopback round trip, far below anything a person would notice.
    private static final Duration ROUND_TRIP_BOUND = Duration.ofSeconds(5);
    private static final Duration CLEANUP_BOUND = Duration.ofSeconds(10);
    private static final int SLACK = 2;

    /// What the server logged at SEVERE/ERROR (its `System.Logger` goes to JUL).
    private static LogRecorder severe;
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static ServerFixture fixture;
    private static ChatServer server;
    private static TestClient alice;
    private static TestClient bob;
    private static ProcessResources baseline;
    private static long worstRoundTripMillis;

    @BeforeContainer
    static void startServer() {
        severe = LogRecorder.severe();
        fixture = new ServerFixture();
        // One attacker connection per try, all from 127.0.0.1: no per-address rate limit.
        server = fixture.start(ServerConfig.builder().maxRate(0).handshakeTimeout(Duration.ofSeconds(2))
                .connectsPerMinute(0).build());
        alice = fixture.joinPlain("alice");
        bob = fixture.joinPlain("bob");
        alice.expectExactLine("* bob joined the chat");
        startThreadsThatLiveForever();
        roundTripMillis("warm-up");
        baseline = ProcessResources.now();
    }

    @AfterContainer
    static void stopServer() {
        // Closed in reverse order, the server first; a null one (a failed start) is skipped.
        try (var recorder = severe; var server = fixture) {
            // Nothing to do but close them.
        }
    }

    @Property(tries = 60)
    @Label("after any attack the pair still chats, the connection is gone, nothing severe is logged, no thread is left")
    void anyPeerLeavesTheServerHealthy(@ForAll("attacks") Attack attack) throws Exception {
        TRIES.incrementAndGet();
        int severeBefore = severe.recorded().length();

        attack.perform(server);

        long tookMillis = roundTripMillis("try " + TRIES.get());
        assertThat(tookMillis).as("round trip between alice and bob").isLessThan(ROUND_TRIP_BOUND.toMillis());
        ServerFixture.await("the attacker's connection is gone", CLEANUP_BOUND, () -> server.connectionCount() == 2);
        assertThat(server.memberCount()).as("members").isEqualTo(2);
        assertThat(severe.recorded().substring(severeBefore)).as("what the server logged at SEVERE/ERROR").isEmpty();
        var now = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);
        assertThat(now.platformThreads()).as("platform threads").isLessThanOrEqualTo(baseline.platformThreads() + SLACK);
    }

    @AfterProperty
    void descriptorsAreBack() {
        var now = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);
        System.out.printf("FUZZ tries=%d worst_round_trip_ms=%d severe_chars=%d threads=%d->%d fds=%s->%s%n",
                TRIES.get(), worstRoundTripMillis, severe.recorded().length(), baseline.platformThreads(),
                now.platformThreads(), baseline.describeFds(), now.describeFds());
        assertThat(now.fdsWithin(baseline, SLACK)).as("file descriptors %s back to %s +- %d",
                now.describeFds(), baseline.describeFds(), SLACK).isTrue();
        assertThat(severe.recorded()).as("what the server logged at SEVERE/ERROR").isEmpty();
    }

    /// Starts the platform threads that JDK 25 starts once, on first need, and keeps for the
    /// life of their pool, so that the baseline has them and a try is not blamed for them:
    /// the virtual-thread scheduler's delay scheduler (first timed park of a virtual thread)
    /// and the writers' pool's (first held broadcast: a burst makes the room busy, and the
    /// message after a pacing window is held).
    private static void startThreadsThatLiveForever() {
        try {
            Thread.ofVirtual().start(() -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1))).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while warming up", e);
        }
        for (int i = 0; i < 120; i++) {
            alice.send("burst " + i);
        }
        bob.expectExactLine("alice: burst 119");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150));
    }

    /// Alice says something and waits until bob has it and she has his answer.
    private static long roundTripMillis(String tag) {
        long start = System.nanoTime();
        alice.send("rt " + tag);
        bob.expectExactLine("alice: rt " + tag);
        bob.send("rt " + tag);
        alice.expectExactLine("bob: rt " + tag);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        worstRoundTripMillis = Math.max(worstRoundTripMillis, took);
        return took;
    }

    // ---------------------------------------------------------------- what a peer does

    /// How the peer hangs up once it has sent everything.
    enum Ending {
        /// An ordinary close (a reset if the server's answers are still unread).
        CLOSE,
        /// `shutdownOutput`, then read until the server closes, as `nc -N` does.
        HALF_CLOSE,
        /// `SO_LINGER` 0: a reset, as from a crashed client's system.
        RESET
    }

    /// `payload` sent in `chunks` (sizes; the rest goes in one last piece), then `ending`.
    record Attack(byte[] payload, List<Integer> chunks, Ending ending) {

        void perform(ChatServer server) throws IOException {
            try (var socket = new Socket("127.0.0.1", server.address().getPort())) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                boolean open = send(out);
                switch (ending) {
                    case CLOSE -> {
                    }
                    case HALF_CLOSE -> {
                        if (open) {
                            socket.shutdownOutput();
                            drainUntilClosed(socket);
                        }
                    }
                    case RESET -> socket.setSoLinger(true, 0);
                }
            }
        }

        /// Returns `false` if the server closed the connection first (after a `QUIT`, say).
        private boolean send(OutputStream out) {
            int offset = 0;
            try {
                for (int size : chunks) {
                    int length = Math.min(size, payload.length - offset);
                    out.write(payload, offset, length);
                    out.flush();
                    offset += length;
                }
                out.write(payload, offset, payload.length - offset);
                out.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /// The server must close a half-closed connection once it has processed its input.
        private static void drainUntilClosed(Socket socket) throws IOException {
            socket.setSoTimeout((int) CLEANUP_BOUND.toMillis());
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[16 * 1024];
            long deadline = System.nanoTime() + CLEANUP_BOUND.toNanos();
            try {
                while (in.read(sink) >= 0) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("the server kept a half-closed connection open for " + CLEANUP_BOUND);
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept a half-closed connection open for " + CLEANUP_BOUND, e);
            } catch (IOException e) {
                // A reset after the server's close is as good as an end of stream.
            }
        }

        @Override
        public String toString() {
            String preview = new String(payload, 0, Math.min(payload.length, 300), StandardCharsets.ISO_8859_1);
            return "Attack[" + payload.length + " bytes in pieces " + chunks + ", then " + ending + ": "
                    + escape(preview) + (payload.length > 300 ? "..." : "") + "]";
        }

        private static String escape(String latin1) {
            var result = new StringBuilder();
            for (char c : latin1.toCharArray()) {
                if (c >= 0x20 && c < 0x7F && c != '\\') {
                    result.append(c);
                } else {
                    result.append(String.format("\\x%02X", (int) c));
                }
            }
            return result.toString();
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Attack> attacks() {
        Arbitrary<byte[]> payload = Arbitraries.frequencyOf(
                Tuple.of(1, randomBytes()),
                Tuple.of(4, lines().list().ofMinSize(1).ofMaxSize(12).map(ConnectionFuzzTest::concat)));
        Arbitrary<List<Integer>> chunks = Arbitraries.integers().between(1, 300).list().ofMaxSize(8);
        return Combinators.combine(payload, chunks, Arbitraries.of(Ending.class)).as(Attack::new);
    }

    private static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    /// One line of either dialect, valid or not, with some line end (or none).
    private static Arbitrary<byte[]> lines() {
        Arbitrary<String> body = Arbitraries.frequencyOf(
                Tuple.of(6, structuredFrame()),
                Tuple.of(3, plainLine()),
                Tuple.of(1, overLong()));
        Arbitrary<byte[]> bytes = body.map(line -> line.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> damaged = Arbitraries.frequencyOf(
                Tuple.of(3, bytes),
                Tuple.of(1, Combinators.combine(bytes, nastyBytes(), Arbitraries.integers().between(0, 10_000))
                        .as(ConnectionFuzzTest::insert)));
        Arbitrary<String> ending = Arbitraries.frequency(
                Tuple.of(8, "\n"),
                Tuple.of(3, "\r\n"),
                Tuple.of(1, "\r"),
                Tuple.of(1, "\r\r\n"),
                Tuple.of(1, ""));
        return Combinators.combine(damaged, ending)
                .as((line, end) -> concat(List.of(line, end.getBytes(StandardCharsets.US_ASCII))));
    }

    private static Arbitrary<String> structuredFrame() {
        Arbitrary<String> verb = Arbitraries.of("HELLO", "HELLO", "LOGIN", "LOGIN", "SAY", "SAY", "NICK", "PING",
                "PONG", "QUIT", "hello", "say", "FROB", "", "HELLO v=1");
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("v", "name", "since", "token", "client", "to", "v"),
                Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(4));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 3).map(String::valueOf),
                Arbitraries.of("", "999999999999999999999", "alice", "ALICE", "bob", "a:b", "*x*", "=", "x=y"),
                name(),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> attribute = Combinators.combine(key, value).as((k, v) -> k + "=" + v);
        Arbitrary<String> attributes = attribute.list().ofMaxSize(4).map(list -> String.join(" ", list));
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.strings().ofMaxLength(60).map(t -> " :" + t),
                Arbitraries.strings().withChars('a', ' ', ':', '\t').ofMaxLength(20).map(t -> " :" + t),
                Arbitraries.strings().withChars('y').ofMinLength(4090).ofMaxLength(4200).map(t -> " :" + t));
        Arbitrary<String> separator = Arbitraries.of(" ", " ", "  ", "\t");
        return Combinators.combine(verb, separator, attributes, text).as((v, s, a, t) -> v + (a.isEmpty() ? "" : s + a) + t);
    }

    private static Arbitrary<String> plainLine() {
        return Arbitraries.oneOf(
                name(),
                Arbitraries.of("/quit", " /QUIT ", "", "   ", "alice", "Bob", "/nick x", "* alice joined the chat"),
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars('z').ofMinLength(4090).ofMaxLength(4200));
    }

    /// Names, valid more often than not, so that peers often join and chat.
    private static Arbitrary<String> name() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMinLength(1).ofMaxLength(33),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(8).map(n -> "fz" + n),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12));
    }

    private static Arbitrary<String> overLong() {
        return Arbitraries.integers().between(8_180, 12_000)
                .flatMap(length -> Arbitraries.of("HELLO v=1 x=", "SAY :", "", "LOGIN name=")
                        .map(prefix -> prefix + "w".repeat(length)));
    }

    /// Bytes that framing must refuse (or must put back together when split): invalid and
    /// truncated UTF-8, overlong forms, surrogates, NUL, ESC, DEL, a lone CR, NEL, LS, PS.
    private static Arbitrary<byte[]> nastyBytes() {
        return Arbitraries.of(
                new byte[]{(byte) 0xFF},
                new byte[]{(byte) 0xC0, (byte) 0x80},
                new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xE2, (byte) 0x82},
                new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[]{0},
                new byte[]{0x1B, '[', '2', 'J'},
                new byte[]{0x7F},
                new byte[]{'\r'},
                new byte[]{(byte) 0xC2, (byte) 0x85},
                new byte[]{(byte) 0xE2, (byte) 0x80, (byte) 0xA8},
                new byte[]{(byte) 0xE2, (byte) 0x80, (byte) 0xA9},
                new byte[]{(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80});
    }

    private static byte[] insert(byte[] into, byte[] what, int position) {
        int at = position % (into.length + 1);
        byte[] result = new byte[into.length + what.length];
        System.arraycopy(into, 0, result, 0, at);
        System.arraycopy(what, 0, result, at, what.length);
        System.arraycopy(into, at, result, at + what.length, into.length - at);
        return result;
    }

    private static byte[] concat(List<byte[]> parts) {
        var out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
