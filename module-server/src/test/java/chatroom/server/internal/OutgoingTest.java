package chatroom.server.internal;

import chatroom.protocol.LeaveReason;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("a broadcast frame")
class OutgoingTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00.250Z");
    private static final RoomName LOBBY = RoomName.of("lobby");
    private static final RoomName RUST = RoomName.of("rust");
    private static final ServerFrame.Chat CHAT = new ServerFrame.Chat(7, T, new Name("alice"), "ciao a tutti");

    static final IrcLines IRC = new IrcLines(new IrcServer("irc.test", "chatroom", "chatroom/1.0", T, java.util.List.of(),
            50, false), () -> new IrcCensus(0, 0, 0, 1, 0));

    private static String text(Outgoing outgoing, Encoding encoding) {
        return new String(outgoing.bytes(encoding).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("is encoded once per encoding: every recipient of an encoding gets the same array")
    void encodedOncePerEncoding() {
        var outgoing = new Outgoing(new ServerFrame.InRoom(LOBBY, CHAT), null, LOBBY, IRC);

        for (Encoding encoding : Encoding.values()) {
            assertThat(outgoing.bytes(encoding).orElseThrow()).isSameAs(outgoing.bytes(encoding).orElseThrow());
        }
        assertThat(text(outgoing, Encoding.STRUCTURED_V1))
                .isEqualTo("MSG id=7 ts=2026-11-24T10:00:00.250Z from=alice :ciao a tutti\n");
        assertThat(text(outgoing, Encoding.STRUCTURED_V2))
                .isEqualTo("MSG room=#lobby id=7 ts=2026-11-24T10:00:00.250Z from=alice :ciao a tutti\n");
        assertThat(text(outgoing, Encoding.PLAIN_HERE)).isEqualTo("alice: ciao a tutti\n");
        assertThat(text(outgoing, Encoding.PLAIN_ELSEWHERE)).isEqualTo("* [#lobby] alice: ciao a tutti\n");
    }

    @Test
    @DisplayName("is encoded once per IRC form: members with the same capabilities get the same array")
    void encodedOncePerIrcForm() {
        var outgoing = new Outgoing(new ServerFrame.InRoom(LOBBY, CHAT), null, LOBBY, IRC);
        var tagged = new IrcForm(true, true, false, false, false, false, false, false, false);
        var echoing = new IrcForm(true, true, false, false, true, true, false, false, false);

        assertThat(outgoing.ircBytes(IrcForm.NONE).orElseThrow()).isSameAs(outgoing.ircBytes(IrcForm.NONE).orElseThrow());
        // echo-message and multi-prefix do not change a broadcast's bytes: same array.
        assertThat(outgoing.ircBytes(echoing).orElseThrow()).isSameAs(outgoing.ircBytes(tagged).orElseThrow());
        assertThat(new String(outgoing.ircBytes(IrcForm.NONE).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo(":alice!alice@irc.test PRIVMSG #lobby :ciao a tutti\r\n");
        assertThat(new String(outgoing.ircBytes(tagged).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("@msgid=7;time=2026-11-24T10:00:00.250Z :alice!alice@irc.test PRIVMSG #lobby :ciao a tutti\r\n");
    }

    @Test
    @DisplayName("that an encoding does not show is not sent to it")
    void notShownToPlainClients() {
        var ping = new Outgoing(new ServerFrame.Ping("t1"), null, LOBBY, IRC);

        assertThat(ping.bytes(Encoding.PLAIN_HERE)).isEmpty();
        assertThat(ping.bytes(Encoding.STRUCTURED_V1)).isPresent();
    }

    @Nested
    @DisplayName("for a version 1 client")
    class VersionOne {

        @Test
        @DisplayName("nothing of another room, no private message, no away")
        void onlyTheDefaultRoom() {
            assertThat(new Outgoing(new ServerFrame.InRoom(RUST, CHAT), null, LOBBY, IRC).bytes(Encoding.STRUCTURED_V1))
                    .isEmpty();
            assertThat(new Outgoing(new ServerFrame.Private(new Name("bob"), CHAT), null, LOBBY, IRC)
                    .bytes(Encoding.STRUCTURED_V1)).isEmpty();
            assertThat(new Outgoing(new ServerFrame.Away(new Name("bob"), Optional.of("x")), null, LOBBY, IRC)
                    .bytes(Encoding.STRUCTURED_V1)).isEmpty();
        }

        @Test
        @DisplayName("an action is the text as typed, with /me")
        void action() {
            var action = new Outgoing(new ServerFrame.InRoom(LOBBY, new ServerFrame.Chat(8, T, new Name("bob"), "waves",
                    true)), null, LOBBY, IRC);

            assertThat(text(action, Encoding.STRUCTURED_V1))
                    .isEqualTo("MSG id=8 ts=2026-11-24T10:00:00.250Z from=bob :/me waves\n");
            assertThat(text(action, Encoding.STRUCTURED_V2))
                    .isEqualTo("MSG room=#lobby id=8 ts=2026-11-24T10:00:00.250Z from=bob action=1 :waves\n");
        }

        @Test
        @DisplayName("parts and kicks in the default room are LEFT, topics and moderation are NOTICE")
        void versionOneForms() {
            var parted = new Outgoing(new ServerFrame.InRoom(LOBBY, new ServerFrame.Parted(new Name("bob"), T, "bye")),
                    null, LOBBY, IRC);
            var kicked = new Outgoing(new ServerFrame.InRoom(LOBBY, new ServerFrame.Kicked(new Name("bob"),
                    new Name("alice"), T, "")), null, LOBBY, IRC);
            var topic = new Outgoing(new ServerFrame.InRoom(LOBBY, new ServerFrame.Topic("hi",
                    Optional.of(new Name("alice")), Optional.of(T))), null, LOBBY, IRC);
            var muted = new Outgoing(new ServerFrame.InRoom(LOBBY, new ServerFrame.Moderated(Moderation.MUTE,
                    new Name("alice"), Optional.of("bob"), T)), null, LOBBY, IRC);

            assertThat(text(parted, Encoding.STRUCTURED_V1))
                    .isEqualTo("LEFT name=bob ts=2026-11-24T10:00:00.250Z reason=" + LeaveReason.QUIT.wire() + "\n");
            assertThat(text(kicked, Encoding.STRUCTURED_V1))
                    .isEqualTo("LEFT name=bob ts=2026-11-24T10:00:00.250Z reason=kicked\n");
            assertThat(text(topic, Encoding.STRUCTURED_V1)).isEqualTo("NOTICE :Topic: hi (set by alice)\n");
            assertThat(text(muted, Encoding.STRUCTURED_V1)).isEqualTo("NOTICE :alice muted bob\n");
        }
    }
}
