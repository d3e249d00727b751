package chatroom.server.internal;

import chatroom.protocol.Limits;
import chatroom.protocol.Member;

import java.util.List;

/// How a room's moderation shows as IRC modes, and what the server says it supports (`004`,
/// `005`): the one place that must agree with what [IrcHandler] accepts.
final class IrcModes {

    /// User modes in `004`: only `i`, which changes nothing (everybody is listed alike).
    static final String USER_MODES = "i";
    /// Channel modes in `004`: bans, no messages from outside (always on), topic lock.
    static final String CHANNEL_MODES = "bnot";
    /// Channel modes that take a parameter, in `004`.
    static final String CHANNEL_MODES_WITH_PARAMETER = "bo";
    /// The most targets of one `PRIVMSG` or `NOTICE` (`MAXTARGETS`).
    static final int MAX_TARGETS = 4;

    private IrcModes() {
    }

    /// The `005` tokens: what a client may rely on, each honest about this server.
    static List<String> isupport(IrcServer server) {
        return List.of(
                "AWAYLEN=" + Limits.MAX_TOPIC_BYTES,
                "CASEMAPPING=ascii",
                "CHANLIMIT=#:" + server.channelLimit(),
                "CHANMODES=b,,,nt",
                "CHANNELLEN=" + (Limits.MAX_NAME_LENGTH + 1),
                "CHANTYPES=#",
                // LIST takes channel masks and member counts (`>N`, `<N`).
                "ELIST=MU",
                "CHATHISTORY=" + IrcChatHistory.MAX_LIMIT,
                "KICKLEN=" + Limits.MAX_TOPIC_BYTES,
                "MAXTARGETS=" + MAX_TARGETS,
                "MSGREFTYPES=msgid,timestamp",
                "NETWORK=" + server.network(),
                "NICKLEN=" + Limits.MAX_NAME_LENGTH,
                "PREFIX=(o)@",
                "TARGMAX=PRIVMSG:" + MAX_TARGETS + ",NOTICE:" + MAX_TARGETS + ",JOIN:,PART:,NAMES:,WHOIS:1",
                "TOPICLEN=" + Limits.MAX_TOPIC_BYTES,
                "WHOX");
    }

    /// The prefixes shown before `member`'s nick in `NAMES` and `WHO`: the highest only, or
    /// every one with `multi-prefix`.
    static String prefixes(Member member, boolean multiPrefix) {
        return member.operator() ? "@" : "";
    }
}
