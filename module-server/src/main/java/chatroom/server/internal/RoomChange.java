package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.Text;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/// One change to a room's lasting state (what survives a restart: the room itself, its topic,
/// operators, bans, mutes, voices and modes), as the room makes it and the data directory
/// records it.
sealed interface RoomChange {

    RoomName room();

    /// The room was created.
    record Created(RoomName room, Instant time) implements RoomChange {
    }

    /// The topic changed (`""`: cleared). Only a text every dialect can carry: a topic that
    /// could not be sent would break every join of its room (and, saved, every restart).
    record TopicSet(RoomName room, String text, Optional<Name> by, Optional<Instant> time) implements RoomChange {
        public TopicSet {
            if (Text.checkShortText(text) instanceof Parsed.Invalid<String> invalid) {
                throw new IllegalArgumentException("topic: " + invalid.detail());
            }
        }
    }

    /// Only operators may set the topic (`locked`), or everyone may.
    record TopicLocked(RoomName room, boolean locked) implements RoomChange {
    }

    /// `name` became an operator of the room, or stopped being one.
    record OperatorSet(RoomName room, Name name, boolean operator) implements RoomChange {
    }

    /// `name` was muted in the room, or unmuted.
    record MuteSet(RoomName room, Name name, boolean muted) implements RoomChange {
    }

    /// `name` was given a voice in the room, or lost it.
    record VoiceSet(RoomName room, Name name, boolean voiced) implements RoomChange {
    }

    /// Only operators and voiced members may speak (`moderated`), or everyone may.
    record ModeratedSet(RoomName room, boolean moderated) implements RoomChange {
    }

    /// Only invited members may join (`inviteOnly`), or anyone may.
    record InviteOnlySet(RoomName room, boolean inviteOnly) implements RoomChange {
    }

    /// Joining needs `key` (empty: no key).
    record KeySet(RoomName room, Optional<String> key) implements RoomChange {
        public KeySet {
            Objects.requireNonNull(key, "key");
        }
    }

    /// At most `limit` members may be in the room (empty: any number).
    record LimitSet(RoomName room, OptionalInt limit) implements RoomChange {
        public LimitSet {
            Objects.requireNonNull(limit, "limit");
        }
    }

    /// A ban was added.
    record BanAdded(RoomName room, Ban ban) implements RoomChange {
    }

    /// A ban was lifted (the entry equal to `ban`).
    record BanRemoved(RoomName room, Ban ban) implements RoomChange {
    }

    /// The room was closed: its state and history are gone.
    record Closed(RoomName room) implements RoomChange {
    }

    /// A ban: a name, an address, or both (banning a member who is present bans both), who
    /// set it and when.
    record Ban(Optional<Name> name, Optional<AddressBan> address, Name by, Instant time) {
        public Ban {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(time, "time");
            if (name.isEmpty() && address.isEmpty()) {
                throw new IllegalArgumentException("a ban needs a name or an address");
            }
        }
    }
}
