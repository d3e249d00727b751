package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.irc.IrcNumeric;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/// A channel's modes in IRC's terms: `MODE #room` shows them (`324`, `329`), lists the bans
/// (`367`, `368`) and changes them, each change mapped onto a [Moderation] of the room. What is
/// applied reaches everyone in the room as the room tells it ([IrcLines] shows a
/// [ServerFrame.Moderated] as a `MODE` line); what is refused is answered change by change
/// with its numeric. Which modes there are is [IrcModes]' to say.
///
/// Reader thread only.
final class IrcChannelModes {

    private final Connection connection;
    private final Community community;
    private final IrcReplies replies;

    IrcChannelModes(Connection connection, Community community, IrcReplies replies) {
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

    /// `324` with the modes and their parameters (the key only to members), then `329`.
    private void showModes(RoomName room, RoomSettings settings) {
        List<String> params = new ArrayList<>(IrcModes.channelModes(settings));
        params.addFirst(room.value());
        replies.reply(IrcNumeric.RPL_CHANNELMODEIS, params.toArray(String[]::new));
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
        RoomModes modes = settings.modes();
        return switch (change.mode()) {
            case 'o' -> applyToMember(room, change, adding ? Moderation.OP : Moderation.DEOP);
            case 'v' -> applyToMember(room, change, adding ? Moderation.VOICE : Moderation.DEVOICE);
            case 't' -> flag(room, change, settings.topicLocked(), Moderation.LOCK_TOPIC, Moderation.UNLOCK_TOPIC);
            case 'm' -> flag(room, change, modes.moderated(), Moderation.MODERATE, Moderation.UNMODERATE);
            case 'i' -> flag(room, change, modes.inviteOnly(), Moderation.INVITE_ONLY, Moderation.PUBLIC);
            case 'k' -> adding
                    ? withValid(room, change, Moderation.checkKey(parameter),
                            key -> moderate(room, change, Moderation.SET_KEY, Optional.of(key)))
                    : modes.key().isEmpty() || moderate(room, change, Moderation.CLEAR_KEY, Optional.empty());
            case 'l' -> adding
                    ? withValid(room, change, Moderation.checkLimit(parameter),
                            limit -> moderate(room, change, Moderation.SET_LIMIT, Optional.of(Integer.toString(limit))))
                    : modes.limit().isEmpty() || moderate(room, change, Moderation.CLEAR_LIMIT, Optional.empty());
            case 'b' -> withValid(room, change, IrcModes.banTarget(parameter, replies.lines().server().name()),
                    target -> moderate(room, change, adding ? Moderation.BAN : Moderation.UNBAN, Optional.of(target)));
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

    /// A flag set (`on`) or unset (`off`), unless it is so already (`set` tells).
    private boolean flag(RoomName room, IrcModeLine.Change change, boolean set, Moderation on, Moderation off) {
        return set == change.adding() || moderate(room, change, change.adding() ? on : off, Optional.empty());
    }

    /// Runs `then` with the parameter `checked`, or answers `696` if it is not valid.
    private <T> boolean withValid(RoomName room, IrcModeLine.Change change, Parsed<T> checked,
                                  Predicate<T> then) {
        return switch (checked) {
            case Parsed.Ok<T>(T value) -> then.test(value);
            case Parsed.Invalid<T>(ErrorCode code, String detail) -> {
                invalidParameter(room, change, detail);
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
                replies.refused(error, room.value());
                return false;
            }
            default -> replies.refused(error, room.value());
        }
        return true;
    }

    /// `696`: the parameter of a change cannot be used, and why.
    private void invalidParameter(RoomName room, IrcModeLine.Change change, String why) {
        List<String> params = new ArrayList<>(4);
        params.add(room.value());
        params.add(String.valueOf(change.mode()));
        params.add(change.parameter().filter(IrcChannelModes::isWord).orElse("*"));
        params.add(why);
        replies.reply(IrcNumeric.ERR_INVALIDMODEPARAM, params.toArray(String[]::new));
    }

    /// Whether `text` can be a middle parameter of a reply (not empty, no space, no leading `:`).
    private static boolean isWord(String text) {
        return !text.isEmpty() && !text.contains(" ") && !text.startsWith(":");
    }
}
