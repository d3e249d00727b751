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
import java.util.concurrent.Callable;

/// `bench churn`: a fan-out over steady members (senders included) while a churning
/// population ([Churn]) joins and leaves at `--churn-rate` joins per second. Latency and loss
/// are measured on the steady members only, whose expected deliveries are known.
@Command(name = "churn", mixinStandardHelpOptions = true,
        description = "Fan-out over --members steady members while others join and leave at --churn-rate/s; "
                + "steady members' latency and loss, joins/s achieved, failed joins.")
final class ChurnCommand implements Callable<Integer> {

    /// Time given to the churners still in the room to leave after the run.
    private static final Duration LEAVE_GRACE = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    FanoutCommand.LoadOptions load;

    @Option(names = "--rate", defaultValue = "10", paramLabel = "R",
            description = "Messages per second per sender. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--churn-rate", defaultValue = "10", paramLabel = "J",
            description = "Churning members joining per second (open loop). Default: ${DEFAULT-VALUE}.")
    double churnRate;

    @Option(names = "--stay-min", defaultValue = "200ms", converter = ConnectionOptions.DurationConverter.class,
            description = "Shortest stay of a churning member. Default: ${DEFAULT-VALUE}.")
    Duration stayMin;

    @Option(names = "--stay-max", defaultValue = "3s", converter = ConnectionOptions.DurationConverter.class,
            description = "Longest stay of a churning member. Default: ${DEFAULT-VALUE}.")
    Duration stayMax;

    @Option(names = "--abrupt-pct", defaultValue = "25", paramLabel = "P",
            description = "Percent of churning members that close the socket instead of quitting. Default: ${DEFAULT-VALUE}.")
    int abruptPercent;

    @Option(names = "--churn-join-timeout", defaultValue = "10s", converter = ConnectionOptions.DurationConverter.class,
            description = "Time a churning member has to join before it counts as a failed join. Default: ${DEFAULT-VALUE}.")
    Duration churnJoinTimeout;

    @Option(names = "--max-churners", defaultValue = "20000", paramLabel = "N",
            description = "Most churning members over the run. Default: ${DEFAULT-VALUE}.")
    int maxChurners;

    @Override
    public Integer call() throws Exception {
        load.validate(rate);
        validate();
        int peak = (int) Math.min(maxChurners, Math.ceil(churnRate * (stayMax.toMillis()
                + churnJoinTimeout.toMillis() + 2_000) / 1000.0));
        connection.validate(load.members + peak);
        PrintWriter out = spec.commandLine().getOut();
        long epoch = System.nanoTime();
        try (ServerUnderTest server = ServerUnderTest.of(connection, load.members + peak);
             Swarm swarm = new Swarm(server.target(), connection.dialect, connection.reactors, epoch)) {
            out.printf("churn: %d steady members (%d senders at %s msg/s), %s joins/s staying %d..%d ms (%d%% abrupt) "
                            + "on %s server %s, dialect %s%n", load.members, load.senders, rate, churnRate,
                    stayMin.toMillis(), stayMax.toMillis(), abruptPercent, server.label(), server.target(),
                    connection.dialect.name().toLowerCase(Locale.ROOT));
            out.flush();
            List<Client> members = swarm.connect(load.members, connection.namePrefix,
                    connection.connecting(load.members));
            Churn churn = new Churn(swarm, connection.dialect, new Churn.Settings(churnRate, stayMin, stayMax,
                    abruptPercent, churnJoinTimeout, maxChurners, connection.namePrefix, load.members,
                    connection.sources(load.members + peak)), load.warmup.plus(load.duration));
            churn.start();
            Load.Measurement m;
            Churn.Report report;
            try {
                m = Load.run(swarm, members, load.senders, rate, load.shape(), connection.dialect, epoch);
            } finally {
                report = churn.stop(LEAVE_GRACE);
            }
            Result result = new Result().put("scenario", "churn");
            load.describe(result, connection, server);
            result.put("churn_rate", churnRate).put("churn_attempted", report.attempted())
                    .put("churn_joins", report.joined()).put("joins_per_s", report.joinsPerSecond())
                    .put("failed_joins", report.failedJoins()).put("churn_quits", report.quits())
                    .put("churn_aborts", report.aborts()).put("churn_dropped", report.droppedWhileIn())
                    .put("join_p50_ms", report.joinMs(50)).put("join_p99_ms", report.joinMs(99));
            m.into(result);
            result.print(out);
            m.failures().stream().limit(5).forEach(f -> spec.commandLine().getErr().println("  failure: " + f));
            report.failures().stream().limit(5).forEach(f -> spec.commandLine().getErr().println("  churn failure: " + f));
            return ExitCode.OK.code;
        }
    }

    private void validate() {
        if (!(churnRate > 0) || churnRate > 1_000) {
            throw new BenchException.Usage("--churn-rate must be above 0 and at most 1,000 joins/s: " + churnRate);
        }
        if (stayMin.isNegative() || stayMax.compareTo(stayMin) < 0 || stayMax.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new BenchException.Usage("need 0 <= --stay-min <= --stay-max <= 10m");
        }
        if (abruptPercent < 0 || abruptPercent > 100) {
            throw new BenchException.Usage("--abrupt-pct must be 0..100: " + abruptPercent);
        }
        ConnectionOptions.requirePositive("--churn-join-timeout", churnJoinTimeout);
        if (churnJoinTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new BenchException.Usage("--churn-join-timeout must be at most 5m: " + churnJoinTimeout);
        }
        if (maxChurners < 1 || maxChurners > 100_000) {
            throw new BenchException.Usage("--max-churners must be 1..100,000: " + maxChurners);
        }
    }
}
