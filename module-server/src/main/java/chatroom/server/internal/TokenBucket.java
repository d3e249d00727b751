package chatroom.server.internal;

/// Flood control for one client: `burst` lines at once, then `rate` lines per second. A line
/// may cost more than one token (an IRC command's penalty, [IrcPenalty]).
///
/// Not thread-safe: used by its connection's reader only.
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long nanosPerToken;
    private final long capacityNanos;
    /// The time at which the bucket would be full again; tokens are measured as time.
    private long fullAt;

    /// A bucket that never limits when `rate` is 0.
    TokenBucket(int rate, int burst, long now) {
        this.nanosPerToken = rate == 0 ? 0 : NANOS_PER_SECOND / rate;
        this.capacityNanos = nanosPerToken * burst;
        this.fullAt = now;
    }

    /// Takes one token and returns how long the caller must wait before using it (0 if a
    /// token was available now).
    long take(long now) {
        return take(now, 1);
    }

    /// Takes `tokens` (a penalty: what one costly command is worth in lines; 0 takes nothing)
    /// and returns how long the caller must wait before using them (0 if they were there now).
    long take(long now, int tokens) {
        if (nanosPerToken == 0 || tokens <= 0) {
            return 0;
        }
        fullAt = Math.max(fullAt, now) + nanosPerToken * tokens;
        long wait = fullAt - now - capacityNanos;
        return Math.max(0, wait);
    }

    /// Takes one token if one is there now; a refusal takes nothing, so what is refused does
    /// not count against what comes later.
    boolean tryTake(long now) {
        if (nanosPerToken == 0) {
            return true;
        }
        long next = Math.max(fullAt, now) + nanosPerToken;
        if (next - now - capacityNanos > 0) {
            return false;
        }
        fullAt = next;
        return true;
    }
}
