package chatroom.server.internal;

import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/// One frame on its way to many clients, encoded at most once per [Encoding]: every
/// recipient of an encoding is handed the same byte array.
///
/// Not thread-safe: a broadcast encodes on one thread (under its room's lock, or alone).
final class Outgoing {

    private final ServerFrame frame;
    /// The room the frame is about, or `null`: decides between the plain encodings.
    private final Room room;
    private final RoomName defaultRoom;
    private final Map<Encoding, Optional<byte[]>> encoded = new EnumMap<>(Encoding.class);

    Outgoing(ServerFrame frame, Room room, RoomName defaultRoom) {
        this.frame = frame;
        this.room = room;
        this.defaultRoom = defaultRoom;
    }

    ServerFrame frame() {
        return frame;
    }

    /// The room the frame is about, or `null` if it is about no room.
    Room room() {
        return room;
    }

    /// The frame's bytes in `encoding`, or empty if that encoding does not show this frame.
    Optional<byte[]> bytes(Encoding encoding) {
        // Not computeIfAbsent: its lambda would capture the frame, an object per delivery.
        Optional<byte[]> bytes = encoded.get(encoding);
        if (bytes == null) {
            bytes = encoding.line(frame, defaultRoom).map(Text::frameBytes);
            encoded.put(encoding, bytes);
        }
        return bytes;
    }
}
