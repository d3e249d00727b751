package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// One member as the queries about members see it (IRC's `WHO`, `WHOIS`, `ISON`, `USERHOST`):
/// a snapshot of values, whatever the member's dialect.
///
/// @param away           its away text, if it is away
/// @param serverOperator whether it is a server operator
/// @param signedOn       when it got its name
/// @param lastActive     when it last sent a message (`signedOn` if it never did)
/// @param rooms          the rooms it is in, in join order, each with whether it is an operator there
record MemberInfo(Name name, Optional<String> away, boolean serverOperator, Instant signedOn, Instant lastActive,
                  List<Seat> rooms) {

    MemberInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(away, "away");
        Objects.requireNonNull(signedOn, "signedOn");
        Objects.requireNonNull(lastActive, "lastActive");
        rooms = List.copyOf(rooms);
    }

    /// The seat in `room`, if the member is in it.
    Optional<Seat> seat(RoomName room) {
        return rooms.stream().filter(seat -> seat.room().sameAs(room)).findFirst();
    }

    /// A member's place in one room.
    ///
    /// @param operator an operator of the room (or a server operator, who is one everywhere)
    record Seat(RoomName room, boolean operator) {
        Seat {
            Objects.requireNonNull(room, "room");
        }
    }
}
