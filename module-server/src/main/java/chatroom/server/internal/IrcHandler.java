package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;
import chatroom.protocol.Text;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;
import chatroom.server.ServerPassword;

import java.util.Optional;
import java.util.OptionalLong;

import static chatroom.server.internal.IrcLines.SERVER_NAME;

/// The IRC dialect, first slice: registration (`CAP LS/REQ/END` with no capabilities yet,
/// `PASS`, `NICK`, `USER` in any order), then `PING`, `PONG`, `QUIT`, `JOIN`, `PART`,
/// `PRIVMSG`, `NOTICE`, `NICK`, `TOPIC` and `NAMES`, each refusal as its numeric. Channels
/// are rooms, nicks are names; what others do reaches the member through [IrcLines].
///
/// Reader thread only.
final class IrcHandler implements LineHandler {

    private static final char CTCP = '\u0001';
    private static final String ACTION = CTCP + "ACTION ";

    private final Connection connection;
    /// User mode `+i`, as the client set it; reader thread only.
    private boolean invisible;
    private final Community community;
    /// The password still to be given; empty once given, or if the server needs none.
    private Optional<ServerPassword> password;
    /// The nick asked for before registration, if any (valid, maybe taken).
    private Name nick;
    private boolean userGiven;
    /// Between `CAP LS` (or `REQ`) and `CAP END`: registration waits.
    private boolean negotiating;

    IrcHandler(Connection connection, Community community, Optional<ServerPassword> password) {
        this.connection = connection;
        this.community = community;
        this.password = password;
    }

    @Override
    public void onLine(String line) {
        switch (IrcMessage.parse(line)) {
            case Parsed.Ok<IrcMessage>(IrcMessage message) -> handle(message);
            case Parsed.Invalid<IrcMessage>(ErrorCode code, String detail) -> {
                if (code == ErrorCode.FRAME_TOO_LONG) {
                    reply(IrcNumeric.ERR_INPUTTOOLONG, "Input line was too long");
                } else if (code != ErrorCode.EMPTY_TEXT) {
                    notice("Line ignored: " + detail);
                }
            }
        }
    }

    private boolean registered() {
        return connection.name() != null;
    }

    /// The member's nick, `*` before registration.
    private String target() {
        Name name = connection.name();
        return name == null ? "*" : name.value();
    }

    private void handle(IrcMessage message) {
        String verb = message.verb();
        switch (verb) {
            case "CAP" -> cap(message);
            case "PASS" -> pass(message);
            case "NICK" -> nick(message);
            case "USER" -> user(message);
            case "PING" -> message.param(0).ifPresentOrElse(
                    token -> connection.sendIrc(IrcMessage.from(SERVER_NAME, "PONG", SERVER_NAME, token)),
                    () -> needMoreParams(verb));
            case "PONG" -> connection.pongReceived();
            case "QUIT" -> connection.quit();
            default -> {
                if (!registered()) {
                    reply(IrcNumeric.ERR_NOTREGISTERED, "You have not registered");
                } else {
                    registeredCommand(verb, message);
                }
            }
        }
    }

    private void registeredCommand(String verb, IrcMessage message) {
        switch (verb) {
            case "JOIN" -> join(message);
            case "PART" -> part(message);
            case "PRIVMSG" -> say(message, true);
            case "NOTICE" -> say(message, false);
            case "TOPIC" -> topic(message);
            case "NAMES" -> names(message);
            case "MODE" -> mode(message);
            default -> reply(IrcNumeric.ERR_UNKNOWNCOMMAND, message.command(), "Unknown command");
        }
    }

    // Registration

    private void cap(IrcMessage message) {
        Optional<String> sub = message.param(0).map(s -> s.toUpperCase(java.util.Locale.ROOT));
        if (sub.isEmpty()) {
            needMoreParams("CAP");
            return;
        }
        switch (sub.get()) {
            case "LS" -> {
                negotiating = !registered();
                connection.sendIrc(IrcMessage.from(SERVER_NAME, "CAP", target(), "LS", ""));
            }
            case "LIST" -> connection.sendIrc(IrcMessage.from(SERVER_NAME, "CAP", target(), "LIST", ""));
            case "REQ" -> {
                negotiating = !registered();
                connection.sendIrc(IrcMessage.from(SERVER_NAME, "CAP", target(), "NAK", message.param(1).orElse("")));
            }
            case "END" -> {
                negotiating = false;
                register();
            }
            default -> reply(IrcNumeric.ERR_UNKNOWNCOMMAND, "CAP " + sub.get(), "Invalid CAP command");
        }
    }

    /// One attempt per connection: a wrong password is answered `464` and closes it (after
    /// the same delay as in the other dialects). Ignored when no password is needed.
    private void pass(IrcMessage message) {
        if (registered()) {
            reply(IrcNumeric.ERR_ALREADYREGISTERED, "You may not reregister");
            return;
        }
        if (message.param(0).isEmpty()) {
            needMoreParams("PASS");
            return;
        }
        if (password.isPresent()) {
            if (password.get().matches(message.param(0).get())) {
                password = Optional.empty();
            } else {
                connection.refusePassword(new ServerFrame.Error(ErrorCode.BAD_PASSWORD, "wrong password"));
            }
        }
    }

    private void nick(IrcMessage message) {
        Optional<String> wanted = message.param(0).filter(s -> !s.isEmpty());
        if (wanted.isEmpty()) {
            reply(IrcNumeric.ERR_NONICKNAMEGIVEN, "No nickname given");
            return;
        }
        switch (Name.parse(wanted.get())) {
            case Parsed.Invalid<Name> invalid ->
                    reply(IrcNumeric.ERR_ERRONEUSNICKNAME, wanted.get(), "Erroneous nickname: " + invalid.detail());
            case Parsed.Ok<Name>(Name name) -> {
                if (registered()) {
                    community.rename(connection, name).ifPresent(refused -> refused(refused, name.value()));
                } else {
                    nick = name;
                    register();
                }
            }
        }
    }

    private void user(IrcMessage message) {
        if (registered()) {
            reply(IrcNumeric.ERR_ALREADYREGISTERED, "You may not reregister");
        } else if (message.params().size() < 4) {
            needMoreParams("USER");
        } else {
            // The user name and real name are not kept: every member's user is its nick.
            userGiven = true;
            register();
        }
    }

    /// Completes registration once the nick and `USER` are in and capability negotiation
    /// (if any) has ended: the community's login, whose welcome becomes `001`–`005`.
    private void register() {
        if (registered() || nick == null || !userGiven || negotiating) {
            return;
        }
        if (password.isPresent()) {
            connection.refusePassword(new ServerFrame.Error(ErrorCode.BAD_PASSWORD, "a password is needed"));
            return;
        }
        Name wanted = nick;
        community.login(connection, wanted, OptionalLong.empty()).ifPresentOrElse(refused -> {
            nick = null;
            refused(refused, wanted.value());
        }, connection::logJoin);
    }

    // Commands

    private void join(IrcMessage message) {
        Optional<String> channels = message.param(0);
        if (channels.isEmpty()) {
            needMoreParams("JOIN");
            return;
        }
        if (channels.get().equals("0")) {
            for (Room room : connection.membership().rooms()) {
                community.part(connection, room.name(), "");
            }
            return;
        }
        for (String channel : channels.get().split(",")) {
            switch (RoomName.parse(channel)) {
                case Parsed.Invalid<RoomName> invalid -> reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
                case Parsed.Ok<RoomName>(RoomName room) -> community.join(connection, room, OptionalLong.empty())
                        // Joining a channel one is in already is not an error in IRC.
                        .filter(refused -> refused.code() != ErrorCode.WRONG_STATE)
                        .ifPresent(refused -> refused(refused, room.value()));
            }
        }
    }

    private void part(IrcMessage message) {
        Optional<String> channels = message.param(0);
        if (channels.isEmpty()) {
            needMoreParams("PART");
            return;
        }
        String reason = message.param(1).orElse("");
        if (Text.checkShortText(reason) instanceof Parsed.Invalid<String>) {
            reason = "";
        }
        for (String channel : channels.get().split(",")) {
            switch (RoomName.parse(channel)) {
                case Parsed.Invalid<RoomName> invalid -> reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
                case Parsed.Ok<RoomName>(RoomName room) -> {
                    Optional<ServerFrame.Error> refused = community.part(connection, room, reason);
                    if (refused.isPresent()) {
                        reply(IrcNumeric.ERR_NOTONCHANNEL, room.value(), "You're not on that channel");
                    }
                }
            }
        }
    }

    /// `PRIVMSG` (`answer`) or `NOTICE` (never answered, as IRC wants: no automatic replies).
    private void say(IrcMessage message, boolean answer) {
        String verb = answer ? "PRIVMSG" : "NOTICE";
        if (message.param(0).isEmpty() || message.param(0).get().isEmpty()) {
            if (answer) {
                reply(IrcNumeric.ERR_NORECIPIENT, "No recipient given (" + verb + ")");
            }
            return;
        }
        if (message.param(1).isEmpty() || message.param(1).get().isEmpty()) {
            if (answer) {
                reply(IrcNumeric.ERR_NOTEXTTOSEND, "No text to send");
            }
            return;
        }
        String text = message.param(1).get();
        boolean action = text.startsWith(ACTION);
        if (action) {
            text = text.substring(ACTION.length(), text.endsWith(String.valueOf(CTCP)) ? text.length() - 1 : text.length());
        }
        for (String to : message.param(0).get().split(",")) {
            Parsed<? extends Target> target = to.startsWith("#") ? RoomName.parse(to) : Name.parse(to);
            Optional<ServerFrame.Error> refused = switch (target) {
                case Parsed.Invalid<? extends Target> invalid -> Optional.of(new ServerFrame.Error(
                        to.startsWith("#") ? ErrorCode.NO_SUCH_ROOM : ErrorCode.NO_SUCH_NAME, "no such target"));
                case Parsed.Ok<? extends Target>(Target valid) -> switch (Text.checkMessage(text)) {
                    case Parsed.Ok<String>(String checked) -> community.say(connection, valid, checked, action);
                    case Parsed.Invalid<String>(ErrorCode code, String detail) ->
                            Optional.of(new ServerFrame.Error(code, detail));
                };
            };
            if (answer) {
                refused.ifPresent(error -> refusedMessage(error, to));
            }
        }
    }

    private void topic(IrcMessage message) {
        Optional<String> channel = message.param(0);
        if (channel.isEmpty()) {
            needMoreParams("TOPIC");
            return;
        }
        switch (RoomName.parse(channel.get())) {
            case Parsed.Invalid<RoomName> invalid -> reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel.get(), "No such channel");
            case Parsed.Ok<RoomName>(RoomName room) ->
                    community.topic(connection, room, message.param(1)).ifPresent(refused -> refused(refused, room.value()));
        }
    }

    private void names(IrcMessage message) {
        Optional<String> channels = message.param(0);
        if (channels.isEmpty()) {
            connection.sendIrc(IrcMessage.from(SERVER_NAME, IrcNumeric.RPL_ENDOFNAMES.code(), target(), "*",
                    "End of /NAMES list"));
            return;
        }
        for (String channel : channels.get().split(",")) {
            boolean answered = RoomName.parse(channel) instanceof Parsed.Ok<RoomName>(RoomName room)
                    && community.who(connection, room).isEmpty();
            if (!answered) {
                connection.sendIrc(IrcMessage.from(SERVER_NAME, IrcNumeric.RPL_ENDOFNAMES.code(), target(), channel,
                        "End of /NAMES list"));
            }
        }
    }

    /// `MODE`, queries only for now (clients ask on joining): a member's own modes (none), a
    /// channel's (`+n`: only members speak), and its ban list (not listed yet). Changes are
    /// refused mode by mode with `472` until the moderation maps onto modes.
    private void mode(IrcMessage message) {
        Optional<String> subject = message.param(0);
        if (subject.isEmpty()) {
            needMoreParams("MODE");
            return;
        }
        String target = subject.get();
        if (!target.startsWith("#")) {
            if (target.equalsIgnoreCase(target())) {
                userMode(message.param(1));
            } else {
                reply(IrcNumeric.ERR_USERSDONTMATCH, "Cannot change mode for other users");
            }
            return;
        }
        if (!(RoomName.parse(target) instanceof Parsed.Ok<RoomName>)) {
            reply(IrcNumeric.ERR_NOSUCHCHANNEL, target, "No such channel");
            return;
        }
        Optional<String> changes = message.param(1);
        if (changes.isEmpty()) {
            reply(IrcNumeric.RPL_CHANNELMODEIS, target, "+n");
        } else if (changes.get().equals("b") || changes.get().equals("+b") && message.params().size() == 2) {
            reply(IrcNumeric.RPL_ENDOFBANLIST, target, "End of channel ban list");
        } else {
            for (char mode : changes.get().replace("+", "").replace("-", "").toCharArray()) {
                reply(IrcNumeric.ERR_UNKNOWNMODE, String.valueOf(mode), "is not a mode this server changes yet");
            }
        }
    }

    /// A member's own modes: only `i` (invisible) exists, which clients set on connecting;
    /// chatroom lists everybody in a room to its members alike, so it changes nothing else.
    private void userMode(Optional<String> changes) {
        if (changes.isEmpty()) {
            reply(IrcNumeric.RPL_UMODEIS, invisible ? "+i" : "+");
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
            connection.sendIrc(IrcMessage.from(target(), "MODE", target(), applied.toString()));
        }
        if (unknown) {
            reply(IrcNumeric.ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag");
        }
    }

    // Answers

    /// A refusal of the community's about `subject` (a nick or a channel) as its numeric, or
    /// as a `NOTICE` where IRC has none.
    private void refused(ServerFrame.Error error, String subject) {
        switch (error.code()) {
            case NAME_TAKEN -> reply(IrcNumeric.ERR_NICKNAMEINUSE, subject, "Nickname is already in use");
            case NAME_INVALID -> reply(IrcNumeric.ERR_ERRONEUSNICKNAME, subject, "Erroneous nickname");
            case NO_SUCH_ROOM, ROOM_INVALID, CREATION_RESTRICTED ->
                    reply(IrcNumeric.ERR_NOSUCHCHANNEL, subject, "No such channel (" + error.text() + ")");
            case NOT_IN_ROOM -> reply(IrcNumeric.ERR_NOTONCHANNEL, subject, "You're not on that channel");
            case BANNED -> reply(IrcNumeric.ERR_BANNEDFROMCHAN, subject, "Cannot join channel (+b)");
            case ROOM_LIMIT -> reply(IrcNumeric.ERR_TOOMANYCHANNELS, subject, "You have joined too many channels");
            case NOT_OPERATOR -> reply(IrcNumeric.ERR_CHANOPRIVSNEEDED, subject, "You're not channel operator");
            case NO_SUCH_NAME -> reply(IrcNumeric.ERR_NOSUCHNICK, subject, "No such nick/channel");
            case MUTED -> reply(IrcNumeric.ERR_CANNOTSENDTOCHAN, subject, "Cannot send to channel (" + error.text() + ")");
            default -> notice(capitalize(error.text()));
        }
    }

    /// A refused message to `to`: a room one is not in (or that does not exist) is `404`
    /// (Community says "not in" for both), a missing nick `401`.
    private void refusedMessage(ServerFrame.Error error, String to) {
        switch (error.code()) {
            case NOT_IN_ROOM, NO_SUCH_ROOM, MUTED ->
                    reply(IrcNumeric.ERR_CANNOTSENDTOCHAN, to, "Cannot send to channel (" + error.text() + ")");
            case NO_SUCH_NAME -> reply(IrcNumeric.ERR_NOSUCHNICK, to, "No such nick/channel");
            default -> refused(error, to);
        }
    }

    private void needMoreParams(String command) {
        reply(IrcNumeric.ERR_NEEDMOREPARAMS, command, "Not enough parameters");
    }

    private void reply(IrcNumeric numeric, String... params) {
        connection.sendIrc(numeric.reply(SERVER_NAME, target(), params));
    }

    private void notice(String text) {
        connection.sendIrc(IrcMessage.from(SERVER_NAME, "NOTICE", target(), text));
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

}
