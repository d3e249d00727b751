package chatroom.server.internal;

import chatroom.protocol.ServerFrame;
import chatroom.server.DataDirectoryException;
import chatroom.server.HistoryRetention;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

/// A room's history log on disk (format: [LogFormat]): recovered on [#open], appended to in
/// batches, compacted to the retention limits.
///
/// Appending is two steps, so the journal can decide when a batch counts: [#append] writes
/// the batch after the last committed record, [#commit] makes it part of the log, and
/// [#rollback] cuts it off again (a failed write or `fsync`). Everything after the committed
/// end is ignored by compaction and cut off on [#close].
///
/// This class owns the file's channel and what is known about its content (where the
/// committed records end, how many there are, the last id, the oldest time), and appends and
/// commits itself; [LogRecovery] reads the file at [#open], [LogCompaction] decides when to
/// rewrite it and rewrites it, [LogFiles] holds what they share.
///
/// Many logs share one [LogResources]: one write buffer, one scan window, and a bound on the
/// files open at once. A log whose file was [#release]d opens it again when next used.
///
/// Not thread-safe: the thread that opens it uses it, then the journal thread (the same
/// confinement as its [LogResources]).
final class HistoryLog implements Journal.Log {

    private static final System.Logger LOG = System.getLogger("chatroom.server");

    /// What opening the log found and did, for the log and for tests.
    ///
    /// @param records          valid records found
    /// @param skippedBytes     damaged bytes between valid records (the file was rewritten without them)
    /// @param droppedTailBytes damaged bytes at the end, cut off
    /// @param compacted        whether the file was rewritten (damage or retention)
    record Recovery(long records, long skippedBytes, long droppedTailBytes, boolean compacted) {
    }

    private final Path file;
    private final HistoryRetention retention;
    private final Clock clock;
    private final LogResources resources;
    /// `null` while released.
    private FileChannel channel;
    /// Of the file as found; [LogFormat#VERSION] once recovered (an older file is rewritten).
    private int version = LogFormat.VERSION;
    private long committedEnd;
    private boolean deleted;
    private long writtenEnd;
    private long records;
    private long uncommittedRecords;
    /// Time of the first record in the file, to know when age retention has work to do.
    private long oldestMillis = Long.MAX_VALUE;
    private long lastId;
    private long uncommittedLastId;
    private List<ServerFrame.Chat> recent;
    private Recovery recovery;

    private HistoryLog(Path file, HistoryRetention retention, Clock clock, LogResources resources) {
        this.file = file;
        this.retention = retention;
        this.clock = clock;
        this.resources = resources;
    }

    /// Opens the log at `file`, creating it (and its folder) if needed, and recovers it: a
    /// damaged tail is cut off, damage in the middle is skipped and the file rewritten
    /// without it, messages beyond `retention` are dropped, a version 1 file is rewritten as
    /// version 2. Keeps the newest `keepRecent` messages for [#recent].
    ///
    /// @throws DataDirectoryException if the file is not a history log or of another version
    /// @throws IOException            if it cannot be read or written
    static HistoryLog open(Path file, HistoryRetention retention, int keepRecent, Clock clock,
                           LogResources resources) throws IOException {
        var log = new HistoryLog(file, retention, clock, resources);
        try {
            log.recover(keepRecent);
        } catch (IOException | RuntimeException e) {
            log.resources.closed(log);
            log.closeChannel();
            throw e;
        }
        return log;
    }

    /// [#open(Path, HistoryRetention, int, Clock, LogResources)] with resources of its own.
    static HistoryLog open(Path file, HistoryRetention retention, int keepRecent, Clock clock) throws IOException {
        return open(file, retention, keepRecent, clock, new LogResources());
    }

    /// The newest messages kept, oldest first, at most `keepRecent` of them (as of [#open];
    /// empty after [#forgetRecent]).
    List<ServerFrame.Chat> recent() {
        return recent;
    }

    /// Lets go of [#recent] (the caller keeps its own copy).
    void forgetRecent() {
        recent = List.of();
    }

    Path file() {
        return file;
    }

    /// Reads the newest `keep` committed messages with an id up to `maxId`, oldest first,
    /// without those older than the age limit.
    List<ServerFrame.Chat> read(int keep, long maxId) throws IOException {
        ensureOpen();
        long cutoff = LogCompaction.cutoffMillis(retention, clock.instant());
        return LogFiles.newest(channel, version, committedEnd, keep,
                chat -> chat.id() <= maxId && chat.time().toEpochMilli() >= cutoff, resources.scanWindow());
    }

    /// Closes the file and deletes it (the room was closed). The log must not be used again.
    void delete() throws IOException {
        deleted = true;
        resources.closed(this);
        closeChannel();
        LogFiles.deleteQuietly(LogFiles.temporaryFile(file));
        Files.deleteIfExists(file);
        Permissions.forceDirectory(file.getParent());
    }

    /// Closes the file to free its descriptor, keeping everything known about it; the next
    /// use opens it again. Called by [LogResources] between batches.
    void release() {
        closeChannel();
    }

    boolean isOpen() {
        return channel != null;
    }

    /// The highest id the log has held, or its id floor; the room assigns ids above it.
    @Override
    public long lastId() {
        return lastId;
    }

    Recovery recovery() {
        return recovery;
    }

    /// Valid messages in the file.
    long records() {
        return records;
    }

    /// Writes `batch` after the committed records (not forced, not committed).
    @Override
    public void append(List<ServerFrame.Chat> batch) throws IOException {
        ensureOpen();
        ByteBuffer buffer = resources.writeBuffer(0);
        for (ServerFrame.Chat chat : batch) {
            buffer = resources.grow(buffer, LogFormat.maxRecordBytes(chat));
            LogFormat.encode(chat, buffer);
        }
        buffer.flip();
        long position = committedEnd;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        writtenEnd = position;
        uncommittedRecords = batch.size();
        uncommittedLastId = batch.isEmpty() ? lastId : batch.getLast().id();
        if (records == 0 && !batch.isEmpty()) {
            oldestMillis = batch.getFirst().time().toEpochMilli();
        }
    }

    /// Forces what was written to the storage device (`fsync` of the data).
    @Override
    public void force() throws IOException {
        if (deleted) {
            return;
        }
        ensureOpen();
        channel.force(false);
    }

    /// Makes the last [#append] part of the log.
    @Override
    public void commit() {
        committedEnd = writtenEnd;
        records += uncommittedRecords;
        lastId = Math.max(lastId, uncommittedLastId);
        uncommittedRecords = 0;
    }

    /// Cuts off what the last [#append] wrote. Later appends overwrite it even if this fails.
    @Override
    public void rollback() throws IOException {
        writtenEnd = committedEnd;
        uncommittedRecords = 0;
        if (records == 0) {
            oldestMillis = Long.MAX_VALUE;
        }
        ensureOpen();
        channel.truncate(committedEnd);
    }

    /// Whether the file holds enough beyond the retention limits to be worth rewriting.
    @Override
    public boolean needsCompaction(Instant now) {
        if (records == 0 || deleted) {
            return false;
        }
        return LogCompaction.due(retention, records, oldestMillis, now);
    }

    /// Rewrites the file with only the committed messages within the retention limits: into
    /// a temporary file, forced, then renamed over the log in one step, so a crash leaves
    /// either the old file or the new one.
    @Override
    public void compact(Instant now) throws IOException {
        ensureOpen();
        Path temporary = LogFiles.temporaryFile(file);
        LogCompaction.Kept kept = LogCompaction.rewrite(channel, version, committedEnd, lastId, records, retention,
                now, temporary, resources.writeBuffer(0), resources.scanWindow());
        closeChannel();
        try {
            LogCompaction.replace(temporary, file);
        } finally {
            ensureOpen();
        }
        Permissions.forceDirectory(file.getParent());
        version = LogFormat.VERSION;
        committedEnd = writtenEnd = kept.end();
        records = kept.count();
        oldestMillis = kept.count() == 0 ? Long.MAX_VALUE : kept.oldestMillis();
        LOG.log(DEBUG, "Compacted {0}: {1} messages kept", file, kept.count());
    }

    /// Cuts off anything uncommitted, forces the file and closes it.
    @Override
    public void close() throws IOException {
        resources.closed(this);
        if (channel == null) {
            return;
        }
        try {
            channel.truncate(committedEnd);
            channel.force(true);
        } finally {
            closeChannel();
        }
    }

    /// Takes over what [LogRecovery] finds, then rewrites the file if it must.
    private void recover(int keepRecent) throws IOException {
        channel = LogRecovery.open(file);
        resources.opened(this);
        long cutoff = LogCompaction.cutoffMillis(retention, clock.instant());
        LogRecovery.Found found = LogRecovery.scan(channel, file, cutoff, keepRecent, resources.scanWindow());
        version = found.version();
        lastId = found.lastId();
        records = found.records();
        oldestMillis = found.oldestMillis();
        committedEnd = writtenEnd = found.end();
        if (found.startedAgain()) {
            recent = List.of();
            recovery = new Recovery(0, 0, 0, false);
            return;
        }
        boolean compact = found.needsRewrite(retention);
        if (compact) {
            compact(clock.instant());
        }
        if (found.version() != LogFormat.VERSION) {
            LOG.log(INFO, "{0} rewritten from history format version {1} to {2}", file, 1, LogFormat.VERSION);
        }
        recent = found.recent(Math.min(keepRecent, records), cutoff);
        recovery = new Recovery(found.records(), found.skipped(), found.droppedTail(), compact);
        LOG.log(DEBUG, "History {0}: {1} messages{2}", file, records, compact ? " after compaction" : "");
    }

    /// See [LogCompaction#cutoffMillis(Instant, Duration)].
    static long cutoffMillis(Instant now, Duration age) {
        return LogCompaction.cutoffMillis(now, age);
    }

    private void ensureOpen() throws IOException {
        if (deleted) {
            throw new IOException(file + " was deleted (its room was closed)");
        }
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            resources.opened(this);
        } else {
            resources.used(this);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(DEBUG, "Closing {0} failed: {1}", file, e.toString());
            }
            channel = null;
        }
    }
}
