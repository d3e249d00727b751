package chatroom.server.internal;

import chatroom.protocol.Moderation;
import chatroom.protocol.Parsed;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/// Who may speak in a room and who may join it, besides bans and mutes: the settings IRC
/// calls `+m`, `+i`, `+k` and `+l`.
///
/// @param moderated  only operators and voiced members may speak
/// @param inviteOnly only invited members (and operators) may join
/// @param key        the key a joiner must give ([Moderation#checkKey]), if any
/// @param limit      the most members the room takes (1 to [Moderation#MAX_LIMIT]), if any
record RoomModes(boolean moderated, boolean inviteOnly, Optional<String> key, OptionalInt limit) {

    /// Nothing set: anyone may join and speak.
    static final RoomModes NONE = new RoomModes(false, false, Optional.empty(), OptionalInt.empty());

    RoomModes {
        Objects.requireNonNull(key, "key").ifPresent(value -> {
            if (Moderation.checkKey(value) instanceof Parsed.Invalid<String> invalid) {
                throw new IllegalArgumentException(invalid.detail());
            }
        });
        Objects.requireNonNull(limit, "limit").ifPresent(value -> {
            if (value < 1 || value > Moderation.MAX_LIMIT) {
                throw new IllegalArgumentException("a member limit is from 1 to " + Moderation.MAX_LIMIT + ": " + value);
            }
        });
    }

    RoomModes withModerated(boolean on) {
        return new RoomModes(on, inviteOnly, key, limit);
    }

    RoomModes withInviteOnly(boolean on) {
        return new RoomModes(moderated, on, key, limit);
    }

    RoomModes withKey(Optional<String> newKey) {
        return new RoomModes(moderated, inviteOnly, newKey, limit);
    }

    RoomModes withLimit(OptionalInt newLimit) {
        return new RoomModes(moderated, inviteOnly, key, newLimit);
    }
}
