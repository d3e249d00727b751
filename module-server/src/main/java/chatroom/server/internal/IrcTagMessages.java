package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/// Client-only tags (`+typing`, `+draft/reply`, `+draft/react`, …, IRCv3 `message-tags`) and
/// `TAGMSG`, the message made of tags alone.
///
/// A member with `message-tags` may attach client-only tags to `PRIVMSG`, `NOTICE` and
/// `TAGMSG`; they are passed on, as they came, to the recipients that negotiated
/// `message-tags` too (after the server's own tags), and to nobody else. A `TAGMSG` reaches
/// only those recipients (and its sender with `echo-message`), is never kept and has no id
/// (it is not a message of the community's: the other dialects never see it), so history
/// holds no tags. Tags without the `+` are the server's business and are never passed on.
///
/// Reader thread only.
final class IrcTagMessages {

    /// The most bytes of client-only tag data a member may send (IRCv3 allows a client 4094
    /// bytes of tag data); more is refused with `417`.
    static final int MAX_CLIENT_TAG_BYTES = 4094;

    private final Connection connection;
    private final Community community;
    private final IrcReplies replies;

    IrcTagMessages(Connection connection, Community community, IrcReplies replies) {
        this.connection = connection;
        this.community = community;
        this.replies = replies;
    }

    /// The client-only tags of `message` as tag data to pass on, `""` for none or if the
    /// sender has not negotiated `message-tags` (then its tags are ignored); refused with
    /// [ErrorCode#FRAME_TOO_LONG] beyond [#MAX_CLIENT_TAG_BYTES].
    static Parsed<String> clientTags(IrcMessage message, IrcForm senderForm) {
        if (!senderForm.msgid()) {
            return Parsed.ok("");
        }
        Map<String, String> clientOnly = new LinkedHashMap<>();
        message.tags().forEach((key, value) -> {
            if (key.startsWith("+")) {
                clientOnly.put(key, value);
            }
        });
        String data = IrcMessage.tagData(clientOnly);
        return data.getBytes(StandardCharsets.UTF_8).length > MAX_CLIENT_TAG_BYTES
                ? Parsed.invalid(ErrorCode.FRAME_TOO_LONG, "the client-only tags are longer than "
                        + MAX_CLIENT_TAG_BYTES + " bytes")
                : Parsed.ok(data);
    }

    /// `TAGMSG target[,target]`: the tags to each room the member is in, or to each nick,
    /// refused target by target as `PRIVMSG` is.
    void tagmsg(IrcMessage message) {
        Optional<String> targets = message.param(0).filter(list -> !list.isEmpty());
        if (targets.isEmpty()) {
            replies.reply(IrcNumeric.ERR_NORECIPIENT, "No recipient given (TAGMSG)");
            return;
        }
        if (!(clientTags(message, connection.ircForm()) instanceof Parsed.Ok<String>(String tags))) {
            replies.reply(IrcNumeric.ERR_INPUTTOOLONG, "Input line was too long");
            return;
        }
        for (String to : targets.get().split(",")) {
            Parsed<? extends Target> target = to.startsWith("#") ? RoomName.parse(to) : Name.parse(to);
            Parsed<Community.Audience> reached = target instanceof Parsed.Ok<? extends Target>(Target valid)
                    ? community.audience(connection, valid)
                    : Parsed.invalid(to.startsWith("#") ? ErrorCode.NO_SUCH_ROOM : ErrorCode.NO_SUCH_NAME,
                            "no such target");
            switch (reached) {
                case Parsed.Ok<Community.Audience>(Community.Audience audience) -> relay(audience, to, tags);
                case Parsed.Invalid<Community.Audience>(ErrorCode code, String detail) ->
                        replies.refusedMessage(new ServerFrame.Error(code, detail), to);
            }
        }
    }

    /// Sends the `TAGMSG` to every IRC member of `audience` with `message-tags`, and back to
    /// its sender with `echo-message`; encoded at most once with `server-time` and once without.
    private void relay(Community.Audience audience, String to, String tags) {
        List<Connection> reached = new ArrayList<>(audience.members());
        if (!reached.contains(connection)) {
            reached.add(connection); // a private TAGMSG's echo
        }
        String[] encoded = new String[2];
        for (Connection member : reached) {
            IrcForm form = member.ircForm();
            if (member.dialect() != Dialect.IRC || !form.msgid() || (member == connection && !form.echo())) {
                continue;
            }
            int index = form.time() ? 1 : 0;
            if (encoded[index] == null) {
                encoded[index] = Outgoing.ircLines(List.of(replies.lines().tagOnly(connection.name(), to,
                        audience.time(), tags, form))).orElseThrow();
            }
            member.sendEncoded(encoded[index]);
        }
    }
}
