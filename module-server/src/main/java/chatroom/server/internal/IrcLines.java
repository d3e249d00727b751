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

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/// How the IRC dialect shows [ServerFrame]s: the lines a broadcast becomes ([#broadcast],
/// the same for every IRC recipient with the same [IrcForm], so it is encoded once per form)
/// and the lines a frame sent to one member becomes ([#toMember]: numerics addressed to its
/// nick).
///
/// Every member's source is `nick!nick@server`: the same for every recipient (so a broadcast
/// is encoded once) and no address is shown, as the plain dialect shows none. A frame with no
/// IRC form is shown as nothing. Immutable and thread-safe.
final class IrcLines {

    /// A member's message longer than this many bytes of an IRC line is sent in several lines.
    private static final int MAX_LINE_BYTES_WITHOUT_CRLF = IrcMessage.MAX_LINE_BYTES - 2;
    /// The most `005` tokens in one line (the nick and the closing text make 15 parameters).
    private static final int ISUPPORT_TOKENS_PER_LINE = 13;
    private static final char CTCP = '\u0001';
    /// `server-time`'s format: UTC with milliseconds.
    private static final DateTimeFormatter SERVER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final IrcServer server;
    /// Our name in server prefixes: [IrcServer#name()].
    private final String serverName;
    /// The counts of `LUSERS`, read each time they are shown.
    private final Supplier<IrcCensus> census;

    IrcLines(IrcServer server, Supplier<IrcCensus> census) {
        this.server = server;
        this.serverName = server.name();
        this.census = census;
    }

    IrcServer server() {
        return server;
    }

    /// `nick!nick@server`: the source of everything `name` does.
    String source(Name name) {
        return name.value() + "!" + name.value() + "@" + serverName;
    }

    /// A reply `numeric` to `nick` from this server. Replies echo what a client sent, so a
    /// parameter that cannot be a middle one (empty, starting with `:` or holding a space, as
    /// the channel of `JOIN a,,b` or the nick of `NICK :a b`) is shown as `*`, and the line is
    /// [#fitted] into 512 bytes: no client's line can make a reply that cannot be sent.
    IrcMessage reply(IrcNumeric numeric, String nick, String... params) {
        return fitted(numeric.reply(serverName, nick, middles(params)));
    }

    /// A message from this server, shown and [#fitted] as [#reply] is (a `PONG` echoes the
    /// client's token, a `FAIL` its command's words).
    IrcMessage fromServer(String command, String... params) {
        return fitted(IrcMessage.from(serverName, command, middles(params)));
    }

    /// `params` with every one but the last that could not be a middle parameter shown as `*`.
    private static String[] middles(String[] params) {
        String[] shown = params.clone();
        for (int i = 0; i < shown.length - 1; i++) {
            String param = shown[i];
            if (param.isEmpty() || param.charAt(0) == ':' || param.indexOf(' ') >= 0) {
                shown[i] = "*";
            }
        }
        return shown;
    }

    /// `message`, or, if its line (tags aside) would pass 512 bytes with its CR LF, the same
    /// with its longest parameters cut short (never below 4 bytes, never inside a character):
    /// only an echo of a client's over-long word or text can make a line that long.
    private static IrcMessage fitted(IrcMessage message) {
        int excess = Text.utf8Length(message.encode()) - MAX_LINE_BYTES_WITHOUT_CRLF;
        if (excess <= 0) {
            return message;
        }
        List<String> params = new ArrayList<>(message.params());
        while (excess > 0 && !params.isEmpty()) {
            int longest = 0;
            for (int i = 1; i < params.size(); i++) {
                if (Text.utf8Length(params.get(i)) > Text.utf8Length(params.get(longest))) {
                    longest = i;
                }
            }
            String param = params.get(longest);
            int bytes = Text.utf8Length(param);
            String cut = split(param, Math.max(4, bytes - excess)).getFirst();
            if (cut.equals(param)) {
                break;
            }
            excess -= bytes - Text.utf8Length(cut);
            params.set(longest, cut);
        }
        return new IrcMessage(message.tags(), message.source(), message.command(), params);
    }

    /// Whether `frame` is a room message `self` sent: IRC (without `echo-message`) does not
    /// show senders their own messages.
    static boolean isOwnChat(ServerFrame frame, Name self) {
        return self != null && frame instanceof ServerFrame.InRoom(var room, ServerFrame.Chat chat)
                && chat.from().key().equals(self.key());
    }

    /// The lines that show a broadcast frame to an IRC member whose capabilities give `form`,
    /// or none.
    List<String> broadcast(ServerFrame frame, IrcForm form) {
        return broadcast(frame, form, "");
    }

    /// As [#broadcast(ServerFrame, IrcForm)], a message with its sender's client-only tags
    /// (`clientTags`, tag data; `""` for none), which a member with `message-tags` is shown.
    List<String> broadcast(ServerFrame frame, IrcForm form, String clientTags) {
        return switch (frame) {
            case ServerFrame.InRoom(RoomName room, ServerFrame.RoomEvent event) -> roomEvent(room, event, form,
                    clientTags);
            case ServerFrame.Left left -> List.of(tagged(IrcMessage.from(source(left.name()), "QUIT",
                    left.reason() == LeaveReason.QUIT && !left.text().isEmpty() ? "Quit: " + left.text()
                            : left.text().isEmpty() ? quitReason(left.reason()) : left.text()), left.time(), null, form));
            case ServerFrame.Renamed renamed -> List.of(tagged(IrcMessage.from(source(renamed.from()), "NICK",
                    renamed.to().value()), renamed.time(), null, form));
            case ServerFrame.Private message -> chat(message.chat(), message.to().value(), form, clientTags);
            case ServerFrame.Ping ping -> List.of(IrcMessage.of("PING", ping.token()).encode());
            case ServerFrame.Pong pong -> List.of(fromServer("PONG", serverName, pong.token()).encode());
            case ServerFrame.Bye bye -> List.of(IrcMessage.of("ERROR", bye.text()).encode());
            case ServerFrame.Away away -> form.awayNotify()
                    ? List.of((away.text().isPresent()
                            ? IrcMessage.from(source(away.name()), "AWAY", away.text().get())
                            : IrcMessage.from(source(away.name()), "AWAY")).encode())
                    : List.of();
            // Lists, history and structured-only frames have no IRC broadcast form; nor has an
            // invitation, which is told to two members alone ([#toMember]).
            case ServerFrame.Invited invited -> List.of();
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

    /// The lines that show `frame`, sent to `self` alone (`null` before it has a name), whose
    /// capabilities give `form`, or none.
    List<String> toMember(ServerFrame frame, Name self, IrcForm form) {
        return toMember(frame, self, form, "");
    }

    /// As [#toMember(ServerFrame, Name, IrcForm)], a private message with its sender's
    /// client-only tags (`clientTags`, tag data).
    List<String> toMember(ServerFrame frame, Name self, IrcForm form, String clientTags) {
        String nick = self == null ? "*" : self.value();
        return switch (frame) {
            case ServerFrame.Welcome welcome -> welcome(welcome.name().value());
            case ServerFrame.InRoom(RoomName room, ServerFrame.Members members) -> names(nick, room, members, form);
            case ServerFrame.InRoom(RoomName room, ServerFrame.Topic topic) -> topic(nick, room, topic);
            case ServerFrame.InRoom(RoomName room, ServerFrame.History history) -> List.of();
            case ServerFrame.Private message -> self != null && message.chat().from().key().equals(self.key())
                    && !form.echo() ? List.of() : broadcast(message, form, clientTags);
            case ServerFrame.Notice notice -> List.of(fromServer("NOTICE", nick, notice.text()).encode());
            case ServerFrame.Error error -> List.of(error(nick, error).encode());
            case ServerFrame.Away away -> away(nick, self, away);
            case ServerFrame.Invited invited -> List.of(self != null && invited.by().key().equals(self.key())
                    ? reply(IrcNumeric.RPL_INVITING, nick, invited.name().value(), invited.room().value()).encode()
                    : tagged(IrcMessage.from(source(invited.by()), "INVITE", invited.name().value(),
                            invited.room().value()), invited.time(), null, form));
            default -> broadcast(frame, form);
        };
    }

    /// The registration burst: `001`–`005`, the `LUSERS` counts and the MOTD, before the
    /// default room's `JOIN`.
    private List<String> welcome(String nick) {
        List<String> lines = new ArrayList<>(16);
        lines.add(reply(IrcNumeric.RPL_WELCOME, nick, "Welcome to the " + server.network() + " network, " + nick)
                .encode());
        lines.add(reply(IrcNumeric.RPL_YOURHOST, nick, "Your host is " + serverName + ", running " + server.product())
                .encode());
        lines.add(reply(IrcNumeric.RPL_CREATED, nick, "This server was started " + server.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).encode());
        lines.add(reply(IrcNumeric.RPL_MYINFO, nick, serverName, server.version(), IrcModes.USER_MODES,
                IrcModes.CHANNEL_MODES, IrcModes.CHANNEL_MODES_WITH_PARAMETER).encode());
        lines.addAll(isupport(nick));
        lines.addAll(lusers(nick));
        lines.addAll(motd(nick));
        return lines;
    }

    /// The `005` lines: [IrcModes#isupport] a few tokens a line.
    List<String> isupport(String nick) {
        List<String> tokens = IrcModes.isupport(server);
        List<String> lines = new ArrayList<>(2);
        for (int from = 0; from < tokens.size(); from += ISUPPORT_TOKENS_PER_LINE) {
            List<String> params = new ArrayList<>(tokens.subList(from, Math.min(tokens.size(),
                    from + ISUPPORT_TOKENS_PER_LINE)));
            params.add("are supported by this server");
            lines.add(reply(IrcNumeric.RPL_ISUPPORT, nick, params.toArray(String[]::new)).encode());
        }
        return lines;
    }

    /// `LUSERS`: `251`–`255`, `265`, `266` with the counts of now. One server, no links;
    /// nobody is invisible (user mode `+i` hides nobody here).
    List<String> lusers(String nick) {
        IrcCensus now = census.get();
        String members = Integer.toString(now.members());
        String most = Integer.toString(now.mostMembers());
        return List.of(
                reply(IrcNumeric.RPL_LUSERCLIENT, nick, "There are " + members + " users and 0 invisible on 1 servers")
                        .encode(),
                reply(IrcNumeric.RPL_LUSEROP, nick, Integer.toString(now.operators()), "operator(s) online").encode(),
                reply(IrcNumeric.RPL_LUSERUNKNOWN, nick, Integer.toString(now.unregistered()), "unknown connection(s)")
                        .encode(),
                reply(IrcNumeric.RPL_LUSERCHANNELS, nick, Integer.toString(now.rooms()), "channels formed").encode(),
                reply(IrcNumeric.RPL_LUSERME, nick, "I have " + members + " clients and 0 servers").encode(),
                reply(IrcNumeric.RPL_LOCALUSERS, nick, members, most,
                        "Current local users " + members + ", max " + most).encode(),
                reply(IrcNumeric.RPL_GLOBALUSERS, nick, members, most,
                        "Current global users " + members + ", max " + most).encode());
    }

    /// The message of the day (`375`, `372` a line, `376`), or `422` when there is none.
    List<String> motd(String nick) {
        if (server.motd().isEmpty()) {
            return List.of(reply(IrcNumeric.ERR_NOMOTD, nick, "MOTD File is missing").encode());
        }
        List<String> lines = new ArrayList<>(server.motd().size() + 2);
        lines.add(reply(IrcNumeric.RPL_MOTDSTART, nick, "- " + serverName + " Message of the day - ").encode());
        for (String line : server.motd()) {
            lines.add(reply(IrcNumeric.RPL_MOTD, nick, "- " + line).encode());
        }
        lines.add(reply(IrcNumeric.RPL_ENDOFMOTD, nick, "End of /MOTD command.").encode());
        return lines;
    }

    private List<String> roomEvent(RoomName room, ServerFrame.RoomEvent event, IrcForm form, String clientTags) {
        String channel = room.value();
        return switch (event) {
            case ServerFrame.Chat chat -> chat(chat, channel, form, clientTags);
            case ServerFrame.Joined joined -> joined(channel, joined, form);
            case ServerFrame.Parted parted -> List.of(tagged(parted.reason().isEmpty()
                    ? IrcMessage.from(source(parted.name()), "PART", channel)
                    : IrcMessage.from(source(parted.name()), "PART", channel, parted.reason()), parted.time(), null, form));
            case ServerFrame.Kicked kicked -> List.of(tagged(IrcMessage.from(source(kicked.by()), "KICK", channel,
                    kicked.name().value(), kicked.reason().isEmpty() ? kicked.name().value() : kicked.reason()),
                    kicked.time(), null, form));
            case ServerFrame.Topic topic -> List.of(tagged(IrcMessage.from(topic.by().map(this::source).orElse(serverName),
                    "TOPIC", channel, topic.text()), topic.time().orElse(null), null, form));
            case ServerFrame.Moderated moderated -> List.of(tagged(moderation(channel, moderated), moderated.time(),
                    null, form));
            case ServerFrame.Members members -> List.of();
            case ServerFrame.History history -> List.of();
        };
    }

    /// A kept message as a chat history batch shows it: as it was relayed (without the
    /// client-only tags, which are not kept).
    List<String> history(ServerFrame.Chat chat, String target, IrcForm form) {
        return chat(chat, target, form, "");
    }

    /// `TAGMSG target` from `from`, sent at `time`, with its client-only tags (tag data), as a
    /// member with `message-tags` (the only ones sent it) and `form` is shown it.
    String tagOnly(Name from, String target, Instant time, String clientTags, IrcForm form) {
        return tags(time, null, form, clientTags) + IrcMessage.from(source(from), "TAGMSG", target).encode();
    }

    /// An IRCv3 standard reply `FAIL command code [context…] :description` from this server.
    IrcMessage fail(String command, String code, List<String> context, String description) {
        List<String> params = new ArrayList<>(context.size() + 3);
        params.add(command);
        params.add(code);
        params.addAll(context);
        params.add(description);
        return fromServer("FAIL", params.toArray(String[]::new));
    }

    /// `time` as `server-time` writes it (UTC, milliseconds).
    static String serverTime(Instant time) {
        return SERVER_TIME.format(time);
    }

    /// The `JOIN`, then, for a joiner who is an operator or voiced as it enters, the server's
    /// `MODE +o`/`+v` that gives it (as services do on networks that keep operators by name),
    /// so that clients list it with its prefix.
    private List<String> joined(String channel, ServerFrame.Joined joined, IrcForm form) {
        String nick = joined.name().value();
        String join = tagged(form.extendedJoin()
                // No accounts (`*`); the real name is the nick, as chatroom keeps no other.
                ? IrcMessage.from(source(joined.name()), "JOIN", channel, "*", nick)
                : IrcMessage.from(source(joined.name()), "JOIN", channel), joined.time(), null, form);
        Member member = joined.member();
        String modes = (member.operator() ? "o" : "") + (member.voiced() ? "v" : "");
        if (modes.isEmpty()) {
            return List.of(join);
        }
        List<String> params = new ArrayList<>(List.of(channel, "+" + modes));
        modes.chars().forEach(mode -> params.add(nick));
        return List.of(join, tagged(fromServer("MODE", params.toArray(String[]::new)), joined.time(), null, form));
    }

    /// A moderation action as the `MODE` change it is (`:op!op@server MODE #room +o bob`), or,
    /// for those IRC has no mode for (mute, close), as a `NOTICE` to the channel worded as the
    /// plain dialect words it.
    private IrcMessage moderation(String channel, ServerFrame.Moderated moderated) {
        return IrcModes.change(moderated).map(change -> {
            List<String> params = new ArrayList<>(change.size() + 1);
            params.add(channel);
            params.addAll(change);
            return IrcMessage.from(source(moderated.by()), "MODE", params.toArray(String[]::new));
        }).orElseGet(() -> fromServer("NOTICE", channel,
                PlainText.render(moderated).orElseThrow().substring(PlainText.NOTICE_PREFIX.length())));
    }

    /// A message as `PRIVMSG target :text` from its sender (an action as CTCP `ACTION`), in
    /// as many lines as it takes to keep each within 512 bytes (tags are outside that limit).
    /// With `message-tags` the first line carries the message's id as `msgid` and each
    /// further line `ID-2`, `ID-3`, …, so that every line's id is unique, and every line the
    /// sender's client-only tags (`clientTags`, after the server's tags, as IRCv3 wants).
    private List<String> chat(ServerFrame.Chat chat, String target, IrcForm form, String clientTags) {
        String prefix = IrcMessage.from(source(chat.from()), "PRIVMSG", target, ":").encode();
        prefix = prefix.substring(0, prefix.length() - 1); // ":src PRIVMSG target :"
        int room = MAX_LINE_BYTES_WITHOUT_CRLF - Text.utf8Length(prefix) - (chat.action() ? 9 : 0);
        List<String> parts = split(chat.text(), room);
        List<String> lines = new ArrayList<>(parts.size());
        String id = Long.toString(chat.id());
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String line = prefix + (chat.action() ? CTCP + "ACTION " + part + CTCP : part);
            lines.add(tags(chat.time(), i == 0 ? id : id + "-" + (i + 1), form, clientTags) + line);
        }
        return lines;
    }

    /// `message` encoded with the tags `form` asks for: `time` (if `time` is known) and `msgid`
    /// (if `msgid` is not `null`).
    private String tagged(IrcMessage message, Instant time, String msgid, IrcForm form) {
        // Fitted: a 390-byte topic, part or quit reason from a long nick on a server with a
        // long name would pass 512 bytes; its text is cut for IRC members (others see it whole).
        String line = message.encode();
        return tags(time, msgid, form, "") + (line.length() <= MAX_LINE_BYTES_WITHOUT_CRLF / 3
                || Text.utf8Length(line) <= MAX_LINE_BYTES_WITHOUT_CRLF ? line : fitted(message).encode());
    }

    /// The tag section (`@…` and its space) for `form`, or `""`: the server's tags, then the
    /// client-only tags (`clientTags`, tag data escaped already) for a member with
    /// `message-tags`. Neither server value needs escaping: a time and a number hold no space,
    /// `;`, `\`, CR or LF.
    private static String tags(Instant time, String msgid, IrcForm form, String clientTags) {
        boolean withTime = form.time() && time != null;
        boolean withId = form.msgid() && msgid != null;
        boolean withClientTags = form.msgid() && !clientTags.isEmpty();
        if (!withTime && !withId && !withClientTags) {
            return "";
        }
        var tags = new StringBuilder(64 + clientTags.length()).append('@');
        if (withId) {
            tags.append("msgid=").append(msgid);
        }
        if (withTime) {
            tags.append(withId ? ";" : "").append("time=").append(SERVER_TIME.format(time));
        }
        if (withClientTags) {
            tags.append(withId || withTime ? ";" : "").append(clientTags);
        }
        return tags.append(' ').toString();
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

    private List<String> names(String nick, RoomName room, ServerFrame.Members members, IrcForm form) {
        List<String> lines = new ArrayList<>(2);
        // A 353 line holds as many names as fit in 512 bytes.
        String head = reply(IrcNumeric.RPL_NAMREPLY, nick, "=", room.value(), ":").encode();
        head = head.substring(0, head.length() - 1);
        var names = new StringBuilder();
        int headBytes = Text.utf8Length(head);
        // A running count: measuring the line so far for every name made a big room's member
        // list cost the square of its length (60 % of the server's time while 5,000 joined).
        int namesBytes = 0;
        for (Member member : members.members()) {
            String shown = IrcModes.prefixes(member, form.multiPrefix())
                    + (form.userhostInNames() ? source(member.name()) : member.name().value());
            int shownBytes = Text.utf8Length(shown);
            if (!names.isEmpty() && headBytes + namesBytes + 1 + shownBytes > MAX_LINE_BYTES_WITHOUT_CRLF) {
                lines.add(head + names);
                names.setLength(0);
                namesBytes = 0;
            }
            if (!names.isEmpty()) {
                names.append(' ');
                namesBytes++;
            }
            names.append(shown);
            namesBytes += shownBytes;
        }
        if (!names.isEmpty()) {
            lines.add(head + names);
        }
        if (!members.more()) {
            lines.add(endOfNames(nick, room.value()));
        }
        return lines;
    }

    String endOfNames(String nick, String channel) {
        return reply(IrcNumeric.RPL_ENDOFNAMES, nick, channel, "End of /NAMES list").encode();
    }

    private List<String> topic(String nick, RoomName room, ServerFrame.Topic topic) {
        if (topic.text().isEmpty()) {
            return List.of(reply(IrcNumeric.RPL_NOTOPIC, nick, room.value(), "No topic is set").encode());
        }
        List<String> lines = new ArrayList<>(2);
        lines.add(reply(IrcNumeric.RPL_TOPIC, nick, room.value(), topic.text()).encode());
        if (topic.by().isPresent() && topic.time().isPresent()) {
            lines.add(reply(IrcNumeric.RPL_TOPICWHOTIME, nick, room.value(), source(topic.by().get()),
                    Long.toString(topic.time().get().getEpochSecond())).encode());
        }
        return lines;
    }

    private List<String> away(String nick, Name self, ServerFrame.Away away) {
        if (self != null && away.name().key().equals(self.key())) {
            return List.of(away.text().isPresent()
                    ? reply(IrcNumeric.RPL_NOWAWAY, nick, "You have been marked as being away").encode()
                    : reply(IrcNumeric.RPL_UNAWAY, nick, "You are no longer marked as being away").encode());
        }
        return away.text().map(text -> List.of(reply(IrcNumeric.RPL_AWAY, nick, away.name().value(), text)
                .encode())).orElse(List.of());
    }

    /// What an IRC server says in the `ERROR` before it closes a client's connection:
    /// `Closing Link: NICK (why)` (`*` for a client not registered).
    static String closingLink(Name nick, String why) {
        return "Closing Link: " + (nick == null ? "*" : nick.value()) + " (" + why + ")";
    }

    /// A refusal that reached the member without the command that caused it (the handler
    /// maps those it answers itself, with their parameters): `417` for a line too long, `464`
    /// for a wrong password, a `NOTICE` otherwise.
    private IrcMessage error(String nick, ServerFrame.Error error) {
        return switch (error.code()) {
            case FRAME_TOO_LONG -> reply(IrcNumeric.ERR_INPUTTOOLONG, nick, "Input line was too long");
            case BAD_PASSWORD -> reply(IrcNumeric.ERR_PASSWDMISMATCH, nick, "Password incorrect");
            default -> fromServer("NOTICE", nick, error.text());
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
            case KILLED -> "Killed";
        };
    }
}
