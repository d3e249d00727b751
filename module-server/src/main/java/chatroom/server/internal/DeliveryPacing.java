package chatroom.server.internal;

import java.time.Duration;

/// Whether a room is busy enough that its deliveries should wait a moment, so that each
/// write carries several messages.
///
/// A write to a client's socket costs the server several microseconds in the kernel whatever
/// it carries, and wakes the client's reader. While a room carries a message every couple of
/// milliseconds or more, holding each broadcast's writers back for [#HOLD] lets the messages
/// that arrive meanwhile join the same write: at 1,000 messages a second to 200 members this
/// cut the server's CPU per delivery by about a third (docs/performance.md). A quiet room is never
/// held, so a conversation at human pace gets every line at once.
///
/// The rate is measured over windows of [#WINDOW]; a window decides for the next.
///
/// Not thread-safe: the room calls it under its lock.
final class DeliveryPacing {

    /// How long a busy room's writers wait before they start.
    static final Duration HOLD = Duration.ofMillis(2);
    /// Messages per second from which a room counts as busy: from here on a message's writers
    /// would often find the next message queued within [#HOLD].
    static final int BUSY_MESSAGES_PER_SECOND = 500;
    static final Duration WINDOW = Duration.ofMillis(100);

    private static final long WINDOW_NANOS = WINDOW.toNanos();
    private static final long HOLD_NANOS = HOLD.toNanos();

    private long windowStart;
    private long messagesInWindow;
    private boolean busy;

    /// Starts measuring at `now` (nanoseconds, [System#nanoTime]).
    DeliveryPacing(long now) {
        windowStart = now;
    }

    /// Counts a message broadcast at `now` and returns how long its writers should wait, in
    /// nanoseconds: [#HOLD] while the room is busy, else 0.
    long holdNanos(long now) {
        long elapsed = now - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            // Divided, not multiplied: a window that lasted months must not overflow.
            busy = messagesInWindow * 1_000_000_000L / elapsed >= BUSY_MESSAGES_PER_SECOND;
            windowStart = now;
            messagesInWindow = 0;
        }
        messagesInWindow++;
        return busy ? HOLD_NANOS : 0;
    }
}
