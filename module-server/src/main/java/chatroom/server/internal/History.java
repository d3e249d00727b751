package chatroom.server.internal;

import chatroom.protocol.ServerFrame;

import java.util.ArrayList;
import java.util.List;

/// The last `capacity` chat messages, oldest first, in a ring.
///
/// Not thread-safe: guarded by the room's lock.
final class History {

    private final ServerFrame.Chat[] ring;
    private int next;
    private int size;

    History(int capacity) {
        ring = new ServerFrame.Chat[capacity];
    }

    void add(ServerFrame.Chat chat) {
        if (ring.length == 0) {
            return;
        }
        ring[next] = chat;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /// The kept messages with an id greater than `afterId`, oldest first.
    List<ServerFrame.Chat> after(long afterId) {
        List<ServerFrame.Chat> result = new ArrayList<>(size);
        int oldest = (next - size + ring.length) % Math.max(1, ring.length);
        for (int i = 0; i < size; i++) {
            ServerFrame.Chat chat = ring[(oldest + i) % ring.length];
            if (chat.id() > afterId) {
                result.add(chat);
            }
        }
        return result;
    }
}
