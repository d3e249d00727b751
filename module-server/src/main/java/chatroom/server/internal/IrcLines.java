package chatroom.server.internal;

import chatroom.protocol.LeaveReason;
import chatroom.protocol.Limits;
import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.PlainText;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// How the IRC dialect shows [ServerFrame]s: the lines a broadcast becomes ([#broadcast],
/// the same for every IRC recipient, so it is encoded once) and the lines a frame sent to
/// one member becomes ([#toMember]: numerics addressed to its nick).
///
/// Every member's source is `nick!nick@`[#SERVER_NAME]: the same for every recipient (so a
/// broadcast is encoded once) and no address is shown, as the plain dialect shows none.
/// A frame with no IRC form yet is shown as nothing. Stateless and thread-safe.
final class IrcLines {

    /// The name in every server prefix and in every member's host part. Fixed until
    /// `--server-name` exists.
    static final String SERVER_NAME = "chatroom";
    static final String NETWORK = "chatroom";
    /// A member's message longer than this many bytes of an IRC line is sent in several lines.
    private static final int MAX_LINE_BYTES_WITHOUT_CRLF = IrcMessage.MAX_LINE_BYTES - 2;
    private static final char CTCP = '\u0001';

    private IrcLines() {
    }

    /// `nick!nick@server`: the source of everything `name` does.
    static String source(Name name) {
        return name.value() + "!" + name.value() + "@" + SERVER_NAME;
    }

    /// Whether `frame` is a room message `self` sent: IRC (without `echo-message`) does not
    /// show senders their own messages.
    static boolean isOwnChat(ServerFrame frame, Name self) {
        return self != null && frame instanceof ServerFrame.InRoom(var room, ServerFrame.Chat chat)
                && chat.from().key().equals(self.key());
    }

    /// The lines that show a broadcast frame to any IRC member, or none.
    static List<String> broadcast(ServerFrame frame) {
        return switch (frame) {
            case ServerFrame.InRoom(RoomName room, ServerFrame.RoomEvent event) -> roomEvent(room, event);
            case ServerFrame.Left left -> List.of(IrcMessage.from(source(left.name()), "QUIT", quitReason(left.reason()))
                    .encode());
            case ServerFrame.Renamed renamed -> List.of(IrcMessage.from(source(renamed.from()), "NICK",
                    renamed.to().value()).encode());
            case ServerFrame.Private message -> chat(message.chat(), message.to().value());
            case ServerFrame.Ping ping -> List.of(IrcMessage.of("PING", ping.token()).encode());
            case ServerFrame.Pong pong -> List.of(IrcMessage.from(SERVER_NAME, "PONG", SERVER_NAME, pong.token()).encode());
            case ServerFrame.Bye bye -> List.of(IrcMessage.of("ERROR", bye.text()).encode());
            // Away, lists, history and structured-only frames have no IRC broadcast form yet.
            case ServerFrame.Away away -> List.of();
            case ServerFrame.PrivateHistory history -> List.of();
            case ServerFrame.RoomList list -> List.of();
            case ServerFrame.RoomInfo info -> List.of();
            case ServerFrame.Hello hello -> List.of();
            case ServerFrame.Welcome welcome -> List.of();
            case ServerFrame.Notice notice -> List.of();
            case ServerFrame.Error error -> List.of();
            // A room's event always comes in its InRoom; bare events are version 1's.
            case ServerFrame.RoomEvent bare -> List.of();
        };
    }

    /// The lines that show `frame`, sent to `self` alone (`null` before it has a name), or
    /// none. `product` is `chatroom/VERSION`, for `002` and `004`.
    static List<String> toMember(ServerFrame frame, Name self, String product) {
        String nick = self == null ? "*" : self.value();
        return switch (frame) {
            case ServerFrame.Welcome welcome -> welcome(welcome.name().value(), product);
            case ServerFrame.InRoom(RoomName room, ServerFrame.Members members) -> names(nick, room, members);
            case ServerFrame.InRoom(RoomName room, ServerFrame.Topic topic) -> topic(nick, room, topic);
            case ServerFrame.InRoom(RoomName room, ServerFrame.History history) -> List.of();
            case ServerFrame.Private message -> self != null && message.chat().from().key().equals(self.key())
                    ? List.of() : broadcast(message);
            case ServerFrame.Notice notice -> List.of(IrcMessage.from(SERVER_NAME, "NOTICE", nick, notice.text()).encode());
            case ServerFrame.Error error -> List.of(error(nick, error).encode());
            case ServerFrame.Away away -> away(nick, self, away);
            default -> broadcast(frame);
        };
    }

    /// The registration burst: `001`–`005` and `422` (no MOTD yet).
    private static List<String> welcome(String nick, String product) {
        String version = product.substring(product.indexOf('/') + 1);
        return List.of(
                IrcNumeric.RPL_WELCOME.reply(SERVER_NAME, nick, "Welcome to the " + NETWORK + " network, " + nick).encode(),
                IrcNumeric.RPL_YOURHOST.reply(SERVER_NAME, nick, "Your host is " + SERVER_NAME + ", running " + product)
                        .encode(),
                IrcNumeric.RPL_CREATED.reply(SERVER_NAME, nick, "This server speaks IRC since " + version).encode(),
                IrcNumeric.RPL_MYINFO.reply(SERVER_NAME, nick, SERVER_NAME, version, "o", "o").encode(),
                IrcNumeric.RPL_ISUPPORT.reply(SERVER_NAME, nick, "CASEMAPPING=ascii", "CHANTYPES=#",
                        "CHANNELLEN=" + (Limits.MAX_NAME_LENGTH + 1), "NICKLEN=" + Limits.MAX_NAME_LENGTH,
                        "PREFIX=(o)@", "NETWORK=" + NETWORK, "TOPICLEN=" + Limits.MAX_TOPIC_BYTES,
                        "are supported by this server").encode(),
                IrcNumeric.ERR_NOMOTD.reply(SERVER_NAME, nick, "MOTD File is missing").encode());
    }

    private static List<String> roomEvent(RoomName room, ServerFrame.RoomEvent event) {
        String channel = room.value();
        return switch (event) {
            case ServerFrame.Chat chat -> chat(chat, channel);
            case ServerFrame.Joined joined -> List.of(IrcMessage.from(source(joined.name()), "JOIN", channel).encode());
            case ServerFrame.Parted parted -> List.of((parted.reason().isEmpty()
                    ? IrcMessage.from(source(parted.name()), "PART", channel)
                    : IrcMessage.from(source(parted.name()), "PART", channel, parted.reason())).encode());
            case ServerFrame.Kicked kicked -> List.of(IrcMessage.from(source(kicked.by()), "KICK", channel,
                    kicked.name().value(), kicked.reason().isEmpty() ? kicked.name().value() : kicked.reason()).encode());
            case ServerFrame.Topic topic -> List.of(IrcMessage.from(topic.by().map(IrcLines::source).orElse(SERVER_NAME),
                    "TOPIC", channel, topic.text()).encode());
            // Until MODE exists, moderation is told as the plain dialect words it.
            case ServerFrame.Moderated moderated -> List.of(IrcMessage.from(SERVER_NAME, "NOTICE", channel,
                    PlainText.render(moderated).orElseThrow().substring(PlainText.NOTICE_PREFIX.length())).encode());
            case ServerFrame.Members members -> List.of();
            case ServerFrame.History history -> List.of();
        };
    }

    /// A message as `PRIVMSG target :text` from its sender (an action as CTCP `ACTION`), in
    /// as many lines as it takes to keep each within 512 bytes.
    private static List<String> chat(ServerFrame.Chat chat, String target) {
        String prefix = IrcMessage.from(source(chat.from()), "PRIVMSG", target, ":").encode();
        prefix = prefix.substring(0, prefix.length() - 1); // ":src PRIVMSG target :"
        int room = MAX_LINE_BYTES_WITHOUT_CRLF - Text.utf8Length(prefix) - (chat.action() ? 9 : 0);
        List<String> lines = new ArrayList<>(1);
        for (String part : split(chat.text(), room)) {
            lines.add(prefix + (chat.action() ? CTCP + "ACTION " + part + CTCP : part));
        }
        return lines;
    }

    /// `text` in pieces of at most `maxBytes` bytes of UTF-8, never cutting a character.
    static List<String> split(String text, int maxBytes) {
        if (Text.utf8Length(text) <= maxBytes) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                parts.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static List<String> names(String nick, RoomName room, ServerFrame.Members members) {
        List<String> lines = new ArrayList<>(2);
        // A 353 line holds as many names as fit in 512 bytes.
        String head = IrcNumeric.RPL_NAMREPLY.reply(SERVER_NAME, nick, "=", room.value(), ":").encode();
        head = head.substring(0, head.length() - 1);
        var names = new StringBuilder();
        for (Member member : members.members()) {
            String shown = (member.operator() ? "@" : "") + member.name().value();
            if (!names.isEmpty() && Text.utf8Length(head) + Text.utf8Length(names.toString()) + 1
                    + Text.utf8Length(shown) > MAX_LINE_BYTES_WITHOUT_CRLF) {
                lines.add(head + names);
                names.setLength(0);
            }
            if (!names.isEmpty()) {
                names.append(' ');
            }
            names.append(shown);
        }
        if (!names.isEmpty()) {
            lines.add(head + names);
        }
        if (!members.more()) {
            lines.add(endOfNames(nick, room.value()));
        }
        return lines;
    }

    static String endOfNames(String nick, String channel) {
        return IrcNumeric.RPL_ENDOFNAMES.reply(SERVER_NAME, nick, channel, "End of /NAMES list").encode();
    }

    private static List<String> topic(String nick, RoomName room, ServerFrame.Topic topic) {
        if (topic.text().isEmpty()) {
            return List.of(IrcNumeric.RPL_NOTOPIC.reply(SERVER_NAME, nick, room.value(), "No topic is set").encode());
        }
        List<String> lines = new ArrayList<>(2);
        lines.add(IrcNumeric.RPL_TOPIC.reply(SERVER_NAME, nick, room.value(), topic.text()).encode());
        if (topic.by().isPresent() && topic.time().isPresent()) {
            lines.add(IrcNumeric.RPL_TOPICWHOTIME.reply(SERVER_NAME, nick, room.value(), source(topic.by().get()),
                    Long.toString(topic.time().get().getEpochSecond())).encode());
        }
        return lines;
    }

    private static List<String> away(String nick, Name self, ServerFrame.Away away) {
        if (self != null && away.name().key().equals(self.key())) {
            return List.of(away.text().isPresent()
                    ? IrcNumeric.RPL_NOWAWAY.reply(SERVER_NAME, nick, "You have been marked as being away").encode()
                    : IrcNumeric.RPL_UNAWAY.reply(SERVER_NAME, nick, "You are no longer marked as being away").encode());
        }
        return away.text().map(text -> List.of(IrcNumeric.RPL_AWAY.reply(SERVER_NAME, nick, away.name().value(), text)
                .encode())).orElse(List.of());
    }

    /// A refusal that reached the member without the command that caused it (the handler
    /// maps those it answers itself, with their parameters): `417` for a line too long, `464`
    /// for a wrong password, a `NOTICE` otherwise.
    private static IrcMessage error(String nick, ServerFrame.Error error) {
        return switch (error.code()) {
            case FRAME_TOO_LONG -> IrcNumeric.ERR_INPUTTOOLONG.reply(SERVER_NAME, nick, "Input line was too long");
            case BAD_PASSWORD -> IrcNumeric.ERR_PASSWDMISMATCH.reply(SERVER_NAME, nick, "Password incorrect");
            default -> IrcMessage.from(SERVER_NAME, "NOTICE", nick, error.text());
        };
    }

    private static String quitReason(LeaveReason reason) {
        return switch (reason) {
            case QUIT -> "Quit";
            case CLOSED -> "Connection closed";
            case TIMEOUT -> "Ping timeout";
            case SENDQ -> "SendQ exceeded";
            case SHUTDOWN -> "Server shutting down";
            case FLOOD -> "Excess Flood";
            case KICKED -> "Kicked";
        };
    }
}
