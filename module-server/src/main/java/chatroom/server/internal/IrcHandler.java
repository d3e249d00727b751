package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;
import chatroom.protocol.Text;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;
import chatroom.server.ServerPassword;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/// The IRC dialect: parses each line, registers the member (`CAP` negotiation, `PASS`, `NICK`,
/// `USER` in any order) and hands each command to the part that knows it: [IrcCapabilities],
/// [IrcChannels], [IrcModeration], [IrcWho], [IrcQueries], [IrcServerQueries],
/// [IrcChatHistory], [IrcTagMessages], or this class for registration, `PING`/`PONG`, `QUIT`,
/// `NICK`, `PRIVMSG` and `NOTICE`. A command with a `label` is answered labeled
/// ([LabeledReplies]). Channels are rooms, nicks are names; each refusal is its numeric
/// ([IrcReplies]); what others do reaches the member through [IrcLines].
///
/// Reader thread only.
final class IrcHandler implements LineHandler {

    private static final char CTCP = '\u0001';
    private static final String ACTION = CTCP + "ACTION ";

    private final Connection connection;
    private final Community community;
    private final IrcReplies replies;
    private final IrcCapabilities capabilities;
    private final IrcChannels channels;
    private final IrcModeration moderation;
    private final IrcWho who;
    private final IrcQueries queries;
    private final IrcServerQueries serverQueries;
    private final IrcChatHistory chatHistory;
    private final IrcTagMessages tagMessages;
    /// The replies of the labeled command being handled, or `null` ([#labeled]).
    private LabeledReplies labeling;
    /// The password still to be given; empty once given, or if the server needs none.
    private Optional<ServerPassword> password;
    /// The nick asked for before registration, if any (valid, maybe taken).
    private Name nick;
    private boolean userGiven;

    IrcHandler(Connection connection, Community community, Optional<ServerPassword> password, IrcLines lines) {
        this.connection = connection;
        this.community = community;
        this.password = password;
        this.replies = new IrcReplies(connection, lines);
        this.capabilities = new IrcCapabilities(connection, replies);
        this.moderation = new IrcModeration(connection, community, replies);
        this.channels = new IrcChannels(connection, community, replies);
        this.who = new IrcWho(connection, community, replies, Clock.systemUTC());
        this.queries = new IrcQueries(connection, community, replies, Clock.systemUTC());
        this.serverQueries = new IrcServerQueries(connection, community, replies, Clock.systemUTC());
        this.chatHistory = new IrcChatHistory(connection, community, replies);
        this.tagMessages = new IrcTagMessages(connection, community, replies);
    }

    @Override
    public void onLine(String line) {
        switch (IrcMessage.parse(line)) {
            case Parsed.Ok<IrcMessage>(IrcMessage message) -> {
                // The command's penalty is paid before it runs (IRC's flood control).
                if (connection.throttle(IrcPenalty.extraTokens(message))) {
                    labeled(message);
                }
            }
            case Parsed.Invalid<IrcMessage>(ErrorCode code, String detail) -> {
                if (code == ErrorCode.FRAME_TOO_LONG) {
                    replies.reply(IrcNumeric.ERR_INPUTTOOLONG, "Input line was too long");
                } else if (code != ErrorCode.EMPTY_TEXT) {
                    replies.notice("Line ignored: " + detail);
                }
            }
        }
    }

    /// Handles `message`; if it carries a `label` and the member has registered with
    /// `labeled-response` (and `batch`), what the handling sends the member is collected and
    /// sent labeled afterwards ([LabeledReplies] says what that covers). Registration itself is
    /// never labeled: no client expects its welcome inside a batch.
    private void labeled(IrcMessage message) {
        IrcForm form = connection.ircForm();
        String label = message.tags().get("label");
        if (label == null || !registered() || !form.labeled() || !form.batch() || !IrcBatch.usableLabel(label)) {
            handle(message);
            return;
        }
        labeling = new LabeledReplies(label);
        connection.startLabeling(labeling);
        try {
            handle(message);
        } finally {
            connection.stopLabeling();
        }
        List<String> reply = labeling.reply(replies.lines().server().name());
        labeling = null;
        replies.sendLines(reply);
    }

    private boolean registered() {
        return connection.name() != null;
    }

    private void handle(IrcMessage message) {
        String verb = message.verb();
        switch (verb) {
            case "CAP" -> {
                if (capabilities.handle(message, registered())) {
                    register();
                }
            }
            case "PASS" -> pass(message);
            case "NICK" -> nick(message);
            case "USER" -> user(message);
            case "PING" -> message.param(0).ifPresentOrElse(
                    token -> replies.send(replies.lines().fromServer("PONG", replies.lines().server().name(), token)),
                    () -> replies.needMoreParams(verb));
            // Any line proves the client alive, so a PONG's token is not checked.
            case "PONG" -> connection.pongReceived();
            case "QUIT" -> connection.quit(quitWords(message));
            default -> {
                if (!registered()) {
                    replies.reply(IrcNumeric.ERR_NOTREGISTERED, "You have not registered");
                } else {
                    registeredCommand(verb, message);
                }
            }
        }
    }

    private void registeredCommand(String verb, IrcMessage message) {
        switch (verb) {
            case "JOIN" -> channels.join(message);
            case "PART" -> channels.part(message);
            case "PRIVMSG" -> say(message, true);
            case "NOTICE" -> say(message, false);
            case "TOPIC" -> channels.topic(message);
            case "NAMES" -> channels.names(message);
            case "MODE" -> channels.mode(message);
            case "KICK" -> moderation.kick(message);
            case "INVITE" -> moderation.invite(message);
            case "WHO" -> who.who(message);
            case "WHOIS" -> queries.whois(message);
            case "WHOWAS" -> queries.whowas(message);
            case "ISON" -> queries.ison(message);
            case "USERHOST" -> queries.userhost(message);
            case "LIST" -> queries.list(message);
            case "AWAY" -> queries.away(message);
            case "MOTD" -> serverQueries.motd(message);
            case "LUSERS" -> serverQueries.lusers(message);
            case "VERSION" -> serverQueries.version(message);
            case "TIME" -> serverQueries.time(message);
            case "ADMIN" -> serverQueries.admin(message);
            case "INFO" -> serverQueries.info(message);
            case "OPER" -> serverQueries.oper(message);
            case "KILL" -> serverQueries.kill(message);
            case "TAGMSG" -> tagMessages.tagmsg(message);
            case "CHATHISTORY" -> chatHistory.handle(message);
            default -> replies.reply(IrcNumeric.ERR_UNKNOWNCOMMAND, message.command(), "Unknown command");
        }
    }

    // Registration

    /// One attempt per connection: a wrong password is answered `464` and closes it (after
    /// the same delay as in the other dialects). Ignored when no password is needed.
    private void pass(IrcMessage message) {
        if (registered()) {
            replies.reply(IrcNumeric.ERR_ALREADYREGISTERED, "You may not reregister");
            return;
        }
        if (message.param(0).isEmpty()) {
            replies.needMoreParams("PASS");
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
            replies.reply(IrcNumeric.ERR_NONICKNAMEGIVEN, "No nickname given");
            return;
        }
        switch (Name.parse(wanted.get())) {
            case Parsed.Invalid<Name> invalid ->
                    replies.reply(IrcNumeric.ERR_ERRONEUSNICKNAME, wanted.get(), "Erroneous nickname: " + invalid.detail());
            case Parsed.Ok<Name>(Name name) -> {
                if (registered()) {
                    community.rename(connection, name).ifPresent(refused -> replies.refused(refused, name.value()));
                } else {
                    nick = name;
                    register();
                }
            }
        }
    }

    private void user(IrcMessage message) {
        if (registered()) {
            replies.reply(IrcNumeric.ERR_ALREADYREGISTERED, "You may not reregister");
        } else if (message.params().size() < 4) {
            replies.needMoreParams("USER");
        } else {
            // The user name and real name are not kept: every member's user is its nick.
            userGiven = true;
            register();
        }
    }

    /// Completes registration once the nick and `USER` are in and capability negotiation
    /// (if any) has ended: the community's login, whose welcome becomes `001`–`005`.
    private void register() {
        if (registered() || nick == null || !userGiven || capabilities.negotiating()) {
            return;
        }
        if (password.isPresent()) {
            connection.refusePassword(new ServerFrame.Error(ErrorCode.BAD_PASSWORD, "a password is needed"));
            return;
        }
        Name wanted = nick;
        community.login(connection, wanted, OptionalLong.empty()).ifPresentOrElse(refused -> {
            nick = null;
            replies.refused(refused, wanted.value());
        }, connection::logJoin);
    }

    /// What a `QUIT` says, as the others are told it: cut to a topic's length (as IRC servers
    /// cut it to their `QUITLEN`); `""` for none, or for words that are no valid text.
    private static String quitWords(IrcMessage message) {
        String cut = IrcLines.split(message.param(0).orElse(""), Limits.MAX_TOPIC_BYTES).getFirst();
        return Text.checkShortText(cut) instanceof Parsed.Ok<String>(String words) ? words : "";
    }

    // Messages

    /// `PRIVMSG` (`answer`) or `NOTICE` (never answered, as IRC wants: no automatic replies).
    private void say(IrcMessage message, boolean answer) {
        String verb = answer ? "PRIVMSG" : "NOTICE";
        if (message.param(0).isEmpty() || message.param(0).get().isEmpty()) {
            if (answer) {
                replies.reply(IrcNumeric.ERR_NORECIPIENT, "No recipient given (" + verb + ")");
            }
            return;
        }
        if (message.param(1).isEmpty() || message.param(1).get().isEmpty()) {
            if (answer) {
                replies.reply(IrcNumeric.ERR_NOTEXTTOSEND, "No text to send");
            }
            return;
        }
        String text = message.param(1).get();
        boolean action = text.startsWith(ACTION);
        if (action) {
            text = text.substring(ACTION.length(), text.endsWith(String.valueOf(CTCP)) ? text.length() - 1 : text.length());
        }
        if (!(IrcTagMessages.clientTags(message, connection.ircForm()) instanceof Parsed.Ok<String>(String tags))) {
            if (answer) {
                replies.reply(IrcNumeric.ERR_INPUTTOOLONG, "Input line was too long");
            }
            return;
        }
        String[] targets = message.param(0).get().split(",");
        if (targets.length == 0) { // only commas
            if (answer) {
                replies.reply(IrcNumeric.ERR_NORECIPIENT, "No recipient given (" + verb + ")");
            }
            return;
        }
        // A labeled message to one target is answered by its echo, which may come from the
        // store's thread after this command is done: the echo itself carries the label.
        Optional<String> echoLabel = labeling != null && targets.length == 1 && connection.ircForm().echo()
                ? Optional.of(labeling.label()) : Optional.empty();
        var extras = new MessageExtras(tags, echoLabel);
        for (int i = 0; i < Math.min(targets.length, IrcModes.MAX_TARGETS); i++) {
            String to = targets[i];
            Parsed<? extends Target> target = to.startsWith("#") ? RoomName.parse(to) : Name.parse(to);
            Optional<ServerFrame.Error> refused = switch (target) {
                case Parsed.Invalid<? extends Target> invalid -> Optional.of(new ServerFrame.Error(
                        to.startsWith("#") ? ErrorCode.NO_SUCH_ROOM : ErrorCode.NO_SUCH_NAME, "no such target"));
                case Parsed.Ok<? extends Target>(Target valid) -> switch (Text.checkMessage(text)) {
                    case Parsed.Ok<String>(String checked) -> community.say(connection, valid, checked, action, extras);
                    case Parsed.Invalid<String>(ErrorCode code, String detail) ->
                            Optional.of(new ServerFrame.Error(code, detail));
                };
            };
            if (refused.isEmpty() && echoLabel.isPresent()) {
                labeling.answeredByEcho();
            }
            if (answer) {
                refused.ifPresent(error -> replies.refusedMessage(error, to));
            }
        }
        // MAXTARGETS, as 005 says: the first ones are sent to, the rest refused with one 407
        // (one per extra target would let a 512-byte line ask for hundreds of replies).
        if (answer && targets.length > IrcModes.MAX_TARGETS) {
            replies.reply(IrcNumeric.ERR_TOOMANYTARGETS, targets[IrcModes.MAX_TARGETS],
                    "Too many targets: sent to the first " + IrcModes.MAX_TARGETS + " only");
        }
    }

}
