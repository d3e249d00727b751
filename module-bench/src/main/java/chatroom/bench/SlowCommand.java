package chatroom.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/// `bench slow`: the fan-out twice on the same members. First a baseline; then the same run in
/// which, when the measured window opens, 1 % of the members (at least one, never a sender)
/// stop reading and keep their sockets open. Reports the healthy members' latency in both
/// runs, and whether and when the server dropped the stalled ones.
///
/// A drop is seen two ways: an observer (a healthy member) sees the server announce the
/// stalled member's departure (`left the chat`, `LEFT`, IRC `QUIT`), which also dates it; and
/// after the run the stalled members read again, so a server that closed them shows as end
/// of stream (IRC servers send their `ERROR :…SendQ exceeded` first).
@Command(name = "slow", mixinStandardHelpOptions = true,
        description = "Fan-out baseline, then the same run with --stalled-pct of the members not reading "
                + "from the window's start; healthy members' p99 in both, and the stalled ones' drops.")
final class SlowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    FanoutCommand.LoadOptions load;

    @Option(names = "--rate", defaultValue = "50", paramLabel = "R",
            description = "Messages per second per sender (higher fills a stalled member's queue sooner). "
                    + "Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--stalled-pct", defaultValue = "1", paramLabel = "P",
            description = "Percent of the members that stop reading (at least one). Default: ${DEFAULT-VALUE}.")
    double stalledPercent;

    @Option(names = "--send-queue", defaultValue = "0", paramLabel = "KIB",
            description = "--server self only: KiB the server queues for one client before dropping it; "
                    + "0 = the server's default (1 MiB). Default: ${DEFAULT-VALUE}.")
    int sendQueueKib;

    @Option(names = "--drop-wait", defaultValue = "5s", converter = ConnectionOptions.DurationConverter.class,
            description = "After the run, longest wait for stalled members, reading again, to reach end of stream. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration dropWait;

    @Override
    public Integer call() throws Exception {
        load.validate(rate);
        connection.validate(load.members);
        int stalledCount = validate();
        PrintWriter out = spec.commandLine().getOut();
        long epoch = System.nanoTime();
        try (ServerUnderTest server = ServerUnderTest.of(connection, load.members, sendQueueKib);
             Swarm swarm = new Swarm(server.target(), connection.dialect, connection.reactors, epoch)) {
            out.printf("slow: %d members (%d senders at %s msg/s, %d stalled) on %s server %s, dialect %s%n",
                    load.members, load.senders, rate, stalledCount, server.label(), server.target(),
                    connection.dialect.name().toLowerCase(Locale.ROOT));
            out.flush();
            List<Client> members = swarm.connect(load.members, connection.namePrefix,
                    connection.connecting(load.members));
            List<Client> stalled = members.subList(members.size() - stalledCount, members.size());
            stalled.forEach(client -> client.measured = false);
            members.get(load.senders).observer = true; // the first healthy non-sender (validate() keeps one)
            int healthy = members.size() - stalledCount;
            List<Client> senders = members.subList(0, load.senders);

            Load.Measurement baseline = Load.run(swarm, senders, healthy, rate, load.shape(),
                    connection.dialect, epoch, () -> { });
            AtomicLong stalledAt = new AtomicLong();
            Load.Measurement withStalled = Load.run(swarm, senders, healthy, rate, load.shape(),
                    connection.dialect, epoch, () -> {
                        stalledAt.set(System.nanoTime() - epoch);
                        swarm.stall(stalled);
                    });
            swarm.resume(stalled);
            long deadline = System.nanoTime() + dropWait.toNanos();
            while (swarm.drops().size() < stalledCount && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            Map<String, Long> drops = swarm.drops();

            out.printf("  %-13s %12s %10s %9s %9s %9s %9s%n", "run", "deliv/s", "lost", "p50 ms", "p99 ms",
                    "p99.9 ms", "max ms");
            row(out, "baseline", baseline);
            row(out, "with stalled", withStalled);
            Result result = new Result().put("scenario", "slow");
            load.describe(result, connection, server);
            result.put("rate_per_sender", rate).put("stalled", stalledCount).put("healthy", healthy)
                    .put("send_queue_kib", server.inProcess() ? (sendQueueKib > 0 ? sendQueueKib : 1024) : "server's")
                    .put("baseline_p50_ms", baseline.ms(50)).put("baseline_p99_ms", baseline.ms(99))
                    .put("baseline_max_ms", baseline.maxMs()).put("baseline_lost", baseline.lost())
                    .put("p50_ms", withStalled.ms(50)).put("p99_ms", withStalled.ms(99))
                    .put("p999_ms", withStalled.ms(99.9)).put("max_ms", withStalled.maxMs())
                    .put("expected", withStalled.expected()).put("received", withStalled.received())
                    .put("lost", withStalled.lost())
                    .put("p99_change_pct", baseline.ms(99) == 0 ? 0.0
                            : 100.0 * (withStalled.ms(99) - baseline.ms(99)) / baseline.ms(99))
                    .put("msgs_per_stalled_member", withStalled.expected() / Math.max(1, healthy - 1))
                    .put("dropped", drops.size());
            if (drops.isEmpty()) {
                result.put("first_drop_s", "none").put("last_drop_s", "none");
            } else {
                long first = drops.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                long last = drops.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                result.put("first_drop_s", (first - stalledAt.get()) / 1e9).put("last_drop_s", (last - stalledAt.get()) / 1e9);
            }
            result.put("disconnects", baseline.failures().size() + withStalled.failures().size());
            if (drops.size() < stalledCount) {
                out.printf("  note: %d of %d stalled members were not dropped: the messages sent towards each (%d) "
                        + "may not fill the server's send queue plus the kernel's socket buffers; lengthen "
                        + "--duration, raise --rate%s.%n", stalledCount - drops.size(), stalledCount,
                        withStalled.expected() / Math.max(1, healthy - 1), server.inProcess() ? " or lower --send-queue" : "");
            }
            result.print(out);
            baseline.failures().stream().limit(5).forEach(f -> spec.commandLine().getErr().println("  failure: " + f));
            withStalled.failures().stream().limit(5).forEach(f -> spec.commandLine().getErr().println("  failure: " + f));
            return ExitCode.OK.code;
        }
    }

    /// Checks this command's options; returns how many members stall.
    private int validate() {
        if (!(stalledPercent > 0) || stalledPercent > 50) {
            throw new BenchException.Usage("--stalled-pct must be above 0 and at most 50: " + stalledPercent);
        }
        int stalledCount = Math.max(1, (int) Math.round(load.members * stalledPercent / 100));
        if (stalledCount > load.members - load.senders - 1) {
            throw new BenchException.Usage("stalled members are never senders, and one more healthy member is needed: "
                    + "--members must be at least --senders + " + (stalledCount + 1));
        }
        if (sendQueueKib != 0 && (sendQueueKib < 16 || sendQueueKib > 1024 * 1024)) {
            throw new BenchException.Usage("--send-queue must be 0 (the default) or 16..1048576 KiB: " + sendQueueKib);
        }
        if (sendQueueKib != 0 && connection.server != ConnectionOptions.ServerMode.SELF) {
            throw new BenchException.Usage("--send-queue only applies to --server self; configure an external server's own");
        }
        ConnectionOptions.requirePositive("--drop-wait", dropWait);
        if (dropWait.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new BenchException.Usage("--drop-wait must be at most 10m: " + dropWait);
        }
        return stalledCount;
    }

    private static void row(PrintWriter out, String name, Load.Measurement m) {
        out.printf(Locale.ROOT, "  %-13s %12.0f %10d %9.2f %9.2f %9.2f %9.2f%n", name, m.deliveriesPerSecond(),
                m.lost(), m.ms(50), m.ms(99), m.ms(99.9), m.maxMs());
        out.flush();
    }
}
