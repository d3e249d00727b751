package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Moderation;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;

import java.util.Optional;
import java.util.OptionalLong;

/// The IRC commands about channels (rooms): `JOIN`, `PART`, `TOPIC`, `NAMES` and `MODE` (a
/// channel's modes are [IrcChannelModes]').
///
/// Reader thread only.
final class IrcChannels {

    private final Connection connection;
    private final Community community;
    private final IrcReplies replies;
    private final IrcChannelModes modes;
    /// User mode `+i`, as the client set it.
    private boolean invisible;

    IrcChannels(Connection connection, Community community, IrcReplies replies) {
        this.connection = connection;
        this.community = community;
        this.replies = replies;
        this.modes = new IrcChannelModes(connection, community, replies);
    }

    void join(IrcMessage message) {
        Optional<String> channels = message.param(0);
        if (channels.isEmpty()) {
            replies.needMoreParams("JOIN");
            return;
        }
        if (channels.get().equals("0")) {
            for (Room room : connection.membership().rooms()) {
                community.part(connection, room.name(), "");
            }
            return;
        }
        // `JOIN #a,#b key1,key2`: the keys in the channels' order.
        String[] keys = message.param(1).map(list -> list.split(",")).orElse(new String[0]);
        String[] names = channels.get().split(",");
        for (int i = 0; i < names.length; i++) {
            String channel = names[i];
            // A key that no room can have is as good as none: the room answers 475.
            Optional<String> key = i < keys.length ? Optional.of(keys[i])
                    .filter(value -> Moderation.checkKey(value) instanceof Parsed.Ok<String>) : Optional.empty();
            switch (RoomName.parse(channel)) {
                case Parsed.Invalid<RoomName> invalid -> replies.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel,
                        "No such channel");
                case Parsed.Ok<RoomName>(RoomName room) -> community.join(connection, room, OptionalLong.empty(), key)
                        // Joining a channel one is in already is not an error in IRC.
                        .filter(refused -> refused.code() != ErrorCode.WRONG_STATE)
                        .ifPresent(refused -> replies.refused(refused, room.value()));
            }
        }
    }

    void part(IrcMessage message) {
        Optional<String> channels = message.param(0);
        if (channels.isEmpty()) {
            replies.needMoreParams("PART");
            return;
        }
        String reason = message.param(1).orElse("");
        if (Text.checkShortText(reason) instanceof Parsed.Invalid<String>) {
            reason = "";
        }
        for (String channel : channels.get().split(",")) {
            switch (RoomName.parse(channel)) {
                case Parsed.Invalid<RoomName> invalid -> replies.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel,
                        "No such channel");
                case Parsed.Ok<RoomName>(RoomName room) -> {
                    Optional<ServerFrame.Error> refused = community.part(connection, room, reason);
                    if (refused.isPresent()) {
                        replies.reply(IrcNumeric.ERR_NOTONCHANNEL, room.value(), "You're not on that channel");
                    }
                }
            }
        }
    }

    void topic(IrcMessage message) {
        Optional<String> channel = message.param(0);
        if (channel.isEmpty()) {
            replies.needMoreParams("TOPIC");
            return;
        }
        switch (RoomName.parse(channel.get())) {
            case Parsed.Invalid<RoomName> invalid -> replies.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel.get(),
                    "No such channel");
            case Parsed.Ok<RoomName>(RoomName room) -> community.topic(connection, room, message.param(1))
                    .ifPresent(refused -> replies.refused(refused, room.value()));
        }
    }

    void names(IrcMessage message) {
        Optional<String> channels = message.param(0);
        if (channels.isEmpty()) {
            replies.sendLines(java.util.List.of(replies.lines().endOfNames(replies.nick(), "*")));
            return;
        }
        for (String channel : channels.get().split(",")) {
            boolean answered = RoomName.parse(channel) instanceof Parsed.Ok<RoomName>(RoomName room)
                    && community.who(connection, room).isEmpty();
            if (!answered) {
                replies.sendLines(java.util.List.of(replies.lines().endOfNames(replies.nick(), channel)));
            }
        }
    }

    /// `MODE`: a member's own modes here, a channel's in [IrcChannelModes].
    void mode(IrcMessage message) {
        Optional<String> subject = message.param(0);
        if (subject.isEmpty()) {
            replies.needMoreParams("MODE");
            return;
        }
        String target = subject.get();
        if (target.startsWith("#")) {
            modes.mode(target, message.params().subList(1, message.params().size()));
        } else if (target.equalsIgnoreCase(replies.nick())) {
            userMode(message.param(1));
        } else {
            replies.reply(IrcNumeric.ERR_USERSDONTMATCH, "Cannot change mode for other users");
        }
    }

    /// A member's own modes: only `i` (invisible) exists, which clients set on connecting;
    /// chatroom lists everybody in a room to its members alike, so it changes nothing else.
    private void userMode(Optional<String> changes) {
        if (changes.isEmpty()) {
            replies.reply(IrcNumeric.RPL_UMODEIS, invisible ? "+i" : "+");
            return;
        }
        boolean adding = true;
        StringBuilder applied = new StringBuilder();
        boolean unknown = false;
        for (char mode : changes.get().toCharArray()) {
            switch (mode) {
                case '+' -> adding = true;
                case '-' -> adding = false;
                case 'i' -> {
                    if (invisible != adding) {
                        invisible = adding;
                        applied.append(adding ? "+i" : "-i");
                    }
                }
                default -> unknown = true;
            }
        }
        if (!applied.isEmpty()) {
            replies.send(IrcMessage.from(replies.nick(), "MODE", replies.nick(), applied.toString()));
        }
        if (unknown) {
            replies.reply(IrcNumeric.ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag");
        }
    }
}
