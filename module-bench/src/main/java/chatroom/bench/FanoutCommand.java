package chatroom.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/// `bench fanout`: N members in one room, S of them sending R messages per second each.
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "N members in one room, S of them sending R msgs/s each (open loop); "
                + "reports deliveries/s, loss, latency percentiles and CPU per delivery.")
final class FanoutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    LoadOptions load;

    @Option(names = "--rate", defaultValue = "10", paramLabel = "R",
            description = "Messages per second per sender. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Override
    public Integer call() throws Exception {
        load.validate(rate);
        connection.validate(load.members);
        PrintWriter out = spec.commandLine().getOut();
        long epoch = System.nanoTime();
        try (ServerUnderTest server = ServerUnderTest.of(connection, load.members);
             Swarm swarm = new Swarm(server.target(), connection.dialect, connection.reactors, epoch)) {
            out.printf("fanout: %d members (%d senders at %s msg/s) on %s server %s, dialect %s%n",
                    load.members, load.senders, rate, server.label(), server.target(),
                    connection.dialect.name().toLowerCase(java.util.Locale.ROOT));
            out.flush();
            List<Client> members = swarm.connect(load.members, connection.namePrefix, connection.connecting(load.members));
            Load.Measurement m = Load.run(swarm, members, load.senders, rate, load.shape(),
                    connection.dialect, epoch);
            Result result = new Result().put("scenario", "fanout");
            load.describe(result, connection, server);
            m.into(result);
            result.print(out);
            m.failures().stream().limit(5).forEach(f -> spec.commandLine().getErr().println("  failure: " + f));
            return ExitCode.OK.code;
        }
    }

    /// Options the load scenarios share.
    static final class LoadOptions {
        @Option(names = "--members", defaultValue = "200", paramLabel = "N",
                description = "Members in the room (senders included). Default: ${DEFAULT-VALUE}.")
        int members;

        @Option(names = "--senders", defaultValue = "20", paramLabel = "S",
                description = "Members that send. Default: ${DEFAULT-VALUE}.")
        int senders;

        @Option(names = "--duration", defaultValue = "20s", converter = ConnectionOptions.DurationConverter.class,
                description = "Measured time (per step for capacity). Default: ${DEFAULT-VALUE}.")
        Duration duration;

        @Option(names = "--warmup", defaultValue = "5s", converter = ConnectionOptions.DurationConverter.class,
                description = "Unmeasured sending first (per step for capacity). Default: ${DEFAULT-VALUE}.")
        Duration warmup;

        @Option(names = "--drain", defaultValue = "5s", converter = ConnectionOptions.DurationConverter.class,
                description = "Longest wait for the last deliveries after sending stops. Default: ${DEFAULT-VALUE}.")
        Duration drain;

        @Option(names = "--message-bytes", defaultValue = "0", paramLabel = "B",
                description = "Least length of each message's text, padded with x (IRC lines end at 512 bytes: "
                        + "keep it under 400 there); 0 = unpadded, about 25 bytes. Default: ${DEFAULT-VALUE}.")
        int messageBytes;

        Load.Shape shape() {
            return new Load.Shape(warmup, duration, drain, messageBytes);
        }

        void validate(double rate) {
            if (members < 2) {
                throw new BenchException.Usage("--members must be at least 2: " + members);
            }
            if (senders < 1 || senders > members) {
                throw new BenchException.Usage("--senders must be between 1 and --members: " + senders);
            }
            if (!(rate > 0) || rate > 1_000_000) {
                throw new BenchException.Usage("--rate must be above 0 and at most 1,000,000: " + rate);
            }
            validate(shape());
        }

        /// Checks a step's timing and message size (`rooms` shares it).
        static void validate(Load.Shape shape) {
            ConnectionOptions.requirePositive("--duration", shape.duration());
            ConnectionOptions.requirePositive("--drain", shape.drain());
            if (shape.warmup().isNegative()) {
                throw new BenchException.Usage("--warmup must not be negative: " + shape.warmup());
            }
            if (shape.messageBytes() < 0 || shape.messageBytes() > 4000) {
                throw new BenchException.Usage("--message-bytes must be 0..4000: " + shape.messageBytes());
            }
            if (shape.duration().plus(shape.warmup()).compareTo(Duration.ofHours(1)) > 0) {
                throw new BenchException.Usage("--warmup plus --duration must be at most 1 h");
            }
        }

        void describe(Result result, ConnectionOptions connection, ServerUnderTest server) {
            result.put("dialect", connection.dialect.name().toLowerCase(java.util.Locale.ROOT))
                    .put("server", server.label()).put("members", members).put("senders", senders)
                    .put("warmup_s", warmup.toMillis() / 1000.0).put("duration_s", duration.toMillis() / 1000.0)
                    .put("message_bytes", messageBytes);
        }
    }
}
