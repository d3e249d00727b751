package chatroom.server.internal;

import java.util.Objects;
import java.util.Optional;

/// What an IRC client attached to a message besides its text, which travels with the message
/// to its live delivery (never into history: a message is its text in every dialect and in
/// every replay).
///
/// @param clientTags the sender's client-only tags (`+draft/reply=…;+x`) as tag data, already
///                   escaped; shown to IRC recipients that negotiated `message-tags`, `""` for none
/// @param echoLabel  the `label` of the command that sent it, which the sender's echo carries
///                   (`labeled-response`); empty for none
record MessageExtras(String clientTags, Optional<String> echoLabel) {

    /// Nothing attached: every message of the plain and structured dialects.
    static final MessageExtras NONE = new MessageExtras("", Optional.empty());

    MessageExtras {
        Objects.requireNonNull(clientTags, "clientTags");
        Objects.requireNonNull(echoLabel, "echoLabel");
    }
}
