package chatroom.server.internal;

import java.util.Set;

/// What a member's IRC capabilities change in the lines it is sent. The first four change the
/// bytes of broadcasts, so a broadcast is encoded once per combination of them that some
/// recipient has ([#broadcastIndex()], [Outgoing#ircBytes]); the rest change only what the
/// member is sent alone or whether a broadcast reaches it.
///
/// @param time            `server-time`: a `time` tag on what the server relays
/// @param msgid           `message-tags`: a `msgid` tag (the message's id in every dialect)
/// @param extendedJoin    `extended-join`: `JOIN #room account :realname`
/// @param awayNotify      `away-notify`: `AWAY` lines when members who share a room go away
/// @param echo            `echo-message`: the member's own messages come back to it
/// @param multiPrefix     `multi-prefix`: every prefix of a member in `NAMES` and `WHO`
/// @param userhostInNames `userhost-in-names`: `nick!user@host` in `NAMES`
/// @param batch           `batch`: replies in batches (history, labeled replies)
/// @param labeled         `labeled-response`: replies carry the command's `label`
record IrcForm(boolean time, boolean msgid, boolean extendedJoin, boolean awayNotify, boolean echo,
               boolean multiPrefix, boolean userhostInNames, boolean batch, boolean labeled) {

    /// No capability: what RFC 1459 clients get.
    static final IrcForm NONE = new IrcForm(false, false, false, false, false, false, false, false, false);

    /// How many [#broadcastIndex()] values there are.
    static final int BROADCAST_FORMS = 16;

    /// The form that `enabled` capabilities give.
    static IrcForm of(Set<IrcCapability> enabled) {
        return new IrcForm(enabled.contains(IrcCapability.SERVER_TIME), enabled.contains(IrcCapability.MESSAGE_TAGS),
                enabled.contains(IrcCapability.EXTENDED_JOIN), enabled.contains(IrcCapability.AWAY_NOTIFY),
                enabled.contains(IrcCapability.ECHO_MESSAGE), enabled.contains(IrcCapability.MULTI_PREFIX),
                enabled.contains(IrcCapability.USERHOST_IN_NAMES), enabled.contains(IrcCapability.BATCH),
                enabled.contains(IrcCapability.LABELED_RESPONSE));
    }

    /// Which of the [#BROADCAST_FORMS] encodings of a broadcast this member is sent.
    int broadcastIndex() {
        return (time ? 1 : 0) | (msgid ? 2 : 0) | (extendedJoin ? 4 : 0) | (awayNotify ? 8 : 0);
    }

    /// Whether any tag may be sent (the client understands the tag section).
    boolean tags() {
        return time || msgid;
    }
}
