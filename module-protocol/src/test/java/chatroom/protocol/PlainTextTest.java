package chatroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PlainText")
class PlainTextTest {

    private static final Instant TIME = Instant.parse("2026-11-24T10:15:30.123Z");
    private static final Name ALICE = new Name("alice");
    private static final Name BOB = new Name("bob");

    @Nested
    @DisplayName("password lines")
    class PasswordLines {

        @Test
        @DisplayName("are notices with the documented wording")
        void wording() {
            assertThat(PlainText.PASSWORD_GREETING)
                    .isEqualTo("* Welcome to chatroom! This server needs a password: type it and press Enter.");
            assertThat(PlainText.PASSWORD_ACCEPTED).isEqualTo("* Password accepted. Type your name and press Enter.");
            assertThat(PlainText.WRONG_PASSWORD).isEqualTo("* Error: wrong password; goodbye.");
        }

        @Test
        @DisplayName("the wrong-password line is how a bad-password error renders")
        void wrongPasswordIsAnError() {
            assertThat(PlainText.render(new ServerFrame.Error(ErrorCode.BAD_PASSWORD, "wrong password; goodbye.")))
                    .contains(PlainText.WRONG_PASSWORD);
        }
    }

    @Nested
    @DisplayName("render")
    class Render {

        @Test
        @DisplayName("a chat message is NAME: TEXT")
        void chat() {
            assertThat(PlainText.render(new ServerFrame.Chat(1, TIME, ALICE, "hello"))).contains("alice: hello");
        }

        @Test
        @DisplayName("a chat message keeps its text verbatim, colons included")
        void chatVerbatim() {
            assertThat(PlainText.render(new ServerFrame.Chat(1, TIME, ALICE, "bob: not really :)")))
                    .contains("alice: bob: not really :)");
        }

        @Test
        @DisplayName("a join is a notice starting with '* '")
        void joined() {
            assertThat(PlainText.render(new ServerFrame.Joined(ALICE, TIME))).hasValueSatisfying(line -> assertThat(line)
                    .startsWith("* ").startsWith(PlainText.NOTICE_PREFIX).contains("alice joined the chat"));
        }

        @Test
        @DisplayName("leaving with QUIT says just 'left the chat'")
        void leftQuit() {
            assertThat(PlainText.render(new ServerFrame.Left(ALICE, TIME, LeaveReason.QUIT)))
                    .contains("* alice left the chat");
        }

        @Test
        @DisplayName("leaving with words (an IRC QUIT :reason) says them after the reason's suffix")
        void leftWithWords() {
            assertThat(PlainText.render(new ServerFrame.Left(ALICE, TIME, LeaveReason.QUIT, "going home")))
                    .contains("* alice left the chat: going home");
            assertThat(PlainText.render(new ServerFrame.Left(ALICE, TIME, LeaveReason.TIMEOUT, "lost")))
                    .contains("* alice left the chat (timed out): lost");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = LeaveReason.class, names = "QUIT", mode = EnumSource.Mode.EXCLUDE)
        @DisplayName("leaving for another reason appends that reason's suffix")
        void leftOtherReason(LeaveReason reason) {
            assertThat(reason.plainSuffix()).isNotBlank();
            assertThat(PlainText.render(new ServerFrame.Left(ALICE, TIME, reason)))
                    .contains("* alice left the chat" + reason.plainSuffix());
        }

        @Test
        @DisplayName("a kill is told with the server operator's words after the reason's suffix")
        void leftKilled() {
            assertThat(PlainText.render(new ServerFrame.Left(ALICE, TIME, LeaveReason.KILLED, "Killed (bob (spam))")))
                    .contains("* alice left the chat" + LeaveReason.KILLED.plainSuffix() + ": Killed (bob (spam))");
        }

        @Test
        @DisplayName("the suffixes say what happened")
        void suffixes() {
            assertThat(LeaveReason.TIMEOUT.plainSuffix()).isEqualTo(" (timed out)");
            assertThat(LeaveReason.SENDQ.plainSuffix()).contains("SendQ exceeded");
            assertThat(LeaveReason.QUIT.plainSuffix()).isEmpty();
        }

        @Test
        @DisplayName("a rename, a welcome, a notice, an error and a goodbye are notices")
        void notices() {
            assertThat(PlainText.render(new ServerFrame.Renamed(ALICE, BOB, TIME))).contains("* alice is now known as bob");
            assertThat(PlainText.render(new ServerFrame.Welcome(ALICE, "lobby"))).hasValueSatisfying(line ->
                    assertThat(line).startsWith("* Welcome, alice!").contains(PlainText.QUIT_COMMAND));
            assertThat(PlainText.render(new ServerFrame.Notice("Server restarts soon"))).contains("* Server restarts soon");
            assertThat(PlainText.render(new ServerFrame.Error(ErrorCode.NAME_TAKEN, "alice is taken")))
                    .contains("* Error: alice is taken");
            assertThat(PlainText.render(new ServerFrame.Bye(LeaveReason.QUIT, "Goodbye!"))).contains("* Goodbye!");
        }

        @Test
        @DisplayName("a member list is one notice; a list with more to come ends with a comma")
        void members() {
            assertThat(PlainText.render(ServerFrame.Members.of(List.of(ALICE, BOB), false)))
                    .contains("* In the chat: alice, bob");
            assertThat(PlainText.render(ServerFrame.Members.of(List.of(ALICE, BOB), true)))
                    .contains("* In the chat: alice, bob,");
            assertThat(PlainText.render(ServerFrame.Members.of(List.of(), false))).isEmpty();
        }

        @Test
        @DisplayName("heartbeats, history markers and the handshake render nothing")
        void structuredOnly() {
            assertThat(PlainText.render(new ServerFrame.Ping("1"))).isEmpty();
            assertThat(PlainText.render(new ServerFrame.Pong("1"))).isEmpty();
            assertThat(PlainText.render(new ServerFrame.Hello(1, "chatroom", 8192, 4096, 30))).isEmpty();
            assertThat(PlainText.render(new ServerFrame.History(5))).isEmpty();
        }

        @Test
        @DisplayName("the greeting is a notice")
        void greeting() {
            assertThat(PlainText.GREETING).startsWith(PlainText.NOTICE_PREFIX);
        }

        @Test
        @DisplayName("the TLS refusal is the contract's exact line, a notice that names both ways to connect")
        void tlsRequired() {
            assertThat(PlainText.TLS_REQUIRED)
                    .isEqualTo("* This server accepts only TLS connections. Connect with TLS: chatroom --client --tls, "
                            + "or openssl s_client -connect HOST:PORT.")
                    .startsWith(PlainText.NOTICE_PREFIX)
                    .doesNotContain("\n");
        }
    }

    @Nested
    @DisplayName("isQuit")
    class IsQuit {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"/quit", "/QUIT ", " /Quit", "/quit\t"})
        @DisplayName("is true for /quit in any case, surrounding white space ignored")
        void quit(String line) {
            assertThat(PlainText.isQuit(line)).isTrue();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"/quitting", "quit", "/quit now", "/ quit", "", "alice: /quit"})
        @DisplayName("is false for anything else")
        void notQuit(String line) {
            assertThat(PlainText.isQuit(line)).isFalse();
        }
    }
}
