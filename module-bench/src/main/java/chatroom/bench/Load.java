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

    private Load() {
    }

    static Measurement run(Swarm swarm, List<Client> members, int senders, double rate, Duration warmup,
                           Duration duration, Duration drain, BenchDialect dialect, long epoch) throws InterruptedException {
        long start = System.nanoTime() - epoch + TimeUnit.MILLISECONDS.toNanos(100);
        long windowStart = start + warmup.toNanos();
        long end = windowStart + duration.toNanos();
        Phase window = new Phase(windowStart, end);
        swarm.measure(window);
        int failuresBefore = swarm.failures().size();

        CpuMeter.Reading cpuBefore = CpuMeter.read(swarm.threads());
        long deliveriesBefore = swarm.deliveries();
        Pacer pacer = new Pacer(members.subList(0, senders), dialect, rate, epoch, start, end, window);
        pacer.thread.start();
        pacer.thread.join(TimeUnit.NANOSECONDS.toMillis(end - (System.nanoTime() - epoch)) + 60_000);
        if (pacer.thread.isAlive()) {
            pacer.thread.interrupt();
            throw new IllegalStateException("the pacer did not stop within 60 s after the end of the step");
        }
        long expected = pacer.sentInWindow() * (members.size() - 1);
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
