package chatroom.server.internal;

import chatroom.protocol.ServerFrame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;

import static java.lang.System.Logger.Level.DEBUG;

/// What the parts of a [HistoryLog] (and a reader without one) do with its file: read the
/// header, write a buffer whole, read the newest messages, and name or remove the temporary
/// file compaction writes.
///
/// Stateless; each call works on the channel it is given, on the caller's thread, with
/// positional reads and writes (the channel's position is left alone).
final class LogFiles {

    private static final System.Logger LOG = System.getLogger("chatroom.server");

    private LogFiles() {
    }

    /// Reads the newest `keep` messages of the log in `file` with an id up to `maxId`, on
    /// the caller's thread and without a [LogResources]: for when no journal thread runs.
    /// The file may be appended to meanwhile; what is not complete yet is left out.
    static List<ServerFrame.Chat> readFile(Path file, int keep, long maxId) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = readHeader(channel);
            if (header.remaining() < LogFormat.HEADER_BYTES) {
                return List.of();
            }
            int version = LogFormat.checkHeader(header, file).version();
            // Damage is not this reader's business: the journal reports and repairs.
            return newest(channel, version, channel.size(), keep, chat -> chat.id() <= maxId,
                    ByteBuffer.allocate(LogScanner.WINDOW_BYTES));
        }
    }

    /// The newest `keep` messages among the valid records before `limit` that `wanted`
    /// accepts, oldest first; damage is stepped over silently (reported when the log was
    /// opened).
    static List<ServerFrame.Chat> newest(FileChannel channel, int version, long limit, int keep,
                                         Predicate<ServerFrame.Chat> wanted, ByteBuffer window) throws IOException {
        var ring = new History(keep);
        LogScanner.scan(channel, version, limit, new LogScanner.Visitor() {
            @Override
            public void record(LogScanner.Record record) {
                if (wanted.test(record.chat())) {
                    ring.add(record.chat());
                }
            }

            @Override
            public void damage(long offset, long length, boolean tail) {
                // Reported when the log was opened; compaction removes it.
            }
        }, window);
        return ring.after(Long.MIN_VALUE);
    }

    /// The file's header bytes, as many as the file holds (fewer than
    /// [LogFormat#HEADER_BYTES] when it is cut short), ready to be read.
    static ByteBuffer readHeader(FileChannel channel) throws IOException {
        var header = ByteBuffer.allocate(LogFormat.HEADER_BYTES);
        while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
            // positional reads until the header is complete or the file ends
        }
        return header.flip();
    }

    static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    /// Where compaction writes the new file before it replaces `file`.
    static Path temporaryFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(DEBUG, "Cannot delete {0}: {1}", path, e.toString());
        }
    }
}
