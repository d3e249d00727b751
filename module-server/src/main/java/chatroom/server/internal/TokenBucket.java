package chatroom.server.internal;

/// Flood control for one client: `burst` lines at once, then `rate` lines per second.
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
        if (nanosPerToken == 0) {
            return 0;
        }
        fullAt = Math.max(fullAt, now) + nanosPerToken;
        long wait = fullAt - now - capacityNanos;
        return Math.max(0, wait);
    }

    /// Takes one token if one is available now, and nothing otherwise: for a limit that
    /// refuses rather than waits, where a refused attempt must not use up the allowance.
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
