package chatroom.server.internal;

import chatroom.protocol.ServerFrame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;

/// Reads the records of a history log, checking each one, and steps over damage.
///
/// A record is valid when its length is plausible, its CRC32C matches, its payload decodes
/// to a message the protocol accepts and its id is greater than the previous valid record's.
/// At an invalid record the scanner looks, byte by byte, for the next valid record: if there
/// is one, the bytes in between are reported as skipped damage; if there is none, everything
/// from the invalid record on is reported as a damaged tail (what a crash during a write
/// leaves) and the scan ends.
///
/// Not thread-safe; reads the channel with positional reads, so the channel's position is
/// left alone.
final class LogScanner {

    /// A valid record: where it starts, how many bytes it takes (header included), its message.
    record Record(long offset, int size, ServerFrame.Chat chat) {
    }

    /// What a scan meets, in file order.
    interface Visitor {
        void record(Record record);

        /// `length` bytes from `offset` are not valid records; `tail` when nothing valid follows.
        void damage(long offset, long length, boolean tail);
    }

    /// Enough for the largest record twice over, so a record never needs two reads.
    static final int WINDOW_BYTES = 4 * (LogFormat.MAX_PAYLOAD_BYTES + LogFormat.RECORD_HEADER_BYTES);

    private final FileChannel channel;
    private final int version;
    private final long limit;
    private final ByteBuffer window;
    private long windowStart;

    private LogScanner(FileChannel channel, int version, long limit, ByteBuffer window) {
        if (window.capacity() < WINDOW_BYTES) {
            throw new IllegalArgumentException("window too small: " + window.capacity());
        }
        this.window = window.clear().limit(0);
        this.channel = channel;
        this.version = version;
        this.limit = limit;
    }

    /// Visits every record between the header and `limit` (usually the file's size) of a
    /// file of format `version` and returns the offset just after the last valid record.
    static long scan(FileChannel channel, int version, long limit, Visitor visitor) throws IOException {
        return scan(channel, version, limit, visitor, ByteBuffer.allocate(WINDOW_BYTES));
    }

    /// [#scan(FileChannel, int, long, Visitor)] reading through `window` (at least
    /// [#WINDOW_BYTES]), so that a thread scanning many logs reuses one buffer.
    static long scan(FileChannel channel, int version, long limit, Visitor visitor, ByteBuffer window)
            throws IOException {
        return new LogScanner(channel, version, limit, window).scan(visitor);
    }

    private long scan(Visitor visitor) throws IOException {
        long offset = LogFormat.HEADER_BYTES;
        long lastId = 0;
        while (offset < limit) {
            Optional<Record> record = recordAt(offset, lastId);
            if (record.isPresent()) {
                visitor.record(record.get());
                lastId = record.get().chat().id();
                offset += record.get().size();
                continue;
            }
            long next = offset + 1;
            while (next < limit && recordAt(next, lastId).isEmpty()) {
                next++;
            }
            if (next >= limit) {
                visitor.damage(offset, limit - offset, true);
                return offset;
            }
            visitor.damage(offset, next - offset, false);
            offset = next;
        }
        return offset;
    }

    private Optional<Record> recordAt(long offset, long lastId) throws IOException {
        if (!fill(offset, LogFormat.RECORD_HEADER_BYTES)) {
            return Optional.empty();
        }
        int start = (int) (offset - windowStart);
        int payload = window.getInt(start);
        int crc = window.getInt(start + 4);
        if (payload < LogFormat.minPayloadBytes(version) || payload > LogFormat.MAX_PAYLOAD_BYTES
                || !fill(offset, LogFormat.RECORD_HEADER_BYTES + payload)) {
            return Optional.empty();
        }
        start = (int) (offset - windowStart);
        if (LogFormat.crc(window, start, payload) != crc) {
            return Optional.empty();
        }
        return LogFormat.decode(window.slice(start + LogFormat.RECORD_HEADER_BYTES, payload), version)
                .filter(chat -> chat.id() > lastId)
                .map(chat -> new Record(offset, LogFormat.RECORD_HEADER_BYTES + payload, chat));
    }

    /// Makes the window hold `length` bytes from `offset`; `false` if the file ends first.
    private boolean fill(long offset, int length) throws IOException {
        if (offset + length > limit) {
            return false;
        }
        if (offset >= windowStart && offset + length <= windowStart + window.limit()) {
            return true;
        }
        window.clear();
        window.limit((int) Math.min(window.capacity(), limit - offset));
        long position = offset;
        while (window.hasRemaining()) {
            int count = channel.read(window, position);
            if (count < 0) {
                break;
            }
            position += count;
        }
        window.flip();
        windowStart = offset;
        return window.limit() >= length;
    }
}
