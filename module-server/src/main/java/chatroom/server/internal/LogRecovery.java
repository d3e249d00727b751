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
import java.util.List;
import java.util.Set;

import static java.lang.System.Logger.Level.WARNING;

/// What a [HistoryLog] finds when it is opened: [#open] creates the file (and its folder) if
/// needed and removes a compaction's leftover; [#scan] checks the header, starts a file cut
/// short inside its header again, reads every record, reports damage at `WARNING`, and cuts
/// off a damaged tail. Whether the file must then be rewritten, and the rewrite, are the
/// log's ([Found#needsRewrite], [LogCompaction]).
///
/// Stateless; runs on the thread that opens the log.
final class LogRecovery {

    private static final System.Logger LOG = System.getLogger("chatroom.server");

    /// What [#scan] found.
    ///
    /// @param version      the format of the file as found
    /// @param lastId       the highest id in it, or its id floor
    /// @param records      valid records
    /// @param oldestMillis the time of the oldest record (`Long.MAX_VALUE` when none)
    /// @param end          the offset after the last valid record
    /// @param skipped      damaged bytes between valid records
    /// @param droppedTail  damaged bytes at the end (cut off already)
    /// @param expired      records older than the age limit
    /// @param newest       the newest records (as many as asked), oldest first
    /// @param startedAgain the file held only part of a header and was started again empty
    record Found(int version, long lastId, long records, long oldestMillis, long end, long skipped,
                 long droppedTail, long expired, List<ServerFrame.Chat> newest, boolean startedAgain) {

        /// Whether the file must be rewritten: damage to skip, messages beyond `retention`,
        /// or an older format.
        boolean needsRewrite(HistoryRetention retention) {
            boolean overCount = retention.maxMessages().isPresent() && records > retention.maxMessages().getAsLong();
            return skipped > 0 || overCount || expired > 0 || version != LogFormat.VERSION;
        }

        /// The newest `keep` of [#newest] not older than `cutoff` (epoch milliseconds).
        List<ServerFrame.Chat> recent(long keep, long cutoff) {
            var all = newest.stream().filter(chat -> chat.time().toEpochMilli() >= cutoff).toList();
            return all.subList((int) Math.max(0, all.size() - keep), all.size());
        }
    }

    private LogRecovery() {
    }

    /// Opens `file` to read and write, creating it and its folder (owner only) if needed,
    /// after deleting a temporary file a compaction left behind.
    static FileChannel open(Path file) throws IOException {
        Files.createDirectories(file.getParent(), Permissions.ownerOnly("rwx------"));
        LogFiles.deleteQuietly(LogFiles.temporaryFile(file));
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), Permissions.ownerOnly("rw-------"));
    }

    /// Reads the log `file` open in `channel`, keeping the newest `keepRecent` records and
    /// counting those before `cutoff` (epoch milliseconds), scanning through `window`.
    ///
    /// @throws DataDirectoryException if the file is not a history log or of another version
    static Found scan(FileChannel channel, Path file, long cutoff, int keepRecent, ByteBuffer window)
            throws IOException {
        long size = channel.size();
        ByteBuffer header = LogFiles.readHeader(channel);
        if (size < LogFormat.HEADER_BYTES && LogFormat.isHeaderPrefix(header)) {
            if (size > 0) {
                LOG.log(WARNING, "{0} holds only {1} bytes of a header (a crash while it was created); starting it again",
                        file, size);
            }
            channel.truncate(0);
            LogFiles.writeFully(channel, LogFormat.header(0), 0);
            channel.force(true);
            Permissions.forceDirectory(file.getParent());
            return new Found(LogFormat.VERSION, 0, 0, Long.MAX_VALUE, LogFormat.HEADER_BYTES, 0, 0, 0, List.of(),
                    true);
        }
        if (size < LogFormat.HEADER_BYTES) {
            LogFormat.checkHeader(ByteBuffer.allocate(LogFormat.HEADER_BYTES).put(header).flip(), file);
        }
        LogFormat.Header checked = LogFormat.checkHeader(header, file);
        return scanRecords(channel, file, checked, size, cutoff, keepRecent, window);
    }

    private static Found scanRecords(FileChannel channel, Path file, LogFormat.Header header, long size, long cutoff,
                                     int keepRecent, ByteBuffer window) throws IOException {
        var tally = new Tally(file, header.idFloor(), cutoff, keepRecent);
        long validEnd = LogScanner.scan(channel, header.version(), size, tally, window);
        if (tally.droppedTail > 0) {
            channel.truncate(validEnd);
            channel.force(true);
        }
        return new Found(header.version(), tally.lastId, tally.records, tally.oldestMillis, validEnd, tally.skipped,
                tally.droppedTail, tally.expired, tally.ring.after(Long.MIN_VALUE), false);
    }

    /// Counts what a scan meets, and reports damage as it is met.
    private static final class Tally implements LogScanner.Visitor {
        private final Path file;
        private final long cutoff;
        private final History ring;
        private long lastId;
        private long records;
        private long oldestMillis = Long.MAX_VALUE;
        private long expired;
        private long skipped;
        private long droppedTail;

        Tally(Path file, long idFloor, long cutoff, int keepRecent) {
            this.file = file;
            this.lastId = idFloor;
            this.cutoff = cutoff;
            this.ring = new History(keepRecent);
        }

        @Override
        public void record(LogScanner.Record record) {
            records++;
            ring.add(record.chat());
            lastId = Math.max(lastId, record.chat().id());
            long millis = record.chat().time().toEpochMilli();
            oldestMillis = Math.min(oldestMillis, millis);
            if (millis < cutoff) {
                expired++;
            }
        }

        @Override
        public void damage(long offset, long length, boolean tail) {
            if (tail) {
                droppedTail += length;
            } else {
                skipped += length;
            }
            LOG.log(WARNING, tail
                            ? "{0}: the last {2} bytes (from offset {1}) are not a complete record, as a crash while "
                            + "writing leaves them; cutting them off (those messages were never delivered)"
                            : "{0}: {2} damaged bytes at offset {1}; skipping them (the messages in them are lost)",
                    file, offset, length);
        }
    }
}
