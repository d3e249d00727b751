package chatroom.server.internal;

import chatroom.protocol.ServerFrame;
import chatroom.server.DataDirectoryException;
import chatroom.server.HistoryRetention;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/// A room's history log on disk (format: [LogFormat]): recovered on [#open], appended to in
/// batches, compacted to the retention limits.
///
/// Appending is two steps, so the journal can decide when a batch counts: [#append] writes
/// the batch after the last committed record, [#commit] makes it part of the log, and
/// [#rollback] cuts it off again (a failed write or `fsync`). Everything after the committed
/// end is ignored by compaction and cut off on [#close].
///
/// Many logs share one [LogResources]: one write buffer, one scan window, and a bound on the
/// files open at once. A log whose file was [#release]d opens it again when next used.
///
/// Not thread-safe: the thread that opens it uses it, then the journal thread (the same
/// confinement as its [LogResources]).
final class HistoryLog implements Journal.Log {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    /// Compaction waits until at least this many messages are over the count limit, so a
    /// small limit does not mean rewriting the file for every message.
    private static final long MIN_COUNT_SLACK = 1000;
    private static final Duration MIN_AGE_SLACK = Duration.ofMinutes(1);
    /// Longer than any time an `Instant` can go back, so adding a slack to it cannot overflow.
    private static final Duration MAX_AGE = Duration.ofSeconds(Long.MAX_VALUE / 2);

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
        var ring = new History(keep);
        long cutoff = retention.maxAge().map(age -> cutoffMillis(clock.instant(), age)).orElse(Long.MIN_VALUE);
        LogScanner.scan(channel, version, committedEnd, new LogScanner.Visitor() {
            @Override
            public void record(LogScanner.Record record) {
                ServerFrame.Chat chat = record.chat();
                if (chat.id() <= maxId && chat.time().toEpochMilli() >= cutoff) {
                    ring.add(chat);
                }
            }

            @Override
            public void damage(long offset, long length, boolean tail) {
                // Reported when the log was opened; compaction removes it.
            }
        }, resources.scanWindow());
        return ring.after(Long.MIN_VALUE);
    }

    /// Reads the newest `keep` messages of the log in `file` with an id up to `maxId`, on
    /// the caller's thread and without a [LogResources]: for when no journal thread runs.
    /// The file may be appended to meanwhile; what is not complete yet is left out.
    static List<ServerFrame.Chat> readFile(Path file, int keep, long maxId) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            var header = ByteBuffer.allocate(LogFormat.HEADER_BYTES);
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // positional reads until the header is complete or the file ends
            }
            if (header.hasRemaining()) {
                return List.of();
            }
            int version = LogFormat.checkHeader(header.flip(), file).version();
            var ring = new History(keep);
            LogScanner.scan(channel, version, channel.size(), new LogScanner.Visitor() {
                @Override
                public void record(LogScanner.Record record) {
                    if (record.chat().id() <= maxId) {
                        ring.add(record.chat());
                    }
                }

                @Override
                public void damage(long offset, long length, boolean tail) {
                    // Not this reader's business: the journal reports and repairs.
                }
            });
            return ring.after(Long.MIN_VALUE);
        }
    }

    /// Closes the file and deletes it (the room was closed). The log must not be used again.
    void delete() throws IOException {
        deleted = true;
        resources.closed(this);
        closeChannel();
        deleteQuietly(temporaryFile());
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
        if (retention.maxMessages().isPresent()) {
            long max = retention.maxMessages().getAsLong();
            if (records - max >= Math.max(max, MIN_COUNT_SLACK)) {
                return true;
            }
        }
        return retention.maxAge().filter(age -> {
            Duration slack = age.dividedBy(20).compareTo(MIN_AGE_SLACK) > 0 ? age.dividedBy(20) : MIN_AGE_SLACK;
            Duration window = age.compareTo(MAX_AGE) < 0 ? age.plus(slack) : MAX_AGE;
            return oldestMillis < cutoffMillis(now, window);
        }).isPresent();
    }

    /// Rewrites the file with only the committed messages within the retention limits: into
    /// a temporary file, forced, then renamed over the log in one step, so a crash leaves
    /// either the old file or the new one.
    @Override
    public void compact(Instant now) throws IOException {
        ensureOpen();
        long keepFrom = retention.maxMessages().stream().map(max -> records - max).max().orElse(0);
        long cutoff = retention.maxAge().map(age -> cutoffMillis(now, age)).orElse(Long.MIN_VALUE);
        Path temporary = temporaryFile();
        var kept = new Kept(resources.writeBuffer(0));
        try (var out = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), Permissions.ownerOnly("rw-------"))) {
            writeFully(out, LogFormat.header(lastId), 0);
            long[] index = {0};
            IOException[] failure = {null};
            LogScanner.scan(channel, version, committedEnd, new LogScanner.Visitor() {
                @Override
                public void record(LogScanner.Record record) {
                    long i = index[0]++;
                    if (failure[0] != null || i < keepFrom || record.chat().time().toEpochMilli() < cutoff) {
                        return;
                    }
                    try {
                        kept.add(out, record.chat());
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }

                @Override
                public void damage(long offset, long length, boolean tail) {
                    // Already reported when the log was opened; compaction leaves it behind.
                }
            }, resources.scanWindow());
            if (failure[0] != null) {
                throw failure[0];
            }
            kept.flush(out);
            out.force(true);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
        closeChannel();
        try {
            move(temporary, file);
        } finally {
            ensureOpen();
        }
        Permissions.forceDirectory(file.getParent());
        version = LogFormat.VERSION;
        committedEnd = writtenEnd = kept.position;
        records = kept.count;
        oldestMillis = kept.count == 0 ? Long.MAX_VALUE : kept.oldestMillis;
        LOG.log(DEBUG, "Compacted {0}: {1} messages kept", file, kept.count);
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

    private void recover(int keepRecent) throws IOException {
        Files.createDirectories(file.getParent(), Permissions.ownerOnly("rwx------"));
        deleteQuietly(temporaryFile());
        channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), Permissions.ownerOnly("rw-------"));
        resources.opened(this);
        long size = channel.size();
        var header = ByteBuffer.allocate(LogFormat.HEADER_BYTES);
        while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
            // positional reads until the header is complete or the file ends
        }
        header.flip();
        if (size < LogFormat.HEADER_BYTES && LogFormat.isHeaderPrefix(header)) {
            if (size > 0) {
                LOG.log(WARNING, "{0} holds only {1} bytes of a header (a crash while it was created); starting it again",
                        file, size);
            }
            channel.truncate(0);
            writeFully(channel, LogFormat.header(0), 0);
            channel.force(true);
            Permissions.forceDirectory(file.getParent());
            committedEnd = writtenEnd = LogFormat.HEADER_BYTES;
            recent = List.of();
            recovery = new Recovery(0, 0, 0, false);
            return;
        }
        if (size < LogFormat.HEADER_BYTES) {
            LogFormat.checkHeader(ByteBuffer.allocate(LogFormat.HEADER_BYTES).put(header).flip(), file);
        }
        LogFormat.Header checked = LogFormat.checkHeader(header, file);
        version = checked.version();
        lastId = checked.idFloor();
        recoverRecords(size, keepRecent);
    }

    private void recoverRecords(long size, int keepRecent) throws IOException {
        var ring = new History(keepRecent);
        long cutoff = retention.maxAge().map(age -> cutoffMillis(clock.instant(), age)).orElse(Long.MIN_VALUE);
        long[] expired = {0};
        long[] damage = {0, 0};
        long validEnd = LogScanner.scan(channel, version, size, new LogScanner.Visitor() {
            @Override
            public void record(LogScanner.Record record) {
                records++;
                ring.add(record.chat());
                lastId = Math.max(lastId, record.chat().id());
                long millis = record.chat().time().toEpochMilli();
                oldestMillis = Math.min(oldestMillis, millis);
                if (millis < cutoff) {
                    expired[0]++;
                }
            }

            @Override
            public void damage(long offset, long length, boolean tail) {
                damage[tail ? 1 : 0] += length;
                LOG.log(WARNING, tail
                                ? "{0}: the last {2} bytes (from offset {1}) are not a complete record, as a crash while "
                                + "writing leaves them; cutting them off (those messages were never delivered)"
                                : "{0}: {2} damaged bytes at offset {1}; skipping them (the messages in them are lost)",
                        file, offset, length);
            }
        }, resources.scanWindow());
        committedEnd = writtenEnd = validEnd;
        if (damage[1] > 0) {
            channel.truncate(validEnd);
            channel.force(true);
        }
        boolean overCount = retention.maxMessages().isPresent() && records > retention.maxMessages().getAsLong();
        boolean older = version != LogFormat.VERSION;
        boolean compact = damage[0] > 0 || overCount || expired[0] > 0 || older;
        long found = records;
        if (compact) {
            compact(clock.instant());
        }
        if (older) {
            LOG.log(INFO, "{0} rewritten from history format version {1} to {2}", file, 1, LogFormat.VERSION);
        }
        long keep = Math.min(keepRecent, records);
        var all = ring.after(Long.MIN_VALUE).stream().filter(chat -> chat.time().toEpochMilli() >= cutoff).toList();
        recent = all.subList((int) Math.max(0, all.size() - keep), all.size());
        recovery = new Recovery(found, damage[0], damage[1], compact);
        LOG.log(DEBUG, "History {0}: {1} messages{2}", file, records, compact ? " after compaction" : "");
    }

    /// The time, in epoch milliseconds, before which a message is older than `age`; the
    /// smallest value when `age` reaches back beyond what an `Instant` holds (any age is
    /// valid in a [HistoryRetention]).
    static long cutoffMillis(Instant now, Duration age) {
        try {
            return now.minus(age).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
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

    private Path temporaryFile() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new DataDirectoryException("cannot replace " + to + " in one step (" + e.getMessage()
                    + "); the history log needs a local file system", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(DEBUG, "Cannot delete {0}: {1}", path, e.toString());
        }
    }

    /// The records compaction keeps, written in chunks of the shared write buffer.
    private static final class Kept {
        private final ByteBuffer chunk;
        private long position = LogFormat.HEADER_BYTES;
        private long count;
        private long oldestMillis;

        Kept(ByteBuffer chunk) {
            this.chunk = chunk;
        }

        void add(FileChannel out, ServerFrame.Chat chat) throws IOException {
            if (chunk.remaining() < LogFormat.maxRecordBytes(chat)) {
                flush(out);
            }
            LogFormat.encode(chat, chunk);
            long millis = chat.time().toEpochMilli();
            oldestMillis = count++ == 0 ? millis : Math.min(oldestMillis, millis);
        }

        void flush(FileChannel out) throws IOException {
            chunk.flip();
            int bytes = chunk.remaining();
            writeFully(out, chunk, position);
            position += bytes;
            chunk.clear();
        }
    }
}
