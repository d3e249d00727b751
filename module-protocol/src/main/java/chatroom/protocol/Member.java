package chatroom.protocol;

import java.util.Objects;

/// One entry of a room's member list: the name and what others should know at a glance.
///
/// On the wire (`MEMBERS` of version 2, and the plain dialect's lists) an entry is the name
/// with a prefix for each flag, in this order: `@` operator, `+` voiced, `!` muted, `~` away
/// (`@~alice`). None of these characters may appear in a name, so the name is what follows the
/// last of them.
///
/// @param operator an operator of the room (or a server operator)
/// @param muted    muted in the room: its messages are refused
/// @param away     has set an away text
/// @param voiced   has a voice in the room: it may speak while the room is moderated
public record Member(Name name, boolean operator, boolean muted, boolean away, boolean voiced) {

    public Member {
        Objects.requireNonNull(name, "name");
    }

    /// A member without a voice.
    public Member(Name name, boolean operator, boolean muted, boolean away) {
        this(name, operator, muted, away, false);
    }

    /// A member with no flag set.
    public static Member plain(Name name) {
        return new Member(name, false, false, false, false);
    }

    /// The entry as written on the wire: the flags' prefixes, then the name (the name itself,
    /// not a copy, for the many members without flags).
    public String wire() {
        String flags = flags();
        return flags.isEmpty() ? name.value() : flags + name.value();
    }

    /// This member, away (with an away text) or not.
    public Member withAway(boolean away) {
        return new Member(name, operator, muted, away, voiced);
    }

    /// The flags' prefixes alone, in their order (`""` for none): `JOINED`'s `flags=`.
    public String flags() {
        if (!operator && !voiced && !muted && !away) {
            return "";
        }
        return (operator ? "@" : "") + (voiced ? "+" : "") + (muted ? "!" : "") + (away ? "~" : "");
    }

    /// `name` with the flags `prefixes` names, in any order; characters that name no flag are
    /// ignored, as flags a later version may add.
    public static Member withFlags(Name name, String prefixes) {
        return new Member(name, prefixes.indexOf('@') >= 0, prefixes.indexOf('!') >= 0, prefixes.indexOf('~') >= 0,
                prefixes.indexOf('+') >= 0);
    }

    /// Reads one entry as [#wire()] writes it.
    public static Parsed<Member> parse(String word) {
        int start = 0;
        boolean operator = false;
        boolean voiced = false;
        boolean muted = false;
        boolean away = false;
        while (start < word.length()) {
            char c = word.charAt(start);
            if (c == '@') {
                operator = true;
            } else if (c == '+') {
                voiced = true;
            } else if (c == '!') {
                muted = true;
            } else if (c == '~') {
                away = true;
            } else {
                break;
            }
            start++;
        }
        boolean op = operator;
        boolean mute = muted;
        boolean gone = away;
        boolean voice = voiced;
        return Name.parse(word.substring(start)).then(name -> Parsed.ok(new Member(name, op, mute, gone, voice)));
    }
}
