package chatroom.server.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/// A room's settings as one member may see them, and what that member may do there: what
/// IRC's `MODE #room` answers (`324`, `329`, the ban list) and what it checks before it asks
/// the room for changes.
///
/// @param created     when the room was created
/// @param topicLocked only operators may set the topic
/// @param modes       moderated, invite-only, the key (shown to members only) and the limit
/// @param bans        in the order they were set
/// @param member      the viewer is in the room
/// @param operator    the viewer may moderate the room (an operator of it, or a server operator)
record RoomSettings(Instant created, boolean topicLocked, RoomModes modes, List<RoomChange.Ban> bans, boolean member,
                    boolean operator) {

    RoomSettings {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modes, "modes");
        bans = List.copyOf(bans);
    }
}
