package chatroom.server.internal;

import chatroom.protocol.LeaveReason;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/// Everything the dialects ask of the server's rooms and members: the one interface between
/// connections (with their dialects) and room state and delivery. [LocalCommunity] keeps it
/// all in this process; a community spread over several servers (rooms fanned out through a
/// broker) would implement the same interface without touching connections or dialects.
///
/// Every method is called on the member's reader thread, answers the member itself through
/// [Connection#send] (member lists, room lists, history, topics), and returns a refusal as a
/// value: an error frame for the member, with nothing changed and nobody else told. The
/// queries return values instead, for dialects (IRC) whose answers have their own shape.
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
    default Optional<ServerFrame.Error> say(Connection member, Target to, String text, boolean action) {
        return say(member, to, text, action, MessageExtras.NONE);
    }

    /// As [#say(Connection, Target, String, boolean)], with what an IRC sender attached to the
    /// message for its delivery (never kept).
    Optional<ServerFrame.Error> say(Connection member, Target to, String text, boolean action, MessageExtras extras);

    /// Who a tag-only message of `member` to `to` (IRC's `TAGMSG`: relayed, never kept, no id)
    /// reaches now: the members of a room `member` is in (`member` among them), or the member
    /// holding a name. Refused as [#say] refuses a message.
    Parsed<Audience> audience(Connection member, Target to);

    /// The members a tag-only message reaches, and when it was sent (the server's clock).
    record Audience(List<Connection> members, Instant time) {
        public Audience {
            members = List.copyOf(members);
            Objects.requireNonNull(time, "time");
        }
    }

    /// The kept messages (oldest first, within the age limit) of a room `member` is in, or of
    /// its private conversation with another name: what [#history] sends, as a value. Reading
    /// a private conversation this run has not seen waits for the store, holding no lock.
    Parsed<List<ServerFrame.Chat>> kept(Connection member, Target with);

    /// The conversations whose history `member` may read, with their kept messages: the rooms
    /// it is in, and its private conversations this run has seen.
    List<Kept> conversations(Connection member);

    /// A conversation (a room, or the other party of a private one) and its kept messages,
    /// oldest first.
    record Kept(Target with, List<ServerFrame.Chat> messages) {
        public Kept {
            Objects.requireNonNull(with, "with");
            messages = List.copyOf(messages);
        }
    }

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
    default void leave(Connection member, LeaveReason reason) {
        leave(member, reason, "");
    }

    /// [#leave(Connection, LeaveReason)], told with `text`: what the member said as it left, or
    /// why a server operator removed it (a short text; see [ServerFrame.Left#text()]).
    void leave(Connection member, LeaveReason reason, String text);

    // Queries: values for the member's dialect to show as it likes; nothing is sent.

    /// Every room, by name, with its member count and topic.
    List<ServerFrame.RoomInfo> roomList();

    /// The member called `name`, if there is one.
    Optional<MemberInfo> member(Name name);

    /// Every member whose name `which` accepts.
    List<MemberInfo> members(Predicate<Name> which);

    /// The members of `room`, in join order, or nothing if there is no such room.
    Optional<List<MemberInfo>> members(RoomName room);

    /// The members who gave up `name` most recently (leaving the chat or renaming), newest
    /// first, at most `max`; only so many are remembered.
    List<FormerMember> formerMembers(Name name, int max);

    /// Removes `target` from the chat at the request of `actor`, a server operator: its
    /// connection ends with a goodbye that says who and why (`reason`, a short text).
    Optional<ServerFrame.Error> kill(Connection actor, Name target, String reason);
}
