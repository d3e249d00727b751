package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;

import java.util.Objects;

/// A history of its own: a room's, or the private conversation of two members (the same
/// whichever of the two asks).
sealed interface Conversation {

    /// The history of `room`.
    record Room(RoomName room) implements Conversation {
        public Room {
            Objects.requireNonNull(room, "room");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Room that && that.room.sameAs(room);
        }

        @Override
        public int hashCode() {
            return room.key().hashCode();
        }
    }

    /// The private conversation of two members, by name: `first` sorts before `second` by
    /// [Name#key()], so that `between(a, b)` and `between(b, a)` are the same.
    record Pair(Name first, Name second) implements Conversation {
        public Pair {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
            if (first.key().compareTo(second.key()) >= 0) {
                throw new IllegalArgumentException("first must sort before second: " + first + ", " + second);
            }
        }

        /// The conversation of `a` and `b`, two different names.
        static Pair between(Name a, Name b) {
            return a.key().compareTo(b.key()) < 0 ? new Pair(a, b) : new Pair(b, a);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pair that && that.first.key().equals(first.key())
                    && that.second.key().equals(second.key());
        }

        @Override
        public int hashCode() {
            return first.key().hashCode() * 31 + second.key().hashCode();
        }
    }
}
