package chatroom.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/// `bench slow`: the fan-out twice on the same members. First a baseline; then the same run in
/// which, when the measured window opens, 1 % of the members (at least one, never a sender)
/// stop reading and keep their sockets open. Reports the healthy members' latency in both
/// runs, and whether and when the server dropped the stalled ones.
///
/// With `--rounds K` the pair runs K times, baseline first in odd rounds and last in even
/// ones, and each kind's latencies are pooled: on a shared machine two runs of the same code
/// differ by more than the effect looked for, and the alternation keeps a drift (the JIT, a
/// heap still growing, a neighbour's load) from landing on one kind only. After each stalled
/// run, fresh members take the places of the stalled ones (dropped, or told to leave if they
/// were not), so every run has the same number of members.
///
/// A drop is seen two ways: an observer (a healthy member) sees the server announce the
/// stalled member's departure (`left the chat`, `LEFT`, IRC `QUIT`), which also dates it; and
/// after the run the stalled members read again, so a server that closed them shows as end
/// of stream (IRC servers send their `ERROR :…SendQ exceeded` first).
@Command(name = "slow", mixinStandardHelpOptions = true,
        description = "Fan-out baseline, then the same run with --stalled-pct of the members not reading "
                + "from the window's start, --rounds times; healthy members' p99 in both, and the stalled ones' drops.")
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

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "K",
            description = "Baseline and stalled runs, K of each (1..20), in the order B S S B B S …; each kind's "
                    + "latencies are pooled. "
                    + "Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--send-queue", defaultValue = "0", paramLabel = "KIB",
            description = "--server self only: KiB the server queues for one client before dropping it; "
                    + "0 = the server's default (1 MiB). Default: ${DEFAULT-VALUE}.")
    int sendQueueKib;

    @Option(names = "--drop-wait", defaultValue = "5s", converter = ConnectionOptions.DurationConverter.class,
            description = "After each stalled run, longest wait for stalled members, reading again, to reach end of "
                    + "stream. Default: ${DEFAULT-VALUE}.")
    Duration dropWait;

    /// When a round's stalled members were seen dropped, in seconds after they stalled.
    private final List<Double> dropSeconds = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        load.validate(rate);
        connection.validate(load.members);
        int stalledCount = validate();
        PrintWriter out = spec.commandLine().getOut();
        long epoch = System.nanoTime();
        // Room for a round's replacements while the members they replace may still be leaving.
        try (ServerUnderTest server = ServerUnderTest.of(connection, load.members + stalledCount, sendQueueKib);
             Swarm swarm = new Swarm(server.target(), connection.dialect, connection.reactors, epoch)) {
            out.printf("slow: %d members (%d senders at %s msg/s, %d stalled) on %s server %s, dialect %s, %d round(s)%n",
                    load.members, load.senders, rate, stalledCount, server.label(), server.target(),
                    connection.dialect.name().toLowerCase(Locale.ROOT), rounds);
            out.printf("  %-13s %12s %10s %9s %9s %9s %9s%n", "run", "deliv/s", "lost", "p50 ms", "p99 ms",
                    "p99.9 ms", "max ms");
            out.flush();
            List<Client> members = swarm.connect(load.members, connection.namePrefix,
                    connection.connecting(load.members));
            members.get(load.senders).observer = true; // the first healthy non-sender (validate() keeps one)
            int healthy = members.size() - stalledCount;
            List<Client> senders = members.subList(0, load.senders);
            List<Client> stalled = members.subList(members.size() - stalledCount, members.size());

            List<Load.Measurement> baselines = new ArrayList<>();
            List<Load.Measurement> withStalled = new ArrayList<>();
            int nextIndex = load.members;
            for (int round = 1; round <= rounds; round++) {
                // Baseline first in odd rounds, last in even ones: a drift over the whole run
                // (the JIT, a heap still growing) weighs on both kinds alike.
                for (boolean stalling : round % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    if (stalled == null) {
                        stalled = swarm.connect(nextIndex, stalledCount, connection.namePrefix,
                                connection.connecting(stalledCount));
                        nextIndex += stalledCount;
                    }
                    stalled.forEach(client -> client.measured = false);
                    if (stalling) {
                        withStalled.add(stalledRun(swarm, senders, healthy, stalled, epoch));
                        row(out, "stalled " + round, withStalled.getLast());
                        swarm.retire(stalled);
                        stalled = null;
                    } else {
                        baselines.add(Load.run(swarm, senders, healthy, rate, load.shape(), connection.dialect, epoch,
                                () -> { }));
                        row(out, "baseline " + round, baselines.getLast());
                    }
                }
            }
            report(out, server, stalledCount, healthy, baselines, withStalled);
            return ExitCode.OK.code;
        }
    }

    /// One run in which `stalled` stop reading when the window opens; then they read again
    /// until the server's drops show (at most `--drop-wait`), which are noted.
    private Load.Measurement stalledRun(Swarm swarm, List<Client> senders, int healthy, List<Client> stalled,
                                        long epoch) throws InterruptedException {
        AtomicLong stalledAt = new AtomicLong();
        Load.Measurement run = Load.run(swarm, senders, healthy, rate, load.shape(), connection.dialect, epoch, () -> {
            stalledAt.set(System.nanoTime() - epoch);
            swarm.stall(stalled);
        });
        swarm.resume(stalled);
        Set<String> names = stalled.stream().map(client -> client.name).collect(Collectors.toSet());
        long deadline = System.nanoTime() + dropWait.toNanos();
        Map<String, Long> drops = droppedAmong(swarm, names);
        while (drops.size() < names.size() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            drops = droppedAmong(swarm, names);
        }
        drops.values().forEach(at -> dropSeconds.add((at - stalledAt.get()) / 1e9));
        return run;
    }

    private static Map<String, Long> droppedAmong(Swarm swarm, Set<String> names) {
        Map<String, Long> drops = new HashMap<>(swarm.drops());
        drops.keySet().retainAll(names);
        return drops;
    }

    private void report(PrintWriter out, ServerUnderTest server, int stalledCount, int healthy,
                        List<Load.Measurement> baselines, List<Load.Measurement> withStalled) {
        Load.Measurement baseline = Load.Measurement.pooled(baselines);
        Load.Measurement stalledPooled = Load.Measurement.pooled(withStalled);
        if (rounds > 1) {
            row(out, "baseline all", baseline);
            row(out, "stalled all", stalledPooled);
        }
        Result result = new Result().put("scenario", "slow");
        load.describe(result, connection, server);
        result.put("rate_per_sender", rate).put("rounds", rounds).put("stalled", stalledCount)
                .put("stalled_total", stalledCount * rounds).put("healthy", healthy)
                .put("send_queue_kib", server.inProcess() ? (sendQueueKib > 0 ? sendQueueKib : 1024) : "server's")
                .put("baseline_p50_ms", baseline.ms(50)).put("baseline_p99_ms", baseline.ms(99))
                .put("baseline_max_ms", baseline.maxMs()).put("baseline_lost", baseline.lost())
                .put("p50_ms", stalledPooled.ms(50)).put("p99_ms", stalledPooled.ms(99))
                .put("p999_ms", stalledPooled.ms(99.9)).put("max_ms", stalledPooled.maxMs())
                .put("expected", stalledPooled.expected()).put("received", stalledPooled.received())
                .put("lost", stalledPooled.lost())
                .put("p99_change_pct", baseline.ms(99) == 0 ? 0.0
                        : 100.0 * (stalledPooled.ms(99) - baseline.ms(99)) / baseline.ms(99))
                .put("baseline_p99_ms_by_round", p99s(baselines)).put("p99_ms_by_round", p99s(withStalled))
                .put("msgs_per_stalled_member", withStalled.getFirst().expected() / Math.max(1, healthy - 1))
                .put("dropped", dropSeconds.size());
        if (dropSeconds.isEmpty()) {
            result.put("first_drop_s", "none").put("last_drop_s", "none");
        } else {
            result.put("first_drop_s", Collections.min(dropSeconds)).put("last_drop_s", Collections.max(dropSeconds));
        }
        result.put("disconnects", baseline.failures().size() + stalledPooled.failures().size());
        if (dropSeconds.size() < stalledCount * rounds) {
            out.printf("  note: %d of %d stalled members were not dropped: the messages sent towards each (%d) "
                    + "may not fill the server's send queue plus the kernel's socket buffers; lengthen "
                    + "--duration, raise --rate%s.%n", stalledCount * rounds - dropSeconds.size(), stalledCount * rounds,
                    withStalled.getFirst().expected() / Math.max(1, healthy - 1),
                    server.inProcess() ? " or lower --send-queue" : "");
        }
        result.print(out);
        baseline.failures().stream().limit(5).forEach(f -> spec.commandLine().getErr().println("  failure: " + f));
        stalledPooled.failures().stream().limit(5).forEach(f -> spec.commandLine().getErr().println("  failure: " + f));
    }

    /// Each run's p99 in ms, as `6.91/7.02/6.55`.
    private static String p99s(List<Load.Measurement> runs) {
        return runs.stream().map(run -> String.format(Locale.ROOT, "%.2f", run.ms(99))).collect(Collectors.joining("/"));
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
        if (rounds < 1 || rounds > 20) {
            throw new BenchException.Usage("--rounds must be 1..20: " + rounds);
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
