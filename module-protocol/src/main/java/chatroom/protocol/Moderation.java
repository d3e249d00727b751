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
/// (`BAN room=#r target=bob`, `LOCK-TOPIC room=#r`) and is told to the room as
/// [ServerFrame.Moderated].
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
    CLOSE(Argument.NONE);

    /// What an action applies to.
    public enum Argument {
        /// Nothing but the room.
        NONE,
        /// A member's name.
        NAME,
        /// A member's name or an IP address.
        NAME_OR_ADDRESS
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
    /// [Argument#NAME], an attribute value (a name or an address) for [Argument#NAME_OR_ADDRESS].
    /// Shared by the records that carry an action, so that each of them can be put on the wire.
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
        }
    }

    /// The action written `verb` (case-insensitive), if there is one.
    public static Optional<Moderation> fromVerb(String verb) {
        return Optional.ofNullable(BY_VERB.get(verb.toUpperCase(Locale.ROOT)));
    }
}
