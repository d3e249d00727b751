package chatroom.server;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.LineDecoder;
import chatroom.protocol.Parsed;
import chatroom.protocol.irc.IrcMessage;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static chatroom.server.IrcTestSupport.abuseConfig;
import static chatroom.server.IrcTestSupport.alsoJoinPlain;
import static chatroom.server.IrcTestSupport.answers;
import static chatroom.server.IrcTestSupport.crlf;
import static chatroom.server.IrcTestSupport.joinChannel;
import static chatroom.server.IrcTestSupport.register;
import static chatroom.server.IrcTestSupport.shorten;
import static chatroom.server.IrcTestSupport.sync;
import static chatroom.server.IrcTestSupport.syncStructured;
import static chatroom.server.IrcTestSupport.wellFormed;
import static org.assertj.core.api.Assertions.assertThat;

/// Random IRC lines, valid and not, from a registered IRC member and from connections that
/// have only opened the IRC dialect: every known verb and unknown ones, numerics, random
/// parameters, tags and sources, Unicode, control characters, NUL, a lone CR, invalid UTF-8
/// and over-long lines. Each line is followed by a `PING`, so its answer is what arrives before
/// the `PONG`. A line too long gets one `417`, a line refused for its form one `NOTICE`, an
/// empty line nothing; every line the server sends is one well-formed IRC line, the
/// connection stays open (a `PING` still gets its `PONG`), nothing is logged as an error, and
/// the watchers of all three dialects go on chatting.
///
/// One real server serves every try. `v2watch` (structured, version 2) created `#alpha`;
/// `ircwatch` (IRC), `capwatch` (IRC with every capability), `plainwatch` (plain) and the
/// `fuzzer` (IRC) are in `#lobby` and `#alpha`.
@Label("IRC fuzzing: random IRC lines are answered, the others unharmed")
class IrcFuzzTest {

    private static final Duration CLEANUP_BOUND = Duration.ofSeconds(10);
    private static final int SLACK = 2;
    private static final int MEMBERS = 5;
    private static final String ALL_CAPABILITIES = "cap-notify multi-prefix userhost-in-names extended-join"
            + " away-notify server-time message-tags echo-message";
    /// The commands of the dialect (those the issue asks for, whether or not they exist yet),
    /// and some that other IRC servers know. QUIT, OPER with a password and KILL are sent only
    /// in forms that cannot end the connection (see [#lines]).
    private static final List<String> VERBS = List.of("CAP", "PASS", "NICK", "USER", "PING", "PONG", "JOIN", "PART",
            "PRIVMSG", "NOTICE", "TOPIC", "NAMES", "LIST", "WHO", "WHOIS", "WHOWAS", "KICK", "INVITE", "MODE", "AWAY",
            "ISON", "USERHOST", "OPER", "MOTD", "LUSERS", "VERSION", "TIME", "ADMIN", "INFO", "SETNAME",
            "CHATHISTORY", "BATCH", "TAGMSG", "AUTHENTICATE", "MONITOR", "KNOCK", "WALLOPS", "STATS", "LINKS",
            "HELP", "SQUIT", "CONNECT", "REHASH", "DIE", "RESTART", "SERVICE", "SUMMON", "USERS", "TRACE");

    private static LogRecorder severe;
    private static ServerFixture fixture;
    private static ChatServer server;
    private static TestClient fuzzer;
    private static TestClient ircWatch;
    private static TestClient capWatch;
    private static TestClient plainWatch;
    private static TestClient v2Watch;
    private static ProcessResources baseline;
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final AtomicInteger LINES = new AtomicInteger();
    private static final AtomicInteger TOO_LONG = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger SILENT = new AtomicInteger();
    private static final AtomicInteger PARSED = new AtomicInteger();
    private static final AtomicInteger STRANGERS_REGISTERED = new AtomicInteger();
    private static final AtomicInteger CHECKS = new AtomicInteger();

    @BeforeContainer
    static void startServer() {
        severe = LogRecorder.severe();
        fixture = new ServerFixture();
        server = fixture.start(abuseConfig().build());
        v2Watch = fixture.joinVersion2("v2watch");
        v2Watch.send("JOIN room=#alpha");
        v2Watch.expectLine("JOINED room=#alpha name=v2watch ts=\\S+");
        ircWatch = register(fixture, "ircwatch");
        capWatch = register(fixture, "capwatch", ALL_CAPABILITIES);
        plainWatch = fixture.joinPlain("plainwatch");
        fuzzer = register(fixture, "fuzzer");
        for (var irc : List.of(ircWatch, capWatch, fuzzer)) {
            joinChannel(irc, "#alpha");
        }
        alsoJoinPlain(plainWatch, "#alpha");
        drainWatchers();
        baseline = ProcessResources.now();
    }

    @AfterContainer
    static void stopServer() {
        // Closed in reverse order, the server first; a null one (a failed start) is skipped.
        try (var recorder = severe; var server = fixture) {
            // Nothing to do but close them.
        }
    }

    @Property(tries = 120)
    @Label("a registered member: one 417 or NOTICE per refused line, never ERROR, PING answered")
    void registeredMember(@ForAll("lines") List<byte[]> lines) {
        TRIES.incrementAndGet();
        renewFuzzerIfClosed();
        sync(fuzzer);
        for (byte[] line : lines) {
            checkAnswer(line, answersTo(fuzzer, line));
        }
        assertThat(fuzzer.isClosed()).as("the fuzzer's connection is closed").isFalse();
    }

    /// A fuzzer whose connection a failed try closed is replaced, so that jqwik can go on
    /// shrinking the failure to its smallest form.
    private static void renewFuzzerIfClosed() {
        if (fuzzer.isClosed()) {
            fuzzer.close();
            ServerFixture.awaitCount("the members", server::memberCount, MEMBERS - 1);
            fuzzer = register(fixture, "fuzzer");
            joinChannel(fuzzer, "#alpha");
        }
    }

    /// [IrcTestSupport#answers], failing with the line that got no `PONG`.
    private static List<String> answersTo(TestClient client, byte[] line) {
        try {
            return answers(client, line);
        } catch (AssertionError | java.io.UncheckedIOException e) {
            throw new AssertionError("no PONG after " + show(line), e);
        }
    }

    @Property(tries = 40)
    @Label("a connection that only opened IRC: the same, and it may register or not")
    void unregisteredConnection(@ForAll("openers") String opener, @ForAll("lines") List<byte[]> lines) {
        int tag = TRIES.incrementAndGet();
        TestClient stranger = fixture.connect("stranger" + tag);
        try {
            // A nick of its own: the fuzzer may have taken "stranger" by now.
            answers(stranger, crlf(opener.replace("stranger", "stranger" + tag))).forEach(IrcTestSupport::wellFormed);
            for (byte[] line : lines) {
                checkAnswer(line, answersTo(stranger, line));
            }
            assertThat(stranger.isClosed()).as("the stranger's connection is closed").isFalse();
            if (server.memberCount() > MEMBERS) {
                STRANGERS_REGISTERED.incrementAndGet();
            }
            stranger.send("QUIT\r");
            stranger.awaitClosed();
        } finally {
            stranger.close();
        }
        ServerFixture.awaitCount("the members", server::memberCount, MEMBERS);
    }

    @AfterProperty
    void othersUnharmed() {
        assertThat(answers(fuzzer, new byte[0])).as("what the fuzzer had still to read")
                .allSatisfy(line -> assertThat(wellFormed(line).command()).isNotEqualTo("ERROR"));
        drainWatchers();
        int check = CHECKS.incrementAndGet();
        ircWatch.send("PRIVMSG #alpha :still here " + check + "\r");
        capWatch.expectLine(line -> line.endsWith(":ircwatch!ircwatch@chatroom PRIVMSG #alpha :still here " + check
                + "\r"), "ircwatch's message");
        plainWatch.expectLine("(\\* \\[#alpha\\] )?ircwatch: still here " + check);
        v2Watch.expectLine("MSG room=#alpha id=\\d+ ts=\\S+ from=ircwatch :still here " + check);
        assertThat(IrcTestSupport.names(ircWatch, "ircwatch", "#alpha"))
                .contains("v2watch", "ircwatch", "capwatch", "plainwatch");
        var now = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);
        System.out.printf("FUZZ irc tries=%d lines=%d too_long=%d refused=%d silent=%d parsed=%d"
                        + " strangers_registered=%d members=%d threads=%d->%d fds=%s->%s severe_chars=%d%n",
                TRIES.get(), LINES.get(), TOO_LONG.get(), REFUSED.get(), SILENT.get(), PARSED.get(),
                STRANGERS_REGISTERED.get(), server.memberCount(), baseline.platformThreads(), now.platformThreads(),
                baseline.describeFds(), now.describeFds(), severe.recorded().length());
        assertThat(server.memberCount()).as("members").isEqualTo(MEMBERS);
        assertThat(now.platformThreads()).as("platform threads").isLessThanOrEqualTo(baseline.platformThreads() + SLACK);
        assertThat(now.fdsWithin(baseline, SLACK)).as("file descriptors").isTrue();
        assertThat(severe.recorded()).as("what the server logged at SEVERE/ERROR").isEmpty();
    }

    // ---------------------------------------------------------------- checks

    /// Reads what the watchers were sent since the last time: every line readable in its dialect.
    private static void drainWatchers() {
        for (var irc : List.of(ircWatch, capWatch)) {
            sync(irc).forEach(IrcTestSupport::wellFormed);
        }
        AbuseSupport.sync(plainWatch).forEach(IrcTestSupport::printable);
        syncStructured(v2Watch).forEach(IrcTestSupport::printable);
    }

    /// Checks the answer to `line`. Only the server's own lines (`:chatroom …`) count as its
    /// answer: others' doings (a stranger's QUIT) may arrive at any time.
    private static void checkAnswer(byte[] line, List<String> answer) {
        LINES.incrementAndGet();
        String shown = show(line);
        List<IrcMessage> messages = answer.stream().map(IrcTestSupport::wellFormed).toList();
        List<IrcMessage> replies = messages.stream()
                .filter(message -> message.source().filter("chatroom"::equals).isPresent()).toList();
        assertThat(messages).as("the answer to %s", shown).noneMatch(message -> message.command().equals("ERROR"));
        switch (expected(line)) {
            case Expected.TooLong tooLong -> {
                assertThat(replies).as("the answer to %s", shown).hasSize(1);
                assertThat(replies.getFirst().command()).as("the answer to %s", shown).isEqualTo("417");
                TOO_LONG.incrementAndGet();
            }
            case Expected.Refused refused -> {
                assertThat(replies).as("the answer to %s", shown).hasSize(1);
                assertThat(replies.getFirst().command()).as("the answer to %s", shown).isEqualTo("NOTICE");
                REFUSED.incrementAndGet();
            }
            case Expected.Silent silent -> {
                assertThat(replies).as("the answer to %s", shown).isEmpty();
                SILENT.incrementAndGet();
            }
            case Expected.Message parsed -> PARSED.incrementAndGet();
        }
    }

    /// What a line deserves, from its bytes alone.
    sealed interface Expected {
        /// Longer than 512 bytes without its tags or 8,191 of tags: `417`.
        record TooLong() implements Expected {
        }

        /// Not UTF-8, a control character, or not an IRC message: one `NOTICE`.
        record Refused() implements Expected {
        }

        /// Empty or blank: nothing.
        record Silent() implements Expected {
        }

        /// An IRC message: answered as its command says.
        record Message(IrcMessage message) implements Expected {
        }
    }

    /// Decodes `line` as the server's IRC connection does (its line limit, CTCP's marker allowed).
    static Expected expected(byte[] line) {
        List<Parsed<String>> decoded = new ArrayList<>();
        var decoder = new LineDecoder(IrcMessage.MAX_TAGGED_LINE_BYTES);
        decoder.allowCtcpMarker();
        decoder.decode(ByteBuffer.wrap(line), decoded::add);
        if (decoded.size() != 1) {
            throw new IllegalArgumentException("not one line: " + show(line));
        }
        return switch (decoded.getFirst()) {
            case Parsed.Invalid<String>(ErrorCode code, String detail) ->
                    code == ErrorCode.FRAME_TOO_LONG ? new Expected.TooLong() : new Expected.Refused();
            case Parsed.Ok<String>(String text) -> switch (IrcMessage.parse(text)) {
                case Parsed.Invalid<IrcMessage>(ErrorCode code, String detail) -> switch (code) {
                    case FRAME_TOO_LONG -> new Expected.TooLong();
                    case EMPTY_TEXT -> new Expected.Silent();
                    default -> new Expected.Refused();
                };
                case Parsed.Ok<IrcMessage>(IrcMessage message) -> new Expected.Message(message);
            };
        };
    }

    private static String show(byte[] line) {
        return "\"" + shorten(new String(line, StandardCharsets.UTF_8)) + "\" (" + line.length + " bytes)";
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> openers() {
        return Arbitraries.of("CAP LS 302", "CAP LS", "NICK stranger", "NICK fuzzer", "USER u 0 * :U", "PASS x",
                "cap ls", "CAP REQ :message-tags", "NICK é", "USER ", "NICK stranger\r\nUSER u 0 * :U",
                "CAP LS 302\r\nNICK stranger\r\nUSER u 0 * :U\r\nCAP END");
    }

    /// Lines ending in CR LF or LF, and none of those that would end the connection (`QUIT`,
    /// `KILL`, `OPER` with a password: three wrong ones close it).
    @Provide
    Arbitrary<List<byte[]>> lines() {
        Arbitrary<byte[]> text = Combinators.combine(Arbitraries.frequencyOf(
                                Tuple.of(10, message()),
                                Tuple.of(1, Arbitraries.of(FIXED))),
                        Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("\r\n")), Tuple.of(1, Arbitraries.just("\n"))))
                .as((line, end) -> (line + end).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                        Tuple.of(8, text),
                        Tuple.of(1, text.flatMap(IrcFuzzTest::damaged)),
                        Tuple.of(1, garbage()))
                .filter(IrcFuzzTest::isOneLine)
                .filter(line -> !(expected(line) instanceof Expected.Message(IrcMessage message) && endsConnection(message)))
                .list().ofMinSize(1).ofMaxSize(12);
    }

    private static boolean endsConnection(IrcMessage message) {
        return switch (message.verb()) {
            case "QUIT", "KILL" -> true;
            case "OPER" -> !message.params().isEmpty();
            default -> false;
        };
    }

    /// Only the last byte is a `\n`.
    private static boolean isOneLine(byte[] line) {
        for (int i = 0; i < line.length - 1; i++) {
            if (line[i] == '\n') {
                return false;
            }
        }
        return line.length > 0 && line[line.length - 1] == '\n';
    }

    private static final List<String> FIXED = List.of("", " ", ":", "@", "@ ", ": PING", ":x", ":a b", "@a=b",
            "CAP", "CAP :", "CAP ::", "CAP LS :x y", "CAP LS 99999999999999999999", "CAP REQ :", "CAP REQ ::x",
            "CAP REQ :-", "CAP REQ :" + "sasl ".repeat(80), "CAP END", "USER u 0 * :U", "NICK newnick",
            "CAP LIST extra words here", "NICK", "NICK :",
            "NICK ::x", "NICK :a b", "NICK " + "n".repeat(400), "USER", "USER a", "JOIN", "JOIN ,", "JOIN a,,b",
            "JOIN 0", "JOIN :", "JOIN #" + "c".repeat(400), "PART ,", "PART ::x", "PRIVMSG", "PRIVMSG #lobby",
            "PRIVMSG #lobby :", "PRIVMSG ,,, :x", "PRIVMSG " + "t".repeat(450) + " :x", "NOTICE , :x",
            "MODE #lobby :+ x", "MODE #lobby :+:", "MODE", "MODE fuzzer :+ :", "TOPIC :", "TOPIC ::x", "NAMES a,,b",
            "NAMES :", "PING", "PING :", "PONG", "001 x", "433 * a :b", "999", "AWAY :", "WHO", "WHO :", "WHOIS",
            "WHOIS ::", "LIST", "LIST :", "KICK #alpha ircwatch :x", "INVITE", "INVITE : #alpha", "OPER",
            "PRIVMSG #lobby :\u0001ACTION", "PRIVMSG #lobby :\u0001\u0001", "PRIVMSG #lobby :\u0001VERSION\u0001");

    /// `@tags :source VERB params :trailing`, each part random and often missing.
    private static Arbitrary<String> message() {
        Arbitrary<String> separator = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(" ")),
                Tuple.of(1, Arbitraries.just("  ")), Tuple.of(1, Arbitraries.just("\t")));
        Arbitrary<List<String>> middles = Arbitraries.frequencyOf(
                Tuple.of(8, param().list().ofMaxSize(3)),
                Tuple.of(1, param().list().ofMinSize(13).ofMaxSize(20)));
        return Combinators.combine(tags(), source(), verb(), middles, trailing(), separator)
                .as((tags, source, verb, params, trailing, sep) -> tags + source + verb
                        + (params.isEmpty() ? "" : sep + String.join(sep, params)) + trailing);
    }

    private static Arbitrary<String> tags() {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("msgid", "time", "label", "batch", "+draft/reply", "+typing", "a",
                        "example.com/x", "+example.com/y")),
                Tuple.of(1, Arbitraries.of("", "=", "+", "a/", "/a", "é", "a b")));
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.strings().withChars("ab;\\:srn0 é").ofMaxLength(8),
                Arbitraries.of("\\r\\n", "\\", "\\\\", "x\\", "\\0", "\\q", "a\\sb"));
        Arbitrary<String> tag = Combinators.combine(key, value.optional()).as((k, v) -> k + v.map(x -> "=" + x).orElse(""));
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("")),
                Tuple.of(2, tag.list().ofMinSize(1).ofMaxSize(6).map(list -> "@" + String.join(";", list) + " ")),
                Tuple.of(1, Arbitraries.integers().between(100, 2_100).map(n -> "@" + "a=1;".repeat(n) + " ")),
                Tuple.of(1, Arbitraries.integers().between(8_150, 8_200).map(n -> "@b=" + "v".repeat(n - 4) + " ")));
    }

    private static Arbitrary<String> source() {
        return Arbitraries.frequencyOf(
                Tuple.of(16, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.of(":fuzzer ", ":ircwatch!ircwatch@chatroom ", ": ", ":chatroom ", ":a!b@c ")),
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12).map(text -> ":" + text + " ")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(12).map(text -> ":" + text.replace(" ", "") + " ")));
    }

    private static Arbitrary<String> verb() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(VERBS)),
                Tuple.of(8, Arbitraries.of("JOIN", "PART", "PRIVMSG", "NOTICE", "TOPIC", "NAMES", "MODE", "NICK", "CAP",
                        "PING", "USER", "PASS")),
                Tuple.of(2, Arbitraries.of(VERBS).map(verb -> verb.toLowerCase(Locale.ROOT))),
                Tuple.of(1, Arbitraries.of("001", "005", "353", "433", "999", "000", "1234", "01")),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)),
                Tuple.of(1, Arbitraries.of("", "PRIV-MSG", "#x", ":x", "@", "é", "PRIVMSG\u0000", "\u0001ACTION")));
    }

    /// One middle parameter (or something that tries to be one).
    private static Arbitrary<String> param() {
        Arbitrary<String> channel = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("#lobby", "#alpha", "#ALPHA", "#nowhere", "#", "##", "#\u00fcber", "&x", "0",
                        "*")),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMinLength(1)
                        .ofMaxLength(40).map(text -> "#" + text)));
        Arbitrary<String> nick = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("fuzzer", "ircwatch", "capwatch", "plainwatch", "v2watch", "nobody",
                        "IRCWATCH", "chatroom", "*", "\u00e9l\u00e8ve", "n!u@h")),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().withChars('_', '-', '[', ']', '{', '}', '|', '^')
                        .ofMinLength(1).ofMaxLength(40)));
        Arbitrary<String> list = Arbitraries.oneOf(channel, nick, Arbitraries.just("")).list().ofMinSize(2).ofMaxSize(8)
                .map(items -> String.join(",", items));
        return Arbitraries.frequencyOf(
                Tuple.of(4, channel),
                Tuple.of(4, nick),
                Tuple.of(2, list),
                Tuple.of(2, Arbitraries.of("+o", "-o", "+b", "b", "+k", "+l", "5", "+nt", "-i", "+i", "+x", "LS", "302",
                        "REQ", "END", "LIST", "*!*@*", "0", "-1", "99999999999999999999", "%o", "latest", "*")),
                Tuple.of(2, Arbitraries.strings().withCharRange('!', '~').withChars("é€ü".toCharArray())
                        .ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(12)
                        .map(text -> text.replace(" ", "").replace("\n", ""))),
                Tuple.of(1, Arbitraries.of("\u0000", "\r", "\u0001", "\u0085", "\u2028", "\t", "\u00ad", "\uFEFF")),
                Tuple.of(1, Arbitraries.integers().between(100, 600).map("p"::repeat)))
                .filter(text -> !text.isEmpty() && !text.startsWith(":"));
    }

    private static Arbitrary<String> trailing() {
        Arbitrary<String> text = Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.strings().withCharRange(' ', '~').withChars("é€ü".toCharArray())
                                .ofMaxLength(40)),
                        Tuple.of(2, Arbitraries.strings().withChars("ab :;,#@!\\é€\u0001").ofMaxLength(40)),
                        Tuple.of(1, Arbitraries.strings().ofMaxLength(40)))
                .map(value -> value.replace("\n", " "));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(5, text.map(value -> " :" + value)),
                Tuple.of(1, Arbitraries.of(" :", " ::-)", " : ", " :\u0001ACTION waves\u0001", " :\u0001ACTION ")),
                Tuple.of(1, text.map(value -> " :\u0001ACTION " + value + "\u0001")),
                Tuple.of(1, Arbitraries.integers().between(300, 620).map(n -> " :" + "y".repeat(n))));
    }

    /// `line` with bytes a client should never send put in before its line end: invalid
    /// UTF-8, an over-long encoding of CR or LF, a NUL or a lone CR.
    private static Arbitrary<byte[]> damaged(byte[] line) {
        int end = line.length - (line.length >= 2 && line[line.length - 2] == '\r' ? 2 : 1);
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Math.max(0, end));
        Arbitrary<byte[]> bad = Arbitraries.of(new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC3, '('},
                new byte[]{(byte) 0xC0, (byte) 0x8D}, new byte[]{(byte) 0xC0, (byte) 0x8A},
                new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0x8A}, new byte[]{0}, new byte[]{'\r'},
                new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                        (byte) 0x80});
        return Combinators.combine(at, bad).as((i, b) -> {
            byte[] out = new byte[line.length + b.length];
            System.arraycopy(line, 0, out, 0, i);
            System.arraycopy(b, 0, out, i, b.length);
            System.arraycopy(line, i, out, i + b.length, line.length - i);
            return out;
        });
    }

    /// Random bytes (no `\n`) and a CR LF.
    private static Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(80).map(bytes -> {
            byte[] out = new byte[bytes.length + 2];
            for (int i = 0; i < bytes.length; i++) {
                out[i] = bytes[i] == '\n' ? (byte) ' ' : bytes[i];
            }
            out[bytes.length] = '\r';
            out[bytes.length + 1] = '\n';
            return out;
        });
    }
}
