package chatroom.server.internal;

import java.nio.ByteBuffer;

/// A connection's read buffer, sized by what the client sends: small while it chats (most
/// lines are short and most connections are idle, so thousands of connections cost little),
/// doubling while reads fill it (a paste, a burst), back to small once reads are small again,
/// and none at all while the connection waits for input ([#release]).
///
/// Not thread-safe: owned by one connection's reader.
final class AdaptiveReadBuffer {

    static final int MIN_BYTES = 256;
    static final int MAX_BYTES = 16 * 1024;

    /// `null` while released.
    private ByteBuffer buffer;

    /// The buffer to read into next, cleared.
    ByteBuffer forRead() {
        if (buffer == null) {
            buffer = ByteBuffer.allocate(MIN_BYTES);
        }
        return buffer.clear();
    }

    /// Gives the buffer back while the connection waits for input: most connections are idle
    /// most of the time, and the next read simply starts small again.
    void release() {
        buffer = null;
    }

    /// Records that the last read brought `count` bytes, to size the next one.
    void read(int count) {
        int capacity = capacity();
        if (count == capacity && capacity < MAX_BYTES) {
            buffer = ByteBuffer.allocate(capacity * 2);
        } else if (count <= MIN_BYTES / 2 && capacity > MIN_BYTES) {
            buffer = ByteBuffer.allocate(MIN_BYTES);
        }
    }

    /// The size of the next read's buffer.
    int capacity() {
        return buffer == null ? MIN_BYTES : buffer.capacity();
    }
}
