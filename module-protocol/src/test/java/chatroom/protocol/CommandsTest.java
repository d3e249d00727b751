package chatroom.protocol;

import static chatroom.protocol.Outcomes.ok;
import static chatroom.protocol.Outcomes.outcome;
import static chatroom.protocol.Outcomes.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Commands.parse")
class CommandsTest {

    private static final Name BOB = new Name("bob");
    private static final RoomName RUST = new RoomName("#rust");
    private static final Optional<RoomName> CURRENT = Optional.empty();
    private static final Optional<RoomName> IN_RUST = Optional.of(RUST);

    private static Command.Moderate moderation(Optional<RoomName> room, Moderation action, String target) {
        return new Command.Moderate(room, action, Optional.ofNullable(target));
    }

    @Nested
    @DisplayName("messages")
    class Messages {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"hello", "  indented, kept as typed", "hi: there :)", "# not a room", "* looks like a notice",
                "a/b", "x /quit"})
        @DisplayName("a line that does not start with '/' is a message, exactly as typed")
        void message(String line) {
            assertThat(Commands.parse(line)).isEqualTo(ok(new Command.Say(line)));
        }

        @ParameterizedTest(name = "\"{0}\" sends \"{1}\"")
        @MethodSource("escaped")
        @DisplayName("'//' sends the rest of the line from its second '/' on")
        void escaped(String line, String text) {
            assertThat(Commands.parse(line)).isEqualTo(ok(new Command.Say(text)));
        }

        static Stream<Arguments> escaped() {
            return Stream.of(
                    Arguments.of("//text", "/text"),
                    Arguments.of("//quit", "/quit"),
                    Arguments.of("// spaced", "/ spaced"),
                    Arguments.of("//", "/"),
                    Arguments.of("///", "//"));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", " ", "\t "})
        @DisplayName("a blank line is EMPTY_TEXT (the plain dialect ignores it)")
        void blank(String line) {
            assertThat(outcome(Commands.parse(line))).isEqualTo(ErrorCode.EMPTY_TEXT);
        }

        @Test
        @DisplayName("a message over MAX_TEXT_BYTES is TEXT_TOO_LONG, with '//' too")
        void tooLong() {
            String text = "x".repeat(Limits.MAX_TEXT_BYTES + 1);

            assertThat(outcome(Commands.parse(text))).isEqualTo(ErrorCode.TEXT_TOO_LONG);
            assertThat(outcome(Commands.parse("/" + text.substring(1)))).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
            assertThat(outcome(Commands.parse("//" + text))).isEqualTo(ErrorCode.TEXT_TOO_LONG);
            assertThat(Commands.parse("//" + text.substring(2))).isEqualTo(ok(new Command.Say("/" + text.substring(2))));
        }
    }

    @Nested
    @DisplayName("accepts every command and alias")
    class Accepts {

        static Stream<Arguments> commands() {
            return Stream.of(
                    Arguments.of("/help", new Command.Help()),
                    Arguments.of("/?", new Command.Help()),
                    Arguments.of("/HELP", new Command.Help()),
                    Arguments.of("/quit", new Command.Quit()),
                    Arguments.of("/Quit", new Command.Quit()),
                    Arguments.of("/rooms", new Command.Rooms()),
                    Arguments.of("/list", new Command.Rooms()),
                    Arguments.of("/join #rust", new Command.Join(RUST)),
                    Arguments.of("/j #rust", new Command.Join(RUST)),
                    Arguments.of("/JOIN #Rust", new Command.Join(new RoomName("#Rust"))),
                    Arguments.of("/join\t#rust ", new Command.Join(RUST)),
                    Arguments.of("/part", new Command.Part(CURRENT, "")),
                    Arguments.of("/part #rust", new Command.Part(IN_RUST, "")),
                    Arguments.of("/part #rust bye  all ", new Command.Part(IN_RUST, "bye  all")),
                    Arguments.of("/part bye all", new Command.Part(CURRENT, "bye all")),
                    Arguments.of("/leave", new Command.Part(CURRENT, "")),
                    Arguments.of("/leave #rust", new Command.Part(IN_RUST, "")),
                    Arguments.of("/who", new Command.Who(CURRENT)),
                    Arguments.of("/who #rust", new Command.Who(IN_RUST)),
                    Arguments.of("/names #rust", new Command.Who(IN_RUST)),
                    Arguments.of("/msg bob hi  there", new Command.Msg(BOB, "hi  there")),
                    Arguments.of("/msg bob  :) ", new Command.Msg(BOB, ":)")),
                    Arguments.of("/msg #rust hi", new Command.Msg(RUST, "hi")),
                    Arguments.of("/query bob hi", new Command.Msg(BOB, "hi")),
                    Arguments.of("/tell bob hi", new Command.Msg(BOB, "hi")),
                    Arguments.of("/me waves at bob", new Command.Me("waves at bob")),
                    Arguments.of("/action waves", new Command.Me("waves")),
                    Arguments.of("/nick Bob_2", new Command.Nick(new Name("Bob_2"))),
                    Arguments.of("/name Bob_2", new Command.Nick(new Name("Bob_2"))),
                    Arguments.of("/topic", new Command.Topic(CURRENT, Optional.empty())),
                    Arguments.of("/topic   ", new Command.Topic(CURRENT, Optional.empty())),
                    Arguments.of("/topic #rust", new Command.Topic(IN_RUST, Optional.empty())),
                    Arguments.of("/topic Rust 2.0: out now", new Command.Topic(CURRENT, Optional.of("Rust 2.0: out now"))),
                    Arguments.of("/topic #rust Rust 2.0", new Command.Topic(IN_RUST, Optional.of("Rust 2.0"))),
                    Arguments.of("/away", new Command.Away(Optional.empty())),
                    Arguments.of("/away  \t", new Command.Away(Optional.empty())),
                    Arguments.of("/away lunch, back at 2", new Command.Away(Optional.of("lunch, back at 2"))),
                    Arguments.of("/kick bob", new Command.Kick(CURRENT, BOB, "")),
                    Arguments.of("/kick bob spamming again", new Command.Kick(CURRENT, BOB, "spamming again")),
                    Arguments.of("/kick #rust bob spamming", new Command.Kick(IN_RUST, BOB, "spamming")),
                    Arguments.of("/op bob", moderation(CURRENT, Moderation.OP, "bob")),
                    Arguments.of("/op #rust bob", moderation(IN_RUST, Moderation.OP, "bob")),
                    Arguments.of("/deop bob", moderation(CURRENT, Moderation.DEOP, "bob")),
                    Arguments.of("/mute bob", moderation(CURRENT, Moderation.MUTE, "bob")),
                    Arguments.of("/unmute #rust bob", moderation(IN_RUST, Moderation.UNMUTE, "bob")),
                    Arguments.of("/ban bob", moderation(CURRENT, Moderation.BAN, "bob")),
                    Arguments.of("/ban 203.0.113.7", moderation(CURRENT, Moderation.BAN, "203.0.113.7")),
                    Arguments.of("/ban 2001:db8::1", moderation(CURRENT, Moderation.BAN, "2001:db8::1")),
                    Arguments.of("/ban #rust 2001:db8::/64", moderation(IN_RUST, Moderation.BAN, "2001:db8::/64")),
                    Arguments.of("/unban 203.0.113.7", moderation(CURRENT, Moderation.UNBAN, "203.0.113.7")),
                    Arguments.of("/locktopic", moderation(CURRENT, Moderation.LOCK_TOPIC, null)),
                    Arguments.of("/locktopic #rust", moderation(IN_RUST, Moderation.LOCK_TOPIC, null)),
                    Arguments.of("/unlocktopic", moderation(CURRENT, Moderation.UNLOCK_TOPIC, null)),
                    Arguments.of("/close", moderation(CURRENT, Moderation.CLOSE, null)),
                    Arguments.of("/close #rust", moderation(IN_RUST, Moderation.CLOSE, null)),
                    Arguments.of("/join #rust s3same!", new Command.Join(RUST, Optional.of("s3same!"))),
                    Arguments.of("/invite bob", new Command.Invite(CURRENT, BOB)),
                    Arguments.of("/invite #rust bob", new Command.Invite(IN_RUST, BOB)),
                    Arguments.of("/voice bob", moderation(CURRENT, Moderation.VOICE, "bob")),
                    Arguments.of("/devoice #rust bob", moderation(IN_RUST, Moderation.DEVOICE, "bob")),
                    Arguments.of("/moderate", moderation(CURRENT, Moderation.MODERATE, null)),
                    Arguments.of("/unmoderate #rust", moderation(IN_RUST, Moderation.UNMODERATE, null)),
                    Arguments.of("/inviteonly", moderation(CURRENT, Moderation.INVITE_ONLY, null)),
                    Arguments.of("/public #rust", moderation(IN_RUST, Moderation.PUBLIC, null)),
                    Arguments.of("/setkey sesame", moderation(CURRENT, Moderation.SET_KEY, "sesame")),
                    Arguments.of("/setkey #rust sesame", moderation(IN_RUST, Moderation.SET_KEY, "sesame")),
                    Arguments.of("/clearkey", moderation(CURRENT, Moderation.CLEAR_KEY, null)),
                    Arguments.of("/setlimit 25", moderation(CURRENT, Moderation.SET_LIMIT, "25")),
                    Arguments.of("/clearlimit #rust", moderation(IN_RUST, Moderation.CLEAR_LIMIT, null)),
                    Arguments.of("/oper s3cret phrase", new Command.Oper("s3cret phrase")));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @MethodSource("commands")
        void command(String line, Command expected) {
            assertThat(Commands.parse(line)).isEqualTo(ok(expected));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {" /quit", "/QUIT ", "\t/quit\t", "/quit  "})
        @DisplayName("/quit with surrounding white space, as PlainText.isQuit reads it")
        void quitAsBefore(String line) {
            assertThat(PlainText.isQuit(line)).isTrue();
            assertThat(Commands.parse(line)).isEqualTo(ok(new Command.Quit()));
        }

        @Test
        @DisplayName("every /command named in the help is known")
        void everyCommandOfTheHelp() {
            Matcher words = Pattern.compile("(?<![/\\w])/([a-z?]+)").matcher(String.join("\n", Command.HELP));
            List<String> named = words.results().map(result -> result.group(1)).distinct().toList();

            assertThat(named).contains("join", "part", "leave", "rooms", "list", "who", "msg", "me", "nick", "topic",
                    "away", "kick", "ban", "unban", "mute", "unmute", "op", "deop", "locktopic", "unlocktopic", "close",
                    "oper", "quit");
            assertThat(named).allSatisfy(word -> assertThat(outcome(Commands.parse("/" + word)))
                    .as("/" + word).isNotEqualTo(ErrorCode.UNKNOWN_COMMAND));
        }

        @Test
        @DisplayName("the help's lines are notices the plain dialect can send")
        void helpLines() {
            assertThat(Command.HELP).isNotEmpty().allSatisfy(line -> {
                assertThat(new ServerFrame.Notice(line).text()).isEqualTo(line);
                assertThat(line).doesNotStartWith("* ");
            });
        }
    }

    @Nested
    @DisplayName("missing or malformed arguments are BAD_COMMAND with a usage sentence")
    class BadCommand {

        static Stream<Arguments> malformed() {
            return Stream.of(
                    Arguments.of("/join", "/join #room"),
                    Arguments.of("/j", "/join #room"),
                    Arguments.of("/join rust", "/join #room"),
                    Arguments.of("/join #", "/join #room"),
                    Arguments.of("/join #a*b", "/join #room"),
                    Arguments.of("/join #rust #go", "/join #room"),
                    Arguments.of("/join #rust a,b", "/join #room [KEY]"),
                    Arguments.of("/join #rust key more", "/join #room [KEY]"),
                    Arguments.of("/invite", "/invite [#room] NAME"),
                    Arguments.of("/invite #rust", "/invite [#room] NAME"),
                    Arguments.of("/invite b*b", "/invite [#room] NAME"),
                    Arguments.of("/invite bob carol", "/invite [#room] NAME"),
                    Arguments.of("/voice", "/voice [#room] NAME"),
                    Arguments.of("/moderate now", "/moderate [#room]"),
                    Arguments.of("/setkey", "/setkey [#room] KEY"),
                    Arguments.of("/setkey a,b", "/setkey [#room] KEY"),
                    Arguments.of("/setkey two words", "/setkey [#room] KEY"),
                    Arguments.of("/setlimit", "/setlimit [#room] NUMBER"),
                    Arguments.of("/setlimit 0", "/setlimit [#room] NUMBER"),
                    Arguments.of("/setlimit ten", "/setlimit [#room] NUMBER"),
                    Arguments.of("/clearlimit 5", "/clearlimit [#room]"),
                    Arguments.of("/part #", "/part [#room] [reason]"),
                    Arguments.of("/leave #a*b bye", "/part [#room] [reason]"),
                    Arguments.of("/who #rust #go", "/who [#room]"),
                    Arguments.of("/who rust", "/who [#room]"),
                    Arguments.of("/names #", "/who [#room]"),
                    Arguments.of("/msg", "/msg NAME TEXT"),
                    Arguments.of("/msg bob", "/msg NAME TEXT"),
                    Arguments.of("/msg bob   ", "/msg NAME TEXT"),
                    Arguments.of("/msg b*b hi", "/msg NAME TEXT"),
                    Arguments.of("/msg #a*b hi", "/msg NAME TEXT"),
                    Arguments.of("/tell", "/msg NAME TEXT"),
                    Arguments.of("/me", "/me TEXT"),
                    Arguments.of("/me   ", "/me TEXT"),
                    Arguments.of("/nick", "/nick NEW"),
                    Arguments.of("/nick bob smith", "/nick NEW"),
                    Arguments.of("/nick b*b", "/nick NEW"),
                    Arguments.of("/nick #rust", "/nick NEW"),
                    Arguments.of("/topic #", "/topic [#room] [TEXT]"),
                    Arguments.of("/kick", "/kick [#room] NAME [reason]"),
                    Arguments.of("/kick #rust", "/kick [#room] NAME [reason]"),
                    Arguments.of("/kick b*b", "/kick [#room] NAME [reason]"),
                    Arguments.of("/kick # bob", "/kick [#room] NAME [reason]"),
                    Arguments.of("/op", "/op [#room] NAME"),
                    Arguments.of("/op #rust", "/op [#room] NAME"),
                    Arguments.of("/op b*b", "/op [#room] NAME"),
                    Arguments.of("/op 2001:db8::1", "/op [#room] NAME"),
                    Arguments.of("/op bob carol", "/op [#room] NAME"),
                    Arguments.of("/deop", "/deop [#room] NAME"),
                    Arguments.of("/mute", "/mute [#room] NAME"),
                    Arguments.of("/unmute #rust", "/unmute [#room] NAME"),
                    Arguments.of("/ban", "/ban [#room] NAME|ADDRESS"),
                    Arguments.of("/ban #rust", "/ban [#room] NAME|ADDRESS"),
                    Arguments.of("/ban ::1", "/ban [#room] NAME|ADDRESS"),
                    Arguments.of("/ban bob carol", "/ban [#room] NAME|ADDRESS"),
                    Arguments.of("/unban", "/unban [#room] NAME|ADDRESS"),
                    Arguments.of("/locktopic now", "/locktopic [#room]"),
                    Arguments.of("/unlocktopic #rust now", "/unlocktopic [#room]"),
                    Arguments.of("/close #rust #go", "/close [#room]"),
                    Arguments.of("/close #", "/close [#room]"),
                    Arguments.of("/oper", "/oper PASSWORD"),
                    Arguments.of("/oper   ", "/oper PASSWORD"));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @MethodSource("malformed")
        void malformed(String line, String usage) {
            Parsed.Invalid<?> invalid = refusal(Commands.parse(line));

            assertThat(invalid.code()).isEqualTo(ErrorCode.BAD_COMMAND);
            assertThat(invalid.detail()).startsWith("usage: " + usage);
        }

        @Test
        @DisplayName("a bad name or room says what is wrong with it after the usage")
        void reason() {
            assertThat(refusal(Commands.parse("/join rust")).detail()).contains("starts with '#'");
            assertThat(refusal(Commands.parse("/nick b*b")).detail()).contains("'*'");
            assertThat(refusal(Commands.parse("/msg bob")).detail()).contains("the text is missing");
        }
    }

    @Nested
    @DisplayName("texts keep their own refusals")
    class Texts {

        @Test
        @DisplayName("a topic, reason or away text over MAX_TOPIC_BYTES is TEXT_TOO_LONG")
        void tooLongShortTexts() {
            String tooLong = "x".repeat(Limits.MAX_TOPIC_BYTES + 1);

            assertThat(outcome(Commands.parse("/topic " + tooLong))).isEqualTo(ErrorCode.TEXT_TOO_LONG);
            assertThat(outcome(Commands.parse("/part #rust " + tooLong))).isEqualTo(ErrorCode.TEXT_TOO_LONG);
            assertThat(outcome(Commands.parse("/away " + tooLong))).isEqualTo(ErrorCode.TEXT_TOO_LONG);
            assertThat(outcome(Commands.parse("/kick bob " + tooLong))).isEqualTo(ErrorCode.TEXT_TOO_LONG);
        }

        @Test
        @DisplayName("a message over MAX_TEXT_BYTES is TEXT_TOO_LONG in /me and /msg")
        void tooLongMessages() {
            String tooLong = "x".repeat(Limits.MAX_TEXT_BYTES + 1);

            assertThat(outcome(Commands.parse("/me " + tooLong))).isEqualTo(ErrorCode.TEXT_TOO_LONG);
            assertThat(outcome(Commands.parse("/msg bob " + tooLong))).isEqualTo(ErrorCode.TEXT_TOO_LONG);
        }

        @Test
        @DisplayName("a topic of exactly MAX_TOPIC_BYTES is accepted")
        void topicAtLimit() {
            String topic = "é".repeat(Limits.MAX_TOPIC_BYTES / 2);

            assertThat(Commands.parse("/topic " + topic)).isEqualTo(ok(new Command.Topic(CURRENT, Optional.of(topic))));
        }
    }

    @Nested
    @DisplayName("unknown commands are UNKNOWN_COMMAND")
    class Unknown {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"/foo", "/shrug ¯\\_(ツ)_/¯", "/", "/ quit", "/ join #rust", "/joinx #rust", "/j0in",
                "/join#rust", "/nick: bob", "/msgbob hi"})
        @DisplayName("with a sentence that points to /help and to '//'")
        void unknown(String line) {
            Parsed.Invalid<?> invalid = refusal(Commands.parse(line));

            assertThat(invalid.code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
            assertThat(invalid.detail()).contains("/help").contains("//");
        }

        @Test
        @DisplayName("the refusal quotes the command, not what follows it")
        void quotesTheCommand() {
            assertThat(refusal(Commands.parse("/shrug at bob")).detail()).contains("/shrug").doesNotContain("bob");
        }

        @Test
        @DisplayName("a long command is cut in the refusal, never inside a character: the refusal can be sent")
        void longCommand() {
            String verb = "a".repeat(31) + "😀" + "b".repeat(40);

            String detail = refusal(Commands.parse("/" + verb)).detail();

            assertThat(detail).doesNotContain("b".repeat(40)).contains("…");
            assertThat(Text.checkCharacters(detail)).isEmpty();
            assertThat(new ServerFrame.Error(ErrorCode.UNKNOWN_COMMAND, detail).text()).isEqualTo(detail);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"/operhunter2", "/OPERhunter2 x", "/oper_hunter2", "/operator hunter2"})
        @DisplayName("a word that starts like /oper is not quoted: it may be a password typed without its space")
        void operTypo(String line) {
            Parsed.Invalid<?> invalid = refusal(Commands.parse(line));

            assertThat(invalid.code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
            assertThat(invalid.detail()).doesNotContainIgnoringCase("hunter2");
        }
    }

    @Nested
    @DisplayName("/oper")
    class Oper {

        @Test
        @DisplayName("takes the rest of the line as the password, and its toString hides it")
        void password() {
            var parsed = Commands.parse("/oper correct horse :battery");

            assertThat(parsed).isEqualTo(ok(new Command.Oper("correct horse :battery")));
            assertThat(parsed.toString()).doesNotContain("horse");
        }

        @Test
        @DisplayName("a password with a TAB is refused without quoting it")
        void tab() {
            Parsed.Invalid<?> invalid = refusal(Commands.parse("/oper hunter2\tx"));

            assertThat(invalid.code()).isEqualTo(ErrorCode.BAD_CHARACTER);
            assertThat(invalid.detail()).doesNotContain("hunter2");
        }

        @Test
        @DisplayName("a password over MAX_PASSWORD_BYTES is refused without quoting it")
        void tooLong() {
            Parsed.Invalid<?> invalid = refusal(Commands.parse("/oper " + "p".repeat(Limits.MAX_PASSWORD_BYTES + 1)));

            assertThat(invalid.code()).isEqualTo(ErrorCode.TEXT_TOO_LONG);
            assertThat(invalid.detail()).doesNotContain("ppp");
        }
    }

    @Nested
    @DisplayName("records check their invariants, as the frames they become do")
    class Invariants {

        @Test
        @DisplayName("Moderate has a target exactly when its action takes one, a name where only a name will do")
        void moderate() {
            assertThatThrownBy(() -> moderation(CURRENT, Moderation.OP, null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> moderation(CURRENT, Moderation.CLOSE, "bob")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> moderation(CURRENT, Moderation.BAN, "two words"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> moderation(CURRENT, Moderation.MUTE, "2001:db8::1"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("Away refuses a blank text; Oper a password PASS would refuse")
        void awayAndOper() {
            assertThatThrownBy(() -> new Command.Away(Optional.of(" "))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Command.Oper("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Command.Oper("a\tb")).isInstanceOf(IllegalArgumentException.class);
            assertThat(new Command.Oper("hunter2").toString()).doesNotContain("hunter2");
        }

        @Test
        @DisplayName("texts are checked like the frames' texts")
        void texts() {
            assertThatThrownBy(() -> new Command.Say(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Command.Me("a\rb")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Command.Msg(BOB, "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Command.Topic(CURRENT, Optional.of("x".repeat(Limits.MAX_TOPIC_BYTES + 1))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
