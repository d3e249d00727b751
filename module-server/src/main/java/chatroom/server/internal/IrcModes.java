package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// How a room's moderation shows as IRC modes, and what the server says it supports (`004`,
/// `005`): the one place that must agree with what [IrcChannelModes] accepts.
///
/// Channel modes: `o` (operator) and `v` (voice), by name; `b` (ban: a name or an address);
/// `k` (key), `l` (member limit), `i` (invite-only), `m` (moderated), `t` (topic lock); and `n`
/// (no messages from outside: always on, as only members may speak in a room).
final class IrcModes {

    /// User modes in `004`: only `i`, which changes nothing (everybody is listed alike).
    static final String USER_MODES = "i";
    /// Member status modes (`PREFIX`), highest first, and the prefix each shows as.
    static final String PREFIX_MODES = "ov";
    static final String PREFIX_SYMBOLS = "@+";
    /// Channel modes by `CHANMODES` type: lists (A), a parameter always (B), a parameter when
    /// set (C), flags (D).
    static final String LIST_MODES = "b";
    static final String PARAMETER_MODES = "k";
    static final String SET_PARAMETER_MODES = "l";
    static final String FLAG_MODES = "imnt";
    /// Every channel mode, in `004`.
    static final String CHANNEL_MODES = "biklmnotv";
    /// The channel modes that take a parameter, in `004`.
    static final String CHANNEL_MODES_WITH_PARAMETER = "bklov";
    /// The most targets of one `PRIVMSG` or `NOTICE` (`MAXTARGETS`), or nicks of one `KICK`.
    static final int MAX_TARGETS = 4;
    /// The most mode changes with a parameter in one `MODE` line (`MODES`); further ones are
    /// ignored, as the token promises no more.
    static final int MAX_MODES_WITH_PARAMETER = 4;

    private IrcModes() {
    }

    /// The `005` tokens: what a client may rely on, each honest about this server.
    static List<String> isupport(IrcServer server) {
        return List.of(
                "AWAYLEN=" + Limits.MAX_TOPIC_BYTES,
                "CASEMAPPING=ascii",
                "CHANLIMIT=#:" + server.channelLimit(),
                "CHANMODES=" + LIST_MODES + "," + PARAMETER_MODES + "," + SET_PARAMETER_MODES + "," + FLAG_MODES,
                "CHANNELLEN=" + (Limits.MAX_NAME_LENGTH + 1),
                "CHANTYPES=#",
                // LIST takes channel masks and member counts (`>N`, `<N`).
                "ELIST=MU",
                "CHATHISTORY=" + IrcChatHistory.MAX_LIMIT,
                "KICKLEN=" + Limits.MAX_TOPIC_BYTES,
                "MAXTARGETS=" + MAX_TARGETS,
                "MODES=" + MAX_MODES_WITH_PARAMETER,
                "MSGREFTYPES=msgid,timestamp",
                "NETWORK=" + server.network(),
                "NICKLEN=" + Limits.MAX_NAME_LENGTH,
                "PREFIX=(" + PREFIX_MODES + ")" + PREFIX_SYMBOLS,
                "TARGMAX=PRIVMSG:" + MAX_TARGETS + ",NOTICE:" + MAX_TARGETS + ",JOIN:,PART:,NAMES:,KICK:" + MAX_TARGETS
                        + ",WHOIS:1",
                "TOPICLEN=" + Limits.MAX_TOPIC_BYTES,
                "WHOX");
    }

    /// The prefixes shown before `member`'s nick in `NAMES` and `WHO`: the highest only, or
    /// every one with `multi-prefix`.
    static String prefixes(Member member, boolean multiPrefix) {
        if (multiPrefix) {
            return (member.operator() ? "@" : "") + (member.voiced() ? "+" : "");
        }
        return member.operator() ? "@" : member.voiced() ? "+" : "";
    }

    /// The modes a room's settings make, and their parameters, as `324` shows them: `+n`
    /// always, `t`, `i`, `m` when set, `k` with the key (`*` to whoever is not in the room) and
    /// `l` with the limit.
    static List<String> channelModes(RoomSettings settings) {
        RoomModes modes = settings.modes();
        var letters = new StringBuilder("+n");
        List<String> params = new ArrayList<>(3);
        letters.append(settings.topicLocked() ? "t" : "").append(modes.inviteOnly() ? "i" : "")
                .append(modes.moderated() ? "m" : "");
        if (modes.key().isPresent()) {
            letters.append('k');
            params.add(settings.member() || settings.operator() ? modes.key().get() : "*");
        }
        if (modes.limit().isPresent()) {
            letters.append('l');
            params.add(Integer.toString(modes.limit().getAsInt()));
        }
        params.addFirst(letters.toString());
        return params;
    }

    /// The mode change a moderation action is, as the parameters of a `MODE #room` line
    /// (`+o bob`), or nothing for the actions IRC has no mode for (mute, close): those are
    /// told as a `NOTICE`.
    static Optional<List<String>> change(ServerFrame.Moderated moderated) {
        String target = moderated.target().orElse("");
        return switch (moderated.action()) {
            case OP -> Optional.of(List.of("+o", target));
            case DEOP -> Optional.of(List.of("-o", target));
            case VOICE -> Optional.of(List.of("+v", target));
            case DEVOICE -> Optional.of(List.of("-v", target));
            case BAN -> Optional.of(List.of("+b", banMask(target)));
            case UNBAN -> Optional.of(List.of("-b", banMask(target)));
            case LOCK_TOPIC -> Optional.of(List.of("+t"));
            case UNLOCK_TOPIC -> Optional.of(List.of("-t"));
            case MODERATE -> Optional.of(List.of("+m"));
            case UNMODERATE -> Optional.of(List.of("-m"));
            case INVITE_ONLY -> Optional.of(List.of("+i"));
            case PUBLIC -> Optional.of(List.of("-i"));
            case SET_KEY -> Optional.of(List.of("+k", target));
            // `k` always takes a parameter (CHANMODES type B); the key is gone, so `*`.
            case CLEAR_KEY -> Optional.of(List.of("-k", "*"));
            case SET_LIMIT -> Optional.of(List.of("+l", target));
            case CLEAR_LIMIT -> Optional.of(List.of("-l"));
            case MUTE, UNMUTE, CLOSE -> Optional.empty();
        };
    }

    /// A ban's target (a name or an address, as the other dialects write it) as an IRC mask:
    /// `bob!*@*` or `*!*@203.0.113.7`.
    static String banMask(String target) {
        return AddressBan.looksLikeAddress(target) ? "*!*@" + target : target + "!*@*";
    }

    /// A ban as its mask in the ban list (`367`): by its name if it has one (the address a
    /// name ban took from the member present is not shown, as no address is), else by its
    /// address.
    static String banMask(RoomChange.Ban ban) {
        return ban.name().map(name -> name.value() + "!*@*")
                .orElseGet(() -> "*!*@" + ban.address().orElseThrow());
    }

    /// The name or address a ban mask stands for. Every member's source is
    /// `nick!nick@SERVER`, so a mask picks out one name exactly when it names it as the nick
    /// (`bob`, `bob!*@*`, `bob!bob@SERVER`) or as the user (`*!bob@*`, `*!bob@SERVER`, which
    /// clients make from `/ban bob`); and an address when it is the host of `*!*@HOST` (or
    /// given bare), since addresses are not in sources. The `*` or `~` that clients put before
    /// a user (`*!*bob@SERVER`, irssi's `/ban bob`: servers prefix an unverified ident with
    /// `~`) is read as the user alone, which bans bob and never more than the mask would. Any
    /// other mask (wildcards in a name, host names) would ban nobody or everybody, and is
    /// refused.
    static Parsed<String> banTarget(String mask, String serverName) {
        int bang = mask.indexOf('!');
        int at = mask.lastIndexOf('@');
        if (bang < 0 && at < 0) {
            return AddressBan.looksLikeAddress(mask) ? AddressBan.parse(mask).then(address -> Parsed.ok(mask))
                    : Name.parse(mask).then(name -> Parsed.ok(name.value()));
        }
        if (bang < 0 || at < bang) {
            return unusable(mask);
        }
        String nick = mask.substring(0, bang);
        String user = mask.substring(bang + 1, at);
        String host = mask.substring(at + 1);
        if (nick.equals("*") && user.equals("*") && AddressBan.looksLikeAddress(host)) {
            return AddressBan.parse(host).then(address -> Parsed.ok(host));
        }
        if (!host.equals("*") && !host.equalsIgnoreCase(serverName)) {
            return unusable(mask);
        }
        String bareUser = user.length() > 1 && (user.charAt(0) == '*' || user.charAt(0) == '~') ? user.substring(1) : user;
        Optional<String> named = !nick.equals("*") && (user.equals("*") || bareUser.equalsIgnoreCase(nick))
                ? Optional.of(nick)
                : nick.equals("*") && !user.equals("*") ? Optional.of(bareUser) : Optional.empty();
        return named.filter(name -> Name.parse(name) instanceof Parsed.Ok<Name>)
                .<Parsed<String>>map(Parsed::ok)
                .orElseGet(() -> unusable(mask));
    }

    private static Parsed<String> unusable(String mask) {
        return Parsed.invalid(ErrorCode.BAD_COMMAND, "a ban is of a name (nick or nick!*@*) or of an address"
                + " (*!*@203.0.113.7); " + mask + " is neither");
    }
}
