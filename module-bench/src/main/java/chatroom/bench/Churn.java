package chatroom.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/// `churn`'s short-lived population: from [#start] until `length` has passed (or `max` joins
/// were attempted), one member a `1/rate` s connects, joins, stays a random time in
/// `[stayMin, stayMax]` and leaves, politely (the dialect's quit) or, for `abruptPercent` of
/// them, by closing the socket. Churners are never measured and never send.
///
/// The schedule runs on one named platform thread; each churner lives on its own virtual
/// thread. [#stop] ends every stay at once, and waits, bounded, for all of them to leave.
final class Churn implements Runnable {

    /// How long a polite leaver waits for the server to close its connection before closing it.
    private static final long QUIT_LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

    record Settings(double rate, Duration stayMin, Duration stayMax, int abruptPercent, Duration joinTimeout,
                    int max, String prefix, int firstIndex, int sources) {
    }

    /// What the population did. Join latency from the start of `connect` to the member's own join, in µs.
    record Report(long attempted, long joined, long failedJoins, long quits, long aborts, long droppedWhileIn,
                  double seconds, Histogram joinLatency, List<String> failures) {

        double joinsPerSecond() {
            return seconds == 0 ? 0 : joined / seconds;
        }

        double joinMs(double percentile) {
            return joinLatency.getTotalCount() == 0 ? 0 : joinLatency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final Swarm swarm;
    private final BenchDialect dialect;
    private final Settings settings;
    private final Duration length;
    private final SplittableRandom random = new SplittableRandom(5);
    private final CountDownLatch ending = new CountDownLatch(1);
    private final Queue<Thread> lives = new ConcurrentLinkedQueue<>();
    private final Recorder joinLatency = new Recorder(3);
    private final LongAdder attempted = new LongAdder();
    private final LongAdder joined = new LongAdder();
    private final LongAdder failedJoins = new LongAdder();
    private final LongAdder quits = new LongAdder();
    private final LongAdder aborts = new LongAdder();
    private final LongAdder droppedWhileIn = new LongAdder();
    private volatile long startedAt;
    private volatile long scheduleEndedAt;
    final Thread thread;

    Churn(Swarm swarm, BenchDialect dialect, Settings settings, Duration length) {
        this.swarm = swarm;
        this.dialect = dialect;
        this.settings = settings;
        this.length = length;
        this.thread = Thread.ofPlatform().name("bench-churn").unstarted(this);
    }

    void start() {
        startedAt = System.nanoTime();
        thread.start();
    }

    @Override
    public void run() {
        double interval = 1e9 / settings.rate();
        long end = startedAt + length.toNanos();
        try {
            for (int k = 0; k < settings.max() && ending.getCount() > 0; k++) {
                long due = startedAt + (long) (k * interval);
                if (due >= end) {
                    break;
                }
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    if (ending.await(wait, TimeUnit.NANOSECONDS)) {
                        return;
                    }
                }
                long stay = settings.stayMin().toNanos()
                        + (long) (random.nextDouble() * (settings.stayMax().toNanos() - settings.stayMin().toNanos()));
                boolean abrupt = random.nextInt(100) < settings.abruptPercent();
                int number = k;
                attempted.increment();
                lives.add(Thread.ofVirtual().name("bench-churner-" + k).start(() -> live(number, stay, abrupt)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            scheduleEndedAt = System.nanoTime();
        }
    }

    private void live(int k, long stayNanos, boolean abrupt) {
        String name = settings.prefix() + "c" + k;
        long began = System.nanoTime();
        Client client;
        try {
            client = swarm.openChurner(settings.firstIndex() + k, name, settings.sources());
        } catch (IOException | RuntimeException e) {
            failedJoins.increment();
            swarm.churnFailed(name, "connect: " + e);
            return;
        }
        try {
            if (!client.settled.await(settings.joinTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                failedJoins.increment();
                swarm.churnFailed(name, "not joined after " + settings.joinTimeout());
                client.close();
                return;
            }
            if (!client.joined) {
                failedJoins.increment(); // refused or closed: the swarm has its reason
                client.close();
                return;
            }
            joined.increment();
            joinLatency.recordValue((System.nanoTime() - began) / 1000);
            ending.await(stayNanos, TimeUnit.NANOSECONDS);
            if (client.closed) {
                droppedWhileIn.increment(); // the server closed it: the swarm has its reason
                return;
            }
            if (abrupt) {
                aborts.increment();
                client.close();
                return;
            }
            quits.increment();
            client.leaving = true;
            try {
                client.writeLine(dialect.quit());
            } catch (IOException e) {
                swarm.churnFailed(name, "quit: " + e.getMessage());
            }
            long deadline = System.nanoTime() + QUIT_LINGER_NANOS;
            while (!client.closed && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            client.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
        }
    }

    /// Ends the schedule and every stay; waits up to `grace` for the churners to leave.
    Report stop(Duration grace) throws InterruptedException {
        ending.countDown();
        long deadline = System.nanoTime() + grace.toNanos();
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        for (Thread life : lives) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !life.join(Duration.ofNanos(left))) {
                break;
            }
        }
        long ended = scheduleEndedAt == 0 ? System.nanoTime() : scheduleEndedAt;
        List<String> failures = new ArrayList<>(swarm.churnFailures());
        return new Report(attempted.sum(), joined.sum(), failedJoins.sum(), quits.sum(), aborts.sum(),
                droppedWhileIn.sum(), (ended - startedAt) / 1e9, joinLatency.getIntervalHistogram(), failures);
    }
}
