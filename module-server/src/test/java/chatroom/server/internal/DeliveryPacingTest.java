package chatroom.server.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryPacingTest {

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long HOLD = DeliveryPacing.HOLD.toNanos();
    private static final long WINDOW = DeliveryPacing.WINDOW.toNanos();

    private long now = 1_000_000_000L;
    private final DeliveryPacing pacing = new DeliveryPacing(now);

    @Test
    void aConversationAtHumanPaceIsNeverHeld() {
        for (int message = 0; message < 100; message++) {
            assertThat(pacing.holdNanos(now)).isZero();
            now += 250 * MILLI;
        }
    }

    @Test
    void aBusyRoomIsHeldFromTheWindowAfterItBecameBusy() {
        // 1,000 messages a second: the first window only measures.
        while (now < 1_000_000_000L + WINDOW) {
            assertThat(pacing.holdNanos(now)).isZero();
            now += MILLI;
        }
        for (int message = 0; message < 1000; message++) {
            assertThat(pacing.holdNanos(now)).isEqualTo(HOLD);
            now += MILLI;
        }
    }

    @Test
    void justBelowTheBusyRateIsNotHeldAndJustAboveIs() {
        long below = 1_000_000_000L / (DeliveryPacing.BUSY_MESSAGES_PER_SECOND - 50);
        long above = 1_000_000_000L / (DeliveryPacing.BUSY_MESSAGES_PER_SECOND + 50);
        for (int message = 0; message < 500; message++) {
            assertThat(pacing.holdNanos(now)).isZero();
            now += below;
        }
        long lastHold = 0;
        for (int message = 0; message < 500; message++) {
            lastHold = pacing.holdNanos(now);
            now += above;
        }
        assertThat(lastHold).isEqualTo(HOLD);
    }

    @Test
    void aRoomThatQuietensDownIsNoLongerHeld() {
        busyFor(300);
        assertThat(pacing.holdNanos(now)).isEqualTo(HOLD);
        // Ten messages a second for a while.
        long lastHold = HOLD;
        for (int message = 0; message < 5; message++) {
            now += 100 * MILLI;
            lastHold = pacing.holdNanos(now);
        }
        assertThat(lastHold).isZero();
    }

    @Test
    void theFirstMessageAfterALongSilenceIsNotHeld() {
        busyFor(300);
        now += TimeUnit.SECONDS.toNanos(30);
        assertThat(pacing.holdNanos(now)).isZero();
    }

    @Test
    void aBusyRoomSilentForMonthsIsNotHeld() {
        busyFor(300);
        now += TimeUnit.DAYS.toNanos(300);
        assertThat(pacing.holdNanos(now)).isZero();
        now += MILLI;
        assertThat(pacing.holdNanos(now)).isZero();
    }

    /// A message every millisecond, `messages` times.
    private void busyFor(int messages) {
        for (int message = 0; message < messages; message++) {
            pacing.holdNanos(now);
            now += MILLI;
        }
    }
}
