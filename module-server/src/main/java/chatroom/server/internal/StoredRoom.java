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
/// @param voiced    names, each once
/// @param modes     who may speak and join
record StoredRoom(RoomName name, Instant created, String topic, Optional<Name> topicBy, Optional<Instant> topicTime,
                  boolean topicLocked, List<Name> operators, List<Name> muted, List<RoomChange.Ban> bans,
                  List<Name> voiced, RoomModes modes) {

    StoredRoom {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(topicBy, "topicBy");
        Objects.requireNonNull(topicTime, "topicTime");
        operators = List.copyOf(operators);
        muted = List.copyOf(muted);
        bans = List.copyOf(bans);
        voiced = List.copyOf(voiced);
        Objects.requireNonNull(modes, "modes");
    }

    /// A room just created, with nothing set.
    static StoredRoom created(RoomName name, Instant time) {
        return new StoredRoom(name, time, "", Optional.empty(), Optional.empty(), false, List.of(), List.of(), List.of(),
                List.of(), RoomModes.NONE);
    }

    StoredRoom withTopic(String text, Optional<Name> by, Optional<Instant> time) {
        return new StoredRoom(name, created, text, by, time, topicLocked, operators, muted, bans, voiced, modes);
    }

    StoredRoom withTopicLocked(boolean locked) {
        return new StoredRoom(name, created, topic, topicBy, topicTime, locked, operators, muted, bans, voiced, modes);
    }

    StoredRoom withOperators(List<Name> names) {
        return new StoredRoom(name, created, topic, topicBy, topicTime, topicLocked, names, muted, bans, voiced, modes);
    }

    StoredRoom withMuted(List<Name> names) {
        return new StoredRoom(name, created, topic, topicBy, topicTime, topicLocked, operators, names, bans, voiced,
                modes);
    }

    StoredRoom withBans(List<RoomChange.Ban> list) {
        return new StoredRoom(name, created, topic, topicBy, topicTime, topicLocked, operators, muted, list, voiced,
                modes);
    }

    StoredRoom withVoiced(List<Name> names) {
        return new StoredRoom(name, created, topic, topicBy, topicTime, topicLocked, operators, muted, bans, names,
                modes);
    }

    StoredRoom withModes(RoomModes newModes) {
        return new StoredRoom(name, created, topic, topicBy, topicTime, topicLocked, operators, muted, bans, voiced,
                newModes);
    }
}
