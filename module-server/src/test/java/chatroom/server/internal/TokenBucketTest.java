package chatroom.server.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("flood control's token bucket")
class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    @DisplayName("lets a burst through at once, then spaces lines at the rate")
    void burstThenRate() {
        var bucket = new TokenBucket(5, 3, 0);

        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isEqualTo(SECOND / 5);
        assertThat(bucket.take(0)).isEqualTo(2 * SECOND / 5);
    }

    @Test
    @DisplayName("refills with time, up to the burst and no further")
    void refills() {
        var bucket = new TokenBucket(10, 2, 0);
        bucket.take(0);
        bucket.take(0);

        long later = 10 * SECOND;
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).as("an idle minute does not save up more than the burst")
                .isEqualTo(SECOND / 10);
    }

    @Test
    @DisplayName("a penalty of several tokens uses up the burst sooner and waits as long as that many lines")
    void penalty() {
        var bucket = new TokenBucket(10, 5, 0);
        assertThat(bucket.take(0, 3)).isZero();
        assertThat(bucket.take(0, 0)).as("nothing taken").isZero();
        assertThat(bucket.take(0, 2)).isZero();
        assertThat(bucket.take(0, 4)).isEqualTo(4 * SECOND / 10);
        assertThat(bucket.take(0)).isEqualTo(5 * SECOND / 10);
    }

    @Test
    @DisplayName("never limits when the rate is 0")
    void off() {
        var bucket = new TokenBucket(0, 1, 0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(bucket.take(0)).isZero();
        }
    }
}
