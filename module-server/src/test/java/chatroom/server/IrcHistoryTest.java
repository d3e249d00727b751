package chatroom.server;

import chatroom.protocol.irc.IrcMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static chatroom.server.IrcTestSupport.SERVER_NAME;
import static chatroom.server.IrcTestSupport.batch;
import static chatroom.server.IrcTestSupport.drain;
import static chatroom.server.IrcTestSupport.expectMessage;
import static chatroom.server.IrcTestSupport.inside;
import static chatroom.server.IrcTestSupport.register;
import static chatroom.server.IrcTestSupport.texts;
import static chatroom.server.IrcTestSupport.unthrottledConfig;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("IRC dialect: draft/chathistory and what a joiner sees of history")
@Timeout(60)
class IrcHistoryTest {

    /// What a client that fetches history asks for.
    private static final String[] HISTORY_CAPS = {"batch", "server-time", "message-tags", "echo-message",
            "draft/chathistory"};
    private static final Pattern MSG_ID = Pattern.compile("MSG id=(\\d+) .*");

    private final ServerFixture fixture = new ServerFixture();

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        fixture.close();
    }

    /// A message `client` sent, as its echo showed it: its msgid, time and text.
    private record Sent(String msgid, String time, String text) {
    }

    /// `count` messages from `client` (which has echo-message) to `target`, each a few
    /// milliseconds after the one before, so that their times differ.
    private static List<Sent> say(TestClient client, String target, String prefix, int count) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = prefix + " " + i;
            client.send("PRIVMSG " + target + " :" + text);
            IrcMessage echo = expectMessage(client, message -> message.command().equals("PRIVMSG")
                    && message.params().get(1).equals(text), "the echo of " + text);
            sent.add(new Sent(echo.tags().get("msgid"), echo.tags().get("time"), text));
            pauseAMillisecond();
        }
        return sent;
    }

    private static void pauseAMillisecond() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /// The texts of a `chathistory` batch for `target` that `client` asks for with `request`.
    private static List<String> history(TestClient client, String target, String request) {
        client.send("CHATHISTORY " + request);
        List<IrcMessage> batch = batch(client);
        assertThat(batch.getFirst().params()).containsExactly(batch.getFirst().params().getFirst(), "chathistory",
                target);
        return texts(inside(batch));
    }

    private static List<String> textsOf(List<Sent> sent, int from, int to) {
        return sent.subList(from, to).stream().map(Sent::text).toList();
    }

    @Nested
    @DisplayName("CHATHISTORY in a channel")
    class Channel {

        @Test
        @DisplayName("LATEST, BEFORE, AFTER, AROUND and BETWEEN by msgid, each in a chathistory batch")
        void byMsgid() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", HISTORY_CAPS);
            drain(alice);
            List<Sent> sent = say(alice, "#lobby", "message", 10);

            assertThat(history(alice, "#lobby", "LATEST #lobby * 100")).isEqualTo(textsOf(sent, 0, 10));
            assertThat(history(alice, "#lobby", "LATEST #lobby * 5")).isEqualTo(textsOf(sent, 5, 10));
            assertThat(history(alice, "#lobby", "LATEST #lobby msgid=" + sent.get(4).msgid() + " 100"))
                    .isEqualTo(textsOf(sent, 5, 10));
            assertThat(history(alice, "#lobby", "BEFORE #lobby msgid=" + sent.get(6).msgid() + " 100"))
                    .isEqualTo(textsOf(sent, 0, 6));
            assertThat(history(alice, "#lobby", "BEFORE #lobby msgid=" + sent.get(6).msgid() + " 2"))
                    .isEqualTo(textsOf(sent, 4, 6));
            assertThat(history(alice, "#lobby", "AFTER #lobby msgid=" + sent.get(3).msgid() + " 3"))
                    .isEqualTo(textsOf(sent, 4, 7));
            assertThat(history(alice, "#lobby", "AROUND #lobby msgid=" + sent.get(7).msgid() + " 1"))
                    .isEqualTo(textsOf(sent, 7, 8));
            assertThat(history(alice, "#lobby", "AROUND #lobby msgid=" + sent.get(7).msgid() + " 3"))
                    .isEqualTo(textsOf(sent, 6, 9));
            String first = "msgid=" + sent.getFirst().msgid();
            String last = "msgid=" + sent.getLast().msgid();
            assertThat(history(alice, "#lobby", "BETWEEN #lobby " + first + " " + last + " 100"))
                    .isEqualTo(textsOf(sent, 1, 9));
            assertThat(history(alice, "#lobby", "BETWEEN #lobby " + last + " " + first + " 100"))
                    .isEqualTo(textsOf(sent, 1, 9));
            assertThat(history(alice, "#lobby", "BETWEEN #lobby " + first + " " + last + " 3"))
                    .isEqualTo(textsOf(sent, 1, 4));
            assertThat(history(alice, "#lobby", "BETWEEN #lobby " + last + " " + first + " 3"))
                    .isEqualTo(textsOf(sent, 6, 9));
            assertThat(history(alice, "#lobby", "BEFORE #lobby msgid=1 10")).isEmpty();
        }

        @Test
        @DisplayName("the same by timestamp; each line carries the msgid and time it was relayed with")
        void byTimestamp() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", HISTORY_CAPS);
            drain(alice);
            List<Sent> sent = say(alice, "#lobby", "message", 8);

            assertThat(history(alice, "#lobby", "BEFORE #lobby timestamp=" + sent.get(5).time() + " 100"))
                    .isEqualTo(textsOf(sent, 0, 5));
            assertThat(history(alice, "#lobby", "AFTER #lobby timestamp=" + sent.get(2).time() + " 2"))
                    .isEqualTo(textsOf(sent, 3, 5));
            assertThat(history(alice, "#lobby", "LATEST #lobby timestamp=" + sent.get(5).time() + " 100"))
                    .isEqualTo(textsOf(sent, 6, 8));
            assertThat(history(alice, "#lobby", "BETWEEN #lobby timestamp=" + sent.get(7).time() + " timestamp="
                    + sent.getFirst().time() + " 100")).isEqualTo(textsOf(sent, 1, 7));
            assertThat(history(alice, "#lobby", "AROUND #lobby timestamp=" + sent.get(4).time() + " 3"))
                    .contains(sent.get(4).text()).hasSize(3);

            alice.send("CHATHISTORY LATEST #lobby * 3");
            List<IrcMessage> lines = inside(batch(alice));
            for (int i = 0; i < 3; i++) {
                Sent expected = sent.get(5 + i);
                assertThat(lines.get(i).tags()).containsEntry("msgid", expected.msgid())
                        .containsEntry("time", expected.time());
                assertThat(lines.get(i).source()).contains("alice!alice@" + SERVER_NAME);
                assertThat(lines.get(i).params()).containsExactly("#lobby", expected.text());
            }
        }

        @Test
        @DisplayName("the msgids are the message ids the structured dialect shows as id=")
        void sameIdsAsStructured() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", HISTORY_CAPS);
            TestClient sam = fixture.joinStructured("sam");
            drain(alice);
            List<Sent> sent = say(alice, "#lobby", "seen by sam", 3);
            sam.send("SAY :and from sam");
            expectMessage(alice, message -> message.params().contains("and from sam"), "sam's message");
            List<String> ids = new ArrayList<>();
            for (String text : List.of("seen by sam 0", "seen by sam 1", "seen by sam 2", "and from sam")) {
                Matcher matcher = MSG_ID.matcher(sam.expectLine("MSG id=\\d+ .*:" + Pattern.quote(text)));
                assertThat(matcher.matches()).isTrue();
                ids.add(matcher.group(1));
            }
            assertThat(ids.subList(0, 3)).isEqualTo(sent.stream().map(Sent::msgid).toList());

            alice.send("CHATHISTORY LATEST #lobby * 4");
            assertThat(inside(batch(alice))).extracting(message -> message.tags().get("msgid")).isEqualTo(ids);
        }

        @Test
        @DisplayName("a labeled request's batch carries the label; without batch the lines come bare")
        void labeledAndUnbatched() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", "batch", "labeled-response", "message-tags", "echo-message");
            TestClient bare = register(fixture, "bare", "message-tags", "draft/chathistory");
            drain(alice);
            say(alice, "#lobby", "kept", 2);
            expectMessage(bare, message -> message.params().contains("kept 1"), "the last message live");

            alice.send("@label=h1 CHATHISTORY LATEST #lobby * 10");
            List<IrcMessage> batch = batch(alice);
            assertThat(batch.getFirst().tags()).containsExactly(Map.entry("label", "h1"));
            assertThat(batch.getFirst().params()).element(1).isEqualTo("chathistory");
            assertThat(texts(inside(batch))).containsExactly("kept 0", "kept 1");

            bare.send("CHATHISTORY LATEST #lobby * 10");
            List<IrcMessage> lines = drain(bare);
            assertThat(lines).extracting(IrcMessage::command).containsExactly("PRIVMSG", "PRIVMSG");
            assertThat(lines).allSatisfy(line -> assertThat(line.tags()).containsOnlyKeys("msgid"));

            alice.send("@label=h2 CHATHISTORY LATEST #empty * 10");
            IrcMessage refusal = expectMessage(alice, message -> message.command().equals("FAIL"), "the FAIL");
            assertThat(refusal.tags()).containsEntry("label", "h2");
        }
    }

    @Nested
    @DisplayName("CHATHISTORY of private conversations, and TARGETS")
    class Private {

        @Test
        @DisplayName("both directions of a conversation, from either side, as they were relayed")
        void conversation() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", HISTORY_CAPS);
            TestClient bob = register(fixture, "bob", HISTORY_CAPS);
            drain(alice);
            drain(bob);
            List<Sent> fromAlice = say(alice, "bob", "to bob", 2);
            List<Sent> fromBob = say(bob, "alice", "to alice", 2);

            alice.send("CHATHISTORY LATEST bob * 10");
            List<IrcMessage> seenByAlice = inside(batch(alice));
            assertThat(seenByAlice).extracting(message -> message.source().orElseThrow() + " " + message.params())
                    .containsExactly("alice!alice@chatroom [bob, to bob 0]", "alice!alice@chatroom [bob, to bob 1]",
                            "bob!bob@chatroom [alice, to alice 0]", "bob!bob@chatroom [alice, to alice 1]");
            assertThat(seenByAlice).extracting(message -> message.tags().get("msgid")).containsExactly(
                    fromAlice.get(0).msgid(), fromAlice.get(1).msgid(), fromBob.get(0).msgid(), fromBob.get(1).msgid());
            assertThat(history(bob, "alice", "BEFORE alice msgid=" + fromBob.getFirst().msgid() + " 10"))
                    .containsExactly("to bob 0", "to bob 1");
        }

        @Test
        @DisplayName("TARGETS lists the member's channels and conversations with messages between two times")
        void targets() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", HISTORY_CAPS);
            TestClient bob = register(fixture, "bob", HISTORY_CAPS);
            drain(alice);
            drain(bob);
            Sent inLobby = say(alice, "#lobby", "in the lobby", 1).getFirst();
            pauseAMillisecond();
            Sent toBob = say(alice, "bob", "to bob", 1).getFirst();

            alice.send("CHATHISTORY TARGETS timestamp=2000-01-01T00:00:00.000Z timestamp=2100-01-01T00:00:00.000Z 10");
            List<IrcMessage> batch = batch(alice);
            assertThat(batch.getFirst().params()).element(1).isEqualTo("draft/chathistory-targets");
            assertThat(inside(batch)).extracting(IrcMessage::params).containsExactly(
                    List.of("TARGETS", "#lobby", inLobby.time()), List.of("TARGETS", "bob", toBob.time()));
            alice.send("CHATHISTORY TARGETS timestamp=2100-01-01T00:00:00.000Z timestamp=" + inLobby.time() + " 10");
            assertThat(inside(batch(alice))).extracting(message -> message.params().get(1)).containsExactly("bob");
        }
    }

    @Nested
    @DisplayName("refusals: FAIL CHATHISTORY")
    class Refusals {

        @Test
        @DisplayName("INVALID_PARAMS, NEED_MORE_PARAMS and INVALID_TARGET, each with its subcommand")
        void refusals() {
            fixture.start(unthrottledConfig().build());
            TestClient alice = register(fixture, "alice", HISTORY_CAPS);
            alice.send("JOIN #mine");
            expectMessage(alice, message -> message.command().equals("366"), "the join of #mine");
            alice.send("PART #mine");
            drain(alice);

            List<String> requests = List.of("SOMETIMES #lobby * 10", "LATEST #lobby *", "", "BETWEEN #lobby * 10",
                    "LATEST #lobby msgid=abc 10", "BEFORE #lobby timestamp=yesterday 10", "LATEST #lobby * 0",
                    "LATEST #lobby * many", "BEFORE #lobby * 10", "LATEST #nowhere * 10", "LATEST #mine * 10",
                    "LATEST alice * 10", "LATEST bad,nick * 10", "TARGETS msgid=1 msgid=2 10");
            for (String request : requests) {
                alice.send("CHATHISTORY " + request);
            }
            List<IrcMessage> answers = drain(alice);
            assertThat(answers).extracting(IrcMessage::command).containsOnly("FAIL");
            assertThat(answers).extracting(message -> String.join(" ", message.params().subList(0,
                    message.params().size() - 1))).containsExactly(
                    "CHATHISTORY INVALID_PARAMS SOMETIMES",
                    "CHATHISTORY NEED_MORE_PARAMS LATEST",
                    "CHATHISTORY NEED_MORE_PARAMS",
                    "CHATHISTORY NEED_MORE_PARAMS BETWEEN",
                    "CHATHISTORY INVALID_PARAMS LATEST",
                    "CHATHISTORY INVALID_PARAMS BEFORE",
                    "CHATHISTORY INVALID_PARAMS LATEST",
                    "CHATHISTORY INVALID_PARAMS LATEST",
                    "CHATHISTORY INVALID_PARAMS BEFORE",
                    "CHATHISTORY INVALID_TARGET LATEST #nowhere",
                    "CHATHISTORY INVALID_TARGET LATEST #mine",
                    "CHATHISTORY INVALID_TARGET LATEST alice",
                    "CHATHISTORY INVALID_TARGET LATEST bad,nick",
                    "CHATHISTORY INVALID_PARAMS TARGETS");
        }
    }

    @Nested
    @DisplayName("history on joining, and across a restart")
    class Joining {

        @Test
        @DisplayName("joining a channel with history replays nothing to an IRC client; it fetches with CHATHISTORY")
        void noReplayOnJoin() {
            fixture.start(unthrottledConfig().build());
            TestClient sam = fixture.joinStructured("sam");
            sam.send("SAY :said before anyone on IRC came");
            sam.expectLine("MSG .*:said before anyone on IRC came");

            TestClient plain = fixture.connect("plain");
            plain.send("NICK plain");
            plain.send("USER plain 0 * :plain");
            assertThat(plain.collectUntil(line -> line.contains(" 366 "), "the end of its join", TestClient.TIMEOUT))
                    .noneMatch(line -> line.contains(" PRIVMSG "));
            assertThat(drain(plain)).noneMatch(message -> message.command().equals("PRIVMSG"));
            TestClient modern = fixture.connect("modern");
            modern.send("CAP LS 302");
            modern.send("CAP REQ :" + String.join(" ", HISTORY_CAPS));
            modern.send("NICK modern");
            modern.send("USER modern 0 * :modern");
            modern.send("CAP END");
            assertThat(modern.collectUntil(line -> line.contains(" 366 "), "the end of its join", TestClient.TIMEOUT))
                    .noneMatch(line -> line.contains(" PRIVMSG "));
            assertThat(drain(modern)).noneMatch(message -> message.command().equals("PRIVMSG"));
            assertThat(history(modern, "#lobby", "LATEST #lobby * 10")).containsExactly("said before anyone on IRC came");
        }

        @Test
        @DisplayName("with a data directory, a channel's and a conversation's history survive a restart with their msgids")
        void survivesRestart() {
            ServerConfig durable = unthrottledConfig().dataDir(Optional.of(dataDir)).build();
            fixture.start(durable);
            TestClient alice = register(fixture, "alice", HISTORY_CAPS);
            TestClient bob = register(fixture, "bob", HISTORY_CAPS);
            drain(alice);
            List<Sent> inLobby = say(alice, "#lobby", "before the restart", 3);
            List<Sent> toBob = say(alice, "bob", "privately before the restart", 2);
            expectMessage(bob, message -> message.params().contains("privately before the restart 1"), "the last one");
            fixture.close();

            fixture.start(durable);
            TestClient again = register(fixture, "alice", HISTORY_CAPS);
            drain(again);
            again.send("CHATHISTORY LATEST #lobby * 10");
            assertThat(inside(batch(again))).extracting(message -> message.tags().get("msgid") + " "
                    + message.params().get(1)).isEqualTo(inLobby.stream().map(sent -> sent.msgid() + " " + sent.text())
                    .toList());
            again.send("CHATHISTORY LATEST bob * 10");
            assertThat(inside(batch(again))).extracting(message -> message.tags().get("time") + " "
                    + message.params().get(1)).isEqualTo(toBob.stream().map(sent -> sent.time() + " " + sent.text())
                    .toList());
        }
    }
}
