package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// A channel's moderation in IRC's terms: `MODE #room` (the modes, the ban list, and
/// changes, each mapped onto a [Moderation] of the room) and `KICK`. What is applied reaches
/// everyone in the room as the room tells it ([IrcLines] shows a [ServerFrame.Moderated] as
/// a `MODE` line); what is refused is answered change by change with its numeric.
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

    /// `MODE #room [MODES [PARAMETER…]]`: `parameters` are those after the channel.
    void mode(String channel, List<String> parameters) {
        if (!(RoomName.parse(channel) instanceof Parsed.Ok<RoomName>(RoomName room))) {
            replies.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
            return;
        }
        switch (community.settings(connection, room)) {
            case Parsed.Invalid<RoomSettings> invalid -> replies.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel,
                    "No such channel");
            case Parsed.Ok<RoomSettings>(RoomSettings settings) -> {
                if (parameters.isEmpty()) {
                    showModes(room, settings);
                } else {
                    change(room, settings, IrcModeLine.parse(parameters.getFirst(),
                            parameters.subList(1, parameters.size())));
                }
            }
        }
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

    /// Answers a refused kick of `nick`; `false` when the refusal holds for every nick of the
    /// line (so that it is answered once).
    private boolean refusedKick(ServerFrame.Error error, String channel, String nick) {
        switch (error.code()) {
            case NO_SUCH_NAME -> replies.reply(IrcNumeric.ERR_USERNOTINCHANNEL, nick, channel,
                    "They aren't on that channel");
            case NO_SUCH_ROOM, NOT_IN_ROOM, NOT_OPERATOR -> {
                refusedInRoom(error, channel);
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

    // MODE

    /// `324` with the modes and their parameters (the key only to members), then `329`.
    private void showModes(RoomName room, RoomSettings settings) {
        replies.reply(IrcNumeric.RPL_CHANNELMODEIS, room.value(), IrcModes.channelModes(settings));
        replies.reply(IrcNumeric.RPL_CREATIONTIME, room.value(), Long.toString(settings.created().getEpochSecond()));
    }

    /// `367` for each ban (mask, who set it, when), then `368`.
    private void showBans(RoomName room, RoomSettings settings) {
        for (RoomChange.Ban ban : settings.bans()) {
            replies.reply(IrcNumeric.RPL_BANLIST, room.value(), IrcModes.banMask(ban),
                    replies.lines().source(ban.by()), Long.toString(ban.time().getEpochSecond()));
        }
        replies.reply(IrcNumeric.RPL_ENDOFBANLIST, room.value(), "End of channel ban list");
    }

    private void change(RoomName room, RoomSettings settings, List<IrcModeLine.Item> items) {
        boolean refusedOnce = false;
        for (IrcModeLine.Item item : items) {
            switch (item) {
                case IrcModeLine.ListQuery query -> showBans(room, settings);
                case IrcModeLine.Unknown unknown -> replies.reply(IrcNumeric.ERR_UNKNOWNMODE,
                        String.valueOf(unknown.mode()), "is unknown mode char to me");
                case IrcModeLine.MissingParameter missing -> replies.needMoreParams("MODE");
                case IrcModeLine.Change change -> {
                    if (!settings.operator()) {
                        // The same answer would hold for every change: it is given once.
                        if (!refusedOnce) {
                            replies.reply(IrcNumeric.ERR_CHANOPRIVSNEEDED, room.value(), "You're not channel operator");
                            refusedOnce = true;
                        }
                    } else if (!apply(room, settings, change)) {
                        return;
                    }
                }
            }
        }
    }

    /// Applies one change; `false` when its refusal holds for the rest of the line too.
    private boolean apply(RoomName room, RoomSettings settings, IrcModeLine.Change change) {
        String parameter = change.parameter().orElse("");
        boolean adding = change.adding();
        return switch (change.mode()) {
            case 'o' -> applyToMember(room, change, adding ? Moderation.OP : Moderation.DEOP);
            case 'b' -> switch (IrcModes.banTarget(parameter, replies.lines().server().name())) {
                case Parsed.Ok<String>(String target) ->
                        moderate(room, change, adding ? Moderation.BAN : Moderation.UNBAN, Optional.of(target));
                case Parsed.Invalid<String>(ErrorCode code, String detail) -> {
                    invalidParameter(room, change, detail);
                    yield true;
                }
            };
            case 't' -> settings.topicLocked() == adding
                    || moderate(room, change, adding ? Moderation.LOCK_TOPIC : Moderation.UNLOCK_TOPIC, Optional.empty());
            case 'n' -> {
                if (!adding) {
                    replies.notice(room.value() + " is always +n: only its members may send to it");
                }
                yield true;
            }
            default -> {
                replies.reply(IrcNumeric.ERR_UNKNOWNMODE, String.valueOf(change.mode()), "is unknown mode char to me");
                yield true;
            }
        };
    }

    /// A change of a member's status (`+o nick`): the nick must be a name, and, to be given
    /// a status, in the channel (taking one away works for a name that is not, as status is
    /// kept by name).
    private boolean applyToMember(RoomName room, IrcModeLine.Change change, Moderation action) {
        String nick = change.parameter().orElse("");
        if (!(Name.parse(nick) instanceof Parsed.Ok<Name>(Name name))) {
            replies.reply(IrcNumeric.ERR_NOSUCHNICK, nick, "No such nick/channel");
            return true;
        }
        if (change.adding() && !community.isIn(room, name)) {
            replies.reply(IrcNumeric.ERR_USERNOTINCHANNEL, nick, room.value(), "They aren't on that channel");
            return true;
        }
        return moderate(room, change, action, Optional.of(name.value()));
    }

    /// Asks the room for `action`; `false` when its refusal holds for the rest of the line.
    private boolean moderate(RoomName room, IrcModeLine.Change change, Moderation action, Optional<String> target) {
        Optional<ServerFrame.Error> refused = community.moderate(connection, room, action, target);
        if (refused.isEmpty()) {
            return true;
        }
        ServerFrame.Error error = refused.get();
        switch (error.code()) {
            // A change that changes nothing (already set, not set) is not an error in IRC.
            case WRONG_STATE, NO_SUCH_NAME -> {
            }
            case NAME_INVALID, BAD_TARGET, BAD_COMMAND -> invalidParameter(room, change, error.text());
            case NO_SUCH_ROOM, NOT_IN_ROOM, NOT_OPERATOR -> {
                refusedInRoom(error, room.value());
                return false;
            }
            default -> replies.refused(error, room.value());
        }
        return true;
    }

    private void refusedInRoom(ServerFrame.Error error, String channel) {
        switch (error.code()) {
            case NOT_IN_ROOM -> replies.reply(IrcNumeric.ERR_NOTONCHANNEL, channel, "You're not on that channel");
            case NOT_OPERATOR -> replies.reply(IrcNumeric.ERR_CHANOPRIVSNEEDED, channel, "You're not channel operator");
            default -> replies.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
        }
    }

    /// `696`: the parameter of a change cannot be used, and why.
    private void invalidParameter(RoomName room, IrcModeLine.Change change, String why) {
        List<String> params = new ArrayList<>(4);
        params.add(room.value());
        params.add(String.valueOf(change.mode()));
        params.add(change.parameter().filter(IrcModeration::isWord).orElse("*"));
        params.add(why);
        replies.reply(IrcNumeric.ERR_INVALIDMODEPARAM, params.toArray(String[]::new));
    }

    /// Whether `text` can be a middle parameter of a reply (not empty, no space, no leading `:`).
    private static boolean isWord(String text) {
        return !text.isEmpty() && !text.contains(" ") && !text.startsWith(":");
    }
}
