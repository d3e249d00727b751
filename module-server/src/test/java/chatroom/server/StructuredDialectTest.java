package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static chatroom.server.ServerFixture.awaitCount;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Structured dialect")
@Timeout(30)
class StructuredDialectTest {

    private static final Pattern MSG = Pattern.compile("MSG id=(\\d+) ts=(\\S+) from=(\\S+) :(.*)");

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    private static Matcher msg(String line) {
        Matcher matcher = MSG.matcher(line);
        assertThat(matcher.matches()).as("a MSG frame: %s", line).isTrue();
        return matcher;
    }

    private static long id(String msgLine) {
        return Long.parseLong(msg(msgLine).group(1));
    }

    @Nested
    @DisplayName("handshake")
    class Handshake {

        @Test
        @DisplayName("HELLO is answered, after the plain greeting, with the version and limits")
        void helloIsAnswered() {
            fixture.start(ServerConfig.defaults());
            TestClient client = fixture.connect("client");

            client.send("HELLO v=1 client=test/1");

            assertThat(client.nextLine()).matches("HELLO v=1 server=\\S+ max-frame=8192 max-text=4096 heartbeat=30");
        }

        @Test
        @DisplayName("LOGIN is answered with WELCOME, MEMBERS, HISTORY, then the JOINED broadcast")
        void loginSequence() {
            fixture.start(ServerConfig.defaults());
            TestClient alice = fixture.joinPlain("alice");
            TestClient bob = fixture.hello("bob");

            bob.send("LOGIN name=bob");

            assertThat(bob.nextLine()).isEqualTo("WELCOME name=bob room=lobby");
            assertThat(bob.nextLine()).isEqualTo("MEMBERS :alice bob");
            assertThat(bob.nextLine()).isEqualTo("HISTORY count=0");
            assertThat(bob.nextLine()).matches("JOINED name=bob ts=\\d{4}-\\d\\d-\\d\\dT\\S+Z");
            assertThat(alice.nextLine()).isEqualTo("* bob joined the chat");
        }

        @Test
        @DisplayName("a name in use is refused with ERROR code=name-taken and nobody is told")
        void loginNameTaken() {
            fixture.start(ServerConfig.defaults());
            TestClient alice = fixture.joinStructured("alice");
            TestClient other = fixture.hello("other");

            other.send("LOGIN name=ALICE");
            assertThat(other.nextLine()).startsWith("ERROR code=name-taken :");
            other.send("LOGIN name=bob");
            assertThat(other.nextLine()).isEqualTo("WELCOME name=bob room=lobby");

            assertThat(alice.nextLine()).startsWith("JOINED name=bob ");
        }

        @Test
        @DisplayName("SAY before LOGIN is refused with ERROR code=wrong-state")
        void sayBeforeLogin() {
            fixture.start(ServerConfig.defaults());
            TestClient client = fixture.hello("client");

            client.send("SAY :too early");

            assertThat(client.nextLine()).isEqualTo("ERROR code=wrong-state :LOGIN first");
        }

        @Test
        @DisplayName("a second HELLO or LOGIN is refused with ERROR code=wrong-state")
        void repeatedHandshake() {
            fixture.start(ServerConfig.defaults());
            TestClient client = fixture.joinStructured("client");

            client.send("HELLO v=1");
            assertThat(client.nextLine()).startsWith("ERROR code=wrong-state :");
            client.send("LOGIN name=other");
            assertThat(client.nextLine()).startsWith("ERROR code=wrong-state :");
        }
    }

    @Nested
    @DisplayName("chatting")
    class Chatting {

        @Test
        @DisplayName("SAY reaches plain members as `name: text` and structured ones as MSG with increasing ids")
        void sayIsBroadcast() {
            fixture.start(ServerConfig.defaults());
            TestClient plain = fixture.joinPlain("carol");
            TestClient alice = fixture.joinStructured("alice");
            TestClient bob = fixture.joinStructured("bob");
            alice.expectLine("JOINED name=bob .*");

            alice.send("SAY :hello, world");
            alice.send("SAY :second");
            List<String> seenByBob = List.of(bob.expectLine("MSG .*"), bob.nextLine());
            // Only now, so that the order of the three is fixed: two connections race otherwise.
            bob.send("SAY :third: with colon");
            seenByBob = List.of(seenByBob.get(0), seenByBob.get(1), bob.nextLine());

            assertThat(plain.expectLine("\\w+: .*")).isEqualTo("alice: hello, world");
            assertThat(plain.nextLine()).isEqualTo("alice: second");
            assertThat(plain.nextLine()).isEqualTo("bob: third: with colon");
            List<String> seenByAlice = List.of(alice.expectLine("MSG .*"), alice.nextLine(), alice.nextLine());
            assertThat(seenByAlice).as("the same frames, ids included, for everybody").isEqualTo(seenByBob);
            assertThat(msg(seenByAlice.get(0)).group(3)).isEqualTo("alice");
            assertThat(msg(seenByAlice.get(0)).group(4)).isEqualTo("hello, world");
            assertThat(msg(seenByAlice.get(1)).group(4)).isEqualTo("second");
            assertThat(msg(seenByAlice.get(2)).group(3)).isEqualTo("bob");
            assertThat(msg(seenByAlice.get(2)).group(4)).isEqualTo("third: with colon");
            assertThat(id(seenByAlice.get(0))).isLessThan(id(seenByAlice.get(1)));
            assertThat(id(seenByAlice.get(1))).isLessThan(id(seenByAlice.get(2)));
        }

        @Test
        @DisplayName("NICK renames: RENAMED to structured members, `* a is now known as b` to plain ones")
        void nickRenames() {
            fixture.start(ServerConfig.defaults());
            TestClient plain = fixture.joinPlain("carol");
            TestClient alice = fixture.joinStructured("alice");
            plain.expectExactLine("* alice joined the chat");

            alice.send("NICK name=alicia");

            assertThat(alice.nextLine()).matches("RENAMED from=alice to=alicia ts=\\S+");
            assertThat(plain.nextLine()).isEqualTo("* alice is now known as alicia");
            alice.send("SAY :new name");
            assertThat(msg(alice.nextLine()).group(3)).isEqualTo("alicia");
            assertThat(plain.nextLine()).isEqualTo("alicia: new name");
        }

        @Test
        @DisplayName("NICK to a name in use is refused with ERROR code=name-taken")
        void nickTaken() {
            fixture.start(ServerConfig.defaults());
            fixture.joinPlain("carol");
            TestClient alice = fixture.joinStructured("alice");

            alice.send("NICK name=Carol");

            assertThat(alice.nextLine()).startsWith("ERROR code=name-taken :");
        }

        @Test
        @DisplayName("PING is answered with PONG and the same token")
        void pingPong() {
            fixture.start(ServerConfig.defaults());
            TestClient alice = fixture.joinStructured("alice");

            alice.send("PING token=abc123");

            assertThat(alice.nextLine()).isEqualTo("PONG token=abc123");
        }

        @Test
        @DisplayName("an unknown verb gets ERROR code=unknown-verb and the connection stays open")
        void unknownVerb() {
            fixture.start(ServerConfig.defaults());
            TestClient alice = fixture.joinStructured("alice");

            alice.send("FROBNICATE x=1");
            assertThat(alice.nextLine()).startsWith("ERROR code=unknown-verb :");

            alice.send("SAY :still here");
            assertThat(msg(alice.nextLine()).group(4)).isEqualTo("still here");
        }

        @Test
        @DisplayName("QUIT is answered with BYE, the others see LEFT, and the socket closes")
        void quit() {
            fixture.start(ServerConfig.defaults());
            TestClient plain = fixture.joinPlain("carol");
            TestClient watcher = fixture.joinStructured("watcher");
            TestClient alice = fixture.joinStructured("alice");
            plain.expectExactLine("* alice joined the chat");
            watcher.expectLine("JOINED name=alice .*");

            alice.send("QUIT");

            assertThat(alice.nextLine()).isEqualTo("BYE reason=quit :Goodbye, alice!");
            assertThat(alice.awaitClosed()).isEmpty();
            assertThat(watcher.nextLine()).matches("LEFT name=alice ts=\\S+ reason=quit");
            assertThat(plain.nextLine()).isEqualTo("* alice left the chat");
            awaitCount("connections", fixture.server()::connectionCount, 2);
        }
    }

    @Nested
    @DisplayName("history")
    class History {

        private List<String> sayThree(TestClient speaker) {
            speaker.send("SAY :one");
            speaker.send("SAY :two");
            speaker.send("SAY :three");
            return List.of(speaker.expectLine("MSG .* :one"), speaker.nextLine(), speaker.nextLine());
        }

        private List<String> login(String line) {
            TestClient late = fixture.hello("late");
            late.send(line);
            return late.collectUntil(l -> l.startsWith("JOINED name=late "), "the JOINED", TestClient.TIMEOUT);
        }

        @Test
        @DisplayName("a newcomer is replayed the earlier messages after HISTORY count=N")
        void replay() {
            fixture.start(ServerConfig.defaults());
            List<String> said = sayThree(fixture.joinStructured("alice"));

            List<String> lines = login("LOGIN name=late");

            assertThat(lines).containsSubsequence("HISTORY count=3", said.get(0), said.get(1), said.get(2));
            int at = lines.indexOf("HISTORY count=3");
            assertThat(lines.subList(at, at + 4)).containsExactly("HISTORY count=3", said.get(0), said.get(1), said.get(2));
        }

        @Test
        @DisplayName("messages said by plain members are kept too")
        void plainMessagesKept() {
            fixture.start(ServerConfig.defaults());
            TestClient carol = fixture.joinPlain("carol");
            carol.send("from plain");
            carol.expectExactLine("carol: from plain");

            List<String> lines = login("LOGIN name=late");

            assertThat(lines).contains("HISTORY count=1");
            assertThat(lines).anyMatch(line -> line.matches("MSG id=\\d+ ts=\\S+ from=carol :from plain"));
        }

        @Test
        @DisplayName("LOGIN since=ID replays only the messages after ID")
        void since() {
            fixture.start(ServerConfig.defaults());
            List<String> said = sayThree(fixture.joinStructured("alice"));

            List<String> lines = login("LOGIN name=late since=" + id(said.get(1)));

            int at = lines.indexOf("HISTORY count=1");
            assertThat(at).as("HISTORY count=1 in %s", lines).isNotNegative();
            assertThat(lines.get(at + 1)).isEqualTo(said.get(2));
            assertThat(lines.get(at + 2)).startsWith("JOINED name=late ");
        }

        @Test
        @DisplayName("only historySize messages are kept")
        void limitedHistory() {
            fixture.start(ServerConfig.builder().historySize(2).build());
            List<String> said = sayThree(fixture.joinStructured("alice"));

            List<String> lines = login("LOGIN name=late");

            int at = lines.indexOf("HISTORY count=2");
            assertThat(at).as("HISTORY count=2 in %s", lines).isNotNegative();
            assertThat(lines.subList(at + 1, at + 3)).containsExactly(said.get(1), said.get(2));
        }

        @Test
        @DisplayName("with historySize 0 nothing is replayed")
        void noHistory() {
            fixture.start(ServerConfig.builder().historySize(0).build());
            sayThree(fixture.joinStructured("alice"));

            assertThat(login("LOGIN name=late")).contains("HISTORY count=0").noneMatch(line -> line.startsWith("MSG "));
        }
    }

    @Nested
    @DisplayName("heartbeat (300 ms)")
    class Heartbeat {

        private static final Duration HEARTBEAT = Duration.ofMillis(300);

        @Test
        @DisplayName("an idle structured member is sent a PING")
        void idleMemberIsPinged() {
            fixture.start(ServerConfig.builder().heartbeat(HEARTBEAT).build());
            TestClient alice = fixture.joinStructured("alice");

            assertThat(alice.nextLine()).matches("PING token=\\S+");
        }

        @Test
        @DisplayName("a member that answers PONG stays, well past twice the heartbeat")
        void answeringMemberStays() {
            fixture.start(ServerConfig.builder().heartbeat(HEARTBEAT).build());
            TestClient alice = fixture.joinStructured("alice");

            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                String ping = alice.expectLine("PING token=\\S+");
                alice.send("PONG token=" + ping.substring("PING token=".length()));
            }
            // Four pings, each after a heartbeat of silence: well over twice the heartbeat.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(HEARTBEAT.multipliedBy(2));

            alice.send("SAY :still here");
            assertThat(alice.expectLine("MSG .*")).endsWith(" :still here");
            assertThat(fixture.server().memberCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("a member that does not answer is sent BYE reason=timeout and the others see it leave")
        void silentMemberTimesOut() {
            fixture.start(ServerConfig.builder().heartbeat(HEARTBEAT).build());
            TestClient plain = fixture.joinPlain("carol");
            TestClient watcher = fixture.joinStructured("watcher");
            watcher.answerPings();
            TestClient silent = fixture.joinStructured("silent");
            plain.expectExactLine("* silent joined the chat");

            silent.expectLine("PING token=\\S+");
            assertThat(silent.expectLine("BYE .*")).isEqualTo("BYE reason=timeout :No answer to heartbeats; goodbye.");
            silent.awaitClosed();

            assertThat(plain.nextLine()).isEqualTo("* silent left the chat (timed out)");
            watcher.expectLine("LEFT name=silent ts=\\S+ reason=timeout");
            awaitCount("members", fixture.server()::memberCount, 2);
        }

        @Test
        @DisplayName("plain members are never pinged nor timed out for silence")
        void plainMembersAreNotPinged() {
            fixture.start(ServerConfig.builder().heartbeat(HEARTBEAT).build());
            TestClient plain = fixture.joinPlain("carol");
            TestClient silent = fixture.joinStructured("silent");

            silent.expectLine("BYE reason=timeout .*");
            List<String> seen = plain.collectUntil(l -> l.startsWith("* silent left"), "silent's leave", TestClient.TIMEOUT);

            assertThat(seen).containsExactly("* silent joined the chat", "* silent left the chat (timed out)");
            plain.send("alive");
            assertThat(plain.nextLine()).isEqualTo("carol: alive");
        }
    }
}
