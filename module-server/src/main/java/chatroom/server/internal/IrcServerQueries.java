package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// The IRC commands about the server and its operators: `MOTD`, `LUSERS`, `VERSION`, `TIME`,
/// `ADMIN`, `INFO`, `OPER` and `KILL`.
///
/// The commands that may name a server answer for this one when it is named (by its name, a
/// mask of it, or the nick of anyone here: everyone is on this server), and `402` otherwise.
///
/// Reader thread only.
final class IrcServerQueries {

    private final Connection connection;
    private final Community community;
    private final IrcReplies replies;
    private final Clock clock;

    IrcServerQueries(Connection connection, Community community, IrcReplies replies, Clock clock) {
        this.connection = connection;
        this.community = community;
        this.replies = replies;
        this.clock = clock;
    }

    /// `MOTD [server]`: `375`, `372` a line, `376`; or `422` when there is none.
    void motd(IrcMessage message) {
        if (forThisServer(message.param(0))) {
            replies.sendLines(replies.lines().motd(replies.nick()));
        }
    }

    /// `LUSERS`: `251`–`255`, `265`, `266`, counted now.
    void lusers(IrcMessage message) {
        replies.sendLines(replies.lines().lusers(replies.nick()));
    }

    /// `VERSION [server]`: `351`, then the `005` lines again.
    void version(IrcMessage message) {
        if (forThisServer(message.param(0))) {
            IrcServer server = replies.lines().server();
            List<String> lines = new ArrayList<>(3);
            lines.add(line(IrcNumeric.RPL_VERSION, server.product(), server.name(),
                    "a self-hosted group chat: IRC, plain and structured clients in one community"));
            lines.addAll(replies.lines().isupport(replies.nick()));
            replies.sendLines(lines);
        }
    }

    /// `TIME [server]`: `391` with the server's time, in UTC.
    void time(IrcMessage message) {
        if (forThisServer(message.param(0))) {
            replies.reply(IrcNumeric.RPL_TIME, serverName(),
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC)));
        }
    }

    /// `ADMIN [server]`: `256`–`259`. The server has no setting for an administrator's
    /// contact, and says so rather than make one up.
    void admin(IrcMessage message) {
        if (forThisServer(message.param(0))) {
            IrcServer server = replies.lines().server();
            replies.sendLines(List.of(
                    line(IrcNumeric.RPL_ADMINME, server.name(), "Administrative info"),
                    line(IrcNumeric.RPL_ADMINLOC1, server.name() + " runs " + server.product()),
                    line(IrcNumeric.RPL_ADMINLOC2, "No administrator location is configured"),
                    line(IrcNumeric.RPL_ADMINEMAIL, "No administrator contact is configured")));
        }
    }

    /// `INFO [server]`: a few `371` lines about the server, then `374`.
    void info(IrcMessage message) {
        if (forThisServer(message.param(0))) {
            IrcServer server = replies.lines().server();
            replies.sendLines(List.of(
                    line(IrcNumeric.RPL_INFO, server.product()),
                    line(IrcNumeric.RPL_INFO, "A self-hosted group chat for a class, a club or an office."),
                    line(IrcNumeric.RPL_INFO, "IRC clients, nc and telnet users and chatroom's own clients share"
                            + " the same rooms and history."),
                    line(IrcNumeric.RPL_INFO, "Running since " + server.started()),
                    line(IrcNumeric.RPL_ENDOFINFO, "End of INFO list")));
        }
    }

    /// `OPER name password` (the name is not checked: the server has one operator password):
    /// `381` on success; `464` for a wrong password, which costs what a wrong operator
    /// password costs in every dialect ([Connection#wrongOperatorPassword]); `491` on a
    /// server without operators.
    void oper(IrcMessage message) {
        if (message.params().size() < 2) {
            replies.needMoreParams("OPER");
            return;
        }
        if (!replies.lines().server().operators()) {
            replies.reply(IrcNumeric.ERR_NOOPERHOST, "No O-lines for your host");
            return;
        }
        Optional<ServerFrame.Error> refused = community.oper(connection, message.params().get(1));
        if (refused.isPresent()) {
            replies.reply(IrcNumeric.ERR_PASSWDMISMATCH, "Password incorrect");
            connection.wrongOperatorPassword();
        } else {
            replies.reply(IrcNumeric.RPL_YOUREOPER, "You are now an IRC operator");
        }
    }

    /// `KILL nick reason`, for server operators (`481` for others): the member's connection
    /// ends with `ERROR :Killed (OPER (REASON))`, and those who shared a room with it see it
    /// quit with the same words.
    void kill(IrcMessage message) {
        if (message.params().size() < 2) {
            replies.needMoreParams("KILL");
            return;
        }
        String target = message.params().get(0);
        if (!(Name.parse(target) instanceof Parsed.Ok<Name>(Name name))) {
            replies.reply(IrcNumeric.ERR_NOSUCHNICK, target, "No such nick/channel");
            return;
        }
        switch (Text.checkShortText(message.params().get(1))) {
            case Parsed.Invalid<String> invalid -> replies.notice("Not killed: the reason is not valid: "
                    + invalid.detail());
            case Parsed.Ok<String>(String reason) -> community.kill(connection, name, reason).ifPresent(refused -> {
                if (refused.code() == ErrorCode.NOT_OPERATOR) {
                    replies.reply(IrcNumeric.ERR_NOPRIVILEGES, "Permission Denied- You're not an IRC operator");
                } else {
                    replies.refused(refused, target);
                }
            });
        }
    }

    /// Whether the optional server parameter names this server; answers `402` if not.
    private boolean forThisServer(Optional<String> server) {
        if (server.isEmpty() || server.get().isEmpty() || IrcMask.matches(server.get(), serverName())
                || Name.parse(server.get()) instanceof Parsed.Ok<Name>(Name name)
                        && community.member(name).isPresent()) {
            return true;
        }
        replies.reply(IrcNumeric.ERR_NOSUCHSERVER, server.get(), "No such server");
        return false;
    }

    private String line(IrcNumeric numeric, String... params) {
        return replies.lines().reply(numeric, replies.nick(), params).encode();
    }

    private String serverName() {
        return replies.lines().server().name();
    }
}
