package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;

/// How the IRC dialect answers one member: numerics addressed to its nick, notices, and the
/// community's refusals as the numerics IRC has for them. Shared by the handler's parts.
///
/// Reader thread only.
final class IrcReplies {

    private final Connection connection;
    private final IrcLines lines;

    IrcReplies(Connection connection, IrcLines lines) {
        this.connection = connection;
        this.lines = lines;
    }

    IrcLines lines() {
        return lines;
    }

    /// The member's nick, `*` before registration.
    String nick() {
        Name name = connection.name();
        return name == null ? "*" : name.value();
    }

    void send(IrcMessage message) {
        connection.sendIrc(message);
    }

    /// Sends lines that are already encoded (without their line ends).
    void sendLines(java.util.List<String> encoded) {
        Outgoing.ircLines(encoded).ifPresent(connection::sendEncoded);
    }

    void reply(IrcNumeric numeric, String... params) {
        send(lines.reply(numeric, nick(), params));
    }

    void notice(String text) {
        send(lines.fromServer("NOTICE", nick(), text));
    }

    void needMoreParams(String command) {
        reply(IrcNumeric.ERR_NEEDMOREPARAMS, command, "Not enough parameters");
    }

    /// A refusal of the community's about `subject` (a nick or a channel) as its numeric, or
    /// as a `NOTICE` where IRC has none.
    void refused(ServerFrame.Error error, String subject) {
        switch (error.code()) {
            case NAME_TAKEN -> reply(IrcNumeric.ERR_NICKNAMEINUSE, subject, "Nickname is already in use");
            case NAME_INVALID -> reply(IrcNumeric.ERR_ERRONEUSNICKNAME, subject, "Erroneous nickname");
            case NO_SUCH_ROOM, ROOM_INVALID, CREATION_RESTRICTED ->
                    reply(IrcNumeric.ERR_NOSUCHCHANNEL, subject, "No such channel (" + error.text() + ")");
            case NOT_IN_ROOM -> reply(IrcNumeric.ERR_NOTONCHANNEL, subject, "You're not on that channel");
            case BANNED -> reply(IrcNumeric.ERR_BANNEDFROMCHAN, subject, "Cannot join channel (+b)");
            case INVITE_ONLY -> reply(IrcNumeric.ERR_INVITEONLYCHAN, subject, "Cannot join channel (+i)");
            case BAD_KEY -> reply(IrcNumeric.ERR_BADCHANNELKEY, subject, "Cannot join channel (+k)");
            case ROOM_FULL -> reply(IrcNumeric.ERR_CHANNELISFULL, subject, "Cannot join channel (+l)");
            // Also the room-creation rate: the text says which limit it is.
            case ROOM_LIMIT -> reply(IrcNumeric.ERR_TOOMANYCHANNELS, subject, "Cannot join channel (" + error.text() + ")");
            case NOT_OPERATOR -> reply(IrcNumeric.ERR_CHANOPRIVSNEEDED, subject, "You're not channel operator");
            case NO_SUCH_NAME -> reply(IrcNumeric.ERR_NOSUCHNICK, subject, "No such nick/channel");
            case MUTED, VOICE_NEEDED ->
                    reply(IrcNumeric.ERR_CANNOTSENDTOCHAN, subject, "Cannot send to channel (" + error.text() + ")");
            default -> notice(capitalize(error.text()));
        }
    }

    /// A refused message to `to`: a room one is not in (or that does not exist) is `404`
    /// (the community says "not in" for both), a missing nick `401`.
    void refusedMessage(ServerFrame.Error error, String to) {
        switch (error.code()) {
            case NOT_IN_ROOM, NO_SUCH_ROOM, MUTED, VOICE_NEEDED ->
                    reply(IrcNumeric.ERR_CANNOTSENDTOCHAN, to, "Cannot send to channel (" + error.text() + ")");
            case NO_SUCH_NAME -> reply(IrcNumeric.ERR_NOSUCHNICK, to, "No such nick/channel");
            default -> refused(error, to);
        }
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
