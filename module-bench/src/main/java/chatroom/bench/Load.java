package chatroom.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/// One open-loop fan-out step over members that have already joined: the first `senders`
/// members send at `rate` messages per second each for `warmup + duration`; deliveries of
/// messages due in the last `duration` are counted and timed; then up to `drain` is given
/// for the last ones to arrive.
final class Load {

    /// What one step measured. Latencies in µs; CPU over the whole step (warm-up included),
    /// per delivery of that whole step.
    record Measurement(double rate, long sent, long expected, long received, Histogram latencies,
                       Duration duration, CpuMeter.Reading cpu, long deliveries, List<String> failures) {

        long lost() {
            return Math.max(0, expected - received);
        }

        double lossPercent() {
            return expected == 0 ? 0 : 100.0 * lost() / expected;
        }

        double deliveriesPerSecond() {
            return received / (duration.toNanos() / 1e9);
        }

        double ms(double percentile) {
            return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMs() {
            return latencies.getTotalCount() == 0 ? 0 : latencies.getMaxValue() / 1000.0;
        }

        double cpuMicrosPerDelivery(long cpuNanos) {
            return deliveries == 0 ? 0 : cpuNanos / 1000.0 / deliveries;
        }

        /// Several steps as one: counts, times and CPU added, latencies pooled.
        static Measurement pooled(List<Measurement> steps) {
            Histogram latencies = new Histogram(3);
            long sent = 0;
            long expected = 0;
            long received = 0;
            long deliveries = 0;
            Duration duration = Duration.ZERO;
            CpuMeter.Reading cpu = new CpuMeter.Reading(0, 0);
            List<String> failures = new ArrayList<>();
            for (Measurement step : steps) {
                latencies.add(step.latencies);
                sent += step.sent;
                expected += step.expected;
                received += step.received;
                deliveries += step.deliveries;
                duration = duration.plus(step.duration);
                cpu = cpu.plus(step.cpu);
                failures.addAll(step.failures);
            }
            double rate = steps.isEmpty() ? 0 : steps.getFirst().rate;
            return new Measurement(rate, sent, expected, received, latencies, duration, cpu, deliveries, failures);
        }

        void into(Result result) {
            result.put("rate_per_sender", rate).put("sent", sent).put("expected", expected).put("received", received)
                    .put("lost", lost()).put("loss_pct", lossPercent())
                    .put("deliveries_per_s", Math.round(deliveriesPerSecond()))
                    .put("p50_ms", ms(50)).put("p99_ms", ms(99)).put("p999_ms", ms(99.9)).put("max_ms", maxMs())
                    .put("gen_cpu_us_per_delivery", cpuMicrosPerDelivery(cpu.generator()))
                    .put("process_cpu_us_per_delivery", cpuMicrosPerDelivery(cpu.process()))
                    .put("disconnects", failures.size());
        }
    }

    /// The timing of a step, and the least length of each message's text (0: as short as it
    /// comes; otherwise padded with `x`, which makes a stalled member's queue fill sooner).
    record Shape(Duration warmup, Duration duration, Duration drain, int messageBytes) {
    }

    private Load() {
    }

    static Measurement run(Swarm swarm, List<Client> members, int senders, double rate, Shape shape,
                           BenchDialect dialect, long epoch) throws InterruptedException {
        return run(swarm, members.subList(0, senders), members.size(), rate, shape, dialect, epoch, () -> { });
    }

    /// A step whose messages are expected at `receivers` measured members (the senders among
    /// them; members with [Client#measured] off are not counted). `atWindowStart` runs once,
    /// on its own virtual thread, when the measured window opens (`slow` stalls members there).
    static Measurement run(Swarm swarm, List<Client> senders, int receivers, double rate, Shape shape,
                           BenchDialect dialect, long epoch, Runnable atWindowStart) throws InterruptedException {
        Duration warmup = shape.warmup();
        Duration duration = shape.duration();
        Duration drain = shape.drain();
        long start = System.nanoTime() - epoch + TimeUnit.MILLISECONDS.toNanos(100);
        long windowStart = start + warmup.toNanos();
        long end = windowStart + duration.toNanos();
        Phase window = new Phase(windowStart, end);
        swarm.measure(window);
        int failuresBefore = swarm.failures().size();

        CpuMeter.Reading cpuBefore = CpuMeter.read(swarm.threads());
        long deliveriesBefore = swarm.deliveries();
        Thread hook = Thread.ofVirtual().name("bench-window-start").start(() -> {
            for (long wait = windowStart - (System.nanoTime() - epoch); wait > 0;
                 wait = windowStart - (System.nanoTime() - epoch)) {
                LockSupport.parkNanos(wait);
            }
            atWindowStart.run();
        });
        Pacer pacer = new Pacer(senders, dialect, rate, epoch, start, end, window, shape.messageBytes());
        pacer.thread.start();
        pacer.thread.join(TimeUnit.NANOSECONDS.toMillis(end - (System.nanoTime() - epoch)) + 60_000);
        if (pacer.thread.isAlive()) {
            pacer.thread.interrupt();
            throw new IllegalStateException("the pacer did not stop within 60 s after the end of the step");
        }
        hook.join(10_000);
        long expected = pacer.sentInWindow() * (receivers - 1);
        long drainDeadline = System.nanoTime() + drain.toNanos();
        while (window.received.sum() < expected && System.nanoTime() < drainDeadline
                && swarm.failures().size() == failuresBefore) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        CpuMeter.Reading cpuAfter = CpuMeter.read(swarm.threads());
        CpuMeter.Reading used = cpuAfter.minus(cpuBefore);
        used = new CpuMeter.Reading(used.process(), used.generator() + pacer.cpuNanos());
        long deliveries = swarm.deliveries() - deliveriesBefore;
        swarm.measure(Phase.none());

        List<String> failures = new ArrayList<>(swarm.failures().subList(failuresBefore, swarm.failures().size()));
        pacer.failure().ifPresent(e -> failures.add("sender: " + e.getMessage()));
        return new Measurement(rate, pacer.sent(), expected, window.received.sum(), window.histogram(), duration,
                used, deliveries, failures);
    }
}
