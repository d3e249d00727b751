package chatroom.server.internal;

import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// `WHO`: the members of a channel (`WHO #rust`), the member with a nick, or every member whose
/// nick matches a mask (`WHO b*`, `WHO *`), each as `352` (or, with a WHOX field list
/// `WHO #rust %tcuhnfar,123`, as `354` with the fields asked for, in WHOX's order), then `315`.
/// A second parameter holding `o` lists server operators only.
///
/// Every member's user name and real name are its nick and its host is the server's name,
/// as in every source the dialect shows; nobody has an account (`0`) nor a shown address.
///
/// Reader thread only.
final class IrcWho {

    /// The WHOX fields, in the order a `354` gives them whatever the order asked in.
    private static final String WHOX_FIELDS = "tcuihsnfdlaor";
    /// The WHOX query type when the client gives none.
    private static final String NO_TOKEN = "0";
    /// What WHOX shows for an address that is not shown.
    private static final String HIDDEN_ADDRESS = "255.255.255.255";

    private final Connection connection;
    private final Community community;
    private final IrcReplies replies;
    private final Clock clock;

    IrcWho(Connection connection, Community community, IrcReplies replies, Clock clock) {
        this.connection = connection;
        this.community = community;
        this.replies = replies;
        this.clock = clock;
    }

    /// What the client asked for with `WHO`'s second parameter.
    ///
    /// @param fields the WHOX fields asked for (letters of [#WHOX_FIELDS]), or empty for `352`
    /// @param token  the WHOX query type, echoed in field `t`
    private record Options(boolean operatorsOnly, Optional<String> fields, String token) {

        static Options parse(Optional<String> given) {
            String text = given.orElse("");
            int percent = text.indexOf('%');
            String flags = percent < 0 ? text : text.substring(0, percent);
            if (percent < 0) {
                return new Options(flags.indexOf('o') >= 0, Optional.empty(), NO_TOKEN);
            }
            String whox = text.substring(percent + 1);
            int comma = whox.indexOf(',');
            String fields = comma < 0 ? whox : whox.substring(0, comma);
            String token = comma < 0 ? NO_TOKEN : whox.substring(comma + 1);
            // WHOX's query type is 1 to 3 digits; anything else is not echoed.
            if (!token.matches("[0-9]{1,3}")) {
                token = NO_TOKEN;
            }
            return new Options(flags.indexOf('o') >= 0, Optional.of(fields), token);
        }
    }

    void who(IrcMessage message) {
        Optional<String> given = message.param(0).filter(mask -> !mask.isEmpty());
        if (given.isEmpty()) {
            replies.needMoreParams("WHO");
            return;
        }
        String mask = given.get();
        Options options = Options.parse(message.param(1));
        List<String> lines = new ArrayList<>();
        if (mask.startsWith("#")) {
            // A channel that does not exist has no members: just the end of the list.
            if (RoomName.parse(mask) instanceof Parsed.Ok<RoomName>(RoomName room)) {
                for (MemberInfo member : community.members(room).orElse(List.of())) {
                    member.seat(room).ifPresent(seat -> add(lines, member, seat.room().value(), seat.operator(),
                            options));
                }
            }
        } else if (mask.equals("0") || IrcMask.isWildcard(mask)) {
            String pattern = mask.equals("0") ? "*" : mask;
            for (MemberInfo member : community.members(name -> IrcMask.matches(pattern, name.value()))) {
                add(lines, member, "*", false, options);
            }
        } else if (Name.parse(mask) instanceof Parsed.Ok<Name>(Name name)) {
            community.member(name).ifPresent(member -> add(lines, member, "*", false, options));
        }
        lines.add(replies.lines().reply(IrcNumeric.RPL_ENDOFWHO, replies.nick(), mask, "End of WHO list").encode());
        replies.sendLines(lines);
    }

    /// `member`'s line, as seen in `channel` (`*` for none), where it is an operator if `operator`.
    private void add(List<String> lines, MemberInfo member, String channel, boolean operator, Options options) {
        if (options.operatorsOnly() && !member.serverOperator()) {
            return;
        }
        String nick = member.name().value();
        String server = replies.lines().server().name();
        String flags = (member.away().isPresent() ? "G" : "H") + (member.serverOperator() ? "*" : "")
                + IrcModes.prefixes(new Member(member.name(), operator, false, member.away().isPresent()),
                        connection.ircForm().multiPrefix());
        if (options.fields().isEmpty()) {
            lines.add(replies.lines().reply(IrcNumeric.RPL_WHOREPLY, replies.nick(), channel, nick, server, server,
                    nick, flags, "0 " + nick).encode());
            return;
        }
        String asked = options.fields().get();
        List<String> params = new ArrayList<>(WHOX_FIELDS.length());
        for (char field : WHOX_FIELDS.toCharArray()) {
            if (asked.indexOf(field) < 0) {
                continue;
            }
            params.add(switch (field) {
                case 't' -> options.token();
                case 'c' -> channel;
                case 'u', 'n', 'r' -> nick;
                case 'i' -> HIDDEN_ADDRESS;
                case 'h', 's' -> server;
                case 'f' -> flags;
                case 'd' -> "0";
                case 'l' -> Long.toString(Math.max(0,
                        Duration.between(member.lastActive(), clock.instant()).toSeconds()));
                case 'a' -> "0";
                case 'o' -> "n/a";
                default -> throw new IllegalStateException("not a WHOX field: " + field);
            });
        }
        lines.add(replies.lines().reply(IrcNumeric.RPL_WHOSPCRPL, replies.nick(), params.toArray(String[]::new))
                .encode());
    }
}
