package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rooms in the structured dialect: version 2 beside version 1 and plain members")
@Timeout(30)
class StructuredRoomsTest {

    private static final Pattern ID = Pattern.compile(" id=(\\d+) ");

    private final ServerFixture fixture = new ServerFixture();

    @BeforeEach
    void startServer() {
        fixture.start(ServerConfig.builder().operatorPassword(Optional.of(ServerPassword.of("op"))).build());
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    /// Sends `PING token=T` and returns what arrived before its `PONG`: everything sent to
    /// `client` before the ping, and nothing after.
    private static List<String> sync(TestClient client, String token) {
        client.send("PING token=" + token);
        List<String> lines = client.collectUntil(("PONG token=" + token)::equals, "the PONG", TestClient.TIMEOUT);
        return lines.subList(0, lines.size() - 1);
    }

    private static long id(String msg) {
        Matcher matcher = ID.matcher(msg);
        assertThat(matcher.find()).as("an id in " + msg).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    @Test
    @DisplayName("version 2 is offered and answered; a client offering 1 gets version 1")
    void negotiation() {
        TestClient two = fixture.connect("two");
        two.send("HELLO v=7");
        two.expectLine("HELLO v=2 server=\\S+ max-frame=8192 max-text=4096 heartbeat=\\d+");
        TestClient one = fixture.hello("one");
        one.send("LOGIN name=one");

        one.expectExactLine("WELCOME name=one room=lobby");
    }

    @Nested
    @DisplayName("a version 2 client")
    class VersionTwo {

        @Test
        @DisplayName("gets the default room's events with room=")
        void defaultRoom() {
            TestClient carol = fixture.joinVersion2("carol");
            TestClient bob = fixture.joinPlain("bob");

            bob.send("hi carol");

            carol.expectLine("JOINED room=#lobby name=bob ts=\\S+");
            carol.expectLine("MSG room=#lobby id=\\d+ ts=\\S+ from=bob :hi carol");
        }

        @Test
        @DisplayName("joins a room: members with flags, history, topic, then its own JOINED")
        void join() {
            TestClient alice = fixture.joinPlain("alice");
            alice.send("/join #rust");
            alice.expectExactLine("* alice joined the chat");
            alice.send("/topic rust!");
            alice.send("first");
            alice.expectExactLine("alice: first");
            TestClient carol = fixture.joinVersion2("carol");

            carol.send("JOIN room=#rust");

            assertThat(carol.nextLine()).isEqualTo("MEMBERS room=#rust :@alice carol");
            assertThat(carol.nextLine()).isEqualTo("HISTORY room=#rust count=1");
            assertThat(carol.nextLine()).matches("MSG room=#rust id=\\d+ ts=\\S+ from=alice :first");
            assertThat(carol.nextLine()).matches("TOPIC room=#rust by=alice ts=\\S+ :rust!");
            assertThat(carol.nextLine()).matches("JOINED room=#rust name=carol ts=\\S+");
            assertThat(alice.expectLine(line -> line.contains("carol"), "carol in #rust"))
                    .isEqualTo("* [#lobby] carol joined the chat");
            alice.expectExactLine("* carol joined the chat");
        }

        @Test
        @DisplayName("says to a room, parts it with a reason, and gets a room's history after an id")
        void sayPartHistory() {
            TestClient carol = fixture.joinVersion2("carol");
            TestClient bob = fixture.joinPlain("bob");
            carol.send("JOIN room=#rust");
            carol.expectLine("JOINED room=#rust name=carol ts=\\S+");
            bob.send("/join #rust");
            bob.expectExactLine("* bob joined the chat");

            carol.send("SAY room=#rust :one");
            carol.send("SAY room=#rust action=1 :waves");
            String first = carol.expectLine("MSG room=#rust id=\\d+ ts=\\S+ from=carol :one");
            carol.expectLine("MSG room=#rust id=\\d+ ts=\\S+ from=carol action=1 :waves");
            assertThat(bob.nextLine()).isEqualTo("carol: one");
            assertThat(bob.nextLine()).isEqualTo("* * carol waves");
            carol.send("HISTORY room=#rust since=" + id(first));
            assertThat(carol.nextLine()).isEqualTo("HISTORY room=#rust count=1");
            assertThat(carol.nextLine()).matches("MSG room=#rust id=\\d+ ts=\\S+ from=carol action=1 :waves");

            carol.send("PART room=#rust :see you");
            carol.expectLine("PARTED room=#rust name=carol ts=\\S+ :see you");
            assertThat(bob.nextLine()).isEqualTo("* carol left the room: see you");
        }

        @Test
        @DisplayName("lists rooms, members, topics; sets away; is told when others are away or back")
        void listsAndAway() {
            TestClient carol = fixture.joinVersion2("carol");
            TestClient dave = fixture.joinVersion2("dave");
            carol.send("JOIN room=#rust");
            carol.send("TOPIC room=#rust :crabs");
            carol.send("ROOMS");
            carol.expectExactLine("ROOMS count=2");
            assertThat(carol.nextLine()).isEqualTo("ROOM room=#lobby members=2 :");
            assertThat(carol.nextLine()).isEqualTo("ROOM room=#rust members=1 :crabs");

            dave.send("AWAY :lunch");
            assertThat(carol.expectLine(line -> line.startsWith("AWAY"), "dave's away")).isEqualTo("AWAY name=dave :lunch");
            assertThat(sync(dave, "d")).filteredOn(line -> line.startsWith("AWAY")).containsExactly("AWAY name=dave :lunch");
            carol.send("WHO room=#lobby");
            assertThat(carol.nextLine()).isEqualTo("MEMBERS room=#lobby :carol ~dave");
            dave.send("AWAY");
            assertThat(carol.nextLine()).isEqualTo("AWAY name=dave");
        }

        @Test
        @DisplayName("one who joins with flags (an operator by name, a muted name, away) is told to the room with them")
        void joinedWithFlags() {
            TestClient carol = fixture.joinVersion2("carol");
            TestClient bob = fixture.joinVersion2("bob");
            TestClient dave = fixture.joinVersion2("dave");
            TestClient plain = fixture.joinPlain("plainy");
            carol.send("JOIN room=#rust");
            // Alone in the room, the creator learns its flags from its member list.
            carol.expectLine("JOINED room=#rust name=carol ts=\\S+");
            carol.send("OP room=#rust target=bob");
            carol.send("MUTE room=#rust target=dave");
            carol.expectLine("MODERATED room=#rust action=mute by=carol target=dave ts=\\S+");
            dave.send("AWAY :lunch");
            dave.expectExactLine("AWAY name=dave :lunch");
            plain.send("/join #rust");
            carol.expectLine("JOINED room=#rust name=plainy ts=\\S+");

            bob.send("JOIN room=#rust");
            carol.expectLine("JOINED room=#rust name=bob ts=\\S+ flags=@");
            dave.send("JOIN room=#rust");
            carol.expectLine("JOINED room=#rust name=dave ts=\\S+ flags=!~");
            assertThat(plain.expectLine(line -> line.contains("dave"), "dave's join")).isEqualTo("* dave joined the chat");
            carol.send("WHO room=#rust");
            assertThat(carol.expectLine(line -> line.startsWith("MEMBERS"), "the list"))
                    .isEqualTo("MEMBERS room=#rust :@carol plainy @bob !~dave");
        }

        @Test
        @DisplayName("moderates with verbs and gets MODERATED and KICKED frames")
        void moderation() {
            TestClient carol = fixture.joinVersion2("carol");
            TestClient bob = fixture.joinPlain("bob");
            carol.send("JOIN room=#rust");
            carol.expectLine("JOINED room=#rust name=carol ts=\\S+");
            bob.send("/join #rust");
            carol.expectLine("JOINED room=#rust name=bob ts=\\S+");

            carol.send("MUTE room=#rust target=bob");
            carol.expectLine("MODERATED room=#rust action=mute by=carol target=bob ts=\\S+");
            carol.send("KICK room=#rust name=bob :enough");
            carol.expectLine("KICKED room=#rust name=bob by=carol ts=\\S+ :enough");
            carol.send("LOCK-TOPIC room=#rust");
            carol.expectLine("MODERATED room=#rust action=lock-topic by=carol ts=\\S+");
            carol.send("CLOSE room=#rust");

            assertThat(carol.nextLine()).isEqualTo("ERROR code=not-operator :only server operators may close rooms");
        }

        @Test
        @DisplayName("every refusal is an ERROR with its code, and the connection stays usable")
        void refusals() {
            TestClient carol = fixture.joinVersion2("carol");
            TestClient bob = fixture.joinVersion2("bob");
            carol.expectLine("JOINED room=#lobby name=bob ts=\\S+");

            carol.send("JOIN room=rust");
            carol.send("PART room=#nowhere");
            carol.send("SAY room=#nowhere :hi");
            carol.send("SAY to=nobody :hi");
            carol.send("SAY to=carol :hi");
            carol.send("KICK room=#lobby name=bob");
            carol.send("WHO room=#nowhere");
            carol.send("JOIN room=#lobby");
            carol.send("OPER :wrong");
            carol.send("HISTORY with=carol");

            assertThat(carol.nextLine()).startsWith("ERROR code=room-invalid :");
            assertThat(carol.nextLine()).isEqualTo("ERROR code=not-in-room :you are not in #nowhere");
            assertThat(carol.nextLine()).isEqualTo("ERROR code=not-in-room :you are not in #nowhere");
            assertThat(carol.nextLine()).isEqualTo("ERROR code=no-such-name :nobody called nobody is here");
            assertThat(carol.nextLine())
                    .isEqualTo("ERROR code=bad-target :you cannot send a private message to yourself");
            assertThat(carol.nextLine()).isEqualTo("ERROR code=not-operator :only operators of #lobby may do that");
            assertThat(carol.nextLine()).isEqualTo("ERROR code=no-such-room :there is no room #nowhere");
            assertThat(carol.nextLine()).isEqualTo("ERROR code=wrong-state :you are in #lobby already");
            assertThat(carol.nextLine()).isEqualTo("ERROR code=bad-operator-password :wrong operator password");
            assertThat(carol.nextLine())
                    .isEqualTo("ERROR code=bad-target :there is no private conversation with yourself");
            assertThat(sync(bob, "b")).noneMatch(line -> line.contains("carol") && !line.startsWith("JOINED"));
        }

        @Test
        @DisplayName("a labelled frame's refusal carries its label; version 1 never gets one")
        void labels() {
            TestClient carol = fixture.joinVersion2("carol");
            TestClient old = fixture.joinStructured("old");
            carol.expectLine("JOINED room=#lobby name=old ts=\\S+");

            carol.send("PART room=#nowhere label=p1");
            carol.send("SAY room=#nowhere label=s2 :hi");
            carol.send("FROB label=f3");
            carol.send("SAY room=#lobby label=ok4 :fine");
            old.send("SAY to=x label=v1 :hi");

            assertThat(carol.nextLine()).isEqualTo("ERROR code=not-in-room label=p1 :you are not in #nowhere");
            assertThat(carol.nextLine()).isEqualTo("ERROR code=not-in-room label=s2 :you are not in #nowhere");
            assertThat(carol.nextLine()).isEqualTo("ERROR code=unknown-verb label=f3 :unknown verb FROB");
            assertThat(carol.nextLine()).matches("MSG room=#lobby id=\\d+ ts=\\S+ from=carol :fine");
            assertThat(old.expectLine(line -> line.startsWith("ERROR"), "the refusal"))
                    .isEqualTo("ERROR code=bad-frame :room=, to= and action= need protocol version 2");
        }

        @Test
        @DisplayName("gets the private conversation's history with HISTORY with=")
        void privateHistory() {
            TestClient carol = fixture.joinVersion2("carol");
            TestClient bob = fixture.joinPlain("bob");
            bob.send("/msg carol one");
            bob.send("/msg carol two");
            carol.expectLine("MSG id=\\d+ ts=\\S+ from=bob to=carol :two");

            carol.send("HISTORY with=bob");

            assertThat(carol.nextLine()).isEqualTo("HISTORY with=bob count=2");
            assertThat(carol.nextLine()).matches("MSG id=\\d+ ts=\\S+ from=bob to=carol :one");
            assertThat(carol.nextLine()).matches("MSG id=\\d+ ts=\\S+ from=bob to=carol :two");
        }
    }

    @Nested
    @DisplayName("a version 1 client")
    class VersionOne {

        @Test
        @DisplayName("logging in to a room with a topic gets it after its JOINED, as a NOTICE")
        void topicAfterJoined() {
            TestClient alice = fixture.joinPlain("alice");
            alice.send("/topic hello v1");
            alice.expectExactLine("* Topic: hello v1 (set by alice)");
            TestClient old = fixture.hello("old");

            old.send("LOGIN name=old");

            List<String> lines = old.collectUntil(line -> line.startsWith("NOTICE"), "the topic", TestClient.TIMEOUT);
            assertThat(lines.get(lines.size() - 2)).matches("JOINED name=old ts=\\S+");
            assertThat(lines.getLast()).isEqualTo("NOTICE :Topic: hello v1 (set by alice)");
        }

        @Test
        @DisplayName("sees an action as the text typed, /me included")
        void actionAsTyped() {
            TestClient old = fixture.joinStructured("old");
            TestClient alice = fixture.joinPlain("alice");

            alice.send("/me yawns");

            old.expectLine("MSG id=\\d+ ts=\\S+ from=alice :/me yawns");
        }

        @Test
        @DisplayName("sees only the default room, in version 1's frames, and never a frame about another room")
        void onlyTheDefaultRoom() {
            TestClient old = fixture.joinStructured("old");
            TestClient carol = fixture.joinVersion2("carol");
            TestClient bob = fixture.joinPlain("bob");
            carol.send("JOIN room=#rust");
            carol.send("SAY room=#rust :not for old");
            carol.send("AWAY :away");
            carol.send("TOPIC room=#lobby :lobby topic");
            bob.send("/msg carol private");
            bob.send("in the lobby");
            carol.expectLine("MSG room=#lobby id=\\d+ ts=\\S+ from=bob :in the lobby");
            carol.send("PART room=#lobby");

            List<String> seen = old.collectUntil(line -> line.startsWith("LEFT name=carol"), "carol leaving",
                    TestClient.TIMEOUT);
            seen.addAll(sync(old, "o"));
            assertThat(seen).anySatisfy(line -> assertThat(line).matches("MSG id=\\d+ ts=\\S+ from=bob :in the lobby"));
            assertThat(String.join("\n", seen)).doesNotContain("room=").doesNotContain("not for old")
                    .doesNotContain("private").doesNotContain("AWAY");
            assertThat(seen).anySatisfy(line -> assertThat(line).isEqualTo("NOTICE :Topic: lobby topic (set by carol)"));
            assertThat(seen).anySatisfy(line -> assertThat(line).matches("LEFT name=carol ts=\\S+ reason=quit"));
        }

        @Test
        @DisplayName("is refused version 2's verbs and attributes as a version 1 server would")
        void versionTwoVerbsRefused() {
            TestClient old = fixture.joinStructured("old");

            old.send("JOIN room=#rust");
            old.send("SAY to=bob :hi");
            old.send("ROOMS");

            assertThat(old.nextLine()).isEqualTo("ERROR code=unknown-verb :unknown verb JOIN");
            assertThat(old.nextLine()).isEqualTo("ERROR code=bad-frame :room=, to= and action= need protocol version 2");
            assertThat(old.nextLine()).isEqualTo("ERROR code=unknown-verb :unknown verb ROOMS");
        }

        @Test
        @DisplayName("kicked out of the default room, is told why and let go; banned, cannot log in")
        void kickedAndBanned() {
            TestClient old = fixture.joinStructured("old");
            TestClient op = fixture.joinPlain("op");
            op.send("/oper op");
            op.expectLine(line -> line.startsWith("* You are a server operator"), "the operator's welcome");

            op.send("/ban old");

            List<String> last = old.awaitClosed();
            assertThat(last).noneMatch(line -> line.startsWith("LEFT name=old"));
            assertThat(last.getLast()).isEqualTo("BYE reason=kicked :You were kicked out of #lobby by op: banned. Goodbye.");
            op.expectLine(line -> line.equals("* old was kicked out by op: banned"), "the kick");
            TestClient again = fixture.hello("again");
            again.send("LOGIN name=old");
            assertThat(again.nextLine()).isEqualTo("ERROR code=banned :you are banned from #lobby");
        }
    }
}
