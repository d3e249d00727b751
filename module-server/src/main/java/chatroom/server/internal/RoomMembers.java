package chatroom.server.internal;

import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/// A room's members in join order, and the delivery of a frame to all of them: the room's hot
/// path. The array is replaced, never changed, so a broadcast iterates a plain array, and a
/// caller outside the lock may keep the array it was given.
///
/// Not thread-safe: guarded by its room's lock. No I/O: a broadcast only queues bytes.
final class RoomMembers {

    private static final Connection[] NONE = new Connection[0];

    private final Room room;
    private final RoomName defaultRoom;
    private final IrcLines irc;
    /// Holds a busy room's deliveries a moment so that each write carries several.
    private final DeliveryPacing pacing = new DeliveryPacing(System.nanoTime());
    private Connection[] members = NONE;

    RoomMembers(Room room, RoomName defaultRoom, IrcLines irc) {
        this.room = room;
        this.defaultRoom = defaultRoom;
        this.irc = irc;
    }

    void add(Connection member) {
        Connection[] grown = Arrays.copyOf(members, members.length + 1);
        grown[members.length] = member;
        members = grown;
    }

    void remove(Connection member) {
        for (int i = 0; i < members.length; i++) {
            if (members[i] == member) {
                Connection[] copy = new Connection[members.length - 1];
                System.arraycopy(members, 0, copy, 0, i);
                System.arraycopy(members, i + 1, copy, i, members.length - i - 1);
                members = copy.length == 0 ? NONE : copy;
                return;
            }
        }
    }

    /// Removes everyone; returns who was there.
    Connection[] clear() {
        Connection[] was = members;
        members = NONE;
        return was;
    }

    /// The members now (the array is never changed afterwards).
    Connection[] all() {
        return members;
    }

    int size() {
        return members.length;
    }

    /// The member called `who`, or `null`.
    Connection named(Name who) {
        for (Connection member : members) {
            if (member.name().key().equals(who.key())) {
                return member;
            }
        }
        return null;
    }

    /// The member list, each member as `entry` lists it (with its flags).
    List<Member> roster(Function<Connection, Member> entry) {
        List<Member> roster = new ArrayList<>(members.length);
        for (Connection member : members) {
            roster.add(entry.apply(member));
        }
        return roster;
    }

    /// Queues `frame` for every member, encoded at most once per encoding, and starts the
    /// writers that have to start together (a little later while the room is busy).
    void broadcast(ServerFrame frame) {
        broadcast(frame, MessageExtras.NONE, null);
    }

    /// As [#broadcast(ServerFrame)], a message from `sender` (`null` if gone) with what it
    /// attached.
    void broadcast(ServerFrame frame, MessageExtras extras, Connection sender) {
        var outgoing = new Outgoing(frame, room, defaultRoom, irc, extras, sender);
        Connection[] recipients = members;
        var starts = new WriterStarts(recipients.length);
        for (Connection member : recipients) {
            member.deliver(outgoing, starts);
        }
        starts.startAll(pacing.holdNanos(System.nanoTime()));
    }
}
