package chatroom.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/// `bench capacity`: fan-out steps with the rate raised by `--factor` each time, until a step
/// loses a message or its p99 exceeds `--max-p99-ms`; reports the last good step.
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = "Fan-out steps at rising rates until loss > 0 or p99 > the limit; reports the last good deliveries/s.")
final class CapacityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    FanoutCommand.LoadOptions load;

    @Option(names = "--start-rate", defaultValue = "10", paramLabel = "R",
            description = "Messages per second per sender in the first step. Default: ${DEFAULT-VALUE}.")
    double startRate;

    @Option(names = "--factor", defaultValue = "1.5", description = "Rate multiplier per step. Default: ${DEFAULT-VALUE}.")
    double factor;

    @Option(names = "--max-steps", defaultValue = "12", description = "Most steps. Default: ${DEFAULT-VALUE}.")
    int maxSteps;

    @Option(names = "--max-p99-ms", defaultValue = "100", description = "A step with a higher p99 fails. Default: ${DEFAULT-VALUE}.")
    double maxP99Ms;

    @Override
    public Integer call() throws Exception {
        load.validate(startRate);
        connection.validate(load.members);
        if (!(factor > 1) || factor > 10 || maxSteps < 1 || maxSteps > 50 || !(maxP99Ms > 0)) {
            throw new BenchException.Usage("need 1 < --factor <= 10, 1 <= --max-steps <= 50, --max-p99-ms > 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        long epoch = System.nanoTime();
        try (ServerUnderTest server = ServerUnderTest.of(connection, load.members);
             Swarm swarm = new Swarm(server.target(), connection.dialect, connection.reactors, epoch)) {
            List<Client> members = swarm.connect(load.members, connection.namePrefix, connection.connecting(load.members));
            out.printf("capacity: %d members, %d senders, %s server %s%n", load.members, load.senders, server.label(),
                    server.target());
            out.printf("  %4s %10s %12s %10s %9s %9s %9s %9s%n",
                    "step", "rate/snd", "deliv/s", "lost", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
            Load.Measurement lastGood = null;
            String stop = "max-steps";
            double rate = startRate;
            for (int step = 1; step <= maxSteps; step++, rate *= factor) {
                Load.Measurement m = Load.run(swarm, members, load.senders, rate, load.shape(),
                        connection.dialect, epoch);
                out.printf(Locale.ROOT, "  %4d %10.1f %12.0f %10d %9.2f %9.2f %9.2f %9.2f%n", step, rate,
                        m.deliveriesPerSecond(), m.lost(), m.ms(50), m.ms(99), m.ms(99.9), m.maxMs());
                out.flush();
                if (m.lost() > 0 || !m.failures().isEmpty()) {
                    stop = "loss";
                    break;
                }
                if (m.ms(99) > maxP99Ms) {
                    stop = "p99";
                    break;
                }
                lastGood = m;
            }
            Result result = new Result().put("scenario", "capacity");
            load.describe(result, connection, server);
            result.put("stopped_by", stop);
            if (lastGood == null) {
                result.put("last_good_rate_per_sender", "none").put("last_good_deliveries_per_s", 0);
            } else {
                result.put("last_good_rate_per_sender", lastGood.rate())
                        .put("last_good_deliveries_per_s", Math.round(lastGood.deliveriesPerSecond()))
                        .put("last_good_p99_ms", lastGood.ms(99))
                        .put("last_good_gen_cpu_us_per_delivery", lastGood.cpuMicrosPerDelivery(lastGood.cpu().generator()))
                        .put("last_good_process_cpu_us_per_delivery", lastGood.cpuMicrosPerDelivery(lastGood.cpu().process()));
            }
            result.print(out);
            return ExitCode.OK.code;
        }
    }
}
