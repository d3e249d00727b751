package chatroom.client.viewmodel;

import chatroom.protocol.Command;
import chatroom.protocol.Commands;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/// The message input's view-model on the test's thread (no toolkit): what a typed line
/// becomes, what is refused and how it is said, completion, and the history.
class InputViewModelTest {

    /// Records what it is asked to do, and refuses what the test tells it to.
    private static final class Target implements InputTarget {
        final List<Command> performed = new ArrayList<>();
        /// Refuses a command that equals this one.
        Command refuse;
        String reason = "no conversation is open";

        @Override
        public Optional<String> perform(Command command) {
            if (command.equals(refuse)) {
                return Optional.of(reason);
            }
            performed.add(command);
            return Optional.empty();
        }
    }

    private final Target target = new Target();
    private final List<Name> people = new ArrayList<>(List.of(new Name("alice"), new Name("bob"), new Name("Bea")));
    private final List<RoomName> rooms = new ArrayList<>(List.of(RoomName.of("lobby"), RoomName.of("Rust")));
    private InputViewModel input = new InputViewModel(Fixtures.english(), target,
            CompletionSource.of(() -> people, () -> rooms));

    private void type(String text) {
        input.textProperty().set(text);
    }

    private String text() {
        return input.textProperty().get();
    }

    private String error() {
        return input.errorProperty().get();
    }

    private static RoomName room(String name) {
        return RoomName.of(name);
    }

    static Stream<Arguments> commands() {
        Optional<RoomName> none = Optional.empty();
        return Stream.of(
                Arguments.of("hello there", new Command.Say("hello there")),
                Arguments.of("//etc/hosts is here", new Command.Say("/etc/hosts is here")),
                Arguments.of("/me waves", new Command.Me("waves")),
                Arguments.of("/msg bob psst", new Command.Msg(new Name("bob"), "psst")),
                Arguments.of("/msg #rust over here", new Command.Msg(room("rust"), "over here")),
                Arguments.of("/join #rust", new Command.Join(room("rust"))),
                Arguments.of("/part", new Command.Part(none, "")),
                Arguments.of("/leave #rust bye all", new Command.Part(Optional.of(room("rust")), "bye all")),
                Arguments.of("/rooms", new Command.Rooms()),
                Arguments.of("/list", new Command.Rooms()),
                Arguments.of("/who #rust", new Command.Who(Optional.of(room("rust")))),
                Arguments.of("/nick bobby", new Command.Nick(new Name("bobby"))),
                Arguments.of("/topic", new Command.Topic(none, Optional.empty())),
                Arguments.of("/topic Rust 2.0 at last", new Command.Topic(none, Optional.of("Rust 2.0 at last"))),
                Arguments.of("/away lunch", new Command.Away(Optional.of("lunch"))),
                Arguments.of("/away", new Command.Away(Optional.empty())),
                Arguments.of("/kick bob spam", new Command.Kick(none, new Name("bob"), "spam")),
                Arguments.of("/op bob", new Command.Moderate(none, Moderation.OP, Optional.of("bob"))),
                Arguments.of("/deop #rust bob", new Command.Moderate(Optional.of(room("rust")), Moderation.DEOP, Optional.of("bob"))),
                Arguments.of("/mute bob", new Command.Moderate(none, Moderation.MUTE, Optional.of("bob"))),
                Arguments.of("/unmute bob", new Command.Moderate(none, Moderation.UNMUTE, Optional.of("bob"))),
                Arguments.of("/ban 192.0.2.7", new Command.Moderate(none, Moderation.BAN, Optional.of("192.0.2.7"))),
                Arguments.of("/unban bob", new Command.Moderate(none, Moderation.UNBAN, Optional.of("bob"))),
                Arguments.of("/locktopic", new Command.Moderate(none, Moderation.LOCK_TOPIC, Optional.empty())),
                Arguments.of("/unlocktopic", new Command.Moderate(none, Moderation.UNLOCK_TOPIC, Optional.empty())),
                Arguments.of("/close #rust", new Command.Moderate(Optional.of(room("rust")), Moderation.CLOSE, Optional.empty())),
                Arguments.of("/help", new Command.Help()),
                Arguments.of("/quit", new Command.Quit()));
    }

    @Nested
    @DisplayName("a typed line")
    class Lines {

        @ParameterizedTest(name = "{0}")
        @MethodSource("chatroom.client.viewmodel.InputViewModelTest#commands")
        @DisplayName("is read as the plain dialect reads it and handed to the target; accepted, it leaves the input for the history")
        void routed(String line, Command expected) {
            type(line);

            input.submit();

            assertThat(target.performed).containsExactly(expected);
            assertThat(text()).isEmpty();
            assertThat(error()).isEmpty();
            assertThat(input.history()).containsExactly(line);
        }

        @Test
        @DisplayName("/oper is done but its password is not kept in the history")
        void operNotRemembered() {
            type("/oper s3cret pass");

            input.submit();

            assertThat(target.performed).containsExactly(new Command.Oper("s3cret pass"));
            assertThat(text()).isEmpty();
            assertThat(input.history()).isEmpty();
        }

        @Test
        @DisplayName("a blank input does nothing")
        void blank() {
            type("   \n\t ");

            input.submit();

            assertThat(target.performed).isEmpty();
            assertThat(text()).isEqualTo("   \n\t ");
            assertThat(error()).isEmpty();
            assertThat(input.history()).isEmpty();
        }

        @Test
        @DisplayName("a refusal of the target is shown under the input, which keeps the line")
        void refused() {
            target.refuse = new Command.Join(room("secret"));
            type("/join #secret");

            input.submit();

            assertThat(error()).isEqualTo("no conversation is open");
            assertThat(text()).isEqualTo("/join #secret");
            assertThat(input.history()).isEmpty();
        }

        @Test
        @DisplayName("blank lines around a single line do not make it several: it is still a command")
        void oneLineWithBlankLines() {
            type("\n/nick bobby\n  \n");

            input.submit();

            assertThat(target.performed).containsExactly(new Command.Nick(new Name("bobby")));
            assertThat(input.history()).containsExactly("/nick bobby");
        }
    }

    @Nested
    @DisplayName("an invalid command")
    class Invalid {

        private void refusedWith(String line, String expected) {
            type(line);
            input.submit();
            assertThat(error()).as(line).isEqualTo(expected);
            assertThat(text()).as(line).isEqualTo(line);
            assertThat(target.performed).as(line).isEmpty();
        }

        @Test
        @DisplayName("an unknown command is quoted, with how to get help or send it as text")
        void unknown() {
            refusedWith("/frobnicate now", "Unknown command /frobnicate. Type /help for the commands, "
                    + "or start with // to send a line that starts with /.");
            refusedWith("/", "No command after /. Type /help for the commands, "
                    + "or start with // to send a line that starts with /.");
            refusedWith("/" + "x".repeat(40), "Unknown command /" + "x".repeat(32) + "…. Type /help for the commands, "
                    + "or start with // to send a line that starts with /.");
        }

        @Test
        @DisplayName("a command like /oper with its space missing is not quoted: the rest may be a password")
        void operWithoutSpace() {
            type("/opersecret");
            input.submit();
            assertThat(error()).startsWith("Unknown command.").doesNotContain("secret");
        }

        @Test
        @DisplayName("a command with missing or malformed arguments shows its usage, with the word as typed")
        void usage() {
            refusedWith("/join lobby", "Usage: /join #room [KEY]");
            refusedWith("/j", "Usage: /j #room [KEY]");
            refusedWith("/nick", "Usage: /nick NEW-NAME (letters, digits, _ - and ., no spaces)");
            refusedWith("/msg bob", "Usage: /msg NAME TEXT, or /msg #room TEXT");
            refusedWith("/me", "Usage: /me TEXT");
            refusedWith("/kick", "Usage: /kick [#room] NAME [reason]");
            refusedWith("/ban", "Usage: /ban [#room] NAME|ADDRESS");
            refusedWith("/op a b", "Usage: /op [#room] NAME");
            refusedWith("/close now", "Usage: /close [#room]");
            refusedWith("/who #bad room", "Usage: /who [#room]");
            refusedWith("/oper", "Usage: /oper PASSWORD");
        }

        @Test
        @DisplayName("in the UI's language")
        void italian() {
            input = new InputViewModel(Fixtures.italian(), target, CompletionSource.of(List::of, List::of));

            refusedWith("/join lobby", "Uso: /join #stanza [CHIAVE]");
            refusedWith("/boh", "Comando sconosciuto: /boh. Scrivi /help per i comandi, "
                    + "o comincia con // per inviare una riga che inizia con /.");
            refusedWith("x".repeat(Limits.MAX_TEXT_BYTES + 1), "Non inviato: troppo lungo (al massimo 4096 byte).");
        }

        @Test
        @DisplayName("a text too long says the limit of its kind: a message's, or a topic's")
        void tooLong() {
            refusedWith("x".repeat(Limits.MAX_TEXT_BYTES + 1), "Not sent: too long (at most 4096 bytes).");
            refusedWith("/me " + "x".repeat(Limits.MAX_TEXT_BYTES + 1), "Not sent: too long (at most 4096 bytes).");
            refusedWith("/topic " + "x".repeat(Limits.MAX_TOPIC_BYTES + 1), "Not sent: too long (at most 390 bytes).");
            refusedWith("/away " + "x".repeat(Limits.MAX_TOPIC_BYTES + 1), "Not sent: too long (at most 390 bytes).");
        }

        @Test
        @DisplayName("a character that cannot be sent is refused")
        void badCharacter() {
            refusedWith("ring \u0007 the bell", "Not sent: the text holds a character that cannot be sent.");
        }

        @Test
        @DisplayName("the reason goes as soon as the text is edited")
        void clearedOnTyping() {
            type("/frobnicate");
            input.submit();
            assertThat(error()).isNotEmpty();

            type("/frobnicat");

            assertThat(error()).isEmpty();
        }

        @Test
        @DisplayName("every command word, given without its arguments, is refused with words of our own, never the parser's")
        void everyWordIsWorded() {
            List<String> words = new ArrayList<>(CommandWords.WORDS);
            words.addAll(List.of("/j", "/names", "/query", "/tell", "/action", "/name"));
            for (String word : words) {
                for (String line : List.of(word, word + " #bad room x y z")) {
                    if (Commands.parse(line) instanceof Parsed.Invalid<Command>) {
                        type(line);
                        input.submit();
                        assertThat(error()).as(line).startsWith("Usage: " + word + " ");
                    }
                }
            }
        }
    }

    @Nested
    @DisplayName("several lines")
    class SeveralLines {

        @Test
        @DisplayName("each non-blank line is a message, in order; a line starting with / is text, not a command")
        void eachLineAMessage() {
            type("first\n/nick bob\n\n  indented\n");

            input.submit();

            assertThat(target.performed).containsExactly(new Command.Say("first"), new Command.Say("/nick bob"),
                    new Command.Say("  indented"));
            assertThat(text()).isEmpty();
            assertThat(input.history()).containsExactly("first\n/nick bob\n  indented");
        }

        @Test
        @DisplayName("none is sent when one cannot be: the reason names the line")
        void oneInvalid() {
            type("fine\n\n" + "x".repeat(Limits.MAX_TEXT_BYTES + 1));

            input.submit();

            assertThat(target.performed).isEmpty();
            assertThat(error()).isEqualTo("Line 3: Not sent: too long (at most 4096 bytes).");
            assertThat(text()).startsWith("fine\n\nxxx");
        }

        @Test
        @DisplayName("a line the target refuses stays in the input with the rest; those before it are sent")
        void refusedHalfway() {
            target.refuse = new Command.Say("two");
            target.reason = "not in a room";
            type("one\ntwo\nthree");

            input.submit();

            assertThat(target.performed).containsExactly(new Command.Say("one"));
            assertThat(text()).isEqualTo("two\nthree");
            assertThat(error()).isEqualTo("not in a room");
            assertThat(input.history()).containsExactly("one");
        }
    }

    @Nested
    @DisplayName("Tab completion")
    class Completion {

        private int tab(int caret) {
            return input.complete(caret);
        }

        @Test
        @DisplayName("a command word at the start of the text, ignoring case")
        void command() {
            type("/jo");
            assertThat(tab(3)).isEqualTo(6);
            assertThat(text()).isEqualTo("/join ");

            type("/NI");
            assertThat(tab(3)).isEqualTo(6);
            assertThat(text()).isEqualTo("/nick ");
        }

        @Test
        @DisplayName("a word starting with / elsewhere is no command, and is left alone")
        void commandOnlyAtStart() {
            type("see /jo");
            assertThat(tab(7)).isEqualTo(7);
            assertThat(text()).isEqualTo("see /jo");
        }

        @Test
        @DisplayName("a room anywhere, ignoring case, keeping the room's own case")
        void room() {
            type("#lo");
            assertThat(tab(3)).isEqualTo(7);
            assertThat(text()).isEqualTo("#lobby ");

            type("/join #r");
            assertThat(tab(8)).isEqualTo(12);
            assertThat(text()).isEqualTo("/join #Rust ");
        }

        @Test
        @DisplayName("a name: 'alice: ' at the start of a line, 'alice ' elsewhere, ignoring case")
        void name() {
            type("al");
            assertThat(tab(2)).isEqualTo(7);
            assertThat(text()).isEqualTo("alice: ");

            type("hi AL");
            assertThat(tab(5)).isEqualTo(9);
            assertThat(text()).isEqualTo("hi alice ");

            type("/msg al");
            assertThat(tab(7)).isEqualTo(11);
            assertThat(text()).isEqualTo("/msg alice ");

            type("so\nal");
            assertThat(tab(5)).isEqualTo(10);
            assertThat(text()).isEqualTo("so\nalice: ");
        }

        @Test
        @DisplayName("in the middle of the text, only the word before the caret; a space after it is not doubled")
        void middle() {
            type("al is here");
            assertThat(tab(2)).isEqualTo(7);
            assertThat(text()).isEqualTo("alice: is here");
        }

        @Test
        @DisplayName("Tab again cycles through the candidates, round and round; Shift+Tab goes back")
        void cycles() {
            type("hi b");
            int caret = tab(4);
            assertThat(text()).isEqualTo("hi bob ");
            caret = tab(caret);
            assertThat(text()).isEqualTo("hi Bea ");
            caret = tab(caret);
            assertThat(text()).isEqualTo("hi bob ");
            caret = input.completeBackward(caret);
            assertThat(text()).isEqualTo("hi Bea ");
            assertThat(caret).isEqualTo(7);

            type("/un");
            caret = input.completeBackward(3);
            assertThat(text()).isEqualTo("/unmute ");
            caret = input.completeBackward(caret);
            assertThat(text()).isEqualTo("/unmoderate ");
            input.complete(caret);
            assertThat(text()).isEqualTo("/unmute ");
        }

        @Test
        @DisplayName("an edit ends the cycle: the next Tab completes the new word")
        void editEndsCycle() {
            type("b");
            tab(1);
            assertThat(text()).isEqualTo("bob: ");

            type("bob: ok b");
            tab(9);
            assertThat(text()).isEqualTo("bob: ok bob ");
        }

        @Test
        @DisplayName("an edit that restores the completed text still ends the cycle")
        void editBackEndsCycle() {
            type("b");
            int caret = tab(1);
            type("bob: x");
            type("bob: ");

            tab(caret);

            assertThat(text()).isEqualTo("bob: ");
        }

        @Test
        @DisplayName("moving the caret ends the cycle")
        void caretEndsCycle() {
            type("al b");
            tab(4);
            assertThat(text()).isEqualTo("al bob ");

            tab(2);

            assertThat(text()).isEqualTo("alice: bob ");
        }

        @Test
        @DisplayName("nothing to complete: the text and the caret stay")
        void nothing() {
            type("zed ");
            assertThat(tab(4)).isEqualTo(4);
            assertThat(text()).isEqualTo("zed ");
            assertThat(tab(3)).isEqualTo(3);
            assertThat(text()).isEqualTo("zed ");
        }

        @Test
        @DisplayName("names are offered once whatever their case, and asked for afresh each time")
        void freshAndUnique() {
            people.add(new Name("ALICE"));
            type("a");
            int caret = tab(1);
            assertThat(text()).isEqualTo("alice: ");
            tab(caret);
            assertThat(text()).isEqualTo("alice: ");

            people.add(new Name("carol"));
            type("c");
            tab(1);
            assertThat(text()).isEqualTo("carol: ");
        }

        @Test
        @DisplayName("the command words are those of the protocol's help, aliases it names included")
        void wordsMatchTheHelp() {
            Set<String> inHelp = new LinkedHashSet<>();
            var word = Pattern.compile("(?<![/\\w])/[a-z]+");
            for (String line : Command.HELP) {
                word.matcher(line).results().forEach(match -> inHelp.add(match.group()));
            }
            assertThat(CommandWords.WORDS).containsExactlyInAnyOrderElementsOf(inHelp);
            assertThat(CommandWords.WORDS).isSorted();
            for (String command : CommandWords.WORDS) {
                assertThat(Commands.parse(command)).as(command).satisfiesAnyOf(
                        parsed -> assertThat(parsed).isInstanceOf(Parsed.Ok.class),
                        parsed -> assertThat(((Parsed.Invalid<?>) parsed).code()).isEqualTo(ErrorCode.BAD_COMMAND));
            }
        }
    }

    @Nested
    @DisplayName("history")
    class History {

        private void send(String... lines) {
            for (String line : lines) {
                type(line);
                input.submit();
            }
        }

        @Test
        @DisplayName("Up on an empty input recalls the sent texts, most recent first; Down comes back to an empty input")
        void upAndDown() {
            send("one", "/me two", "three");

            assertThat(input.recallPrevious()).isTrue();
            assertThat(text()).isEqualTo("three");
            assertThat(input.recallPrevious()).isTrue();
            assertThat(text()).isEqualTo("/me two");
            assertThat(input.recallPrevious()).isTrue();
            assertThat(text()).isEqualTo("one");
            assertThat(input.recallPrevious()).as("at the oldest").isFalse();
            assertThat(text()).isEqualTo("one");

            assertThat(input.recallNext()).isTrue();
            assertThat(text()).isEqualTo("/me two");
            assertThat(input.recallNext()).isTrue();
            assertThat(text()).isEqualTo("three");
            assertThat(input.recallNext()).isTrue();
            assertThat(text()).isEmpty();
            assertThat(input.recallNext()).as("past the newest").isFalse();
        }

        @Test
        @DisplayName("Up does not replace something typed, nor a recalled text once edited")
        void notOverTyping() {
            send("one", "two");
            type("half a thought");
            assertThat(input.recallPrevious()).isFalse();
            assertThat(input.recallNext()).isFalse();
            assertThat(text()).isEqualTo("half a thought");

            type("");
            input.recallPrevious();
            type("two!");
            assertThat(input.recallPrevious()).isFalse();
            assertThat(input.recallNext()).isFalse();
            assertThat(text()).isEqualTo("two!");
        }

        @Test
        @DisplayName("an edited recall sent again becomes the newest; an empty input starts again from it")
        void sentAgain() {
            send("one", "two");
            input.recallPrevious();
            input.recallPrevious();
            type("one more");
            input.submit();

            assertThat(input.history()).containsExactly("one more", "two", "one");
            assertThat(input.recallPrevious()).isTrue();
            assertThat(text()).isEqualTo("one more");
        }

        @Test
        @DisplayName("the same text sent twice in a row is kept once; refused texts are not kept")
        void duplicatesAndRefusals() {
            send("same", "same", "/frobnicate");
            target.refuse = new Command.Say("refused");
            send("refused");

            assertThat(input.history()).containsExactly("same");
        }

        @Test
        @DisplayName("a multi-line text is recalled whole")
        void multiLine() {
            send("a\nb");

            input.recallPrevious();

            assertThat(text()).isEqualTo("a\nb");
        }

        @Test
        @DisplayName("it keeps the last " + InputViewModel.HISTORY_LIMIT + " texts")
        void bounded() {
            for (int i = 1; i <= InputViewModel.HISTORY_LIMIT + 5; i++) {
                send("message " + i);
            }

            assertThat(input.history()).hasSize(InputViewModel.HISTORY_LIMIT)
                    .startsWith("message " + (InputViewModel.HISTORY_LIMIT + 5))
                    .endsWith("message 6");
        }

        @Test
        @DisplayName("a completed name is typing like any other: Up does not replace it")
        void completionIsTyping() {
            send("earlier");
            type("b");
            input.complete(1);

            assertThat(input.recallPrevious()).isFalse();
            assertThat(text()).isEqualTo("bob: ");
        }
    }

    @Nested
    @DisplayName("insertions")
    class Insertions {

        @Test
        @DisplayName("words are inserted at the caret, spaced from the word before")
        void insert() {
            type("hi there");
            assertThat(input.insert("> quote", 2)).isEqualTo(10);
            assertThat(text()).isEqualTo("hi > quote there");

            type("");
            assertThat(input.insert("> quote", 0)).isEqualTo(7);
            assertThat(text()).isEqualTo("> quote");
        }

        @Test
        @DisplayName("a mention is 'alice: ' at the start of a line and 'alice ' elsewhere")
        void mention() {
            type("");
            assertThat(input.mention(new Name("alice"), 0)).isEqualTo(7);
            assertThat(text()).isEqualTo("alice: ");

            type("thanks ");
            assertThat(input.mention(new Name("bob"), 7)).isEqualTo(11);
            assertThat(text()).isEqualTo("thanks bob ");

            type("thanks");
            input.mention(new Name("bob"), 6);
            assertThat(text()).isEqualTo("thanks bob ");
        }
    }
}
