package chatroom.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/// What a room's operator (or a server operator) may change in a room, besides kicking a
/// member out ([ClientFrame.Kick]) and setting the topic. Each is a client verb of its own
/// (`BAN room=#r target=bob`, `LOCK-TOPIC room=#r`, `SET-KEY room=#r target=sesame`) and is
/// told to the room as [ServerFrame.Moderated].
public enum Moderation {
    /// Makes a member an operator of the room (by name: it survives reconnects and restarts).
    OP(Argument.NAME),
    /// Takes operator status away.
    DEOP(Argument.NAME),
    /// Bans a name, or an address (IPv4, or an IPv6 `/64`), from joining the room; banning a
    /// member who is present also bans its address and removes it from the room.
    BAN(Argument.NAME_OR_ADDRESS),
    /// Lifts a ban by name or by address.
    UNBAN(Argument.NAME_OR_ADDRESS),
    /// Refuses a member's messages in the room (by name).
    MUTE(Argument.NAME),
    /// Lets a muted member speak again.
    UNMUTE(Argument.NAME),
    /// Only operators may set the topic.
    LOCK_TOPIC(Argument.NONE),
    /// Every member may set the topic.
    UNLOCK_TOPIC(Argument.NONE),
    /// Closes the room for good: everyone is removed and its state and history are dropped.
    /// Server operators only.
    CLOSE(Argument.NONE),
    /// Gives a member a voice (by name): it may speak while the room is moderated.
    VOICE(Argument.NAME),
    /// Takes a voice away.
    DEVOICE(Argument.NAME),
    /// Only operators and voiced members may speak in the room.
    MODERATE(Argument.NONE),
    /// Every member may speak again.
    UNMODERATE(Argument.NONE),
    /// Only invited members (and operators) may join the room.
    INVITE_ONLY(Argument.NONE),
    /// Anyone may join again.
    PUBLIC(Argument.NONE),
    /// Joining needs the key ([#checkKey]), unless one is invited or an operator.
    SET_KEY(Argument.KEY),
    /// Joining needs no key.
    CLEAR_KEY(Argument.NONE),
    /// At most this many members ([#checkLimit]) may be in the room; a joiner who would be one
    /// more is refused, unless invited or an operator.
    SET_LIMIT(Argument.LIMIT),
    /// Any number of members may be in the room.
    CLEAR_LIMIT(Argument.NONE);

    /// The most characters of a room key.
    public static final int MAX_KEY_LENGTH = 32;
    /// The highest member limit.
    public static final int MAX_LIMIT = 1_000_000;

    /// What an action applies to.
    public enum Argument {
        /// Nothing but the room.
        NONE,
        /// A member's name.
        NAME,
        /// A member's name or an IP address.
        NAME_OR_ADDRESS,
        /// A room key ([#checkKey]).
        KEY,
        /// A member limit: a whole number from 1 to [#MAX_LIMIT] ([#checkLimit]).
        LIMIT
    }

    private static final Map<String, Moderation> BY_VERB = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Moderation::verb, Function.identity()));

    private final Argument argument;

    Moderation(Argument argument) {
        this.argument = argument;
    }

    public Argument argument() {
        return argument;
    }

    /// The verb on the wire and the word in `MODERATED action=`: `BAN`, `LOCK-TOPIC`, …
    public String verb() {
        return name().replace('_', '-');
    }

    /// Checks that `target` suits this action: none for [Argument#NONE], a valid [Name] for
    /// [Argument#NAME], an attribute value (a name or an address) for [Argument#NAME_OR_ADDRESS],
    /// a key for [Argument#KEY], a limit for [Argument#LIMIT]. Shared by the records that carry
    /// an action, so that each of them can be put on the wire.
    ///
    /// @throws IllegalArgumentException if it does not
    void requireTarget(Optional<String> target) {
        Objects.requireNonNull(target, "target");
        switch (argument) {
            case NONE -> {
                if (target.isPresent()) {
                    throw new IllegalArgumentException(verb() + " takes no name or address");
                }
            }
            case NAME -> {
                String name = target.orElseThrow(() -> new IllegalArgumentException(verb() + " needs a name"));
                Name.problem(name).ifPresent(problem -> {
                    throw new IllegalArgumentException(verb() + " needs a name: " + problem);
                });
            }
            case NAME_OR_ADDRESS -> Tokens.requireToken(target.orElseThrow(() ->
                    new IllegalArgumentException(verb() + " needs a name or an address")), "target");
            case KEY -> {
                if (checkKey(target.orElseThrow(() -> new IllegalArgumentException(verb() + " needs a key")))
                        instanceof Parsed.Invalid<String> invalid) {
                    throw new IllegalArgumentException(invalid.detail());
                }
            }
            case LIMIT -> {
                if (checkLimit(target.orElseThrow(() -> new IllegalArgumentException(verb() + " needs a limit")))
                        instanceof Parsed.Invalid<Integer> invalid) {
                    throw new IllegalArgumentException(invalid.detail());
                }
            }
        }
    }

    /// Checks a room key: 1 to [#MAX_KEY_LENGTH] characters, none of them a space, a comma or
    /// a control character, and not starting with `:`, so that it is one word in every dialect
    /// (IRC's `JOIN #a,#b key1,key2` separates keys with commas).
    public static Parsed<String> checkKey(String key) {
        int length = key.codePointCount(0, key.length());
        if (length == 0 || length > MAX_KEY_LENGTH) {
            return Parsed.invalid(ErrorCode.BAD_COMMAND, "a room key has 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (key.startsWith(":") || key.codePoints().anyMatch(c -> c == ',' || c == ' ' || Character.isWhitespace(c)
                || Text.isForbidden(c))) {
            return Parsed.invalid(ErrorCode.BAD_COMMAND,
                    "a room key holds no spaces, commas or control characters and does not start with ':'");
        }
        return Parsed.ok(key);
    }

    /// Checks a member limit: 1 to [#MAX_LIMIT], in decimal digits without leading zeros (so
    /// that a limit is written one way only).
    public static Parsed<Integer> checkLimit(String limit) {
        if (limit.isEmpty() || limit.length() > 7 || limit.startsWith("0")
                || !limit.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Parsed.invalid(ErrorCode.BAD_COMMAND, "a member limit is a whole number from 1 to " + MAX_LIMIT);
        }
        int value = Integer.parseInt(limit);
        return value < 1 || value > MAX_LIMIT
                ? Parsed.invalid(ErrorCode.BAD_COMMAND, "a member limit is a whole number from 1 to " + MAX_LIMIT)
                : Parsed.ok(value);
    }

    /// The action written `verb` (case-insensitive), if there is one.
    public static Optional<Moderation> fromVerb(String verb) {
        return Optional.ofNullable(BY_VERB.get(verb.toUpperCase(Locale.ROOT)));
    }
}
