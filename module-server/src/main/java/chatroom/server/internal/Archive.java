package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.server.DataDirectoryException;
import chatroom.server.ServerConfig;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/// The data directory of a server with many rooms (layout and formats in
/// `docs/history-format.md`): the lock, the rooms' state log, a history log per room and per
/// private conversation, and the one [Journal] thread that writes them all.
///
/// [#open] locks the directory, moves a one-room directory's log into place, replays the
/// state log and reads every room's log (its newest messages are kept for [#recent]); private
/// logs are read only when [#recent] asks or a message is first written to them. Everything
/// after [#start] is written by the journal thread, in the order it was submitted: no I/O
/// happens on a caller's thread except [#recent] of a private conversation before [#start]
/// or after [#close].
///
/// Thread-safe after [#open]: [#submit] under a room's lock, the rest outside locks.
final class Archive implements HistoryStore {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    /// How long [#recent] waits for the journal thread to read a private log.
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Path directory;
    private final ServerConfig config;
    private final Clock clock;
    private final Journal journal;
    private final DataDirectoryLock lock;
    private final List<StoredRoom> rooms;
    private final long lastId;
    /// The newest messages of each room as read at open, by [RoomName#key()].
    private final Map<String, List<ServerFrame.Chat>> recentOfRooms;

    private Archive(Path directory, ServerConfig config, Clock clock, Journal journal, DataDirectoryLock lock,
                    List<StoredRoom> rooms, long lastId, Map<String, List<ServerFrame.Chat>> recentOfRooms) {
        this.lock = lock;
        this.directory = directory;
        this.config = config;
        this.clock = clock;
        this.journal = journal;
        this.rooms = rooms;
        this.lastId = lastId;
        this.recentOfRooms = recentOfRooms;
    }

    /// Locks `directory` (creating it), migrates a one-room layout, recovers the state log
    /// and the rooms' logs. `defaultRoom` always exists afterwards (created, and recorded,
    /// if the state log does not hold it).
    ///
    /// @throws DataDirectoryException if the directory or one of its logs cannot be used
    static Archive open(Path directory, RoomName defaultRoom, ServerConfig config, Clock clock)
            throws DataDirectoryException {
        var lock = DataDirectoryLock.acquire(directory);
        var resources = new LogResources();
        StateLog stateLog = null;
        ArchiveLogs logs = null;
        try {
            migrate(directory, defaultRoom, config);
            stateLog = StateLog.open(directory.resolve("rooms.log"));
            logs = new ArchiveLogs(directory, config.retention(), clock, resources, stateLog);
            if (!stateLog.states().has(defaultRoom)) {
                stateLog.append(List.of(new RoomChange.Created(defaultRoom, clock.instant())), true);
            }
            long lastId = stateLog.idFloor();
            Map<String, List<ServerFrame.Chat>> recent = new ConcurrentHashMap<>();
            long messages = 0;
            List<StoredRoom> rooms = stateLog.states().rooms();
            for (StoredRoom room : rooms) {
                var conversation = new Conversation.Room(room.name());
                var log = HistoryLog.open(ArchiveLogs.file(directory, conversation), config.retention(),
                        config.historySize(), clock, resources);
                logs.add(conversation, log);
                recent.put(room.name().key(), log.recent());
                log.forgetRecent();
                lastId = Math.max(lastId, log.lastId());
                messages += log.records();
            }
            StateLog.Recovery recovery = stateLog.recovery();
            if (recovery.damaged() > 0 || !recovery.existed()) {
                // The recorded id floor may be missing: read every log not read yet instead.
                long highest = highestIdOfUnreadLogs(directory, rooms, config, clock);
                lastId = Math.max(lastId, highest);
                stateLog.raiseFloor(highest);
                stateLog.compactIfLonger();
            }
            LOG.log(INFO, "Data directory {0}: {1} rooms, {2} messages in their history", directory, rooms.size(),
                    messages);
            var journal = new Journal(logs, lock, config.fsync(), clock);
            return new Archive(directory, config, clock, journal, lock, rooms, lastId, recent);
        } catch (IOException | RuntimeException e) {
            if (logs != null) {
                closeQuietly(logs, e);
            } else if (stateLog != null) {
                stateLog.close();
            }
            try {
                lock.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof DataDirectoryException dataDirectory) {
                throw dataDirectory;
            }
            throw new DataDirectoryException("cannot use data directory " + directory + ": " + e, e);
        }
    }

    /// Every room the state log holds, in creation order, as read at [#open].
    List<StoredRoom> rooms() {
        return rooms;
    }

    /// At least every message id in any log, and every log's id floor, as of [#open]: new ids
    /// must be above it. Private logs are not read at open: the state log records an id floor
    /// above every private id written (raised, and forced, before a private message above it
    /// is written); when the state log was damaged or missing, every log is read instead.
    long lastId() {
        return lastId;
    }

    /// The newest (at most `historySize`) messages of `conversation`, oldest first. A room's
    /// are those read at [#open] (none for a room created since); a private conversation's are
    /// read now, by the journal thread between two batches. Never throws: a read that fails
    /// is logged at `WARNING` and gives what it can.
    @Override
    public List<ServerFrame.Chat> recent(Conversation conversation) {
        return switch (conversation) {
            case Conversation.Room room -> recentOfRooms.getOrDefault(room.room().key(), List.of());
            case Conversation.Pair pair -> journal.read(pair, config.historySize(), READ_TIMEOUT)
                    .orElseGet(() -> readDirectly(pair));
        };
    }

    /// Starts the journal thread, which hands saved and refused messages to `listener`.
    @Override
    public void start(Journal.Listener listener) {
        journal.start(listener);
    }

    /// Queues a message; see [Journal#submit].
    @Override
    public boolean submit(Journal.Entry entry) {
        return journal.submit(entry);
    }

    /// See [Journal#awaitSpace].
    @Override
    public void awaitSpace() {
        journal.awaitSpace();
    }

    /// See [Journal#awaitHandedBack].
    @Override
    public void awaitHandedBack(Duration timeout) {
        journal.awaitHandedBack(timeout);
    }

    /// Records a change of a room's lasting state, in order with the messages; a
    /// [RoomChange.Closed] also deletes the room's history log once what was queued before it
    /// is saved.
    @Override
    public void record(RoomChange change) {
        if (change instanceof RoomChange.Closed || change instanceof RoomChange.Created) {
            recentOfRooms.remove(change.room().key());
        }
        if (!journal.record(change)) {
            LOG.log(WARNING, "A change of room {0} came after the data directory was closed and is lost: {1}",
                    change.room(), change);
        }
    }

    /// Saves and hands back what is queued, forces and closes every file, releases the
    /// directory lock; waits up to `timeout`. Harmless to repeat.
    @Override
    public void close(Duration timeout) {
        journal.close(timeout);
    }

    /// For tests of durability: what a killed process leaves behind. The directory lock is
    /// released (as the operating system does); nothing is forced, cut off or closed.
    void releaseLockAsIfKilled() throws IOException {
        lock.close();
    }

    private List<ServerFrame.Chat> readDirectly(Conversation.Pair pair) {
        Path file = ArchiveLogs.file(directory, pair);
        try {
            List<ServerFrame.Chat> all = LogFiles.readFile(file, config.historySize(), Long.MAX_VALUE);
            long cutoff = LogCompaction.cutoffMillis(config.retention(), clock.instant());
            return all.stream().filter(chat -> chat.time().toEpochMilli() >= cutoff).toList();
        } catch (IOException | RuntimeException e) {
            LOG.log(WARNING, "Cannot read the history of " + pair + " (" + file + ")", e);
            return List.of();
        }
    }

    /// Moves `history/NAME.log` of a one-room data directory to the default room's place.
    private static void migrate(Path directory, RoomName defaultRoom, ServerConfig config) throws IOException {
        Path target = ArchiveLogs.file(directory, new Conversation.Room(defaultRoom));
        Path old = directory.resolve("history").resolve(new Name(config.roomName()).key() + ".log");
        if (Files.exists(target) || !Files.exists(old)) {
            return;
        }
        checkIsHistoryLog(old);
        Files.createDirectories(target.getParent(), Permissions.ownerOnly("rwx------"));
        try {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new DataDirectoryException("cannot move " + old + " to " + target + " in one step ("
                    + e.getMessage() + "); the data directory needs a local file system", e);
        }
        Files.deleteIfExists(old.resolveSibling(old.getFileName() + ".tmp"));
        Permissions.forceDirectory(target.getParent());
        Permissions.forceDirectory(old.getParent());
        LOG.log(INFO, "Moved the history of {0} from {1} to {2} (the layout for many rooms)", defaultRoom, old,
                target);
    }

    /// Refuses to move a file that is not a history log (it stays where it is, untouched).
    private static void checkIsHistoryLog(Path file) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            var header = java.nio.ByteBuffer.allocate(LogFormat.HEADER_BYTES);
            while (header.hasRemaining() && channel.read(header) > 0) {
                // until the header is complete or the file ends
            }
            header.flip();
            if (header.remaining() < LogFormat.HEADER_BYTES) {
                if (!LogFormat.isHeaderPrefix(header)) {
                    LogFormat.checkHeader(java.nio.ByteBuffer.allocate(LogFormat.HEADER_BYTES).put(header).flip(), file);
                }
                return; // a header cut short: moved, and started again where it lands
            }
            LogFormat.checkHeader(header, file);
        }
    }

    /// The highest id in the private logs and in room logs no room owns (read fully).
    private static long highestIdOfUnreadLogs(Path directory, List<StoredRoom> rooms, ServerConfig config,
                                              Clock clock) throws IOException {
        long highest = 0;
        var owned = rooms.stream().map(room -> ArchiveLogs.file(directory, new Conversation.Room(room.name())))
                .collect(java.util.stream.Collectors.toSet());
        for (String folder : List.of("rooms", "private")) {
            Path path = directory.resolve("history").resolve(folder);
            if (!Files.isDirectory(path)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(path, "*.log")) {
                for (Path file : files) {
                    if (owned.contains(file)) {
                        continue;
                    }
                    try (var log = HistoryLog.open(file, config.retention(), 0, clock)) {
                        highest = Math.max(highest, log.lastId());
                    }
                }
            }
        }
        return highest;
    }

    private static void closeQuietly(ArchiveLogs logs, Exception failure) {
        try {
            logs.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
