package chatroom.server;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.ClientFrames;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.LineDecoder;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
import chatroom.protocol.Text;
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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/// Random structured frames from a version 2 member, valid and not: [ClientFrames] encodings
/// of frames with random attributes, those encodings damaged, and raw lines built from the
/// version 2 verbs. Each frame is followed by a `PING`, so its answer is what arrives before
/// the `PONG`. A frame refused for its form gets exactly one `ERROR` with the code
/// [ClientFrames#decode] gives it; any other frame gets at most one `ERROR`, and nothing else
/// with it; the connection stays open and a final `PING` is answered.
///
/// One real server serves every try; `framer` created `#alpha` and `#beta`, `peer` (version 2)
/// and `pal` (plain) are there to be named, kicked and written to.
@Label("frame fuzzing: every refused version 2 frame gets one ERROR")
class FrameFuzzTest {

    private static final Duration CLEANUP_BOUND = Duration.ofSeconds(10);
    private static final int SLACK = 2;

    private static LogRecorder severe;
    private static ServerFixture fixture;
    private static ChatServer server;
    private static TestClient framer;
    private static TestClient pal;
    private static ProcessResources baseline;
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final AtomicInteger FRAMES = new AtomicInteger();
    private static final AtomicInteger REFUSED_FOR_FORM = new AtomicInteger();
    private static final AtomicInteger REFUSED_OTHERWISE = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    @BeforeContainer
    static void startServer() {
        severe = LogRecorder.severe();
        fixture = new ServerFixture();
        server = fixture.start(ServerConfig.builder().maxRate(0).connectsPerMinute(0)
                .operatorPassword(Optional.of(ServerPassword.of("open sesame"))).build());
        framer = fixture.joinVersion2("framer");
        TestClient peer = fixture.joinVersion2("peer");
        pal = fixture.joinPlain("pal");
        for (String room : List.of("#alpha", "#beta")) {
            framer.send("JOIN room=" + room);
            framer.expectLine("JOINED room=" + room + " name=framer ts=\\S+");
        }
        peer.send("JOIN room=#alpha");
        peer.expectLine("JOINED room=#alpha name=peer ts=\\S+");
        answers(framer, "warm-up");
        baseline = ProcessResources.now();
    }

    @AfterContainer
    static void stopServer() {
        // Closed in reverse order, the server first; a null one (a failed start) is skipped.
        try (var recorder = severe; var server = fixture) {
            // Nothing to do but close them.
        }
    }

    @Property(tries = 50)
    @Label("each frame: one ERROR if refused, never more; the connection stays open; PING is answered")
    void everyRefusedFrameGetsOneError(@ForAll("frames") List<byte[]> frames) {
        int tag = TRIES.incrementAndGet();
        answers(framer, "before " + tag);
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            List<String> answer = answers(framer, frame, tag + "x" + i);
            assertThat(answer).as("the answer to %s", show(frame)).allSatisfy(FrameFuzzTest::hasNoControlCharacter);
            List<String> errors = answer.stream().filter(line -> line.startsWith("ERROR ")).toList();
            switch (expected(frame)) {
                case Expected.Refused(ErrorCode code) -> {
                    assertThat(answer).as("the answer to %s", show(frame)).hasSize(1);
                    assertThat(answer.getFirst()).as("the answer to %s", show(frame))
                            .matches("ERROR code=" + code.wire() + " :.+");
                    REFUSED_FOR_FORM.incrementAndGet();
                }
                case Expected.Any any -> {
                    assertThat(errors).as("errors in the answer to %s", show(frame)).hasSizeLessThanOrEqualTo(1);
                    if (!errors.isEmpty()) {
                        assertThat(answer).as("the answer to %s, refused", show(frame)).hasSize(1);
                        assertThat(errors.getFirst()).matches("ERROR code=[a-z-]+ :.+");
                        REFUSED_OTHERWISE.incrementAndGet();
                    } else {
                        ACCEPTED.incrementAndGet();
                    }
                }
            }
        }
        assertThat(framer.isClosed()).as("the framer's connection is closed").isFalse();
        FRAMES.addAndGet(frames.size());
    }

    @AfterProperty
    void healthyAfterwards() {
        assertThat(answers(framer, "final")).as("what came before the final PONG")
                .noneMatch(line -> line.startsWith("ERROR"));
        pal.send("still chatting");
        pal.expectExactLine("pal: still chatting");
        var now = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);
        System.out.printf("FUZZ frames tries=%d frames=%d refused_for_form=%d refused_otherwise=%d accepted=%d"
                        + " members=%d threads=%d->%d fds=%s->%s severe_chars=%d%n",
                TRIES.get(), FRAMES.get(), REFUSED_FOR_FORM.get(), REFUSED_OTHERWISE.get(), ACCEPTED.get(),
                server.memberCount(), baseline.platformThreads(), now.platformThreads(), baseline.describeFds(),
                now.describeFds(), severe.recorded().length());
        assertThat(server.memberCount()).as("members").isEqualTo(3);
        assertThat(now.platformThreads()).as("platform threads").isLessThanOrEqualTo(baseline.platformThreads() + SLACK);
        assertThat(now.fdsWithin(baseline, SLACK)).as("file descriptors").isTrue();
        assertThat(severe.recorded()).as("what the server logged at SEVERE/ERROR").isEmpty();
    }

    // ---------------------------------------------------------------- checks

    /// Sends `PING` and returns what arrived before its `PONG`.
    private static List<String> answers(TestClient client, String token) {
        return pingAfter(client, new byte[0], token.replace(' ', '-'));
    }

    /// Sends `frame`, its `\n` and a `PING` in one write; returns what arrived before the `PONG`.
    private static List<String> answers(TestClient client, byte[] frame, String token) {
        byte[] line = Arrays.copyOf(frame, frame.length + 1);
        line[frame.length] = '\n';
        return pingAfter(client, line, token);
    }

    private static List<String> pingAfter(TestClient client, byte[] before, String token) {
        String pong = "PONG token=Z" + token + "Q";
        byte[] ping = ("PING token=Z" + token + "Q\n").getBytes(StandardCharsets.US_ASCII);
        byte[] both = Arrays.copyOf(before, before.length + ping.length);
        System.arraycopy(ping, 0, both, before.length, ping.length);
        client.sendRaw(both);
        List<String> lines = client.collectUntil(pong::equals, "the " + pong, TestClient.TIMEOUT);
        return lines.subList(0, lines.size() - 1);
    }

    private static void hasNoControlCharacter(String line) {
        assertThat(line.codePoints().noneMatch(Text::isForbidden)).as("no control character in %s", line).isTrue();
    }

    /// What a frame deserves, from its bytes alone.
    sealed interface Expected {
        /// Refused for its form, with `code`: framing's or [ClientFrames#decode]'s.
        record Refused(ErrorCode code) implements Expected {
        }

        /// Well-formed: answered, or refused for what it asks, with one `ERROR`.
        record Any(ClientFrame frame) implements Expected {
        }
    }

    static Expected expected(byte[] frame) {
        List<Parsed<String>> lines = new ArrayList<>();
        byte[] line = Arrays.copyOf(frame, frame.length + 1);
        line[frame.length] = '\n';
        new LineDecoder().decode(ByteBuffer.wrap(line), lines::add);
        if (lines.size() != 1) {
            throw new IllegalArgumentException("not one line: " + lines);
        }
        return switch (lines.getFirst()) {
            case Parsed.Invalid<String>(ErrorCode code, String detail) -> new Expected.Refused(code);
            case Parsed.Ok<String>(String text) -> switch (ClientFrames.decode(text)) {
                case Parsed.Invalid<ClientFrame>(ErrorCode code, String detail) -> new Expected.Refused(code);
                case Parsed.Ok<ClientFrame>(ClientFrame decoded) -> new Expected.Any(decoded);
            };
        };
    }

    private static String show(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        return "\"" + (text.length() > 200 ? text.substring(0, 200) + "...(" + frame.length + " bytes)" : text) + "\"";
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<List<byte[]>> frames() {
        Arbitrary<String> line = Arbitraries.frequencyOf(
                Tuple.of(5, validFrame().map(ClientFrames::encode)),
                Tuple.of(2, validFrame().map(ClientFrames::encode).flatMap(FrameFuzzTest::damaged)),
                Tuple.of(4, rawLine()),
                Tuple.of(1, Arbitraries.of("", " ", "PING", "ping", "ROOMS", "rooms", "WHO", "HISTORY", "SAY",
                        "SAY :", "SAY : ", "JOIN room=", "JOIN room=#", "AWAY :", "KICK", "BAN room=#alpha",
                        "OPER", "OPER secret", "PASS", "HELLO v=2", "LOGIN name=framer", "CLOSE room=#alpha")));
        // No QUIT (the connection would end) and no well-formed OPER (a wrong password holds
        // the connection for 2 s).
        return line.map(text -> text.getBytes(StandardCharsets.UTF_8))
                .filter(FrameFuzzTest::isOneLine)
                .filter(frame -> !(expected(frame) instanceof Expected.Any(ClientFrame decoded)
                        && (decoded instanceof ClientFrame.Quit || decoded instanceof ClientFrame.Oper)))
                .list().ofMinSize(1).ofMaxSize(15);
    }

    private static boolean isOneLine(byte[] frame) {
        for (byte b : frame) {
            if (b == '\n') {
                return false;
            }
        }
        return true;
    }

    private static Arbitrary<ClientFrame> validFrame() {
        Arbitrary<Optional<Target>> to = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Optional.<Target>empty())),
                Tuple.of(3, room().map(Optional::<Target>of)),
                Tuple.of(3, name().map(Optional::<Target>of)));
        Arbitrary<OptionalLong> since = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(OptionalLong.empty())),
                Tuple.of(1, Arbitraries.longs().between(0, Long.MAX_VALUE).map(OptionalLong::of)));
        Arbitrary<Optional<String>> optionalShort = shortText().map(t -> t.isBlank() ? Optional.<String>empty()
                : Optional.of(t));
        return Arbitraries.oneOf(
                Combinators.combine(to, message(), Arbitraries.of(true, false)).as(ClientFrame.Say::new),
                Combinators.combine(room(), since, Arbitraries.of("", "sesame", "k3y!")
                        .map(key -> key.isEmpty() ? Optional.<String>empty() : Optional.of(key)))
                        .as(ClientFrame.Join::new),
                Combinators.combine(room(), name()).as(ClientFrame.Invite::new),
                Combinators.combine(room(), shortText()).as(ClientFrame.Part::new),
                Combinators.combine(room(), optionalShort).as(ClientFrame.Topic::new),
                optionalShort.map(ClientFrame.Away::new),
                Arbitraries.just(new ClientFrame.ListRooms()),
                room().map(ClientFrame.Who::new),
                Combinators.combine(Arbitraries.oneOf(room(), name()), since).as(ClientFrame.History::new),
                Combinators.combine(room(), name(), shortText()).as(ClientFrame.Kick::new),
                Combinators.combine(room(), Arbitraries.of(Moderation.class), name(), address())
                        .as(FrameFuzzTest::moderate),
                name().map(ClientFrame.Nick::new),
                token().map(ClientFrame.Ping::new),
                token().map(ClientFrame.Pong::new),
                Combinators.combine(Arbitraries.integers().between(1, 3), token()).as(ClientFrame.Hello::new),
                Combinators.combine(name(), since).as(ClientFrame.Login::new),
                message().filter(t -> Text.checkPassword(t) instanceof Parsed.Ok<String>).map(ClientFrame.Pass::new));
    }

    private static ClientFrame moderate(RoomName room, Moderation action, Name name, String address) {
        Optional<String> target = switch (action.argument()) {
            case NONE -> Optional.empty();
            case NAME -> Optional.of(name.value());
            case NAME_OR_ADDRESS -> Optional.of(address.isEmpty() ? name.value() : address);
            case KEY -> Optional.of("sesame");
            case LIMIT -> Optional.of(address.isEmpty() ? "1" : "50");
        };
        return new ClientFrame.Moderate(room, action, target);
    }

    /// An encoded frame with one character inserted, replaced or removed, or its verb's case changed.
    private static Arbitrary<String> damaged(String frame) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, frame.length());
        Arbitrary<String> what = Arbitraries.of(" ", ":", "=", "#", "\t", "\u00e9", "  ", "x", " :", "=#");
        return Arbitraries.oneOf(
                Combinators.combine(at, what).as((i, w) -> frame.substring(0, i) + w + frame.substring(i)),
                Combinators.combine(at, what).as((i, w) -> frame.substring(0, Math.max(0, i - 1)) + w
                        + frame.substring(i)),
                at.map(i -> frame.substring(0, Math.max(0, i - 1)) + frame.substring(i)),
                Arbitraries.just(frame.toLowerCase(java.util.Locale.ROOT)));
    }

    /// A line built from the version 2 verbs (and some others) with random attributes.
    private static Arbitrary<String> rawLine() {
        Arbitrary<String> verb = Arbitraries.of("JOIN", "PART", "SAY", "TOPIC", "AWAY", "ROOMS", "WHO", "HISTORY",
                "KICK", "OP", "DEOP", "BAN", "UNBAN", "MUTE", "UNMUTE", "LOCK-TOPIC", "UNLOCK-TOPIC", "CLOSE", "NICK",
                "INVITE", "VOICE", "MODERATE", "INVITE-ONLY", "PUBLIC", "SET-KEY", "CLEAR-KEY", "SET-LIMIT",
                "PING", "PONG", "HELLO", "LOGIN", "PASS", "OPER", "join", "Say", "LOCK_TOPIC", "FROB", "", ":");
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("room", "to", "with", "name", "target", "since", "action", "token", "v",
                        "client", "room", "room", "key")),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(5)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(4)));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(4, room().map(RoomName::value)),
                Tuple.of(3, name().map(Name::value)),
                Tuple.of(2, Arbitraries.of("", "0", "1", "-1", "2", "99999999999999999999", "#", "##", "a:b",
                        "=", "x=y", "#a b", "127.0.0.1", "::1", "10.0.0.0/8", "\u00e9")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(33).ofMaxLength(300)));
        Arbitrary<String> attributes = Combinators.combine(key, value).as((k, v) -> k + "=" + v)
                .list().ofMaxSize(4).map(list -> String.join(" ", list));
        Arbitrary<String> trailing = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(3, message().map(t -> " :" + t)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(30).map(t -> " :" + t)),
                Tuple.of(1, Arbitraries.integers().between(380, 5_000).map(n -> " :" + "y".repeat(n))),
                Tuple.of(1, Arbitraries.integers().between(8_180, 8_400).map(n -> " :" + "z".repeat(n))));
        Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "  ", "\t");
        return Combinators.combine(verb, separator, attributes, trailing)
                .as((v, s, a, t) -> v + (a.isEmpty() ? "" : s + a) + t);
    }

    private static Arbitrary<RoomName> room() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.of("#lobby", "#alpha", "#beta", "#Alpha", "#nowhere", "#\u00fcber")),
                        Tuple.of(1, Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMinLength(1)
                                .ofMaxLength(32).map(t -> "#" + t)))
                .map(RoomName::of);
    }

    private static Arbitrary<Name> name() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.of("framer", "peer", "pal", "PEER", "nobody", "\u00e9l\u00e8ve")),
                        Tuple.of(1, Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMinLength(1)
                                .ofMaxLength(32)))
                .map(Name::new);
    }

    private static Arbitrary<String> address() {
        // Not ::1: an attribute cannot start with ':'.
        return Arbitraries.of("", "", "127.0.0.1", "127.0.0.9", "10.0.0.0/8", "2001:db8::7");
    }

    private static Arbitrary<String> token() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
    }

    /// A message text that the protocol accepts, now and then near or past the 4,096 bytes.
    private static Arbitrary<String> message() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.strings().ofMinLength(1).ofMaxLength(40)),
                        Tuple.of(1, Arbitraries.integers().between(4_000, 4_096).map("m"::repeat)),
                        Tuple.of(1, Arbitraries.integers().between(1_000, 1_365).map("\u00e9\u00e8"::repeat)))
                .filter(text -> Text.checkMessage(text) instanceof Parsed.Ok<String>);
    }

    private static Arbitrary<String> shortText() {
        return Arbitraries.frequencyOf(
                        Tuple.of(2, Arbitraries.just("")),
                        Tuple.of(4, Arbitraries.strings().ofMaxLength(40)),
                        Tuple.of(1, Arbitraries.integers().between(300, 390).map("s"::repeat)))
                .filter(text -> Text.checkShortText(text) instanceof Parsed.Ok<String>);
    }
}
