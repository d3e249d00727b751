package chatroom.server.internal;

import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;

import java.util.Optional;

/// `KICK` and `INVITE`: an operator removing members from a channel, and a member letting
/// somebody into one. Each nick refused is answered with its numeric; what is done reaches
/// the room (a `KICK`) or the two members (`341`, `INVITE`) as the room tells it.
///
/// Reader thread only.
final class IrcModeration {

    private final Connection connection;
    private final Community community;
    private final IrcReplies replies;

    IrcModeration(Connection connection, Community community, IrcReplies replies) {
        this.connection = connection;
        this.community = community;
        this.replies = replies;
    }

    /// `KICK #room nick[,nick…] [:reason]`: each nick removed, or refused with its numeric.
    void kick(IrcMessage message) {
        if (message.params().size() < 2) {
            replies.needMoreParams("KICK");
            return;
        }
        String channel = message.params().getFirst();
        if (!(RoomName.parse(channel) instanceof Parsed.Ok<RoomName>(RoomName room))) {
            replies.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
            return;
        }
        String reason = kickReason(message.param(2).orElse(""));
        String[] nicks = message.params().get(1).split(",");
        for (int i = 0; i < Math.min(nicks.length, IrcModes.MAX_TARGETS); i++) {
            String nick = nicks[i];
            if (!(Name.parse(nick) instanceof Parsed.Ok<Name>(Name target))) {
                replies.reply(IrcNumeric.ERR_NOSUCHNICK, nick, "No such nick/channel");
                continue;
            }
            Optional<ServerFrame.Error> refused = community.kick(connection, room, target, reason);
            if (refused.isPresent() && !refusedKick(refused.get(), room.value(), nick)) {
                return;
            }
        }
    }

    /// `INVITE nick #room`: the inviter gets `341`, the invited an `INVITE` line (both from
    /// the room's [ServerFrame.Invited]).
    void invite(IrcMessage message) {
        if (message.params().size() < 2) {
            replies.needMoreParams("INVITE");
            return;
        }
        String nick = message.params().get(0);
        String channel = message.params().get(1);
        if (!(Name.parse(nick) instanceof Parsed.Ok<Name>(Name invitee))) {
            replies.reply(IrcNumeric.ERR_NOSUCHNICK, nick, "No such nick/channel");
            return;
        }
        if (!(RoomName.parse(channel) instanceof Parsed.Ok<RoomName>(RoomName room))) {
            replies.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
            return;
        }
        community.invite(connection, room, invitee).ifPresent(error -> {
            switch (error.code()) {
                case NO_SUCH_NAME -> replies.reply(IrcNumeric.ERR_NOSUCHNICK, nick, "No such nick/channel");
                case WRONG_STATE -> replies.reply(IrcNumeric.ERR_USERONCHANNEL, nick, room.value(),
                        "is already on channel");
                case NO_SUCH_ROOM, NOT_IN_ROOM, NOT_OPERATOR -> replies.refused(error, room.value());
                default -> replies.refused(error, nick);
            }
        });
    }

    /// Answers a refused kick of `nick`; `false` when the refusal holds for every nick of the
    /// line (so that it is answered once).
    private boolean refusedKick(ServerFrame.Error error, String channel, String nick) {
        switch (error.code()) {
            case NO_SUCH_NAME -> replies.reply(IrcNumeric.ERR_USERNOTINCHANNEL, nick, channel,
                    "They aren't on that channel");
            case NO_SUCH_ROOM, NOT_IN_ROOM, NOT_OPERATOR -> {
                replies.refused(error, channel);
                return false;
            }
            default -> replies.refused(error, nick);
        }
        return true;
    }

    /// A kick's reason as IRC allows it (`KICKLEN`): cut to the limit, and none if it holds
    /// what no reason may.
    private static String kickReason(String reason) {
        String cut = IrcLines.split(reason, Limits.MAX_TOPIC_BYTES).getFirst();
        return Text.checkShortText(cut) instanceof Parsed.Ok<String> ? cut : "";
    }
}
