package chatroom.server.internal;

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
        assertThat(IrcLines.broadcast(new ServerFrame.InRoom(ROOM, chat)))
                .containsExactly(":alice!alice@chatroom PRIVMSG #lobby :hi there");
        var action = new ServerFrame.Chat(2, NOW, new Name("alice"), "waves", true);
        assertThat(IrcLines.broadcast(new ServerFrame.InRoom(ROOM, action)))
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
        List<String> lines = IrcLines.toMember(new ServerFrame.InRoom(ROOM, new ServerFrame.Members(members, false)),
                new Name("me"), "chatroom/1.0");
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
        assertThat(IrcLines.toMember(message, new Name("alice"), "chatroom/1.0")).isEmpty();
        assertThat(IrcLines.toMember(message, new Name("bob"), "chatroom/1.0"))
                .containsExactly(":alice!alice@chatroom PRIVMSG bob :psst");
    }

    @Test
    @DisplayName("a topic sent to one member is 332 and 333, or 331 when there is none")
    void topic() {
        var topic = new ServerFrame.Topic("Rust", Optional.of(new Name("alice")), Optional.of(NOW));
        assertThat(IrcLines.toMember(new ServerFrame.InRoom(ROOM, topic), new Name("me"), "chatroom/1.0")).containsExactly(
                ":chatroom 332 me #lobby Rust", ":chatroom 333 me #lobby alice!alice@chatroom " + NOW.getEpochSecond());
        var none = new ServerFrame.Topic("", Optional.empty(), Optional.empty());
        assertThat(IrcLines.toMember(new ServerFrame.InRoom(ROOM, none), new Name("me"), "chatroom/1.0"))
                .containsExactly(":chatroom 331 me #lobby :No topic is set");
    }
}
