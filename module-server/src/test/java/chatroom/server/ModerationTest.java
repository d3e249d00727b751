package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Moderation")
@Timeout(30)
class ModerationTest {

    private static final String OPERATOR_PASSWORD = "let me moderate";

    private final ServerFixture fixture = new ServerFixture();
    private TestClient alice;
    private TestClient bob;

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    /// alice creates #rust (so she is its operator) and bob joins it; both are in it, current.
    private void aliceOperatesRust() {
        fixture.start(ServerConfig.builder()
                .operatorPassword(Optional.of(ServerPassword.of(OPERATOR_PASSWORD)))
                .build());
        alice = fixture.joinPlain("alice");
        bob = fixture.joinPlain("bob");
        alice.send("/join #rust");
        alice.expectExactLine("* alice joined the chat");
        bob.send("/join #rust");
        bob.expectExactLine("* bob joined the chat");
        alice.expectExactLine("* bob joined the chat");
    }

    @Nested
    @DisplayName("by a room's operator")
    class RoomOperator {

        @Test
        @DisplayName("kick removes a member with a reason; everyone is told")
        void kick() {
            aliceOperatesRust();

            alice.send("/kick bob spamming");

            assertThat(alice.nextLine()).isEqualTo("* bob was kicked out by alice: spamming");
            assertThat(bob.nextLine()).isEqualTo("* bob was kicked out by alice: spamming");
            assertThat(bob.nextLine()).isEqualTo("* Your messages now go to #lobby.");
            alice.send("/who");
            assertThat(alice.nextLine()).isEqualTo("* In the chat: @alice");
        }

        @Test
        @DisplayName("a banned name is removed and cannot join again; unban lets it")
        void banByName() {
            aliceOperatesRust();

            alice.send("/ban bob");

            assertThat(alice.nextLine()).isEqualTo("* alice banned bob");
            assertThat(alice.nextLine()).isEqualTo("* bob was kicked out by alice: banned");
            bob.expectExactLine("* Your messages now go to #lobby.");
            bob.send("/join #rust");
            assertThat(bob.nextLine()).isEqualTo("* Error: you are banned from #rust");
            alice.send("/unban bob");
            assertThat(alice.nextLine()).isEqualTo("* alice lifted the ban on bob");
            bob.send("/join #rust");
            bob.expectExactLine("* bob joined the chat");
        }

        @Test
        @DisplayName("a banned address cannot join under any name")
        void banByAddress() {
            fixture.start(ServerConfig.builder()
                    .operatorPassword(Optional.of(ServerPassword.of(OPERATOR_PASSWORD)))
                    .build());
            // Everyone in a test comes from 127.0.0.1; the operator is a server operator, whom
            // an address ban does not remove.
            alice = fixture.joinPlain("alice");
            alice.send("/oper " + OPERATOR_PASSWORD);
            alice.expectLine(line -> line.startsWith("* You are a server operator"), "the operator's welcome");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");

            TestClient troll = fixture.joinPlainFrom("127.0.0.2", "troll");
            troll.send("/join #rust");
            troll.expectExactLine("* troll joined the chat");
            alice.expectExactLine("* troll joined the chat");
            alice.send("/ban 127.0.0.2");
            assertThat(alice.nextLine()).isEqualTo("* alice banned 127.0.0.2");
            assertThat(alice.nextLine()).isEqualTo("* troll was kicked out by alice: banned");
            alice.send("/ban 127.0.0.1");
            assertThat(alice.nextLine()).isEqualTo("* Error: that would ban your own address");
            alice.send("/ban 2001:db8::7");
            assertThat(alice.nextLine()).isEqualTo("* alice banned 2001:db8::7");
            alice.send("/unban 2001:db8::9/64");
            assertThat(alice.nextLine()).isEqualTo("* alice lifted the ban on 2001:db8::9/64");
        }

        @Test
        @DisplayName("banning a present member also bans its address: it cannot come back under another name")
        void banAlsoBansTheAddress() {
            fixture.start(ServerConfig.defaults());
            alice = fixture.joinPlain("alice");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");
            TestClient troll = fixture.joinPlainFrom("127.0.0.2", "troll");
            troll.send("/join #rust");
            troll.expectExactLine("* troll joined the chat");

            alice.send("/ban troll");
            alice.expectExactLine("* troll was kicked out by alice: banned");
            troll.send("/nick innocent");
            troll.expectExactLine("* troll is now known as innocent");
            troll.send("/join #rust");
            assertThat(troll.expectLine(line -> line.startsWith("* Error"), "the refusal"))
                    .isEqualTo("* Error: you are banned from #rust");
            TestClient other = fixture.joinPlainFrom("127.0.0.2", "other");
            other.send("/join #rust");

            assertThat(other.nextLine()).isEqualTo("* Error: you are banned from #rust");
        }

        @Test
        @DisplayName("a muted member's messages are refused with a clear error; unmute lets them speak")
        void mute() {
            aliceOperatesRust();

            alice.send("/mute bob");
            assertThat(bob.nextLine()).isEqualTo("* alice muted bob");
            bob.send("can I speak?");
            assertThat(bob.nextLine()).isEqualTo("* Error: you are muted in #rust: your message was not sent");
            bob.send("/nick escaped");
            assertThat(bob.nextLine()).isEqualTo("* Error: you cannot change your name while muted in #rust");
            bob.send("/who");
            assertThat(bob.nextLine()).isEqualTo("* In the chat: @alice, bob (muted)");
            alice.send("/unmute bob");
            assertThat(bob.nextLine()).isEqualTo("* alice unmuted bob");
            bob.send("thanks");

            assertThat(alice.expectLine(line -> line.startsWith("bob:"), "bob's message")).isEqualTo("bob: thanks");
        }

        @Test
        @DisplayName("op gives operator status by name, deop takes it; the new operator may moderate")
        void opAndDeop() {
            aliceOperatesRust();

            alice.send("/op bob");
            assertThat(bob.nextLine()).isEqualTo("* alice made bob an operator");
            bob.send("/mute alice");
            assertThat(bob.nextLine()).isEqualTo("* bob muted alice");
            bob.send("/unmute alice");
            bob.expectExactLine("* bob unmuted alice");
            alice.send("/deop bob");
            assertThat(bob.nextLine()).isEqualTo("* alice took operator status from bob");
            bob.send("/kick alice");

            assertThat(bob.nextLine()).isEqualTo("* Error: only operators of #rust may do that");
        }

        @Test
        @DisplayName("a muted member may not set the topic, nor shed the mute by leaving, renaming and coming back")
        void muteHolds() {
            aliceOperatesRust();
            alice.send("/mute bob");
            bob.expectExactLine("* alice muted bob");

            bob.send("/topic mine");
            assertThat(bob.nextLine()).isEqualTo("* Error: you are muted in #rust: you may not set its topic");
            bob.send("/part");
            bob.expectExactLine("* Your messages now go to #lobby.");
            bob.send("/nick notbob");

            assertThat(bob.nextLine()).isEqualTo("* Error: you cannot change your name while muted in #rust");
        }

        @Test
        @DisplayName("a locked topic may be set by operators only")
        void lockTopic() {
            aliceOperatesRust();

            alice.send("/locktopic");
            assertThat(bob.nextLine()).isEqualTo("* alice locked the topic: only operators may change it");
            bob.send("/topic mine now");
            assertThat(bob.nextLine()).isEqualTo("* Error: only operators may set the topic of #rust");
            alice.send("/topic the rules");
            assertThat(bob.nextLine()).isEqualTo("* Topic: the rules (set by alice)");
            alice.send("/unlocktopic");
            bob.expectExactLine("* alice unlocked the topic: everyone may change it");
            bob.send("/topic mine now");

            assertThat(alice.expectLine(line -> line.startsWith("* Topic: mine"), "bob's topic"))
                    .isEqualTo("* Topic: mine now (set by bob)");
        }

        @Test
        @DisplayName("an operator may moderate another room of theirs with #room first")
        void explicitRoom() {
            aliceOperatesRust();
            alice.send("/join #lobby");
            alice.expectExactLine("* Your messages now go to #lobby.");

            alice.send("/kick #rust bob enough");

            assertThat(bob.nextLine()).isEqualTo("* bob was kicked out by alice: enough");
            assertThat(alice.nextLine()).isEqualTo("* [#rust] bob was kicked out by alice: enough");
        }
    }

    @Nested
    @DisplayName("refused")
    class Refused {

        @ParameterizedTest
        @ValueSource(strings = {"/kick alice", "/ban alice", "/unban alice", "/mute alice", "/unmute alice",
                "/op bob", "/deop alice", "/locktopic", "/unlocktopic"})
        @DisplayName("to a member who is not an operator, with one error line and nothing told")
        void notAnOperator(String command) {
            aliceOperatesRust();

            bob.send(command);

            assertThat(bob.nextLine()).isEqualTo("* Error: only operators of #rust may do that");
            bob.send("after");
            assertThat(alice.nextLine()).isEqualTo("bob: after");
        }

        @Test
        @DisplayName("kicking someone who is not in the room")
        void kickAbsent() {
            aliceOperatesRust();

            alice.send("/kick nobody");

            assertThat(alice.nextLine()).isEqualTo("* Error: nobody is not in #rust");
        }

        @Test
        @DisplayName("banning oneself")
        void banSelf() {
            aliceOperatesRust();

            alice.send("/ban alice");

            assertThat(alice.nextLine()).isEqualTo("* Error: you cannot ban yourself");
        }

        @Test
        @DisplayName("closing a room, to anyone but a server operator")
        void closeNeedsServerOperator() {
            aliceOperatesRust();

            alice.send("/close #rust");

            assertThat(alice.nextLine()).isEqualTo("* Error: only server operators may close rooms");
        }
    }

    @Nested
    @DisplayName("by a server operator")
    class ServerOperator {

        @Test
        @DisplayName("a wrong operator password is refused (after a delay) and the connection stays usable")
        void wrongPassword() {
            aliceOperatesRust();

            bob.send("/oper guess");

            assertThat(bob.nextLine()).isEqualTo("* Error: wrong operator password");
            bob.send("/kick alice");
            assertThat(bob.nextLine()).isEqualTo("* Error: only operators of #rust may do that");
        }

        @Test
        @DisplayName("the third wrong operator password ends the connection")
        void thirdWrongPassword() {
            aliceOperatesRust();

            for (int i = 0; i < 3; i++) {
                bob.send("/oper guess" + i);
            }

            List<String> last = bob.awaitClosed(java.time.Duration.ofSeconds(20));
            assertThat(last).filteredOn(line -> line.equals("* Error: wrong operator password")).hasSize(3);
            assertThat(last.getLast()).isEqualTo("* Too many wrong operator passwords; goodbye.");
        }

        @Test
        @DisplayName("on a server without operators, /oper says so")
        void noOperators() {
            fixture.start(ServerConfig.defaults());
            alice = fixture.joinPlain("alice");

            alice.send("/oper anything");

            assertThat(alice.nextLine()).isEqualTo("* Error: this server has no operators");
        }

        @Test
        @DisplayName("moderates every room, even one it is not in, and may close rooms but not the default room")
        void everyRoomAndClose() {
            aliceOperatesRust();
            TestClient carol = fixture.joinPlain("carol");
            carol.send("/oper " + OPERATOR_PASSWORD);
            carol.expectLine(line -> line.startsWith("* You are a server operator"), "the operator's welcome");

            carol.send("/mute #rust bob");
            bob.expectExactLine("* carol muted bob");
            assertThat(carol.nextLine()).isEqualTo("* [#rust] carol muted bob");
            carol.send("/close #lobby");
            assertThat(carol.nextLine()).isEqualTo("* Error: the default room #lobby cannot be closed");
            carol.send("/close #rust");

            assertThat(bob.nextLine()).isEqualTo("* carol closed the room");
            assertThat(bob.nextLine()).isEqualTo("* Your messages now go to #lobby.");
            assertThat(alice.expectLine(line -> line.startsWith("* Your messages"), "the move"))
                    .isEqualTo("* Your messages now go to #lobby.");
            assertThat(carol.nextLine()).isEqualTo("* [#rust] carol closed the room");
            carol.send("/rooms");
            assertThat(carol.nextLine()).isEqualTo("* 1 room:");
            alice.send("/join #rust");
            alice.expectExactLine("* In the chat: @alice");
        }

        @Test
        @DisplayName("the operator password never appears in what the server sends back")
        void passwordNotEchoed() {
            aliceOperatesRust();

            bob.send("/oper " + OPERATOR_PASSWORD + "x");
            String refusal = bob.nextLine();

            assertThat(refusal).doesNotContain(OPERATOR_PASSWORD);
            assertThat(refusal.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
        }
    }

    @Nested
    @DisplayName("who may speak and join")
    class SpeakAndJoin {

        @Test
        @DisplayName("a moderated room: only operators and the voiced speak; the list marks voices with +")
        void moderated() {
            aliceOperatesRust();

            alice.send("/moderate");
            bob.expectExactLine("* alice made the room moderated: only operators and voiced members may speak");
            bob.send("hello?");
            assertThat(bob.nextLine()).isEqualTo("* Error: #rust is moderated: only its operators and voiced members may"
                    + " speak; your message was not sent");
            alice.send("/voice bob");
            bob.expectExactLine("* alice gave bob a voice");
            bob.send("hello!");
            alice.expectExactLine("bob: hello!");
            alice.send("/who");
            alice.expectLine(line -> line.startsWith("* In the chat: ") && line.contains("@alice")
                    && line.contains("+bob"), "the list with bob's voice");
        }

        @Test
        @DisplayName("members invite into a public room, only operators into an invite-only one; once each")
        void invitations() {
            aliceOperatesRust();
            TestClient carol = fixture.joinPlain("carol");
            TestClient old = fixture.joinStructured("old");

            bob.send("/invite carol");
            bob.expectExactLine("* You invited carol to #rust");
            carol.expectExactLine("* bob invites you to #rust: /join #rust to go in");
            bob.send("/invite alice");
            assertThat(bob.nextLine()).isEqualTo("* Error: alice is in #rust already");
            bob.send("/invite old");
            assertThat(bob.nextLine()).isEqualTo("* Error: old's client (protocol version 1) can be in no other room");
            alice.send("/inviteonly");
            bob.expectExactLine("* alice made the room invite-only: only invited members may join");
            bob.send("/invite nobody");
            assertThat(bob.nextLine()).isEqualTo("* Error: nobody called nobody is here");
            bob.send("/invite carol");
            assertThat(bob.nextLine()).isEqualTo("* Error: #rust is invite-only: only its operators may invite");
            carol.send("/join #rust");
            carol.expectExactLine("* carol joined the chat");
            carol.send("/part");
            carol.send("/join #rust");
            carol.expectExactLine("* Error: #rust is invite-only: an operator or a member must invite you first");
        }

        @Test
        @DisplayName("a key and a member limit: operators of the room pass both")
        void keyAndLimit() {
            aliceOperatesRust();

            alice.send("/setkey open-up");
            bob.expectExactLine("* alice set the room's key to open-up: joining needs it");
            alice.send("/setlimit 2");
            bob.expectExactLine("* alice limited the room to 2 members");
            TestClient carol = fixture.joinPlain("carol");
            carol.send("/join #rust open-up");
            assertThat(carol.nextLine()).isEqualTo("* Error: #rust is full: it takes at most 2 members");
            alice.send("/part");
            alice.expectExactLine("* alice left the room");
            carol.send("/join #rust wrong");
            assertThat(carol.nextLine()).isEqualTo("* Error: wrong key for #rust");
            carol.send("/join #rust open-up");
            carol.expectExactLine("* carol joined the chat");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");
            alice.send("/clearkey");
            carol.expectExactLine("* alice removed the room's key");
            alice.send("/clearlimit");
            carol.expectExactLine("* alice removed the room's member limit");
        }
    }
}
