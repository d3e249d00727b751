package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.LeaveReason;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/// The chat room: who is in it, what was said, and the order everything happens in.
///
/// One lock orders joins, messages, renames and leaves, so every member sees the same
/// sequence, a joiner's history and the live messages after it neither overlap nor leave a
/// gap, and ids increase in the order messages are delivered. Under the lock frames are only
/// encoded and queued (never written), so holding it costs no I/O.
///
/// Thread-safe.
final class Room {

    private final String name;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Connection> byKey = new HashMap<>();
    private final History history;
    /// Members in join order; replaced, never changed, so a broadcast iterates a plain array.
    private Connection[] members = new Connection[0];
    private long lastId;
    private boolean closing;

    Room(String name, int historySize, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.history = new History(historySize);
        // Ids start from the start time in microseconds, so they keep increasing across
        // restarts and a reconnecting client's `since` never skips new messages.
        this.lastId = clock.millis() * 1000;
    }

    /// Adds `member` under `wanted` and tells everyone. Refused, with nobody told, if somebody
    /// present uses that name.
    Parsed<Name> join(Connection member, Name wanted, OptionalLong since) {
        lock.lock();
        try {
            if (closing) {
                return Parsed.invalid(ErrorCode.WRONG_STATE, "the server is shutting down");
            }
            if (byKey.containsKey(wanted.key())) {
                return taken(wanted);
            }
            byKey.put(wanted.key(), member);
            members = append(members, member);
            member.joined(wanted);
            member.send(new ServerFrame.Welcome(wanted, name));
            ServerFrames.membersFrames(names()).forEach(member::send);
            if (member.dialect() == Dialect.STRUCTURED) {
                List<ServerFrame.Chat> replay = history.after(since.orElse(Long.MIN_VALUE));
                member.send(new ServerFrame.History(replay.size()));
                replay.forEach(member::send);
            }
            broadcast(new ServerFrame.Joined(wanted, clock.instant()));
            return Parsed.ok(wanted);
        } finally {
            lock.unlock();
        }
    }

    /// Sends `text` from `sender` to everyone, the sender included.
    void say(Connection sender, String text) {
        lock.lock();
        try {
            if (closing || !isMember(sender)) {
                return;
            }
            var chat = new ServerFrame.Chat(++lastId, clock.instant(), sender.name(), text);
            history.add(chat);
            broadcast(chat);
        } finally {
            lock.unlock();
        }
    }

    /// Renames `member` and tells everyone; refused if somebody else uses `wanted`.
    Parsed<Name> rename(Connection member, Name wanted) {
        lock.lock();
        try {
            Connection holder = byKey.get(wanted.key());
            if (holder != null && holder != member) {
                return taken(wanted);
            }
            Name old = member.name();
            if (closing || !isMember(member) || old.equals(wanted)) {
                return Parsed.ok(old);
            }
            byKey.remove(old.key());
            byKey.put(wanted.key(), member);
            member.joined(wanted);
            broadcast(new ServerFrame.Renamed(old, wanted, clock.instant()));
            return Parsed.ok(wanted);
        } finally {
            lock.unlock();
        }
    }

    /// Removes `member`, if present, and tells the others why it left (unless the whole
    /// server is shutting down, when everyone is leaving anyway).
    void leave(Connection member, LeaveReason reason) {
        lock.lock();
        try {
            if (!isMember(member)) {
                return;
            }
            byKey.remove(member.name().key());
            members = remove(members, member);
            if (!closing) {
                broadcast(new ServerFrame.Left(member.name(), clock.instant(), reason));
            }
        } finally {
            lock.unlock();
        }
    }

    /// Refuses new members and stops announcing leaves; returns the members present.
    Connection[] close() {
        lock.lock();
        try {
            closing = true;
            return members;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return members.length;
        } finally {
            lock.unlock();
        }
    }

    private void broadcast(ServerFrame frame) {
        var outgoing = new Outgoing(frame);
        for (Connection member : members) {
            member.deliver(outgoing);
        }
    }

    private boolean isMember(Connection connection) {
        return connection.name() != null && byKey.get(connection.name().key()) == connection;
    }

    private List<Name> names() {
        return Arrays.stream(members).map(Connection::name).toList();
    }

    private static Parsed<Name> taken(Name wanted) {
        return Parsed.invalid(ErrorCode.NAME_TAKEN, "the name " + wanted + " is already taken");
    }

    private static Connection[] append(Connection[] array, Connection element) {
        Connection[] copy = Arrays.copyOf(array, array.length + 1);
        copy[array.length] = element;
        return copy;
    }

    private static Connection[] remove(Connection[] array, Connection element) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == element) {
                Connection[] copy = new Connection[array.length - 1];
                System.arraycopy(array, 0, copy, 0, i);
                System.arraycopy(array, i + 1, copy, i, array.length - i - 1);
                return copy;
            }
        }
        return array;
    }
}
