package chatroom.server.internal;

import java.nio.ByteBuffer;

/// A connection's read buffer, sized by what the client sends: small while it chats (most
/// lines are short and most connections are idle, so thousands of connections cost little),
/// doubling while reads fill it (a paste, a burst), back to small once reads are small again.
///
/// Not thread-safe: owned by one connection's reader.
final class AdaptiveReadBuffer {

    static final int MIN_BYTES = 256;
    static final int MAX_BYTES = 16 * 1024;

    private ByteBuffer buffer = ByteBuffer.allocate(MIN_BYTES);

    /// The buffer to read into next, cleared.
    ByteBuffer forRead() {
        return buffer.clear();
    }

    /// Records that the last read brought `count` bytes, to size the next one.
    void read(int count) {
        int capacity = buffer.capacity();
        if (count == capacity && capacity < MAX_BYTES) {
            buffer = ByteBuffer.allocate(capacity * 2);
        } else if (count <= MIN_BYTES / 2 && capacity > MIN_BYTES) {
            buffer = ByteBuffer.allocate(MIN_BYTES);
        }
    }

    int capacity() {
        return buffer.capacity();
    }
}
