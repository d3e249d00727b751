package chatroom.client.core;

import chatroom.protocol.ClientFrame;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/// Tells which frame a version 2 server refused: every frame is sent with `label=rN`, and the
/// server's `ERROR` refusing it carries the same label. (A message's echo proves nothing
/// here: a server that saves messages echoes them later, after the next frames' refusals.)
/// Version 1 links send no labels, exactly as before.
///
/// A server answers a refusal before it reads the next frame, so only the last frames sent
/// can still be refused: the oldest are forgotten beyond [#KEPT].
///
/// Guarded by the client's lock ([ClientState]).
final class Receipts {

    /// Frames remembered; far more than can be in flight between a client and its server.
    static final int KEPT = 256;
    private static final String PREFIX = "r";

    /// A frame sent; `entry` is the outbox entry of a `SAY`.
    record Pending(long number, ClientFrame frame, Optional<Outbox.Entry> entry) {
        String label() {
            return PREFIX + number;
        }
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private long next = 1;

    /// Records `frame`, about to be sent; returns the label to send it with.
    String add(ClientFrame frame, Optional<Outbox.Entry> entry) {
        var sent = new Pending(next++, frame, entry);
        pending.put(sent.label(), sent);
        if (pending.size() > KEPT) {
            Iterator<Pending> oldest = pending.values().iterator();
            oldest.next();
            oldest.remove();
        }
        return sent.label();
    }

    /// The frame an `ERROR` labelled `label` refuses, if it is one of ours.
    Optional<Pending> refused(String label) {
        return Optional.ofNullable(pending.remove(label));
    }

    /// The link ended: its frames will never be answered.
    void clear() {
        pending.clear();
    }
}
