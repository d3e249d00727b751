package chatroom.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/// A measurement window: deliveries of messages scheduled in `[start, end)` (nanoseconds since
/// the run's epoch) are counted and their latencies recorded, in microseconds. Room (and
/// fan-out) messages and private messages (`rooms`) are kept apart. Recording is wait-free
/// ([Recorder], [LongAdder]): no lock per delivery.
final class Phase {

    final long start;
    final long end;
    final LongAdder received = new LongAdder();
    private final Recorder latencies = new Recorder(3);
    /// Private messages' deliveries (`rooms`), counted apart from the room messages'.
    final LongAdder directReceived = new LongAdder();
    private final Recorder directLatencies = new Recorder(3);

    Phase(long start, long end) {
        this.start = start;
        this.end = end;
    }

    /// A phase that records nothing (before the first window).
    static Phase none() {
        return new Phase(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    void record(long scheduled, long now) {
        if (scheduled >= start && scheduled < end) {
            received.increment();
            latencies.recordValue(Math.max(0, (now - scheduled) / 1000));
        }
    }

    /// Records the delivery of a private message.
    void recordDirect(long scheduled, long now) {
        if (scheduled >= start && scheduled < end) {
            directReceived.increment();
            directLatencies.recordValue(Math.max(0, (now - scheduled) / 1000));
        }
    }

    /// The latencies recorded so far (µs). Call once, after the window has drained.
    Histogram histogram() {
        return latencies.getIntervalHistogram();
    }

    /// The private messages' latencies recorded so far (µs). Call once, after the window has drained.
    Histogram directHistogram() {
        return directLatencies.getIntervalHistogram();
    }
}
