package chatroom.server.internal;

import chatroom.protocol.irc.IrcMessage;

/// IRC flood control's penalties: what an IRC command costs beyond the one token every line
/// of every dialect costs in its connection's token bucket (`--max-burst` lines at once, then
/// `--max-rate` a second; [Connection#throttle]).
///
/// IRC servers charge commands by the work they make (ircu's and hybrid's penalties, ergo's
/// "fakelag"): a client within its allowance is served at once, one beyond it has its further
/// input read only as its allowance grows back, so a flood slows itself down instead of
/// slowing the server or being dropped. Commands that make the server tell many members, or
/// answer at length, use the allowance up sooner than chat does, so a storm of renames or of
/// joins and parts is slowed sooner than a conversation. A line's penalty is paid before the
/// command runs, so a client can never do more than its allowance pays for.
final class IrcPenalty {

    private IrcPenalty() {
    }

    /// The tokens `message` costs on top of its line's one.
    static int extraTokens(IrcMessage message) {
        return switch (message.verb()) {
            // A line to several targets is as many messages.
            case "PRIVMSG", "NOTICE", "TAGMSG" -> targets(message) - 1;
            // Each channel joined or parted is told to its members, and a join is answered with
            // the channel's names and topic.
            case "JOIN", "PART" -> targets(message);
            // A rename is told to everyone who shares a room with the member.
            case "NICK" -> 2;
            // Told to a channel, or answered with lists.
            case "TOPIC", "KICK", "INVITE", "MODE", "AWAY", "NAMES", "WHO", "WHOIS", "WHOWAS", "LIST" -> 1;
            default -> 0;
        };
    }

    /// How many comma-separated targets the first parameter names (1 without one).
    private static int targets(IrcMessage message) {
        String first = message.param(0).orElse("");
        int count = 1;
        for (int i = 0; i < first.length(); i++) {
            if (first.charAt(i) == ',') {
                count++;
            }
        }
        return count;
    }
}
