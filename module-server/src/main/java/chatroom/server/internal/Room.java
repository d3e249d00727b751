package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.LeaveReason;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;
import chatroom.server.DataDirectoryException;
import chatroom.server.ServerConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/// The chat room: who is in it, what was said, and the order everything happens in.
///
/// One lock orders joins, messages, renames and leaves, so every member sees the same
/// sequence, a joiner's history and the live messages after it neither overlap nor leave a
/// gap, and ids increase in the order messages are delivered. Under the lock frames are only
/// encoded and queued (never written), so holding it costs no I/O.
///
/// With a data directory a message is saved before it is delivered: under the lock it gets
/// its id and goes to the [Journal]; the journal thread writes it and hands it back
/// ([#deliverSaved]), and only then, under the lock again, is it added to the history and delivered
/// to the members present. A member joining in between gets a history without it and then
/// the message live, so still no overlap and no gap. Without a data directory the message is
/// delivered at once, under the same lock that gave it its id.
///
/// Thread-safe.
final class Room {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    /// How long shutdown waits for the last messages to be saved.
    private static final Duration JOURNAL_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Connection> byKey = new HashMap<>();
    private final History history;
    /// Messages older than this are not replayed to joiners.
    private final Optional<Duration> maxAge;
    /// Saves messages before they are delivered; `null` when history is kept in memory only.
    private final Archive journal;
    /// Holds a busy room's deliveries a moment so that each write carries several.
    private final DeliveryPacing pacing = new DeliveryPacing(System.nanoTime());
    /// Members in join order; replaced, never changed, so a broadcast iterates a plain array.
    private Connection[] members = new Connection[0];
    private long lastId;
    private boolean closing;

    private Room(String name, int historySize, Clock clock, Optional<Duration> maxAge, Archive journal,
                 List<ServerFrame.Chat> recovered, long lastIdSaved) {
        this.name = name;
        this.clock = clock;
        this.history = new History(historySize);
        this.maxAge = maxAge;
        this.journal = journal;
        recovered.forEach(history::add);
        // Ids start from the start time in microseconds, so they keep increasing across
        // restarts and a reconnecting client's `since` never skips new messages; above the
        // last saved id, too, should the clock have gone back.
        this.lastId = Math.max(clock.millis() * 1000, lastIdSaved);
    }

    /// The room `config` describes: with its history log in `config.dataDir()` (locked, opened
    /// and recovered here), or in memory only.
    ///
    /// @throws DataDirectoryException if the data directory or its log cannot be used
    static Room create(ServerConfig config, Clock clock) throws DataDirectoryException {
        if (config.dataDir().isEmpty()) {
            return new Room(config.roomName(), config.historySize(), clock, config.retention().maxAge(), null,
                    List.of(), 0);
        }
        // Minimal bridge to Archive (branch rooms-archive); the rooms rewrite replaces it.
        var archive = Archive.open(config.dataDir().get(), RoomName.of(config.roomName()), config, clock);
        return new Room(config.roomName(), config.historySize(), clock, config.retention().maxAge(), archive,
                archive.recent(new Conversation.Room(RoomName.of(config.roomName()))), archive.lastId());
    }

    /// `history/NAME.log` in `directory`, NAME being the room's name in lower case (names
    /// that differ only in case are the same room).
    static Path logFile(Path directory, String roomName) {
        return directory.resolve("history").resolve(new Name(roomName).key() + ".log");
    }

    /// Starts saving messages (nothing to do when history is in memory only).
    void start() {
        if (journal != null) {
            journal.start(new Journal.Listener() {
                @Override
                public void saved(List<Journal.Entry> batch) {
                    deliverSaved(batch);
                }

                @Override
                public void notSaved(List<Journal.Entry> batch) {
                    refuseUnsaved(batch);
                }
            });
        }
    }

    /// Saves and delivers the messages still waiting, then closes the history log and
    /// releases the data directory. Call after [#close]; harmless to repeat.
    void closeHistory() {
        if (journal != null) {
            journal.close(JOURNAL_CLOSE_TIMEOUT);
        }
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
            ServerFrames.membersFrames(names().stream().map(chatroom.protocol.Member::plain).toList()).forEach(member::send);
            if (member.dialect() == Dialect.STRUCTURED) {
                List<ServerFrame.Chat> replay = replay(since.orElse(Long.MIN_VALUE));
                member.send(new ServerFrame.History(replay.size()));
                replay.forEach(member::send);
            }
            broadcast(new ServerFrame.Joined(wanted, clock.instant()));
            return Parsed.ok(wanted);
        } finally {
            lock.unlock();
        }
    }

    /// Sends `text` from `sender` to everyone, the sender included (once it is saved, when
    /// there is a data directory).
    void say(Connection sender, String text) {
        if (journal != null) {
            journal.awaitSpace();
        }
        lock.lock();
        try {
            if (closing || !isMember(sender)) {
                return;
            }
            var chat = new ServerFrame.Chat(++lastId, clock.instant(), sender.name(), text);
            if (journal == null) {
                history.add(chat);
                broadcast(chat);
            } else {
                journal.submit(new Journal.Entry(new Conversation.Room(RoomName.of(name)), chat, sender));
            }
        } finally {
            lock.unlock();
        }
    }

    /// Delivers messages the journal has saved, in id order, to the members present now.
    private void deliverSaved(List<Journal.Entry> batch) {
        lock.lock();
        try {
            for (Journal.Entry entry : batch) {
                history.add(entry.chat());
                broadcast(entry.chat());
            }
        } finally {
            lock.unlock();
        }
    }

    /// Tells the senders of messages the journal could not save that nobody got them.
    private void refuseUnsaved(List<Journal.Entry> batch) {
        var error = new ServerFrame.Error(ErrorCode.NOT_SAVED,
                "the server could not save your message, so nobody received it; try again later");
        for (Journal.Entry entry : batch) {
            entry.sender().send(error);
        }
        LOG.log(System.Logger.Level.DEBUG, "{0} messages refused: the history log cannot be written", batch.size());
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

    /// The kept messages after `afterId`, without those older than the age limit.
    private List<ServerFrame.Chat> replay(long afterId) {
        List<ServerFrame.Chat> kept = history.after(afterId);
        if (maxAge.isEmpty() || kept.isEmpty()) {
            return kept;
        }
        long cutoff = HistoryLog.cutoffMillis(clock.instant(), maxAge.get());
        return kept.stream().filter(chat -> chat.time().toEpochMilli() >= cutoff).toList();
    }

    private void broadcast(ServerFrame frame) {
        var outgoing = new Outgoing(frame);
        Connection[] recipients = members;
        var starts = new WriterStarts(recipients.length);
        for (Connection member : recipients) {
            member.deliver(outgoing, starts);
        }
        starts.startAll(pacing.holdNanos(System.nanoTime()));
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
