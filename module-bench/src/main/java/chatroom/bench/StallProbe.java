package chatroom.bench;

import javafx.application.Platform;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/// Pings the FX thread over and over (`Platform.runLater`, then waits for the answer) from its
/// own thread and records each answer time: the longest is the longest time the FX thread was
/// too busy to run anything else, as a person's keystroke or click would have waited.
///
/// A pause of [#PAUSE] between pings keeps the probe from competing for the CPU with what it
/// measures. Bounded: it stops after `limit`, or after one ping is not answered within it.
/// The histogram is written by the probe's thread only and read after [#close()].
final class StallProbe implements AutoCloseable {

    static final Duration PAUSE = Duration.ofMillis(1);

    private final AtomicBoolean running = new AtomicBoolean(true);
    /// Answer times in microseconds, up to a minute.
    private final Histogram answers = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final Duration limit;
    private final Thread thread;
    private volatile boolean unanswered;

    StallProbe(Duration limit) {
        this.limit = limit;
        this.thread = Thread.ofPlatform().daemon().name("bench-fx-stall-probe").start(this::run);
    }

    private void run() {
        long deadline = System.nanoTime() + limit.toNanos();
        while (running.get() && System.nanoTime() < deadline) {
            var answered = new CountDownLatch(1);
            long sent = System.nanoTime();
            Platform.runLater(answered::countDown);
            try {
                if (!answered.await(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                    unanswered = true;
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent);
            answers.recordValue(Math.min(micros, answers.getHighestTrackableValue()));
            LockSupport.parkNanos(PAUSE.toNanos());
        }
    }

    /// Stops pinging and waits for the last answer.
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(limit.plusSeconds(1));
    }

    /// Whether a ping went unanswered for the whole `limit` (the FX thread hung).
    boolean hung() {
        return unanswered;
    }

    long pings() {
        return answers.getTotalCount();
    }

    /// The longest answer time, in milliseconds.
    double longestMillis() {
        return answers.getMaxValue() / 1000.0;
    }

    /// The answer time at `percentile` (0–100), in milliseconds.
    double percentileMillis(double percentile) {
        return answers.getValueAtPercentile(percentile) / 1000.0;
    }
}
