package chatroom.server.internal;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/// What every [HistoryLog] of a data directory shares, so that ten thousand logs cost no more
/// than one: the buffer records are encoded into, the window files are scanned through, and
/// a bound on the files open at once.
///
/// A log tells [#opened] when it opens its file and [#used] when it uses it; when more than
/// `maxOpen` are open, the one used least recently is asked to [HistoryLog#release] its file
/// (it keeps everything it knows and opens the file again when it is next written).
///
/// Not thread-safe: confined to the thread that opens the data directory and then to the
/// journal thread it starts (`Thread.start` orders the two).
final class LogResources {

    /// Far below the usual limit of 1,024 descriptors a process may hold, which the server's
    /// connections need.
    static final int DEFAULT_MAX_OPEN = 64;
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final int maxOpen;
    private final LinkedHashMap<HistoryLog, Boolean> open;
    private ByteBuffer writeBuffer;
    private ByteBuffer scanWindow;

    LogResources(int maxOpen) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1: " + maxOpen);
        }
        this.maxOpen = maxOpen;
        this.open = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<HistoryLog, Boolean> eldest) {
                if (size() <= LogResources.this.maxOpen) {
                    return false;
                }
                eldest.getKey().release();
                return true;
            }
        };
    }

    LogResources() {
        this(DEFAULT_MAX_OPEN);
    }

    /// The shared direct buffer records are encoded into before one write, cleared; at least
    /// `bytes` long (it grows for a batch larger than any before, and stays grown).
    ByteBuffer writeBuffer(int bytes) {
        if (writeBuffer == null || writeBuffer.capacity() < bytes) {
            writeBuffer = ByteBuffer.allocateDirect(Math.max(bytes, WRITE_BUFFER_BYTES));
        }
        return writeBuffer.clear();
    }

    /// [#writeBuffer(int)] grown to hold `more` bytes after its position, its content kept.
    ByteBuffer grow(ByteBuffer current, int more) {
        if (current.remaining() >= more) {
            return current;
        }
        var bigger = ByteBuffer.allocateDirect(Math.max(current.capacity() * 2, current.position() + more));
        current.flip();
        bigger.put(current);
        writeBuffer = bigger;
        return bigger;
    }

    /// The window a [LogScanner] reads through.
    ByteBuffer scanWindow() {
        if (scanWindow == null) {
            scanWindow = ByteBuffer.allocate(LogScanner.WINDOW_BYTES);
        }
        return scanWindow;
    }

    void opened(HistoryLog log) {
        open.put(log, Boolean.TRUE);
    }

    void used(HistoryLog log) {
        open.get(log);
    }

    void closed(HistoryLog log) {
        open.remove(log);
    }

    /// Logs whose file is open now.
    int openCount() {
        return open.size();
    }
}
