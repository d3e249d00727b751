package chatroom.server.internal;

import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.server.HistoryRetention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

/// The logs of a data directory as the journal writes them: a [HistoryLog] per conversation,
/// opened when first needed and kept (the file itself only while [LogResources] lets it stay
/// open), and the rooms' [StateLog].
///
/// Not thread-safe: the thread that opens the data directory uses it, then the journal thread.
final class ArchiveLogs implements Journal.Store {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    /// How far the recorded id floor of private conversations runs ahead of the ids written,
    /// so that it is written (and forced) about once per this many private messages, and
    /// once after each start (ids jump to the start time).
    static final long ID_RESERVE = 1L << 20;

    private final Path directory;
    private final HistoryRetention retention;
    private final Clock clock;
    private final LogResources resources;
    private final StateLog stateLog;
    private final Map<Conversation, HistoryLog> logs = new HashMap<>();

    ArchiveLogs(Path directory, HistoryRetention retention, Clock clock, LogResources resources, StateLog stateLog) {
        this.directory = directory;
        this.retention = retention;
        this.clock = clock;
        this.resources = resources;
        this.stateLog = stateLog;
    }

    /// `history/rooms/#lobby.log` or `history/private/alice,bob.log` in `directory`.
    static Path file(Path directory, Conversation conversation) {
        Path history = directory.resolve("history");
        return switch (conversation) {
            case Conversation.Room room -> history.resolve("rooms").resolve(room.room().key() + ".log");
            case Conversation.Pair pair -> history.resolve("private")
                    .resolve(pair.first().key() + "," + pair.second().key() + ".log");
        };
    }

    /// Adds a log opened already (a room's, at start).
    void add(Conversation conversation, HistoryLog log) {
        logs.put(conversation, log);
    }

    StateLog stateLog() {
        return stateLog;
    }

    LogResources resources() {
        return resources;
    }

    @Override
    public HistoryLog log(Conversation conversation) throws IOException {
        HistoryLog log = logs.get(conversation);
        if (log == null) {
            log = HistoryLog.open(file(directory, conversation), retention, 0, clock, resources);
            logs.put(conversation, log);
        }
        return log;
    }

    @Override
    public void coverPrivateId(long id) throws IOException {
        stateLog.cover(id, ID_RESERVE);
    }

    @Override
    public void record(List<RoomChange> changes, boolean force) {
        List<RoomName> delete = new ArrayList<>();
        for (RoomChange change : changes) {
            // A room created again starts empty, even if deleting its old log failed once.
            if (change instanceof RoomChange.Closed
                    || (change instanceof RoomChange.Created && !stateLog.states().has(change.room()))) {
                delete.add(change.room());
            }
        }
        stateLog.append(changes, force);
        for (RoomName room : delete) {
            delete(room);
        }
    }

    private void delete(RoomName room) {
        var conversation = new Conversation.Room(room);
        HistoryLog log = logs.remove(conversation);
        Path file = file(directory, conversation);
        try {
            if (log != null) {
                log.delete();
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(ERROR, "Cannot delete the history of closed room " + room + " (" + file
                    + "); it is deleted when a room of that name is created again", e);
        }
    }

    @Override
    public void forceState() {
        stateLog.force();
    }

    @Override
    public List<ServerFrame.Chat> read(Conversation conversation, int keep, long maxId) {
        try {
            if (!logs.containsKey(conversation) && !Files.exists(file(directory, conversation))) {
                return List.of(); // not created by merely looking
            }
            return log(conversation).read(keep, maxId);
        } catch (IOException | RuntimeException e) {
            LOG.log(WARNING, "Cannot read the history of " + conversation, e);
            return List.of();
        }
    }

    @Override
    public Collection<HistoryLog> logs() {
        return logs.values();
    }

    /// Conversations whose log is known (opened at least once).
    int known() {
        return logs.size();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (HistoryLog log : logs.values()) {
            try {
                log.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        logs.clear();
        stateLog.close();
        if (failure != null) {
            throw failure;
        }
    }
}
