package chatroom.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/// How much of the room's history the server keeps on disk: at most `maxMessages` messages,
/// none older than `maxAge`. Either limit may be absent; with both absent nothing is dropped.
///
/// @param maxMessages most messages kept, at least 1 when present
/// @param maxAge      oldest message kept, positive when present
public record HistoryRetention(OptionalLong maxMessages, Optional<Duration> maxAge) {

    public HistoryRetention {
        Objects.requireNonNull(maxMessages, "maxMessages");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxMessages.isPresent() && maxMessages.getAsLong() < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1: " + maxMessages.getAsLong());
        }
        maxAge.ifPresent(age -> {
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("maxAge must be positive: " + age);
            }
        });
    }

    /// At most `count` messages, of any age.
    public static HistoryRetention messages(long count) {
        return new HistoryRetention(OptionalLong.of(count), Optional.empty());
    }

    /// Messages younger than `age`, any number of them.
    public static HistoryRetention age(Duration age) {
        return new HistoryRetention(OptionalLong.empty(), Optional.of(age));
    }
}
