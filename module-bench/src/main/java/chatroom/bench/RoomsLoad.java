package chatroom.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/// One open-loop `rooms` step over members that are in all their rooms: room messages and
/// private messages for `warmup + duration` ([RoomsPacer]); deliveries of messages due in the
/// last `duration` are counted and timed, each kind apart; then up to `drain` is given for the
/// last ones to arrive.
final class RoomsLoad {

    /// One kind of delivery in the window: messages sent, deliveries owed and seen, latencies (µs).
    record Tally(long sent, long expected, long received, Histogram latencies) {

        long lost() {
            return Math.max(0, expected - received);
        }

        double lossPercent() {
            return expected == 0 ? 0 : 100.0 * lost() / expected;
        }

        double ms(double percentile) {
            return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMs() {
            return latencies.getTotalCount() == 0 ? 0 : latencies.getMaxValue() / 1000.0;
        }

        /// Both kinds as one: counts added, latencies pooled.
        Tally plus(Tally other) {
            Histogram pooled = new Histogram(3);
            pooled.add(latencies);
            pooled.add(other.latencies);
            return new Tally(sent + other.sent, expected + other.expected, received + other.received, pooled);
        }

        /// Puts the figures under `prefix` (`room_`, `private_`, or nothing for the total).
        void into(Result result, String prefix) {
            result.put(prefix + "sent", sent).put(prefix + "expected", expected).put(prefix + "received", received)
                    .put(prefix + "lost", lost()).put(prefix + "loss_pct", lossPercent())
                    .put(prefix + "p50_ms", ms(50)).put(prefix + "p99_ms", ms(99)).put(prefix + "p999_ms", ms(99.9))
                    .put(prefix + "max_ms", maxMs());
        }
    }

    /// What one step measured. CPU is over the whole step (warm-up and drain included) and is
    /// divided by every delivery of that step, both kinds; `serverCpuNanos` is empty where the
    /// server's CPU cannot be read (an external server without `--server-pid`).
    ///
    /// `lateness` is how late the pacer wrote the window's messages (µs): latency measured from
    /// the due time includes it, so a high value there means the generator (or the machine) and
    /// not the server held messages up.
    record Measurement(Tally rooms, Tally direct, Duration duration, CpuMeter.Reading cpu,
                       OptionalLong serverCpuNanos, long deliveries, Histogram lateness, List<String> failures) {

        Tally total() {
            return rooms.plus(direct);
        }

        double perDelivery(long nanos) {
            return deliveries == 0 ? 0 : nanos / 1000.0 / deliveries;
        }

        void into(Result result) {
            rooms.into(result, "room_");
            direct.into(result, "private_");
            Tally total = total();
            total.into(result, "");
            result.put("deliveries_per_s", Math.round(total.received() / (duration.toNanos() / 1e9)));
            result.put("server_cpu_us_per_delivery", serverCpuNanos.isPresent()
                    ? String.format(Locale.ROOT, "%.3f", perDelivery(serverCpuNanos.getAsLong())) : "n/a");
            result.put("send_late_p99_ms", lateness.getValueAtPercentile(99) / 1000.0)
                    .put("send_late_max_ms", lateness.getMaxValue() / 1000.0);
            result.put("gen_cpu_us_per_delivery", perDelivery(cpu.generator()))
                    .put("process_cpu_us_per_delivery", perDelivery(cpu.process()))
                    .put("disconnects", failures.size());
        }
    }

    /// How the step sends: `senders` members at `rate` room messages a second each, and
    /// `privateRate` private messages a second in all, chosen with `seed`.
    record Traffic(RoomPlan plan, int senders, double rate, double privateRate, long seed) {
    }

    private RoomsLoad() {
    }

    /// Runs one step. `serverCpu` reads the server's CPU time in ns, if it can be read: this
    /// JVM's minus the generator's threads for an in-process server, `/proc/PID/stat` for an
    /// external one with a known pid.
    static Measurement run(Swarm swarm, List<Client> members, Traffic traffic, Load.Shape shape,
                           BenchDialect dialect, long epoch, ServerCpu serverCpu) throws InterruptedException {
        long start = System.nanoTime() - epoch + TimeUnit.MILLISECONDS.toNanos(100);
        long windowStart = start + shape.warmup().toNanos();
        long end = windowStart + shape.duration().toNanos();
        Phase window = new Phase(windowStart, end);
        swarm.measure(window);
        int failuresBefore = swarm.failures().size();

        CpuMeter.Reading cpuBefore = CpuMeter.read(swarm.threads());
        OptionalLong serverBefore = serverCpu.read(cpuBefore);
        long deliveriesBefore = swarm.deliveries();
        RoomsPacer pacer = new RoomsPacer(members, traffic.plan(), traffic.senders(), traffic.rate(),
                traffic.privateRate(), traffic.seed(), dialect, epoch, start, end, window, shape.messageBytes());
        pacer.thread.start();
        pacer.thread.join(TimeUnit.NANOSECONDS.toMillis(end - (System.nanoTime() - epoch)) + 60_000);
        if (pacer.thread.isAlive()) {
            pacer.thread.interrupt();
            throw new IllegalStateException("the pacer did not stop within 60 s after the end of the step");
        }
        long roomExpected = pacer.roomExpected();
        long privateExpected = pacer.privateSentInWindow();
        long drainDeadline = System.nanoTime() + shape.drain().toNanos();
        while ((window.received.sum() < roomExpected || window.directReceived.sum() < privateExpected)
                && System.nanoTime() < drainDeadline && swarm.failures().size() == failuresBefore) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        CpuMeter.Reading cpuAfter = CpuMeter.read(swarm.threads());
        CpuMeter.Reading used = cpuAfter.minus(cpuBefore);
        used = new CpuMeter.Reading(used.process(), used.generator() + pacer.cpuNanos());
        OptionalLong serverAfter = serverCpu.read(cpuAfter);
        OptionalLong server = serverBefore.isPresent() && serverAfter.isPresent()
                ? OptionalLong.of(serverAfter.getAsLong() - serverBefore.getAsLong()
                        - (serverCpu.inProcess() ? pacer.cpuNanos() : 0))
                : OptionalLong.empty();
        long deliveries = swarm.deliveries() - deliveriesBefore;
        swarm.measure(Phase.none());

        List<String> failures = new ArrayList<>(swarm.failures().subList(failuresBefore, swarm.failures().size()));
        pacer.failure().ifPresent(e -> failures.add("sender: " + e.getMessage()));
        Tally rooms = new Tally(pacer.roomSentInWindow(), roomExpected, window.received.sum(), window.histogram());
        Tally direct = new Tally(pacer.privateSentInWindow(), privateExpected, window.directReceived.sum(),
                window.directHistogram());
        return new Measurement(rooms, direct, shape.duration(), used, server, deliveries, pacer.lateness(), failures);
    }

    /// Where the server's CPU time comes from: for an in-process server, this JVM's CPU minus
    /// the generator's threads (so JIT and GC count as the server's); for an external one,
    /// `/proc/PID/stat` when `--server-pid` is given.
    record ServerCpu(boolean inProcess, OptionalLong pid) {

        static ServerCpu of(ServerUnderTest server) {
            return new ServerCpu(server.inProcess(), server.inProcess() ? OptionalLong.empty() : server.pid());
        }

        /// The server's CPU time so far (ns), given this process's reading at the same moment.
        OptionalLong read(CpuMeter.Reading now) {
            if (inProcess) {
                return OptionalLong.of(now.process() - now.generator());
            }
            return pid.isPresent() ? ProcStatus.cpuNanos(pid.getAsLong()) : OptionalLong.empty();
        }
    }
}
