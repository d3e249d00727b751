package chatroom.server.internal;

import chatroom.protocol.Limits;
import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/// The IRC commands that ask about members and channels: `WHOIS`, `WHOWAS`, `ISON`,
/// `USERHOST` and `LIST` (`WHO` is [IrcWho]), and `AWAY`, which sets what they show. The
/// community answers with values; this class gives them IRC's shape, whatever dialect the
/// members asked about speak.
///
/// Reader thread only.
final class IrcQueries {

    /// The most nicks one `USERHOST` answers for (RFC 2812).
    private static final int MAX_USERHOST_NICKS = 5;
    /// `319` lines are cut to hold at most this many bytes of channels.
    private static final int MAX_CHANNELS_BYTES = 400;

    private final Connection connection;
    private final Community community;
    private final IrcReplies replies;
    private final Clock clock;

    IrcQueries(Connection connection, Community community, IrcReplies replies, Clock clock) {
        this.connection = connection;
        this.community = community;
        this.replies = replies;
        this.clock = clock;
    }

    /// `WHOIS [server] nick`: `311`, `319`, `312`, `313` (server operators), `301` (away),
    /// `317`, then `318`; `401` for nobody, `402` for another server, `431` for no nick.
    void whois(IrcMessage message) {
        List<String> params = message.params();
        if (params.isEmpty() || params.getLast().isEmpty()) {
            replies.reply(IrcNumeric.ERR_NONICKNAMEGIVEN, "No nickname given");
            return;
        }
        String target = params.getLast();
        // "WHOIS nick nick" asks the nick's own server, which is this one.
        if (params.size() > 1 && !params.getFirst().equalsIgnoreCase(serverName())
                && !params.getFirst().equalsIgnoreCase(target)) {
            replies.reply(IrcNumeric.ERR_NOSUCHSERVER, params.getFirst(), "No such server");
            return;
        }
        Optional<MemberInfo> found = Name.parse(target) instanceof Parsed.Ok<Name>(Name name)
                ? community.member(name) : Optional.empty();
        List<String> lines = new ArrayList<>(8);
        if (found.isEmpty()) {
            lines.add(line(IrcNumeric.ERR_NOSUCHNICK, target, "No such nick/channel"));
        } else {
            MemberInfo member = found.get();
            String nick = member.name().value();
            lines.add(line(IrcNumeric.RPL_WHOISUSER, nick, nick, serverName(), "*", nick));
            for (String channels : channelLines(member)) {
                lines.add(line(IrcNumeric.RPL_WHOISCHANNELS, nick, channels));
            }
            lines.add(line(IrcNumeric.RPL_WHOISSERVER, nick, serverName(), replies.lines().server().product()));
            if (member.serverOperator()) {
                lines.add(line(IrcNumeric.RPL_WHOISOPERATOR, nick, "is an IRC operator"));
            }
            member.away().ifPresent(away -> lines.add(line(IrcNumeric.RPL_AWAY, nick, away)));
            long idle = Math.max(0, Duration.between(member.lastActive(), clock.instant()).toSeconds());
            lines.add(line(IrcNumeric.RPL_WHOISIDLE, nick, Long.toString(idle),
                    Long.toString(member.signedOn().getEpochSecond()), "seconds idle, signon time"));
            target = nick;
        }
        lines.add(line(IrcNumeric.RPL_ENDOFWHOIS, target, "End of /WHOIS list"));
        replies.sendLines(lines);
    }

    /// The member's channels for `319`, each with its prefix, in lines that fit.
    private List<String> channelLines(MemberInfo member) {
        List<String> lines = new ArrayList<>(1);
        var channels = new StringBuilder();
        boolean multiPrefix = connection.ircForm().multiPrefix();
        for (MemberInfo.Seat seat : member.rooms()) {
            String shown = IrcModes.prefixes(new Member(member.name(), seat.operator(), false,
                    member.away().isPresent()), multiPrefix) + seat.room().value();
            if (!channels.isEmpty() && Text.utf8Length(channels.toString()) + 1 + Text.utf8Length(shown)
                    > MAX_CHANNELS_BYTES) {
                lines.add(channels.toString());
                channels.setLength(0);
            }
            channels.append(channels.isEmpty() ? "" : " ").append(shown);
        }
        if (!channels.isEmpty()) {
            lines.add(channels.toString());
        }
        return lines;
    }

    /// `WHOWAS nick [count]`: `314` and `312` (with when the nick was given up) for each of the
    /// most recent members who had it, then `369`; `406` if none is remembered.
    void whowas(IrcMessage message) {
        Optional<String> given = message.param(0).filter(nick -> !nick.isEmpty());
        if (given.isEmpty()) {
            replies.reply(IrcNumeric.ERR_NONICKNAMEGIVEN, "No nickname given");
            return;
        }
        String target = given.get();
        int count = message.param(1).map(IrcQueries::positive).orElse(FormerMembers.CAPACITY);
        List<FormerMember> found = Name.parse(target) instanceof Parsed.Ok<Name>(Name name)
                ? community.formerMembers(name, count) : List.of();
        List<String> lines = new ArrayList<>(2 * found.size() + 2);
        if (found.isEmpty()) {
            lines.add(line(IrcNumeric.ERR_WASNOSUCHNICK, target, "There was no such nickname"));
        }
        for (FormerMember former : found) {
            String nick = former.name().value();
            lines.add(line(IrcNumeric.RPL_WHOWASUSER, nick, nick, serverName(), "*", nick));
            lines.add(line(IrcNumeric.RPL_WHOISSERVER, nick, serverName(),
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(former.until().atZone(ZoneOffset.UTC))));
        }
        lines.add(line(IrcNumeric.RPL_ENDOFWHOWAS, target, "End of WHOWAS"));
        replies.sendLines(lines);
    }

    /// `WHOWAS`'s count: a positive number, else every entry remembered.
    private static int positive(String count) {
        try {
            int parsed = Integer.parseInt(count);
            return parsed > 0 ? parsed : FormerMembers.CAPACITY;
        } catch (NumberFormatException e) {
            return FormerMembers.CAPACITY;
        }
    }

    /// `ISON nick…` (in one parameter or several): `303` with those that are here, as they
    /// spell their nicks now.
    void ison(IrcMessage message) {
        List<String> nicks = words(message);
        if (nicks.isEmpty()) {
            replies.needMoreParams("ISON");
            return;
        }
        List<String> here = new ArrayList<>(nicks.size());
        for (String nick : nicks) {
            find(nick).ifPresent(member -> here.add(member.name().value()));
        }
        replies.reply(IrcNumeric.RPL_ISON, String.join(" ", here));
    }

    /// `USERHOST nick…` (at most five): `302` with `nick[*]=±nick@server` for each that is here;
    /// `*` marks a server operator, `-` an away member, `+` one who is not.
    void userhost(IrcMessage message) {
        List<String> nicks = words(message);
        if (nicks.isEmpty()) {
            replies.needMoreParams("USERHOST");
            return;
        }
        List<String> answers = new ArrayList<>(MAX_USERHOST_NICKS);
        for (String nick : nicks.subList(0, Math.min(nicks.size(), MAX_USERHOST_NICKS))) {
            find(nick).ifPresent(member -> answers.add(member.name().value() + (member.serverOperator() ? "*" : "")
                    + "=" + (member.away().isPresent() ? "-" : "+") + member.name().value() + "@" + serverName()));
        }
        replies.reply(IrcNumeric.RPL_USERHOST, String.join(" ", answers));
    }

    /// `LIST [masks and conditions]`: `321`, a `322` for each room that matches (`#channel
    /// members :topic`), then `323`. Masks (`#a*,#b`) and member counts (`>5`, `<5`) may be
    /// mixed in the comma-separated list; a room is listed if it matches one of the masks (if
    /// any are given) and every count.
    void list(IrcMessage message) {
        List<String> masks = new ArrayList<>();
        List<IntPredicate> counts = new ArrayList<>();
        for (String term : message.params().stream().limit(1).flatMap(first -> Arrays.stream(first.split(",")))
                .filter(term -> !term.isEmpty()).toList()) {
            Optional<Integer> bound = term.length() > 1 ? number(term.substring(1)) : Optional.empty();
            if (term.charAt(0) == '>' && bound.isPresent()) {
                counts.add(members -> members > bound.get());
            } else if (term.charAt(0) == '<' && bound.isPresent()) {
                counts.add(members -> members < bound.get());
            } else {
                masks.add(term);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(IrcNumeric.RPL_LISTSTART, "Channel", "Users  Name"));
        for (ServerFrame.RoomInfo room : community.roomList()) {
            String channel = room.room().value();
            boolean named = masks.isEmpty() || masks.stream().anyMatch(mask -> IrcMask.matches(mask, channel));
            if (named && counts.stream().allMatch(count -> count.test(room.members()))) {
                lines.add(line(IrcNumeric.RPL_LIST, channel, Integer.toString(room.members()), room.topic()));
            }
        }
        lines.add(line(IrcNumeric.RPL_LISTEND, "End of /LIST"));
        replies.sendLines(lines);
    }

    private static Optional<Integer> number(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(digits));
    }

    /// `AWAY :text` marks the member away (`306`), `AWAY` alone back (`305`); the text is cut
    /// to `AWAYLEN` bytes, as the ISUPPORT token promises.
    void away(IrcMessage message) {
        Optional<String> text = message.param(0).filter(given -> !given.isBlank());
        if (text.isPresent()) {
            Optional<Parsed.Invalid<String>> bad = Text.checkCharacters(text.get());
            if (bad.isPresent()) {
                replies.notice("Away text not set: " + bad.get().detail());
                return;
            }
            text = Optional.of(IrcLines.split(text.get(), Limits.MAX_TOPIC_BYTES).getFirst())
                    .filter(cut -> !cut.isBlank());
        }
        community.away(connection, text);
    }

    /// The member called `nick`, if `nick` is a name and somebody has it.
    private Optional<MemberInfo> find(String nick) {
        return Name.parse(nick) instanceof Parsed.Ok<Name>(Name name) ? community.member(name) : Optional.empty();
    }

    /// The nicks of `ISON` and `USERHOST`: each parameter may hold several, separated by spaces.
    private static List<String> words(IrcMessage message) {
        return message.params().stream().flatMap(param -> Arrays.stream(param.split(" ")))
                .filter(word -> !word.isEmpty()).toList();
    }

    private String line(IrcNumeric numeric, String... params) {
        return replies.lines().reply(numeric, replies.nick(), params).encode();
    }

    private String serverName() {
        return replies.lines().server().name();
    }
}
