package chatroom.client.core;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/// When to try again after a connection is lost: capped exponential backoff with jitter, so
/// that a hundred clients of a restarted server do not all knock at the same instant.
///
/// @param first    the delay before the first retry
/// @param max      the longest delay
/// @param jitter   how much of each delay is random, from 0 (none) to 1 (all of it)
public record ReconnectPolicy(Duration first, Duration max, double jitter) {

    public ReconnectPolicy {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 <= first <= max: " + first + ", " + max);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    /// 1 s, doubling up to 30 s, with a fifth of each delay random.
    public static ReconnectPolicy standard() {
        return new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
    }

    /// The delay before retry number `attempt` (0 for the first retry).
    public Duration delay(int attempt, RandomGenerator random) {
        long firstMillis = first.toMillis();
        long ceiling = max.toMillis();
        long base = attempt >= 62 ? ceiling : Math.min(ceiling, firstMillis << Math.min(attempt, 62));
        if (base < 0) {
            base = ceiling;
        }
        long spread = (long) (base * jitter);
        long delay = base - spread + (spread == 0 ? 0 : random.nextLong(spread + 1));
        return Duration.ofMillis(delay);
    }
}
