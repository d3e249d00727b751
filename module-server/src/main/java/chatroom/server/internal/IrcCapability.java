package chatroom.server.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/// The IRCv3 capabilities this server offers in `CAP LS`, each by its name on the wire.
/// `account-notify` and `setname` are not offered: chatroom has no accounts, and a member's
/// name is its nick (there is no separate real name to change).
enum IrcCapability {
    CAP_NOTIFY("cap-notify", true),
    MULTI_PREFIX("multi-prefix", true),
    USERHOST_IN_NAMES("userhost-in-names", true),
    EXTENDED_JOIN("extended-join", true),
    AWAY_NOTIFY("away-notify", true),
    SERVER_TIME("server-time", true),
    MESSAGE_TAGS("message-tags", true),
    ECHO_MESSAGE("echo-message", true),
    BATCH("batch", true),
    LABELED_RESPONSE("labeled-response", true),
    /// The work-in-progress name, as the specification asks until it is ratified.
    CHATHISTORY("draft/chathistory", true);

    private static final Map<String, IrcCapability> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(IrcCapability::wireName, Function.identity()));

    private final String wireName;
    /// Whether `CAP LS` lists it (false while it is being built).
    private final boolean offered;

    IrcCapability(String wireName, boolean offered) {
        this.wireName = wireName;
        this.offered = offered;
    }

    boolean offered() {
        return offered;
    }

    String wireName() {
        return wireName;
    }

    /// The value `CAP LS 302` gives it (`name=value`), if any.
    Optional<String> value() {
        return Optional.empty();
    }

    /// The capability called `name` (as sent, case-insensitively), if offered.
    static Optional<IrcCapability> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT))).filter(IrcCapability::offered);
    }
}
