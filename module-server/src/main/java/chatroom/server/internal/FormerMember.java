package chatroom.server.internal;

import chatroom.protocol.Name;

import java.time.Instant;
import java.util.Objects;

/// A name a member gave up, by leaving the chat or taking another name (IRC's `WHOWAS`).
///
/// @param until when it was given up
record FormerMember(Name name, Instant until) {

    FormerMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(until, "until");
    }
}
