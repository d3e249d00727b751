package chatroom.server.internal;

import chatroom.protocol.LeaveReason;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;

import java.util.Optional;
import java.util.OptionalLong;

/// Everything the dialects ask of the server's rooms and members: the one interface between
/// connections (with their dialects) and room state and delivery. [LocalCommunity] keeps it
/// all in this process; a community spread over several servers (rooms fanned out through a
/// broker) would implement the same interface without touching connections or dialects.
///
/// Every method is called on the member's reader thread, answers the member itself through
/// [Connection#send] (member lists, room lists, history, topics), and returns a refusal as a
/// value: an error frame for the member, with nothing changed and nobody else told.
interface Community {

    /// Gives `member` the name `wanted` and puts it in the default room (history after
    /// `since`). Refused if the name is taken, or (version 1 clients, who can be in no other
    /// room) if the name or address is banned from the default room.
    Optional<ServerFrame.Error> login(Connection member, Name wanted, OptionalLong since);

    /// Puts `member` in `room`, creating it if the server lets `member` create rooms. A plain
    /// member's current room becomes `room` (also if it was in it already). `key` is the
    /// room's key, if the member gave one.
    Optional<ServerFrame.Error> join(Connection member, RoomName room, OptionalLong since, Optional<String> key);

    /// Puts `member` in `room` without a key.
    default Optional<ServerFrame.Error> join(Connection member, RoomName room, OptionalLong since) {
        return join(member, room, since, Optional.empty());
    }

    /// Takes `member` out of `room`, telling the room why.
    Optional<ServerFrame.Error> part(Connection member, RoomName room, String reason);

    /// A message to a room `member` is in, or a private message to another member.
    Optional<ServerFrame.Error> say(Connection member, Target to, String text, boolean action);

    /// Renames `member`, telling everyone who shares a room with it.
    Optional<ServerFrame.Error> rename(Connection member, Name wanted);

    /// Sends the topic of `room` to `member` (`text` empty), or sets it.
    Optional<ServerFrame.Error> topic(Connection member, RoomName room, Optional<String> text);

    /// Sets (`text` present) or clears `member`'s away text.
    void away(Connection member, Optional<String> text);

    /// Sends `member` the member list of `room`.
    Optional<ServerFrame.Error> who(Connection member, RoomName room);

    /// Sends `member` the list of rooms.
    void listRooms(Connection member);

    /// Sends `member` the history of a room it is in, or of its private conversation with
    /// another member, after `since`.
    Optional<ServerFrame.Error> history(Connection member, Target with, OptionalLong since);

    /// Removes `target` from `room` at the request of `actor`.
    Optional<ServerFrame.Error> kick(Connection actor, RoomName room, Name target, String reason);

    /// Invites the member called `invitee` into `room` at the request of `actor`, telling both.
    Optional<ServerFrame.Error> invite(Connection actor, RoomName room, Name invitee);

    /// A moderation action of `actor` in `room`.
    Optional<ServerFrame.Error> moderate(Connection actor, RoomName room, Moderation action, Optional<String> target);

    /// The settings of `room` as `member` may see them (IRC's channel modes and ban list).
    Parsed<RoomSettings> settings(Connection member, RoomName room);

    /// Whether a member called `name` is in `room` now.
    boolean isIn(RoomName room, Name name);

    /// Makes `member` a server operator if `password` is the operator password.
    Optional<ServerFrame.Error> oper(Connection member, String password);

    /// Takes `member`, whose connection is ending, out of every room and frees its name,
    /// telling each member who shared a room with it once (not while the server shuts down).
    void leave(Connection member, LeaveReason reason);
}
