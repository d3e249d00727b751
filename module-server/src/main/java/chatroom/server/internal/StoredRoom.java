package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// A room's lasting state as read back from the data directory at start: every [RoomChange]
/// since it was created, applied in order.
///
/// @param operators names, each once (compared by [Name#key()])
/// @param muted     names, each once
/// @param bans      in the order they were set
record StoredRoom(RoomName name, Instant created, String topic, Optional<Name> topicBy, Optional<Instant> topicTime,
                  boolean topicLocked, List<Name> operators, List<Name> muted, List<RoomChange.Ban> bans) {

    StoredRoom {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(topicBy, "topicBy");
        Objects.requireNonNull(topicTime, "topicTime");
        operators = List.copyOf(operators);
        muted = List.copyOf(muted);
        bans = List.copyOf(bans);
    }

    /// A room just created, with nothing set.
    static StoredRoom created(RoomName name, Instant time) {
        return new StoredRoom(name, time, "", Optional.empty(), Optional.empty(), false, List.of(), List.of(), List.of());
    }
}
