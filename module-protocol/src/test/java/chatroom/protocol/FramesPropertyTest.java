package chatroom.protocol;

import static chatroom.protocol.Outcomes.feedInChunks;
import static chatroom.protocol.Outcomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

@Label("Frame codec properties")
class FramesPropertyTest {

    /// Words a frame is made of, so that random lines get past the verb and into the attributes.
    private static final List<String> FRAME_WORDS = List.of(
            "HELLO", "LOGIN", "PASS", "SAY", "NICK", "PING", "PONG", "QUIT", "WELCOME", "MEMBERS", "HISTORY", "MSG",
            "JOINED", "LEFT", "RENAMED", "NOTICE", "ERROR", "BYE", "say", "msg",
            "v=", "client=", "name=", "since=", "token=", "server=", "max-frame=", "max-text=", "heartbeat=",
            "room=", "more=", "auth=", "password", "count=", "id=", "ts=", "from=", "to=", "reason=", "code=",
            "1", "0", "-1", "99999999999999999999", "2147483648", "alice", "b*b", "2026-11-24T10:15:30.123Z",
            "+1000000000-12-31T23:59:59.999Z", "quit", "bad-frame", " ", " ", " :", ":", "=", "\t", "\u0000", "é", "😀",
            "JOIN", "PART", "PARTED", "KICK", "KICKED", "TOPIC", "AWAY", "ROOMS", "ROOM", "WHO", "MODERATED", "OPER",
            "OP", "BAN", "UNMUTE", "LOCK-TOPIC", "close", "with=", "by=", "target=", "action=", "members=",
            "#rust", "#", "##", "@alice", "~bob", "!@~", "203.0.113.7", "2001:db8::1", "ban", "lock-topic");

    /// Words a typed line is made of, so that random lines reach the commands' arguments.
    private static final List<String> COMMAND_WORDS = List.of(
            "/", "//", "/join", "/j", "/part", "/leave", "/rooms", "/who", "/msg", "/tell", "/me", "/nick", "/topic",
            "/away", "/kick", "/op", "/deop", "/ban", "/unban", "/mute", "/unmute", "/locktopic", "/unlocktopic",
            "/close", "/oper", "/help", "/quit", "/QUIT", "#rust", "#", "##", "#a*b", "bob", "b*b", "203.0.113.7",
            "2001:db8::1", "::1", ":", " ", " ", "  ", "\t", "é", "😀", "\uD83D", "x".repeat(400), "\u0000");

    @Group
    @Label("ClientFrames")
    class ClientFramesProperties {

        @Property
        @Label("decode(encode(f)) is Ok(f) for every kind of frame")
        void roundTrip(@ForAll("clientFrames") ClientFrame frame) {
            Statistics.collect(frame.getClass().getSimpleName());

            assertThat(ClientFrames.decode(ClientFrames.encode(frame))).isEqualTo(ok(frame));

            Statistics.coverage(coverage -> recordsOf(ClientFrame.class)
                    .forEach(kind -> coverage.check(kind.getSimpleName()).count(n -> n > 0)));
        }

        @Property
        @Label("decode never throws on random strings and always returns a value")
        void randomStrings(@ForAll String line) {
            assertThat(ClientFrames.decode(line)).isNotNull();
            assertThat(ClientFrames.isHello(line)).isIn(true, false);
        }

        @Property
        @Label("decode never throws on random frame-like lines")
        void frameLikeLines(@ForAll("frameLikeLines") String line) {
            assertThat(ClientFrames.decode(line)).isNotNull();
        }

        @Property
        @Label("a refused PASS line never has its password quoted in the error")
        void passPasswordNeverQuoted(@ForAll("passLinePrefixes") String prefix, @ForAll("secrets") String secret) {
            passwordNeverQuoted(prefix, secret);
        }

        private void passwordNeverQuoted(String prefix, String secret) {
            Parsed<ClientFrame> parsed = ClientFrames.decode(prefix + secret);

            if (parsed instanceof Parsed.Invalid<ClientFrame>(ErrorCode code, String detail)) {
                assertThat(detail).doesNotContain(secret);
                for (String word : secret.split("[ \t:=]+")) {
                    if (word.contains("§")) {
                        assertThat(detail).doesNotContain(word);
                    }
                }
            } else {
                Statistics.collect("accepted");
            }
        }

        @Property
        @Label("a refused OPER line never has its password quoted in the error")
        void operPasswordNeverQuoted(@ForAll("operLinePrefixes") String prefix, @ForAll("secrets") String secret) {
            passwordNeverQuoted(prefix, secret);
        }

        @Provide
        Arbitrary<String> operLinePrefixes() {
            return Arbitraries.of("OPER ", "oper ", "OPER :", "OPER\t", "  OPER ", "OPER x=1 ", "OPER :\t", "OPER",
                    "OPERATOR ");
        }

        @Provide
        Arbitrary<String> passLinePrefixes() {
            return Arbitraries.of("PASS ", "pass ", "PASS :", "PASS\t", "  PASS ", "PASS x=1 ", "PASS :\t", "PASS", "PASSWORD ");
        }

        @Provide
        Arbitrary<String> secrets() {
            return FrameArbitraries.secrets();
        }

        @Provide
        Arbitrary<ClientFrame> clientFrames() {
            return FrameArbitraries.clientFrames();
        }
    }

    @Group
    @Label("ServerFrames")
    class ServerFramesProperties {

        @Property
        @Label("decode(encode(f)) is Ok(f) for every kind of frame")
        void roundTrip(@ForAll("serverFrames") ServerFrame frame) {
            Statistics.collect(frame.getClass().getSimpleName());

            assertThat(ServerFrames.decode(ServerFrames.encode(frame))).isEqualTo(ok(frame));

            Statistics.coverage(coverage -> recordsOf(ServerFrame.class)
                    .forEach(kind -> coverage.check(kind.getSimpleName()).count(n -> n > 0)));
        }

        @Property
        @Label("decode never throws on random strings and always returns a value")
        void randomStrings(@ForAll String line) {
            assertThat(ServerFrames.decode(line)).isNotNull();
        }

        @Property
        @Label("decode never throws on random frame-like lines")
        void frameLikeLines(@ForAll("frameLikeLines") String line) {
            assertThat(ServerFrames.decode(line)).isNotNull();
        }

        @Property
        @Label("a Chat line in the plain dialect never looks like a notice")
        void chatIsNeverANotice(@ForAll("serverFrames") ServerFrame frame) {
            if (frame instanceof ServerFrame.Chat chat && !chat.action()) {
                assertThat(PlainText.render(chat)).hasValueSatisfying(line -> assertThat(line)
                        .doesNotStartWith(PlainText.NOTICE_PREFIX)
                        .startsWith(chat.from().value() + ": "));
            }
        }

        /// Actions are new in version 2: they are `* ` lines, but never pass for a notice of the
        /// server's, which cannot start with `*`.
        @Property
        @Label("an action in the plain dialect is '* * NAME TEXT'")
        void actionIsMarked(@ForAll("chats") ServerFrame.Chat chat) {
            if (chat.action()) {
                assertThat(PlainText.render(chat))
                        .contains(PlainText.NOTICE_PREFIX + PlainText.ACTION_MARK + chat.from() + " " + chat.text());
            }
        }

        @Property
        @Label("a room event in the viewer's current room renders exactly as the bare event")
        void currentRoomIsTheVersion1Line(@ForAll("roomNames") RoomName room,
                                          @ForAll("roomEvents") ServerFrame.RoomEvent event) {
            Statistics.collect(event.getClass().getSimpleName());
            // The current room as the viewer typed it, in another case where that is still the same room.
            RoomName current = RoomName.parse(room.value().toUpperCase(Locale.ROOT)) instanceof Parsed.Ok<RoomName>(
                    RoomName upper) && upper.sameAs(room) ? upper : room;
            var viewer = new PlainText.Viewer(Optional.empty(), Optional.of(current));

            assertThat(PlainText.render(new ServerFrame.InRoom(room, event), viewer)).isEqualTo(PlainText.render(event));
        }

        @Property
        @Label("a room event of another room is the bare event's line with '[#room] ' after '* '")
        void otherRoomIsTagged(@ForAll("roomNames") RoomName room, @ForAll("roomNames") RoomName current,
                               @ForAll("roomEvents") ServerFrame.RoomEvent event) {
            Assume.that(!current.sameAs(room));
            var viewer = new PlainText.Viewer(Optional.empty(), Optional.of(current));
            Optional<String> bare = PlainText.render(event);

            assertThat(PlainText.render(new ServerFrame.InRoom(room, event), viewer)).isEqualTo(bare.map(line ->
                    "* [" + room + "] " + (line.startsWith("* ") ? line.substring(2) : line)));
        }

        @Provide
        Arbitrary<ServerFrame.Chat> chats() {
            return FrameArbitraries.chats();
        }

        @Provide
        Arbitrary<RoomName> roomNames() {
            return FrameArbitraries.roomNames();
        }

        @Provide
        Arbitrary<ServerFrame.RoomEvent> roomEvents() {
            return FrameArbitraries.roomEvents(true);
        }

        @Provide
        Arbitrary<ServerFrame> serverFrames() {
            return FrameArbitraries.serverFrames();
        }
    }

    @Group
    @Label("Commands")
    class CommandsProperties {

        @Property
        @Label("parse never throws on random strings and always returns a value")
        void randomStrings(@ForAll String line) {
            assertThat(Commands.parse(line)).isNotNull();
        }

        @Property
        @Label("parse never throws on random command-like lines")
        void commandLikeLines(@ForAll("commandLikeLines") String line) {
            Statistics.collect(Commands.parse(line) instanceof Parsed.Invalid<Command> invalid
                    ? invalid.code().name() : "accepted");
        }

        @Property
        @Label("every command parse accepts can be sent as the client frame it stands for")
        void acceptedCommandsAreFrames(@ForAll("commandLikeLines") String line, @ForAll("roomNames") RoomName current) {
            if (Commands.parse(line) instanceof Parsed.Ok<Command>(Command command)) {
                Statistics.collect(command.getClass().getSimpleName());
                Optional<ClientFrame> frame = CommandFrames.toFrame(command, current);

                frame.ifPresent(f -> assertThat(ClientFrames.decode(ClientFrames.encode(f))).isEqualTo(ok(f)));
            }
        }

        @Property
        @Label("a message that does not start with '/' is sent as it is; '/' before one that does escapes it")
        void messagesAndEscapes(@ForAll("messages") String text) {
            if (!text.startsWith("/") && !PlainText.isQuit(text)) {
                assertThat(Commands.parse(text)).isEqualTo(ok(new Command.Say(text)));
            }
            String slashed = "/" + text;
            if (Text.utf8Length(slashed) <= Limits.MAX_TEXT_BYTES) {
                assertThat(Commands.parse("/" + slashed)).isEqualTo(ok(new Command.Say(slashed)));
            }
        }

        @Property
        @Label("a refused /oper line never has its password quoted")
        void operPasswordNeverQuoted(@ForAll("operCommands") String prefix, @ForAll("secrets") String secret) {
            if (Commands.parse(prefix + secret) instanceof Parsed.Invalid<Command>(ErrorCode code, String detail)) {
                for (String word : secret.split("[ \t:=]+")) {
                    if (word.contains("§")) {
                        assertThat(detail).doesNotContain(word);
                    }
                }
            }
        }

        @Provide
        Arbitrary<String> operCommands() {
            return Arbitraries.of("/oper ", "/OPER ", "/oper", "/oper\t", "/oper  ", "/operator ");
        }

        @Provide
        Arbitrary<String> secrets() {
            return FrameArbitraries.secrets();
        }

        @Provide
        Arbitrary<String> messages() {
            return FrameArbitraries.messages();
        }

        @Provide
        Arbitrary<RoomName> roomNames() {
            return FrameArbitraries.roomNames();
        }

        @Provide
        Arbitrary<String> commandLikeLines() {
            Arbitrary<String> word = Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.of(COMMAND_WORDS)),
                    Tuple.of(2, FrameArbitraries.nameValues()),
                    Tuple.of(1, Arbitraries.strings().ofMaxLength(4)));
            Arbitrary<String> line = Combinators.combine(Arbitraries.of(COMMAND_WORDS).filter(w -> w.startsWith("/")),
                    word.list().ofMaxSize(6)).as((verb, rest) -> verb + " " + String.join(" ", rest));
            return Arbitraries.oneOf(line, word.list().ofMaxSize(8).map(words -> String.join("", words)));
        }
    }

    @Group
    @Label("plain lines")
    class PlainLines {

        @Property
        @Label("every line is 'NAME: TEXT' or starts with '* ', one line, whatever the frame and the viewer")
        void twoKindsOfLines(@ForAll("serverFrames") ServerFrame frame, @ForAll("viewers") PlainText.Viewer viewer) {
            PlainText.render(frame, viewer).ifPresent(line -> {
                assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u2029");
                if (!line.startsWith(PlainText.NOTICE_PREFIX)) {
                    Statistics.collect("NAME: TEXT");
                    assertThat(frame).isInstanceOfAny(ServerFrame.Chat.class, ServerFrame.InRoom.class);
                    assertThat(line).matches("[^ :*]+: [\\s\\S]*");
                }
            });
        }

        @Provide
        Arbitrary<ServerFrame> serverFrames() {
            return FrameArbitraries.serverFrames();
        }

        @Provide
        Arbitrary<PlainText.Viewer> viewers() {
            return Combinators.combine(FrameArbitraries.names().optional(), FrameArbitraries.roomNames().optional())
                    .as(PlainText.Viewer::new);
        }
    }

    @Group
    @Label("over the wire")
    class OverTheWire {

        @Property(tries = 300)
        @Label("frames encoded, framed with Text.frameBytes, split anywhere and decoded come back unchanged")
        void wireRoundTrip(@ForAll("serverFrameLists") List<ServerFrame> serverFrames,
                           @ForAll("clientFrameLists") List<ClientFrame> clientFrames,
                           @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 500) Integer> chunkSizes) {
            byte[] serverBytes = Outcomes.concat(serverFrames.stream()
                    .map(frame -> Text.frameBytes(ServerFrames.encode(frame))).toArray(byte[][]::new));
            byte[] clientBytes = Outcomes.concat(clientFrames.stream()
                    .map(frame -> Text.frameBytes(ClientFrames.encode(frame))).toArray(byte[][]::new));

            List<Parsed<ServerFrame>> serverSide = feedInChunks(new LineDecoder(), serverBytes, chunkSizes).stream()
                    .map(line -> line.then(ServerFrames::decode)).toList();
            List<Parsed<ClientFrame>> clientSide = feedInChunks(new LineDecoder(), clientBytes, chunkSizes).stream()
                    .map(line -> line.then(ClientFrames::decode)).toList();

            assertThat(serverSide).containsExactlyElementsOf(serverFrames.stream().map(Outcomes::ok).toList());
            assertThat(clientSide).containsExactlyElementsOf(clientFrames.stream().map(Outcomes::ok).toList());
        }

        @Provide
        Arbitrary<List<ServerFrame>> serverFrameLists() {
            return FrameArbitraries.serverFrames().list().ofMaxSize(8);
        }

        @Provide
        Arbitrary<List<ClientFrame>> clientFrameLists() {
            return FrameArbitraries.clientFrames().list().ofMaxSize(8);
        }
    }

    /// The records a sealed frame interface permits, through its sealed sub-interfaces.
    static Stream<Class<?>> recordsOf(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(kind -> kind.isSealed() && kind.isInterface() ? recordsOf(kind) : Stream.of(kind))
                .distinct();
    }

    @Provide
    Arbitrary<String> frameLikeLines() {
        Arbitrary<String> word = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(FRAME_WORDS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(4)));
        return word.list().ofMaxSize(16).map(words -> String.join("", words));
    }
}
