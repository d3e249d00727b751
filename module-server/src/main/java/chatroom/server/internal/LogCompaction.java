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
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/// The retention of a [HistoryLog]: when a log holds enough beyond the [HistoryRetention]
/// limits to be worth rewriting ([#due]), and the rewrite itself: the committed messages
/// within the limits into a temporary file, forced ([#rewrite]), then renamed over the log in
/// one step ([#replace]), so a crash leaves either the old file or the new one.
///
/// Stateless; runs on the thread that uses the log (its [LogResources]' thread), which owns
/// the channel and the shared write buffer it is given.
final class LogCompaction {

    /// What the rewritten file holds.
    ///
    /// @param end          the offset after its last record
    /// @param count        the messages kept
    /// @param oldestMillis the time of the oldest message kept (meaningless when none is)
    record Kept(long end, long count, long oldestMillis) {
    }

    /// Compaction waits until at least this many messages are over the count limit, so a
    /// small limit does not mean rewriting the file for every message.
    private static final long MIN_COUNT_SLACK = 1000;
    private static final Duration MIN_AGE_SLACK = Duration.ofMinutes(1);
    /// Longer than any time an `Instant` can go back, so adding a slack to it cannot overflow.
    private static final Duration MAX_AGE = Duration.ofSeconds(Long.MAX_VALUE / 2);

    private LogCompaction() {
    }

    /// Whether a log of `records` messages, the oldest from `oldestMillis`, holds enough
    /// beyond `retention` at `now` to be worth rewriting.
    static boolean due(HistoryRetention retention, long records, long oldestMillis, Instant now) {
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

    /// [#cutoffMillis(Instant, Duration)] of `retention`'s age limit; the smallest value
    /// when there is none.
    static long cutoffMillis(HistoryRetention retention, Instant now) {
        return retention.maxAge().map(age -> cutoffMillis(now, age)).orElse(Long.MIN_VALUE);
    }

    /// Writes into `temporary` a log with the id floor `lastId` and those of the `records`
    /// messages before `committedEnd` in `channel` (format `version`) that are within
    /// `retention` at `now`, in chunks of `chunk`, and forces it. Deletes `temporary` again
    /// when that fails.
    static Kept rewrite(FileChannel channel, int version, long committedEnd, long lastId, long records,
                        HistoryRetention retention, Instant now, Path temporary, ByteBuffer chunk,
                        ByteBuffer scanWindow) throws IOException {
        long keepFrom = retention.maxMessages().stream().map(max -> records - max).max().orElse(0);
        long cutoff = cutoffMillis(retention, now);
        var kept = new Chunks(chunk);
        try (var out = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), Permissions.ownerOnly("rw-------"))) {
            LogFiles.writeFully(out, LogFormat.header(lastId), 0);
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
            }, scanWindow);
            if (failure[0] != null) {
                throw failure[0];
            }
            kept.flush(out);
            out.force(true);
        } catch (IOException | RuntimeException e) {
            LogFiles.deleteQuietly(temporary);
            throw e;
        }
        return new Kept(kept.position, kept.count, kept.oldestMillis);
    }

    /// Renames `temporary` over `file` in one step.
    ///
    /// @throws DataDirectoryException if the file system cannot do that
    static void replace(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new DataDirectoryException("cannot replace " + file + " in one step (" + e.getMessage()
                    + "); the history log needs a local file system", e);
        }
    }

    /// The records compaction keeps, written in chunks of the shared write buffer.
    private static final class Chunks {
        private final ByteBuffer chunk;
        private long position = LogFormat.HEADER_BYTES;
        private long count;
        private long oldestMillis;

        Chunks(ByteBuffer chunk) {
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
            LogFiles.writeFully(out, chunk, position);
            position += bytes;
            chunk.clear();
        }
    }
}
