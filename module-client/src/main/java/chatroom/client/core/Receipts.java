package chatroom.client.core;

import chatroom.protocol.ClientFrame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// Tells which frame a version 2 server refused. The protocol's `ERROR` names no frame, but the
/// server reads a connection's frames one at a time and answers each refusal before it reads
/// the next frame; so the client follows every frame it sends with `PING token=rN`, and an
/// `ERROR` that arrives before the `PONG` of frame N refuses frame N. (A message's echo proves
/// nothing here: a server that saves messages echoes them later, after the next frames'
/// refusals.) Version 1 links send no receipts, exactly as before.
///
/// Two errors are not answers to a frame and are not matched: `flood` (said before a line is
/// read) and `not-saved` (said once the store has failed, long after).
///
/// Guarded by the [ChatClient]'s lock.
final class Receipts {

    private static final String PREFIX = "r";

    /// A frame sent and not yet answered; `entry` is the outbox entry of a `SAY`.
    record Pending(long number, ClientFrame frame, Optional<Outbox.Entry> entry) {
        String token() {
            return PREFIX + number;
        }
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long next = 1;

    /// Records `frame`, just sent; returns the ping to send after it.
    ClientFrame.Ping add(ClientFrame frame, Optional<Outbox.Entry> entry) {
        var sent = new Pending(next++, frame, entry);
        pending.add(sent);
        return new ClientFrame.Ping(sent.token());
    }

    /// The server answered the ping `token`: the frames up to it were not refused (those
    /// refused were taken by [#refused()] already). Returns them; empty for a token that is
    /// not a receipt's.
    List<Pending> answered(String token) {
        long number;
        try {
            number = token.startsWith(PREFIX) ? Long.parseLong(token.substring(PREFIX.length())) : -1;
        } catch (NumberFormatException e) {
            number = -1;
        }
        List<Pending> done = new ArrayList<>();
        while (number > 0 && !pending.isEmpty() && pending.peek().number() <= number) {
            done.add(pending.poll());
        }
        return done;
    }

    /// The frame an `ERROR` that arrives now refuses, if any frame is waiting for its answer.
    Optional<Pending> refused() {
        return Optional.ofNullable(pending.poll());
    }

    /// The link ended: its frames will never be answered.
    void clear() {
        pending.clear();
    }
}
