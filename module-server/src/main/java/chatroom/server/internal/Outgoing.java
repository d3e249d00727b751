package chatroom.server.internal;

import chatroom.protocol.ServerFrame;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/// One frame on its way to many clients, encoded at most once per dialect: every recipient
/// of a dialect is handed the same byte array.
///
/// Not thread-safe: a broadcast encodes under the room's lock.
final class Outgoing {

    private final ServerFrame frame;
    private final Map<Dialect, Optional<byte[]>> encoded = new EnumMap<>(Dialect.class);

    Outgoing(ServerFrame frame) {
        this.frame = frame;
    }

    ServerFrame frame() {
        return frame;
    }

    /// The frame's bytes in `dialect`, or empty if that dialect does not show this frame.
    Optional<byte[]> bytes(Dialect dialect) {
        // Not computeIfAbsent: its lambda would capture the frame, an object per delivery.
        Optional<byte[]> bytes = encoded.get(dialect);
        if (bytes == null) {
            bytes = dialect.encode(frame);
            encoded.put(dialect, bytes);
        }
        return bytes;
    }
}
