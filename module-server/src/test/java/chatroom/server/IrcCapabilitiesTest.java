package chatroom.server;

import chatroom.protocol.irc.IrcMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static chatroom.server.IrcTestSupport.SERVER_NAME;
import static chatroom.server.IrcTestSupport.batch;
import static chatroom.server.IrcTestSupport.drain;
import static chatroom.server.IrcTestSupport.expectMessage;
import static chatroom.server.IrcTestSupport.inside;
import static chatroom.server.IrcTestSupport.register;
import static chatroom.server.IrcTestSupport.texts;
import static chatroom.server.IrcTestSupport.unthrottledConfig;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("IRC dialect: batch, labeled-response, client-only tags and TAGMSG")
@Timeout(60)
class IrcCapabilitiesTest {

    private final ServerFixture fixture = new ServerFixture();

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static String source(String nick) {
        return nick + "!" + nick + "@" + SERVER_NAME;
    }

    @Test
    @DisplayName("CAP LS offers batch, labeled-response and draft/chathistory; 005 says CHATHISTORY and MSGREFTYPES")
    void offered() {
        fixture.start(unthrottledConfig().build());
        TestClient client = fixture.connect("ls");
        client.send("CAP LS 302");
        IrcMessage ls = expectMessage(client, message -> message.command().equals("CAP"), "CAP LS");
        assertThat(ls.params().get(2).split(" ")).contains("batch", "labeled-response", "draft/chathistory",
                "message-tags", "server-time", "echo-message");
        client.send("NICK ls");
        client.send("USER ls 0 * :ls");
        client.send("CAP END");
        List<String> burst = client.collectUntil(line -> line.contains(" 422 "), "422", TestClient.TIMEOUT);
        String isupport = String.join(" ", burst.stream().filter(line -> line.contains(" 005 ")).toList());
        assertThat(isupport).contains(" CHATHISTORY=100 ", " MSGREFTYPES=msgid,timestamp ");
    }

    @Nested
    @DisplayName("labeled-response")
    class Labeled {

        @Test
        @DisplayName("no reply: a labeled ACK; one reply: that line labeled; the others see nothing labeled")
        void noneAndOne() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", "batch", "labeled-response");
            TestClient bob = register(fixture, "bob");
            drain(alice);

            alice.send("@label=a1 PRIVMSG #lobby :no echo asked for");
            assertThat(drain(alice)).containsExactly(
                    new IrcMessage(Map.of("label", "a1"), Optional.of(SERVER_NAME), "ACK", List.of()));
            assertThat(drain(bob)).containsExactly(IrcMessage.from(source("alice"), "PRIVMSG", "#lobby",
                    "no echo asked for"));

            alice.send("@label=p1 PING token");
            assertThat(drain(alice)).containsExactly(new IrcMessage(Map.of("label", "p1"), Optional.of(SERVER_NAME), "PONG",
                    List.of(SERVER_NAME, "token")));

            alice.send("@label=e\\s1 PRIVMSG #nowhere :lost");
            IrcMessage refusal = drain(alice).getFirst();
            assertThat(refusal.tags()).containsExactly(Map.entry("label", "e 1"));
            assertThat(refusal.command()).isEqualTo("404");
        }

        @Test
        @DisplayName("several replies: a labeled-response batch whose opening line carries the label")
        void many() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", "batch", "labeled-response");
            drain(alice);

            alice.send("@label=j1 JOIN #tea");
            List<IrcMessage> batch = batch(alice);
            IrcMessage opening = batch.getFirst();
            assertThat(opening.tags()).containsExactly(Map.entry("label", "j1"));
            assertThat(opening.source()).contains(SERVER_NAME);
            assertThat(opening.params()).hasSize(2).element(1).isEqualTo("labeled-response");
            assertThat(inside(batch)).extracting(IrcMessage::command).containsExactly("JOIN", "353", "366");
            assertThat(batch.getLast().tags()).isEmpty();
        }

        @Test
        @DisplayName("a labeled message with echo-message is answered by its echo, which carries the label")
        void echo() {
            fixture.start(unthrottledConfig().build());
            labeledEcho();
        }

        @Test
        @DisplayName("also when the message is saved first and echoed from the store's thread (data directory)")
        void echoAfterSaving() {
            fixture.start(unthrottledConfig().dataDir(Optional.of(dataDir)).build());
            labeledEcho();
        }

        private void labeledEcho() {
            TestClient alice = register(fixture, "alice", "batch", "labeled-response", "echo-message", "message-tags");
            TestClient bob = register(fixture, "bob", "message-tags");
            drain(alice);
            drain(bob);

            alice.send("@label=m1 PRIVMSG #lobby :hello");
            IrcMessage echo = expectMessage(alice, message -> message.command().equals("PRIVMSG"), "the echo");
            assertThat(echo.tags()).containsEntry("label", "m1").containsKey("msgid");
            IrcMessage seen = expectMessage(bob, message -> message.command().equals("PRIVMSG"), "the message");
            assertThat(seen.tags()).doesNotContainKey("label").containsEntry("msgid", echo.tags().get("msgid"));
            assertThat(drain(alice)).as("no ACK besides the echo").isEmpty();

            alice.send("@label=m2 PRIVMSG bob :in private");
            IrcMessage privateEcho = expectMessage(alice, message -> message.command().equals("PRIVMSG"), "the private echo");
            assertThat(privateEcho.tags()).containsEntry("label", "m2");
            assertThat(privateEcho.params()).containsExactly("bob", "in private");
            assertThat(expectMessage(bob, message -> message.command().equals("PRIVMSG"), "the private message").tags())
                    .doesNotContainKey("label");

            alice.send("@label=m3 PRIVMSG #nowhere :refused");
            IrcMessage refusal = expectMessage(alice, message -> message.tags().containsKey("label"), "the labeled refusal");
            assertThat(refusal.command()).isEqualTo("404");
            assertThat(refusal.tags()).containsEntry("label", "m3");
        }

        @Test
        @DisplayName("a label is ignored without labeled-response, or without batch, or longer than 64 bytes")
        void ignored() {
            fixture.start(unthrottledConfig().build());
            TestClient plain = register(fixture, "plain");
            TestClient noBatch = register(fixture, "nobatch", "labeled-response");
            TestClient full = register(fixture, "full", "batch", "labeled-response");
            for (TestClient client : List.of(plain, noBatch, full)) {
                drain(client);
            }
            IrcMessage pong = IrcMessage.from(SERVER_NAME, "PONG", SERVER_NAME, "t");
            plain.send("@label=x PING t");
            assertThat(drain(plain)).containsExactly(pong);
            noBatch.send("@label=x PING t");
            assertThat(drain(noBatch)).containsExactly(pong);
            full.send("@label=" + "x".repeat(65) + " PING t");
            assertThat(drain(full)).containsExactly(pong);
        }
    }

    @Nested
    @DisplayName("client-only tags and TAGMSG (message-tags)")
    class ClientTags {

        @Test
        @DisplayName("TAGMSG to a channel reaches its message-tags members only, tags as sent, echoed with echo-message")
        void tagmsgToChannel() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", "message-tags", "echo-message");
            TestClient bob = register(fixture, "bob", "message-tags", "server-time");
            TestClient carol = register(fixture, "carol");
            TestClient dave = fixture.joinPlain("dave");
            for (TestClient client : List.of(alice, bob, carol)) {
                drain(client);
            }

            alice.send("@+typing=active;+example.com/x=a\\sb\\:c;secret=1 TAGMSG #lobby");
            IrcMessage seen = expectMessage(bob, message -> message.command().equals("TAGMSG"), "the TAGMSG");
            assertThat(seen.source()).contains(source("alice"));
            assertThat(seen.params()).containsExactly("#lobby");
            assertThat(seen.tags()).containsEntry("+typing", "active").containsEntry("+example.com/x", "a b;c")
                    .containsKey("time").doesNotContainKey("secret").doesNotContainKey("msgid");
            IrcMessage echo = expectMessage(alice, message -> message.command().equals("TAGMSG"), "the echo");
            assertThat(echo.tags()).containsExactly(Map.entry("+typing", "active"), Map.entry("+example.com/x", "a b;c"));

            // What alice sends next reaches everyone after her TAGMSG, had it reached them.
            alice.send("PRIVMSG #lobby :after the tags");
            assertThat(carol.collectUntil(line -> line.contains("after the tags"), "alice's message", TestClient.TIMEOUT))
                    .noneMatch(line -> line.contains("TAGMSG"));
            List<String> plain = dave.collectUntil(line -> line.contains("after the tags"), "alice's message",
                    TestClient.TIMEOUT);
            assertThat(plain).noneMatch(line -> line.contains("typing") || line.contains("TAGMSG"));
        }

        @Test
        @DisplayName("TAGMSG to a nick, labeled: the recipient gets the tags, the sender its labeled echo")
        void tagmsgPrivate() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", "message-tags", "echo-message", "batch", "labeled-response");
            TestClient bob = register(fixture, "bob", "message-tags");
            drain(alice);
            drain(bob);

            alice.send("@label=t1;+typing=paused TAGMSG bob");
            IrcMessage echo = expectMessage(alice, message -> message.command().equals("TAGMSG"), "the echo");
            assertThat(echo.tags()).containsExactly(Map.entry("label", "t1"), Map.entry("+typing", "paused"));
            IrcMessage seen = expectMessage(bob, message -> message.command().equals("TAGMSG"), "the TAGMSG");
            assertThat(seen.params()).containsExactly("bob");
            assertThat(seen.tags()).containsExactly(Map.entry("+typing", "paused"));
        }

        @Test
        @DisplayName("TAGMSG refusals: 411 without a target, 404 for a channel one is not in, 401 for nobody")
        void tagmsgRefused() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", "message-tags");
            drain(alice);
            alice.send("@+typing=active TAGMSG");
            alice.send("@+typing=active TAGMSG #nowhere");
            alice.send("@+typing=active TAGMSG nobody");
            assertThat(drain(alice)).extracting(IrcMessage::command).containsExactly("411", "404", "401");
        }

        @Test
        @DisplayName("PRIVMSG's client-only tags reach message-tags members after the server's tags; others get the plain line")
        void privmsgTags() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", "message-tags");
            TestClient bob = register(fixture, "bob", "message-tags");
            TestClient carol = register(fixture, "carol");
            for (TestClient client : List.of(alice, bob, carol)) {
                drain(client);
            }

            alice.send("@+draft/reply=41;vendor.example/secret=1 PRIVMSG #lobby :a reply");
            IrcMessage seen = expectMessage(bob, message -> message.command().equals("PRIVMSG"), "the reply");
            assertThat(seen.tags().keySet()).containsExactly("msgid", "+draft/reply");
            assertThat(seen.tags()).containsEntry("+draft/reply", "41");
            assertThat(expectMessage(carol, message -> message.command().equals("PRIVMSG"), "the reply"))
                    .isEqualTo(IrcMessage.from(source("alice"), "PRIVMSG", "#lobby", "a reply"));

            alice.send("@+draft/react=👍 NOTICE bob :private");
            IrcMessage notice = expectMessage(bob, message -> message.params().contains("private"), "the private message");
            assertThat(notice.tags()).containsEntry("+draft/react", "👍").containsKey("msgid");
        }

        @Test
        @DisplayName("tags from a member without message-tags, or server tags from any client, are not passed on")
        void notPassedOn() {
            fixture.start(unthrottledConfig().build());
            TestClient carol = register(fixture, "carol");
            TestClient bob = register(fixture, "bob", "message-tags", "server-time");
            drain(bob);

            carol.send("@+draft/reply=7 PRIVMSG #lobby :from an old client");
            carol.send("@msgid=fake;time=2000-01-01T00:00:00.000Z;batch=x;label= PRIVMSG #lobby :forged tags");
            List<IrcMessage> seen = bob.collectUntil(line -> line.endsWith(":forged tags\r"), "the second message",
                    TestClient.TIMEOUT).stream().map(IrcTestSupport::wellFormed).toList();
            assertThat(texts(seen)).containsExactly("from an old client", "forged tags");
            assertThat(seen).allSatisfy(message -> {
                assertThat(message.tags().keySet()).containsExactlyInAnyOrder("msgid", "time");
                assertThat(message.tags().get("msgid")).matches("\\d+");
                assertThat(message.tags().get("time")).doesNotStartWith("2000");
            });
        }

        @Test
        @DisplayName("odd but valid tags never break a PRIVMSG; client-only tags beyond 4094 bytes are refused with 417")
        void oddTagsAndTooMany() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", "message-tags");
            TestClient bob = register(fixture, "bob", "message-tags");
            drain(alice);
            drain(bob);

            alice.send("@+a;+b=;+c=\\;+d=x\\y;+e=1;+e=2;+f=\\s\\:\\\\ PRIVMSG #lobby :still a message");
            IrcMessage seen = expectMessage(bob, message -> message.command().equals("PRIVMSG"), "the message");
            assertThat(seen.params()).containsExactly("#lobby", "still a message");
            assertThat(seen.tags()).containsEntry("+a", "").containsEntry("+d", "xy").containsEntry("+e", "2")
                    .containsEntry("+f", " ;\\");

            alice.send("@+big=" + "x".repeat(4100) + " PRIVMSG #lobby :too many tags");
            assertThat(drain(alice)).extracting(IrcMessage::command).containsExactly("417");
            assertThat(drain(bob)).isEmpty();
        }
    }
}
