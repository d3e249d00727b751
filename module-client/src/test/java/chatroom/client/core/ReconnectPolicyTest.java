package chatroom.client.core;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("reconnect policy")
class ReconnectPolicyTest {

    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    @DisplayName("doubles the delay from the first up to the cap")
    void exponentialAndCapped() {
        var policy = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 0);

        assertThat(policy.delay(0, random)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(1, random)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(4, random)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delay(5, random)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(1_000, random)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(Integer.MAX_VALUE, random)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("jitter takes a random part off each delay, never more than its share")
    void jitter() {
        var policy = new ReconnectPolicy(Duration.ofSeconds(10), Duration.ofSeconds(10), 0.2);
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < 1_000; i++) {
            long millis = policy.delay(3, random).toMillis();
            smallest = Math.min(smallest, millis);
            largest = Math.max(largest, millis);
        }
        assertThat(smallest).isGreaterThanOrEqualTo(8_000);
        assertThat(largest).isLessThanOrEqualTo(10_000);
        assertThat(largest - smallest).as("the delays differ").isGreaterThan(500);
    }

    @Test
    @DisplayName("refuses nonsense")
    void validation() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
