package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rooms in the plain dialect")
@Timeout(30)
class RoomsTest {

    private final ServerFixture fixture = new ServerFixture();

    @BeforeEach
    void startServer() {
        fixture.start(ServerConfig.defaults());
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    /// Waits until `client` has seen everything sent to it so far: `/who` is answered only
    /// after everything before it, with a line no broadcast produces.
    static List<String> sync(TestClient client) {
        client.send("/who #lobby");
        return client.collectUntil(line -> line.startsWith("* In the chat: ") || line.startsWith("* [#lobby] In the chat: ")
                || line.startsWith("* Error: "), "the answer to /who", TestClient.TIMEOUT);
    }

    @Nested
    @DisplayName("joining and leaving rooms")
    class JoinAndPart {

        @Test
        @DisplayName("joining a new room creates it, makes the creator its operator and sends lines there")
        void joinCreates() {
            TestClient alice = fixture.joinPlain("alice");

            alice.send("/join #rust");

            assertThat(alice.nextLine()).isEqualTo("* You are in #rust now: your messages go there. /part leaves it, /join switches rooms.");
            assertThat(alice.nextLine()).isEqualTo("* In the chat: @alice");
            assertThat(alice.nextLine()).isEqualTo("* alice joined the chat");
            alice.send("hello rust");
            assertThat(alice.nextLine()).isEqualTo("alice: hello rust");
        }

        @Test
        @DisplayName("lines of the current room look as today; other rooms' lines name their room")
        void currentRoomAndOthers() {
            TestClient alice = fixture.joinPlain("alice");
            TestClient bob = fixture.joinPlain("bob");
            alice.expectExactLine("* bob joined the chat");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");
            bob.send("/join #rust");
            bob.expectExactLine("* bob joined the chat");
            alice.expectExactLine("* bob joined the chat");

            alice.send("/join #lobby");
            alice.expectExactLine("* Your messages now go to #lobby.");
            bob.send("in rust");
            bob.send("/me waves");

            assertThat(alice.nextLine()).isEqualTo("* [#rust] bob: in rust");
            assertThat(alice.nextLine()).isEqualTo("* [#rust] * bob waves");
            assertThat(bob.nextLine()).isEqualTo("bob: in rust");
            assertThat(bob.nextLine()).isEqualTo("* * bob waves");
        }

        @Test
        @DisplayName("a member who types no command sees exactly today's lines while others use rooms")
        void noCommandNoChange() {
            TestClient carol = fixture.joinPlain("carol");
            TestClient alice = fixture.joinPlain("alice");
            carol.expectExactLine("* alice joined the chat");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");
            alice.send("only rust hears this");
            alice.send("/msg #lobby to the lobby");
            alice.send("/topic rust things");
            alice.send("/away lunch");
            alice.send("/msg carol psst");
            alice.send("/part #rust bye");
            alice.expectExactLine("* Your messages now go to #lobby.");
            alice.send("/nick alicia");
            alice.send("/quit");

            List<String> seen = carol.collectUntil(line -> line.startsWith("* alicia left the chat"),
                    "alicia leaving", TestClient.TIMEOUT);

            assertThat(seen).containsExactly("alice: to the lobby", "* [from alice] psst",
                    "* alice is now known as alicia", "* alicia left the chat");
        }

        @Test
        @DisplayName("/part leaves a room and tells it; the current room moves to the room joined last")
        void part() {
            TestClient alice = fixture.joinPlain("alice");
            TestClient bob = fixture.joinPlain("bob");
            alice.expectExactLine("* bob joined the chat");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");
            bob.send("/join #rust");
            bob.expectExactLine("* bob joined the chat");
            alice.expectExactLine("* bob joined the chat");

            bob.send("/part time to go");

            assertThat(alice.nextLine()).isEqualTo("* bob left the room: time to go");
            assertThat(bob.nextLine()).isEqualTo("* bob left the room: time to go");
            assertThat(bob.nextLine()).isEqualTo("* Your messages now go to #lobby.");
            bob.send("back here");
            assertThat(bob.nextLine()).isEqualTo("bob: back here");
            assertThat(alice.nextLine()).isEqualTo("* [#lobby] bob: back here");
        }

        @Test
        @DisplayName("leaving every room leaves the member in none, told how to join one")
        void partEverything() {
            TestClient alice = fixture.joinPlain("alice");

            alice.send("/leave");

            alice.expectExactLine("* alice left the room");
            alice.expectExactLine("* You are in no room now: /join #room to enter one, /rooms lists them.");
            alice.send("anybody?");
            alice.expectExactLine("* Error: you are in no room: /join #room to enter one, /rooms lists them");
            alice.send("/join #lobby");
            alice.expectExactLine("* alice joined the chat");
        }

        @Test
        @DisplayName("/join of a room one is in only switches to it")
        void joinAgainSwitches() {
            TestClient alice = fixture.joinPlain("alice");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");

            alice.send("/join #LOBBY");

            assertThat(alice.nextLine()).isEqualTo("* Your messages now go to #lobby.");
        }

        @Test
        @DisplayName("room names are compared ignoring case and keep the creator's spelling")
        void caseInsensitive() {
            TestClient alice = fixture.joinPlain("alice");
            alice.send("/join #Rust");
            alice.expectExactLine("* alice joined the chat");
            TestClient bob = fixture.joinPlain("bob");

            bob.send("/join #RUST");
            bob.expectExactLine("* bob joined the chat");
            bob.send("/rooms");

            bob.expectExactLine("* 2 rooms:");
            bob.expectExactLine("* #lobby (2 members)");
            bob.expectExactLine("* #Rust (2 members)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/join rust", "/join #", "/join #a:b", "/join #has space too", "/join",
                "/join #aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
        @DisplayName("a room name that breaks the rules is refused with one error line")
        void badRoomNames(String command) {
            TestClient alice = fixture.joinPlain("alice");

            alice.send(command);

            assertThat(alice.nextLine()).startsWith("* Error: ");
            alice.send("still here");
            assertThat(alice.nextLine()).isEqualTo("alice: still here");
        }

        @Test
        @DisplayName("an empty room keeps its topic and is still listed")
        void emptyRoomKept() {
            TestClient alice = fixture.joinPlain("alice");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");
            alice.send("/topic all about rust");
            alice.expectExactLine("* Topic: all about rust (set by alice)");
            alice.send("/part");
            alice.expectExactLine("* Your messages now go to #lobby.");

            alice.send("/rooms");
            alice.expectExactLine("* #rust (0 members): all about rust");
            alice.send("/join #rust");

            alice.expectExactLine("* Topic: all about rust (set by alice)");
        }
    }

    @Nested
    @DisplayName("commands")
    class Commands {

        @Test
        @DisplayName("/help names every command")
        void help() {
            TestClient alice = fixture.joinPlain("alice");

            alice.send("/help");

            List<String> help = alice.collectUntil(line -> line.startsWith("* Operator commands take"), "the help",
                    TestClient.TIMEOUT);
            for (String command : List.of("/join", "/part", "/rooms", "/who", "/msg", "/me", "/nick", "/topic", "/away",
                    "/kick", "/ban", "/unban", "/mute", "/unmute", "/op", "/deop", "/oper", "/quit", "/close")) {
                assertThat(help).anySatisfy(line -> assertThat(line).contains(command));
            }
        }

        @Test
        @DisplayName("an unknown /command is an error, and // sends a line starting with /")
        void unknownAndEscape() {
            TestClient alice = fixture.joinPlain("alice");
            TestClient bob = fixture.joinPlain("bob");
            alice.expectExactLine("* bob joined the chat");

            alice.send("/frobnicate now");
            alice.send("//frobnicate now");

            assertThat(alice.nextLine()).startsWith("* Error: unknown command /frobnicate; /help lists the commands");
            assertThat(alice.nextLine()).isEqualTo("alice: /frobnicate now");
            assertThat(bob.nextLine()).isEqualTo("alice: /frobnicate now");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/msg", "/msg bob", "/me", "/nick", "/nick two words", "/kick", "/ban", "/mute",
                "/op", "/oper", "/close", "/who #lobby extra"})
        @DisplayName("a command with missing or wrong arguments gets one error line and nothing is broadcast")
        void badArguments(String command) {
            TestClient alice = fixture.joinPlain("alice");
            TestClient bob = fixture.joinPlain("bob");
            alice.expectExactLine("* bob joined the chat");

            alice.send(command);
            assertThat(alice.nextLine()).startsWith("* Error: ");
            alice.send("after");

            assertThat(bob.nextLine()).isEqualTo("alice: after");
            assertThat(alice.nextLine()).isEqualTo("alice: after");
        }

        @Test
        @DisplayName("/who lists a room's members with operators marked and away members noted")
        void who() {
            TestClient alice = fixture.joinPlain("alice");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");
            TestClient bob = fixture.joinPlain("bob");
            bob.send("/join #rust");
            bob.expectExactLine("* bob joined the chat");
            bob.send("/away lunch");
            bob.expectExactLine("* bob is away: lunch");

            bob.send("/who");

            assertThat(bob.nextLine()).isEqualTo("* In the chat: @alice, bob (away)");
            bob.send("/who #lobby");
            assertThat(bob.nextLine()).isEqualTo("* [#lobby] In the chat: alice, bob (away)");
            bob.send("/away");
            assertThat(bob.nextLine()).isEqualTo("* bob is back");
        }

        @Test
        @DisplayName("/who of a room that does not exist is an error")
        void whoNowhere() {
            TestClient alice = fixture.joinPlain("alice");

            alice.send("/who #nowhere");

            assertThat(alice.nextLine()).isEqualTo("* Error: there is no room #nowhere");
        }

        @Test
        @DisplayName("/nick renames; everyone sharing a room is told once, also across several rooms")
        void nickOncePerMember() {
            TestClient alice = fixture.joinPlain("alice");
            TestClient bob = fixture.joinPlain("bob");
            alice.expectExactLine("* bob joined the chat");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");
            bob.send("/join #rust");
            bob.expectExactLine("* bob joined the chat");
            alice.expectExactLine("* bob joined the chat");

            bob.send("/nick robert");

            assertThat(alice.nextLine()).isEqualTo("* bob is now known as robert");
            assertThat(bob.nextLine()).isEqualTo("* bob is now known as robert");
            alice.send("/who");
            assertThat(alice.nextLine()).isEqualTo("* In the chat: @alice, robert");
        }

        @Test
        @DisplayName("a name taken in any room cannot be taken by /nick")
        void nickTaken() {
            TestClient alice = fixture.joinPlain("alice");
            alice.send("/join #rust");
            alice.send("/part #lobby");
            alice.expectExactLine("* [#lobby] alice left the room");
            TestClient bob = fixture.joinPlain("bob");

            bob.send("/nick ALICE");

            assertThat(bob.nextLine()).isEqualTo("* Error: the name ALICE is already taken");
        }

        @Test
        @DisplayName("a member who leaves the chat is announced once to each member sharing a room")
        void leaveOnce() {
            TestClient alice = fixture.joinPlain("alice");
            TestClient bob = fixture.joinPlain("bob");
            alice.expectExactLine("* bob joined the chat");
            for (String room : List.of("#a", "#b")) {
                alice.send("/join " + room);
                alice.expectExactLine("* alice joined the chat");
                bob.send("/join " + room);
                bob.expectExactLine("* bob joined the chat");
            }
            alice.send("/join #lobby");
            alice.expectExactLine("* Your messages now go to #lobby.");
            sync(alice);

            bob.closeAbruptly();

            assertThat(alice.nextLine()).isEqualTo("* bob left the chat (connection lost)");
            assertThat(sync(alice)).hasSize(1);
        }
    }

    @Nested
    @DisplayName("topics")
    class Topics {

        @Test
        @DisplayName("a topic is set, told to the room, shown to joiners and on request")
        void setAndShow() {
            TestClient alice = fixture.joinPlain("alice");
            TestClient bob = fixture.joinPlain("bob");
            alice.expectExactLine("* bob joined the chat");

            alice.send("/topic welcome all");

            assertThat(alice.nextLine()).isEqualTo("* Topic: welcome all (set by alice)");
            bob.expectExactLine("* Topic: welcome all (set by alice)");
            TestClient carol = fixture.connect("carol");
            carol.send("carol");
            carol.expectExactLine("* In the chat: alice, bob, carol");
            assertThat(carol.nextLine()).isEqualTo("* Topic: welcome all (set by alice)");
            bob.expectExactLine("* carol joined the chat");
            bob.send("/topic");
            assertThat(bob.nextLine()).isEqualTo("* Topic: welcome all (set by alice)");
        }

        @Test
        @DisplayName("with no topic, /topic says so; an empty /topic only shows it")
        void noTopic() {
            TestClient alice = fixture.joinPlain("alice");

            alice.send("/topic");

            assertThat(alice.nextLine()).isEqualTo("* No topic is set");
        }

        @Test
        @DisplayName("a topic longer than 390 bytes is refused")
        void tooLong() {
            TestClient alice = fixture.joinPlain("alice");

            alice.send("/topic " + "x".repeat(391));

            assertThat(alice.nextLine()).startsWith("* Error: text of 391 bytes is too long (limit 390)");
        }
    }
}
