package chatroom.server.internal;

import chatroom.protocol.LeaveReason;
import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("IrcLines")
class IrcLinesTest {

    private static final RoomName ROOM = RoomName.of("#lobby");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    /// Three members (one of them a server operator), one connection without a name, two rooms.
    private static final IrcCensus CENSUS = new IrcCensus(3, 1, 1, 2, 5);
    private static final IrcLines LINES = new IrcLines(new IrcServer("chatroom", "chatroom", "chatroom/1.0", NOW,
            List.of(), 50, false), () -> CENSUS);
    private static final IrcForm NONE = IrcForm.NONE;
    /// server-time, message-tags, extended-join, away-notify, multi-prefix, userhost-in-names.
    private static final IrcForm ALL = new IrcForm(true, true, true, true, false, true, true, false, false);

    @Test
    @DisplayName("split never cuts a character and keeps every piece within the limit")
    void split() {
        String text = "a€😀".repeat(200);
        List<String> parts = IrcLines.split(text, 50);
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).allMatch(part -> part.getBytes(StandardCharsets.UTF_8).length <= 50);
        assertThat(IrcLines.split("short", 50)).containsExactly("short");
    }

    @Test
    @DisplayName("a room message is one PRIVMSG from nick!nick@chatroom; an action is CTCP ACTION")
    void chat() {
        var chat = new ServerFrame.Chat(1, NOW, new Name("alice"), "hi there");
        assertThat(LINES.broadcast(new ServerFrame.InRoom(ROOM, chat), NONE))
                .containsExactly(":alice!alice@chatroom PRIVMSG #lobby :hi there");
        var action = new ServerFrame.Chat(2, NOW, new Name("alice"), "waves", true);
        assertThat(LINES.broadcast(new ServerFrame.InRoom(ROOM, action), NONE))
                .containsExactly(":alice!alice@chatroom PRIVMSG #lobby :\u0001ACTION waves\u0001");
    }

    @Test
    @DisplayName("the sender's own room message is recognised (case folded) for leaving it out")
    void ownChat() {
        var chat = new ServerFrame.InRoom(ROOM, new ServerFrame.Chat(1, NOW, new Name("Alice"), "hi"));
        assertThat(IrcLines.isOwnChat(chat, new Name("alice"))).isTrue();
        assertThat(IrcLines.isOwnChat(chat, new Name("bob"))).isFalse();
        assertThat(IrcLines.isOwnChat(chat, null)).isFalse();
    }

    @Test
    @DisplayName("a long names list is cut into 353 lines of at most 510 bytes, then 366")
    void names() {
        List<Member> members = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> members.add(new Member(new Name("member_with_a_long_name" + i), i == 0,
                false, false)));
        List<String> lines = LINES.toMember(new ServerFrame.InRoom(ROOM, new ServerFrame.Members(members, false)),
                new Name("me"), NONE);
        assertThat(lines.size()).isGreaterThan(2);
        assertThat(lines.getLast()).isEqualTo(":chatroom 366 me #lobby :End of /NAMES list");
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(line -> line.startsWith(":chatroom 353 me = #lobby :")
                && line.getBytes(StandardCharsets.UTF_8).length <= 510);
        assertThat(lines.getFirst()).contains(":@member_with_a_long_name0 ");
    }

    @Test
    @DisplayName("a private message is not shown back to its sender")
    void privateNotEchoed() {
        var message = new ServerFrame.Private(new Name("bob"), new ServerFrame.Chat(1, NOW, new Name("alice"), "psst"));
        assertThat(LINES.toMember(message, new Name("alice"), NONE)).isEmpty();
        assertThat(LINES.toMember(message, new Name("bob"), NONE))
                .containsExactly(":alice!alice@chatroom PRIVMSG bob :psst");
    }

    @Test
    @DisplayName("a topic sent to one member is 332 and 333, or 331 when there is none")
    void topic() {
        var topic = new ServerFrame.Topic("Rust", Optional.of(new Name("alice")), Optional.of(NOW));
        assertThat(LINES.toMember(new ServerFrame.InRoom(ROOM, topic), new Name("me"), NONE)).containsExactly(
                ":chatroom 332 me #lobby Rust", ":chatroom 333 me #lobby alice!alice@chatroom " + NOW.getEpochSecond());
        var none = new ServerFrame.Topic("", Optional.empty(), Optional.empty());
        assertThat(LINES.toMember(new ServerFrame.InRoom(ROOM, none), new Name("me"), NONE))
                .containsExactly(":chatroom 331 me #lobby :No topic is set");
    }

    @Test
    @DisplayName("server-time and message-tags add time and msgid; a split message's lines get unique ids")
    void tags() {
        var chat = new ServerFrame.Chat(41, NOW, new Name("alice"), "x".repeat(700));
        List<String> lines = LINES.broadcast(new ServerFrame.InRoom(ROOM, chat), ALL);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("@msgid=41;time=2026-01-01T00:00:00.000Z :alice!alice@chatroom PRIVMSG #lobby :x");
        assertThat(lines.get(1)).startsWith("@msgid=41-2;time=2026-01-01T00:00:00.000Z :alice!alice@chatroom PRIVMSG ");
        var timeOnly = new IrcForm(true, false, false, false, false, false, false, false, false);
        assertThat(LINES.broadcast(new ServerFrame.InRoom(ROOM, new ServerFrame.Joined(new Name("bob"), NOW)), timeOnly))
                .containsExactly("@time=2026-01-01T00:00:00.000Z :bob!bob@chatroom JOIN #lobby");
    }

    @Test
    @DisplayName("extended-join adds the account (none) and the real name; away-notify shows AWAY")
    void extendedJoinAndAway() {
        var joined = new ServerFrame.InRoom(ROOM, new ServerFrame.Joined(new Name("bob"), NOW));
        var extended = new IrcForm(false, false, true, false, false, false, false, false, false);
        assertThat(LINES.broadcast(joined, extended)).containsExactly(":bob!bob@chatroom JOIN #lobby * bob");
        var away = new ServerFrame.Away(new Name("bob"), Optional.of("lunch"));
        var back = new ServerFrame.Away(new Name("bob"), Optional.empty());
        var notified = new IrcForm(false, false, false, true, false, false, false, false, false);
        assertThat(LINES.broadcast(away, NONE)).isEmpty();
        assertThat(LINES.broadcast(away, notified)).containsExactly(":bob!bob@chatroom AWAY lunch");
        assertThat(LINES.broadcast(back, notified)).containsExactly(":bob!bob@chatroom AWAY");
    }

    @Test
    @DisplayName("userhost-in-names shows nick!user@host in 353")
    void userhostInNames() {
        var members = new ServerFrame.Members(List.of(new Member(new Name("op"), true, false, false),
                new Member(new Name("bob"), false, false, false)), false);
        assertThat(LINES.toMember(new ServerFrame.InRoom(ROOM, members), new Name("me"), ALL)).containsExactly(
                ":chatroom 353 me = #lobby :@op!op@chatroom bob!bob@chatroom", ":chatroom 366 me #lobby :End of /NAMES list");
    }

    @Test
    @DisplayName("with echo-message a private message comes back to its sender")
    void privateEchoed() {
        var message = new ServerFrame.Private(new Name("bob"), new ServerFrame.Chat(1, NOW, new Name("alice"), "psst"));
        var echo = new IrcForm(false, false, false, false, true, false, false, false, false);
        assertThat(LINES.toMember(message, new Name("alice"), echo)).containsExactly(":alice!alice@chatroom PRIVMSG bob :psst");
    }

    @Test
    @DisplayName("the MOTD is 375, a 372 a line and 376; 422 when there is none")
    void motd() {
        var withMotd = new IrcLines(new IrcServer("irc.test", "chatroom", "chatroom/1.0", NOW, List.of("Be kind.", ""), 50,
                false), () -> CENSUS);
        assertThat(withMotd.motd("me")).containsExactly(":irc.test 375 me :- irc.test Message of the day - ",
                ":irc.test 372 me :- Be kind.", ":irc.test 372 me :- ", ":irc.test 376 me :End of /MOTD command.");
        assertThat(LINES.motd("me")).containsExactly(":chatroom 422 me :MOTD File is missing");
    }

    @Test
    @DisplayName("LUSERS shows the census it is given: 251-255, 265, 266")
    void lusers() {
        assertThat(LINES.lusers("me")).containsExactly(
                ":chatroom 251 me :There are 3 users and 0 invisible on 1 servers",
                ":chatroom 252 me 1 :operator(s) online",
                ":chatroom 253 me 1 :unknown connection(s)",
                ":chatroom 254 me 2 :channels formed",
                ":chatroom 255 me :I have 3 clients and 0 servers",
                ":chatroom 265 me 3 5 :Current local users 3, max 5",
                ":chatroom 266 me 3 5 :Current global users 3, max 5");
    }

    @Test
    @DisplayName("the welcome burst has the LUSERS counts between 005 and the MOTD")
    void welcomeHasLusers() {
        List<String> burst = LINES.toMember(new ServerFrame.Welcome(new Name("me"), "#lobby"), new Name("me"), NONE);
        List<String> codes = burst.stream().map(line -> line.split(" ")[1]).toList();
        assertThat(codes).containsSubsequence("004", "005", "251", "252", "253", "254", "255", "265", "266", "422");
        assertThat(codes.getLast()).isEqualTo("422");
    }

    @Test
    @DisplayName("a member who left with words (a kill) quits with them; without, with its reason's")
    void quitWords() {
        var killed = new ServerFrame.Left(new Name("bob"), NOW, LeaveReason.KILLED, "Killed (alice (spam))");
        assertThat(LINES.broadcast(killed, NONE)).containsExactly(":bob!bob@chatroom QUIT :Killed (alice (spam))");
        assertThat(LINES.broadcast(new ServerFrame.Left(new Name("bob"), NOW, LeaveReason.TIMEOUT), NONE))
                .containsExactly(":bob!bob@chatroom QUIT :Ping timeout");
    }

    @Test
    @DisplayName("a member who left is a QUIT: with its words after Quit:, or the reason as IRC servers word it")
    void quit() {
        Name alice = new Name("alice");
        assertThat(LINES.broadcast(new ServerFrame.Left(alice, NOW, LeaveReason.QUIT, "going home"),
                NONE)).containsExactly(":alice!alice@chatroom QUIT :Quit: going home");
        assertThat(LINES.broadcast(new ServerFrame.Left(alice, NOW, LeaveReason.QUIT), NONE))
                .containsExactly(":alice!alice@chatroom QUIT Quit");
        assertThat(LINES.broadcast(new ServerFrame.Left(alice, NOW, LeaveReason.TIMEOUT), NONE))
                .containsExactly(":alice!alice@chatroom QUIT :Ping timeout");
        assertThat(LINES.broadcast(new ServerFrame.Left(alice, NOW, LeaveReason.FLOOD), NONE))
                .containsExactly(":alice!alice@chatroom QUIT :Excess Flood");
        assertThat(IrcLines.closingLink(alice, "Excess Flood")).isEqualTo("Closing Link: alice (Excess Flood)");
        assertThat(IrcLines.closingLink(null, "Registration timed out"))
                .isEqualTo("Closing Link: * (Registration timed out)");
    }

    @Test
    @DisplayName("a broadcast with a 390-byte text from a 32-letter nick on a long-named server still fits 512 bytes")
    void longBroadcastsFit() {
        var lines = new IrcLines(new IrcServer("irc." + "x".repeat(55) + ".example", "chatroom", "chatroom/1.0", NOW,
                List.of(), 50, false), () -> new IrcCensus(0, 0, 0, 1, 0));
        Name nick = new Name("n".repeat(32));
        String text = "é".repeat(195); // 390 bytes
        RoomName room = RoomName.of("#" + "r".repeat(32));
        var topic = new ServerFrame.InRoom(room, new ServerFrame.Topic(text, Optional.of(nick), Optional.of(NOW)));
        var parted = new ServerFrame.InRoom(room, new ServerFrame.Parted(nick, NOW, text));
        var quit = new ServerFrame.Left(nick, NOW, LeaveReason.QUIT, text);
        for (ServerFrame frame : List.of(topic, parted, quit)) {
            List<String> shown = lines.broadcast(frame, NONE);
            assertThat(shown).hasSize(1);
            assertThat(shown.getFirst().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(510);
            assertThat(shown.getFirst()).contains("éééé");
        }
    }
}
