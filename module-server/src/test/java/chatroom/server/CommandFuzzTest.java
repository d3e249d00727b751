package chatroom.server;

import chatroom.protocol.Command;
import chatroom.protocol.Commands;
import chatroom.protocol.LineDecoder;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/// Random command lines from plain members, next to an observer: a refused command is
/// answered with one `* Error:` line and seen by nobody else, any mix of commands leaves the
/// chat intact, and the server never closes the connection of a member that typed them.
///
/// One real server serves every try (started once for the class). Its fixed scene:
/// - `watcher`, a server operator, created `#alpha` and `#beta` (both with locked topics) and
///   `#jail`, where `fuzzer` is banned by name; only server operators may create rooms;
/// - `fuzzer` (from 127.0.0.2) is in `#lobby`, `#alpha` and `#beta`, an operator of none,
///   muted in `#beta`, which is its current room: so a plain message, `/me` and `/nick` are
///   refused too, and [#refusedForFuzzer] can tell every line's fate from the line alone.
@Label("command fuzzing: random commands are answered, refused ones seen by nobody")
class CommandFuzzTest {

    private static final Duration CLEANUP_BOUND = Duration.ofSeconds(10);
    private static final int SLACK = 2;
    private static final Set<String> FUZZER_ROOMS = Set.of("#lobby", "#alpha", "#beta");
    private static final Set<String> ROOMS = Set.of("#lobby", "#alpha", "#beta", "#jail");
    private static final Pattern ROOM_PREFIX = Pattern.compile("\\* \\[#[^\\]]+\\] (.*)");
    private static final List<Pattern> OWN_DOINGS = List.of(
            Pattern.compile("\\* \\[from (\\S+)\\] .+"),
            Pattern.compile("([^\\s:]+): .+"),
            Pattern.compile("\\* \\* (\\S+) .+"),
            Pattern.compile("\\* (\\S+) joined the chat"),
            Pattern.compile("\\* (\\S+) left the room(: .+)?"),
            Pattern.compile("\\* (\\S+) is now known as \\S+"),
            Pattern.compile("\\* Topic: .* \\(set by (\\S+)\\)"));

    private static LogRecorder severe;
    private static ServerFixture fixture;
    private static ChatServer server;
    private static TestClient watcher;
    private static TestClient fuzzer;
    private static ProcessResources baseline;
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final AtomicInteger SYNCS = new AtomicInteger();
    private static final AtomicInteger LINES = new AtomicInteger();
    private static final AtomicInteger ERRORS = new AtomicInteger();
    private static final AtomicInteger IGNORED = new AtomicInteger();
    private static final AtomicInteger SEEN_BY_WATCHER = new AtomicInteger();

    @BeforeContainer
    static void startServer() {
        severe = LogRecorder.severe();
        fixture = new ServerFixture();
        // Flood control and the private-message rate off, so that every refusal is the one the
        // line itself deserves; every member comes from loopback.
        server = fixture.start(ServerConfig.builder().maxRate(0).privateRate(0).connectsPerMinute(0)
                .roomCreation(RoomCreation.OPERATORS)
                .operatorPassword(Optional.of(ServerPassword.of("open sesame"))).build());
        watcher = fixture.joinPlain("watcher");
        fuzzer = fixture.joinPlainFrom("127.0.0.2", "fuzzer");
        startThreadsThatLiveForever();
        watcher.send("/oper open sesame");
        watcher.expectLine(line -> line.startsWith("* You are a server operator"), "the operator's welcome");
        for (String room : List.of("#jail", "#beta", "#alpha")) {
            watcher.send("/join " + room);
            watcher.expectExactLine("* watcher joined the chat");
        }
        for (String room : List.of("#alpha", "#beta")) {
            watcher.send("/locktopic " + room);
            fuzzer.send("/join " + room);
            fuzzer.expectExactLine("* fuzzer joined the chat");
        }
        watcher.send("/mute #beta fuzzer");
        fuzzer.expectExactLine("* watcher muted fuzzer");
        watcher.send("/ban #jail fuzzer");
        watcher.expectExactLine("* [#jail] watcher banned fuzzer");
        watcher.send("/join #lobby");
        watcher.expectExactLine("* Your messages now go to #lobby.");
        sync(watcher);
        sync(fuzzer);
        baseline = ProcessResources.now();
    }

    @AfterContainer
    static void stopServer() {
        // Closed in reverse order, the server first; a null one (a failed start) is skipped.
        try (var recorder = severe; var server = fixture) {
            // Nothing to do but close them.
        }
    }

    @Property(tries = 40)
    @Label("refused commands: one error line each, the connection stays, the observer sees nothing")
    void refusedCommandsAreAnsweredOnceAndSeenByNobody(@ForAll("refusedLines") List<byte[]> lines) {
        int tag = TRIES.incrementAndGet();
        sync(fuzzer);
        sync(watcher);
        int expectedErrors = 0;
        var batch = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            batch.writeBytes(line);
            batch.write('\n');
            Fate fate = fate(line);
            if (fate == Fate.REFUSED || fate == Fate.REFUSED_BY_ITS_FORM) {
                expectedErrors++;
            }
        }
        fuzzer.sendRaw(batch.toByteArray());
        String marker = "* [#alpha] fuzzer: sync " + tag;
        fuzzer.send("/msg #alpha sync " + tag);

        List<String> answers = fuzzer.collectUntil(marker::equals, "the sync message", TestClient.TIMEOUT);
        List<String> seen = watcher.collectUntil(marker::equals, "the sync message", TestClient.TIMEOUT);

        List<String> errors = answers.subList(0, answers.size() - 1);
        assertThat(errors).as("what the fuzzer was answered").hasSize(expectedErrors)
                .allSatisfy(CommandFuzzTest::isOneErrorLine);
        assertThat(seen).as("what the watcher saw").containsExactly(marker);
        assertThat(fuzzer.isClosed()).as("the fuzzer's connection is closed").isFalse();
        LINES.addAndGet(lines.size());
        ERRORS.addAndGet(expectedErrors);
        IGNORED.addAndGet(lines.size() - expectedErrors);
    }

    @Property(tries = 25)
    @Label("any mix of commands: errors are single lines, the observer sees only the member's own doings, the chat goes on")
    void anyCommandsLeaveTheChatIntact(@ForAll("anyLines") List<byte[]> lines) {
        int tag = TRIES.incrementAndGet();
        sync(watcher);
        String first = "mixer" + tag;
        TestClient mixer = fixture.joinPlainFrom("127.0.0.3", first);
        mixer.send("/join #alpha");
        mixer.expectExactLine("* " + first + " joined the chat");
        int refusedAtLeast = 0;
        int answerable = 0;
        var batch = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            batch.writeBytes(line);
            batch.write('\n');
            Fate fate = fate(line);
            refusedAtLeast += fate == Fate.REFUSED_BY_ITS_FORM ? 1 : 0;
            answerable += fate == Fate.IGNORED ? 0 : 1;
        }
        mixer.sendRaw(batch.toByteArray());
        String sync = "sync-" + tag + "-Q7";
        mixer.send("/join #lobby");
        mixer.send("/msg #lobby " + sync);

        List<String> answers = mixer.collectUntil(line -> line.endsWith(": " + sync), "its sync message",
                TestClient.TIMEOUT);
        List<String> seen = watcher.collectUntil(line -> line.endsWith(": " + sync), "the mixer's sync message",
                TestClient.TIMEOUT);

        List<String> errors = answers.stream().filter(line -> line.startsWith("* Error: ")).toList();
        assertThat(answers).as("what the mixer was sent").allSatisfy(CommandFuzzTest::hasNoControlCharacter);
        assertThat(errors).as("the mixer's errors").allSatisfy(CommandFuzzTest::isOneErrorLine);
        assertThat(errors.size()).as("errors, against %d lines refused for their form and %d that can be answered",
                refusedAtLeast, answerable).isBetween(refusedAtLeast, answerable);
        Set<String> names = namesOf(first, seen);
        assertThat(seen).as("what the watcher saw of %s", names)
                .allSatisfy(line -> assertThat(isOwnDoing(line, names)).as(line).isTrue());
        SEEN_BY_WATCHER.addAndGet(seen.size());
        assertThat(mixer.isClosed()).as("the mixer's connection is closed").isFalse();

        mixer.send("/quit");
        mixer.awaitClosed();
        mixer.close();
        String last = seen.getLast().substring(0, seen.getLast().length() - (": " + sync).length());
        String left = "* " + last + " left the chat";
        watcher.expectExactLine(left);
        assertThat(sync(watcher)).as("after the leave").doesNotContain(left);
        ServerFixture.awaitCount("members", server::memberCount, 2);
        var now = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);
        assertThat(now.platformThreads()).as("platform threads %s", ProcessResources.platformThreadNames())
                .isLessThanOrEqualTo(baseline.platformThreads() + SLACK);
        LINES.addAndGet(lines.size());
    }

    @AfterProperty
    void healthyAfterwards() {
        // The server stays usable: a message round-trips between the two members.
        String probe = "probe " + TRIES.get();
        watcher.send("/msg fuzzer " + probe);
        fuzzer.expectExactLine("* [from watcher] " + probe);
        var now = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);
        System.out.printf("FUZZ commands tries=%d lines=%d refused=%d ignored=%d watcher_lines=%d members=%d"
                        + " threads=%d->%d fds=%s->%s severe_chars=%d%n",
                TRIES.get(), LINES.get(), ERRORS.get(), IGNORED.get(), SEEN_BY_WATCHER.get(), server.memberCount(),
                baseline.platformThreads(), now.platformThreads(), baseline.describeFds(), now.describeFds(),
                severe.recorded().length());
        assertThat(now.platformThreads()).as("platform threads").isLessThanOrEqualTo(baseline.platformThreads() + SLACK);
        assertThat(now.fdsWithin(baseline, SLACK)).as("file descriptors").isTrue();
        assertThat(severe.recorded()).as("what the server logged at SEVERE/ERROR").isEmpty();
    }

    // ---------------------------------------------------------------- checks

    /// Waits until `client` has seen everything sent to it so far; returns those lines. The
    /// marker is the refusal of `/who` for a room that does not exist, which nothing else sends.
    private static List<String> sync(TestClient client) {
        String marker = "#sync-" + SYNCS.incrementAndGet();
        client.send("/who " + marker);
        List<String> lines = client.collectUntil(("* Error: there is no room " + marker)::equals, "the answer to /who",
                TestClient.TIMEOUT);
        return lines.subList(0, lines.size() - 1);
    }

    private static void isOneErrorLine(String line) {
        assertThat(line).startsWith("* Error: ").hasSizeGreaterThan("* Error: ".length());
        hasNoControlCharacter(line);
    }

    /// A `\r`, NUL or other control character in a line would let one answer look like two.
    private static void hasNoControlCharacter(String line) {
        assertThat(line.codePoints().noneMatch(chatroom.protocol.Text::isForbidden))
                .as("no control character in %s", line).isTrue();
    }

    /// The mixer's first name and every name the watcher was told it took.
    private static Set<String> namesOf(String first, List<String> seen) {
        Set<String> names = new HashSet<>(Set.of(first.toLowerCase(Locale.ROOT)));
        Pattern renamed = Pattern.compile("\\* (\\S+) is now known as (\\S+)");
        for (String line : seen) {
            Matcher matcher = renamed.matcher(line.replaceFirst("^\\* \\[#[^\\]]+\\] ", "* "));
            if (matcher.matches() && names.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
                names.add(matcher.group(2).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /// Whether `line` is one that the mixer's own valid actions produce for another member:
    /// its messages, actions, private messages, joins, parts, renames and topics, in the
    /// watcher's current room (`bob: hi`, `* bob joined the chat`) or another
    /// (`* [#alpha] bob: hi`, `* [#alpha] bob joined the chat`).
    private static boolean isOwnDoing(String line, Set<String> names) {
        List<String> readings = new ArrayList<>(List.of(line));
        Matcher elsewhere = ROOM_PREFIX.matcher(line);
        if (elsewhere.matches()) {
            readings.add(elsewhere.group(1));
            readings.add("* " + elsewhere.group(1));
        }
        for (String reading : readings) {
            for (Pattern shape : OWN_DOINGS) {
                Matcher matcher = shape.matcher(reading);
                if (matcher.matches() && names.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- what a line deserves

    /// What the server owes a line: nothing (blank), one error line (refused for its form, or
    /// for what it asks given the scene), or a proper answer.
    enum Fate { IGNORED, REFUSED_BY_ITS_FORM, REFUSED, ANSWERED }

    /// The fate of `line` (without its `\n`) when typed by any member (framing and command
    /// syntax), then, for a well-formed command, when typed by `fuzzer` in its scene.
    static Fate fate(byte[] line) {
        List<Parsed<String>> frames = new ArrayList<>();
        var decoder = new LineDecoder();
        decoder.decode(ByteBuffer.wrap(concat(line, new byte[] {'\n'})), frames::add);
        if (frames.size() != 1) {
            throw new IllegalArgumentException("not one line: " + frames);
        }
        return switch (frames.getFirst()) {
            case Parsed.Invalid<String> _ -> Fate.REFUSED_BY_ITS_FORM;
            case Parsed.Ok<String>(String text) -> {
                if (PlainText.isQuit(text)) {
                    yield Fate.ANSWERED;
                }
                if (text.isBlank()) {
                    yield Fate.IGNORED;
                }
                yield switch (Commands.parse(text)) {
                    case Parsed.Invalid<Command> _ -> Fate.REFUSED_BY_ITS_FORM;
                    case Parsed.Ok<Command>(Command command) ->
                            refusedForFuzzer(command) ? Fate.REFUSED : Fate.ANSWERED;
                };
            }
        };
    }

    /// Whether the server refuses `command` from `fuzzer` in the scene set up for it.
    static boolean refusedForFuzzer(Command command) {
        return switch (command) {
            // Its current room is #beta, where it is muted; renaming is refused while muted.
            case Command.Say say -> true;
            case Command.Me me -> true;
            case Command.Nick nick -> !nick.name().value().equals("fuzzer");
            case Command.Msg(RoomName room, String text) -> !Set.of("#lobby", "#alpha").contains(key(room));
            case Command.Msg(Name name, String text) -> !name.key().equals("watcher");
            case Command.Join join -> !FUZZER_ROOMS.contains(key(join.room()));
            case Command.Part part -> part.room().filter(room -> !FUZZER_ROOMS.contains(key(room))).isPresent();
            case Command.Who who -> who.room().filter(room -> !ROOMS.contains(key(room))).isPresent();
            case Command.Topic topic -> {
                String room = topic.room().map(CommandFuzzTest::key).orElse("#beta");
                yield topic.text().isEmpty() ? !ROOMS.contains(room) : !room.equals("#lobby");
            }
            // An operator of no room, not a server operator.
            case Command.Kick kick -> true;
            case Command.Moderate moderate -> true;
            // Everybody connected (watcher, fuzzer) is in every room fuzzer is in; any other
            // name is nobody's.
            case Command.Invite invite -> true;
            case Command.Rooms rooms -> false;
            case Command.Help help -> false;
            case Command.Away away -> false;
            // Never sent: a wrong operator password holds the connection for 2 s.
            case Command.Oper oper -> false;
            case Command.Quit quit -> false;
        };
    }

    private static String key(Target target) {
        return target.value().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<List<byte[]>> refusedLines() {
        return line().filter(line -> {
            Fate fate = fate(line);
            return fate != Fate.ANSWERED;
        }).list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<byte[]>> anyLines() {
        // No /quit (the mixer would be gone) and no /oper with a password (2 s each).
        return line().filter(line -> !(fate(line) == Fate.ANSWERED && isQuitOrOper(line)))
                .list().ofMinSize(1).ofMaxSize(12);
    }

    private static boolean isQuitOrOper(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        return PlainText.isQuit(text) || Commands.parse(text) instanceof Parsed.Ok<Command>(Command command)
                && (command instanceof Command.Quit || command instanceof Command.Oper);
    }

    /// One line, without its line end: mostly commands with odd arguments, sometimes a
    /// message, a blank line or an over-long one, now and then with a byte framing refuses.
    static Arbitrary<byte[]> line() {
        Arbitrary<String> text = Arbitraries.frequencyOf(
                Tuple.of(8, commandLine()),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(60)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(30).map(t -> "//" + t)),
                Tuple.of(1, Arbitraries.of("", " ", "\t", " \t ", "   ")),
                Tuple.of(1, Arbitraries.integers().between(8_190, 9_000).map(n -> "/me " + "w".repeat(n))));
        Arbitrary<byte[]> bytes = text.map(t -> t.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                        Tuple.of(8, bytes),
                        Tuple.of(1, Combinators.combine(bytes, nastyBytes(), Arbitraries.integers().between(0, 1_000))
                                .as(CommandFuzzTest::insert)))
                .filter(line -> indexOf(line, (byte) '\n') < 0);
    }

    private static Arbitrary<String> commandLine() {
        Arbitrary<String> word = Arbitraries.of("/join", "/j", "/part", "/leave", "/rooms", "/list", "/who", "/names",
                "/msg", "/query", "/tell", "/me", "/action", "/nick", "/name", "/topic", "/away", "/kick", "/ban",
                "/unban", "/mute", "/unmute", "/op", "/deop", "/locktopic", "/unlocktopic", "/close", "/help",
                "/invite", "/voice", "/devoice", "/moderate", "/inviteonly", "/public", "/setkey", "/clearkey",
                "/setlimit", "/clearlimit",
                "/oper", "/JOIN", "/Msg", "/KICK", "/frobnicate", "/", "/#lobby", "/ join", "/joinx", "/msg\u00e9");
        Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "  ", "\t", " \t ");
        Arbitrary<String> arguments = Combinators.combine(argument(), separator).as((a, s) -> s + a)
                .list().ofMaxSize(4).map(list -> String.join("", list));
        Arbitrary<String> end = Arbitraries.of("", "", "", " ", "\t", "  ");
        return Combinators.combine(word, arguments, end).as((w, a, e) -> w + a + e);
    }

    private static Arbitrary<String> argument() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, room()),
                Tuple.of(4, name()),
                Tuple.of(1, Arbitraries.of("127.0.0.1", "127.0.0.2", "::1", "10.0.0.0/8", "2001:db8::1", "300.1.1.1")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(20)),
                Tuple.of(2, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, huge()),
                Tuple.of(1, Arbitraries.just("")));
    }

    /// Words that look like rooms: the scene's rooms in any case, absent ones, broken ones.
    private static Arbitrary<String> room() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("#lobby", "#LOBBY", "#alpha", "#Beta", "#jail", "#nowhere", "#", "##",
                        "#a:b", "#a,b", "#\u00fcber", "#\u65e5\u672c", "#a\u200bb", "#x!", "#-", "#a/b")),
                Tuple.of(2, Arbitraries.strings().ofMinLength(0).ofMaxLength(36).map(t -> "#" + t)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(33).ofMaxLength(40)
                        .map(t -> "#" + t)));
    }

    /// Words that look like names: the scene's members in any case, absent ones, broken ones.
    private static Arbitrary<String> name() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("fuzzer", "FUZZER", "watcher", "Watcher", "nobody", "n\u00f6body",
                        "a:b", "-", "x.y", "\u00e9l\u00e8ve", "*", "@watcher")),
                Tuple.of(2, Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMinLength(1)
                        .ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(12)));
    }

    /// Texts beyond the topic's 390 bytes or the message's 4,096, some of them multi-byte.
    private static Arbitrary<String> huge() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(380, 5_000).map("x"::repeat),
                Arbitraries.integers().between(150, 2_100).map("\u00e9"::repeat),
                Arbitraries.integers().between(100, 1_100).map("\ud83d\ude00"::repeat));
    }

    /// Bytes that framing refuses: invalid UTF-8, a surrogate, NUL, ESC, DEL, a lone CR, NEL, LS.
    private static Arbitrary<byte[]> nastyBytes() {
        return Arbitraries.of(
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {0},
                new byte[] {0x1B, '[', '2', 'J'},
                new byte[] {0x7F},
                new byte[] {'\r'},
                new byte[] {(byte) 0xC2, (byte) 0x85},
                new byte[] {(byte) 0xE2, (byte) 0x80, (byte) 0xA8});
    }

    private static byte[] insert(byte[] into, byte[] what, int position) {
        int at = position % (into.length + 1);
        var out = new ByteArrayOutputStream();
        out.write(into, 0, at);
        out.writeBytes(what);
        out.write(into, at, into.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /// The platform threads JDK 25 starts once and keeps (see [ConnectionFuzzTest]): the
    /// virtual-thread scheduler's delay scheduler and the writers' pool's.
    private static void startThreadsThatLiveForever() {
        try {
            Thread.ofVirtual().start(() -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1))).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while warming up", e);
        }
        for (int i = 0; i < 120; i++) {
            watcher.send("burst " + i);
        }
        fuzzer.expectExactLine("watcher: burst 119");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150));
    }
}
