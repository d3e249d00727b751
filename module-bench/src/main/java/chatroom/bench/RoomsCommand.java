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

/// `bench rooms`: N members, each in the lobby and in K of R rooms of equal size; S of them send
/// R messages a second each into their rooms (round robin), and P private messages a second go
/// from random members to random others. Room and private deliveries are measured apart and
/// together. Every member is in the lobby, but the lobby carries only joins, which are not
/// counted.
@Command(name = "rooms", mixinStandardHelpOptions = true,
        description = "N members in the lobby and in K of R rooms each (rooms of N*K/R members); S senders at "
                + "R msgs/s into their rooms (open loop) and P private msgs/s between random members; reports "
                + "room, private and total deliveries, loss, latency percentiles and CPU per delivery.")
final class RoomsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--members", defaultValue = "5000", paramLabel = "N",
            description = "Members (senders included). Default: ${DEFAULT-VALUE}.")
    int members;

    @Option(names = "--rooms", defaultValue = "500", paramLabel = "R",
            description = "Rooms besides the lobby, #r0 … (N*K must be a multiple of R). Default: ${DEFAULT-VALUE}.")
    int rooms;

    @Option(names = "--rooms-per-member", defaultValue = "3", paramLabel = "K",
            description = "Rooms each member joins besides the lobby: member i joins (i*K+j) mod R. "
                    + "Default: ${DEFAULT-VALUE}.")
    int roomsPerMember;

    @Option(names = "--senders", defaultValue = "250", paramLabel = "S",
            description = "Members 0 … S-1 send into their rooms, round robin. Default: ${DEFAULT-VALUE}.")
    int senders;

    @Option(names = "--rate", defaultValue = "1", paramLabel = "R",
            description = "Room messages per second per sender. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--private-rate", defaultValue = "100", paramLabel = "P",
            description = "Private messages per second in all, random member to random other member; 0 = none. "
                    + "Default: ${DEFAULT-VALUE}.")
    double privateRate;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seeds the choice of private senders and recipients. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--duration", defaultValue = "20s", converter = ConnectionOptions.DurationConverter.class,
            description = "Measured time. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = ConnectionOptions.DurationConverter.class,
            description = "Unmeasured sending first. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--drain", defaultValue = "5s", converter = ConnectionOptions.DurationConverter.class,
            description = "Longest wait for the last deliveries after sending stops. Default: ${DEFAULT-VALUE}.")
    Duration drain;

    @Option(names = "--message-bytes", defaultValue = "0", paramLabel = "B",
            description = "Least length of each message's text, padded with x; 0 = unpadded, about 25 bytes. "
                    + "Default: ${DEFAULT-VALUE}.")
    int messageBytes;

    @Override
    public Integer call() throws Exception {
        connection.validate(members);
        RoomPlan plan = validate();
        Load.Shape shape = new Load.Shape(warmup, duration, drain, messageBytes);
        PrintWriter out = spec.commandLine().getOut();
        String dialect = connection.dialect.name().toLowerCase(Locale.ROOT);
        long epoch = System.nanoTime();
        try (ServerUnderTest server = ServerUnderTest.withRooms(connection, members, rooms, roomsPerMember);
             Swarm swarm = new Swarm(server.target(), connection.dialect, true, connection.reactors, epoch)) {
            out.printf("rooms: %d members, each in the lobby and %d of %d rooms of %d; %d senders at %s msg/s, "
                            + "%s private msg/s; on %s server %s, dialect %s%n", members, roomsPerMember, rooms,
                    plan.roomSize(), senders, rate, privateRate, server.label(), server.target(), dialect);
            out.flush();
            long started = System.nanoTime();
            List<Client> joined = swarm.connect(members, connection.namePrefix, connection.connecting(members),
                    plan::roomNamesOf);
            double joinSeconds = (System.nanoTime() - started) / 1e9;
            RoomsLoad.Measurement m = RoomsLoad.run(swarm, byIndex(joined),
                    new RoomsLoad.Traffic(plan, senders, rate, privateRate, seed), shape, connection.dialect, epoch,
                    RoomsLoad.ServerCpu.of(server));
            Result result = new Result().put("scenario", "rooms").put("dialect", dialect).put("server", server.label())
                    .put("members", members).put("rooms", rooms).put("rooms_per_member", roomsPerMember)
                    .put("room_size", plan.roomSize()).put("senders", senders).put("rate_per_sender", rate)
                    .put("private_rate", privateRate).put("warmup_s", warmup.toMillis() / 1000.0)
                    .put("duration_s", duration.toMillis() / 1000.0).put("message_bytes", messageBytes)
                    .put("join_s", joinSeconds);
            m.into(result);
            result.print(out);
            if (!server.inProcess() && server.pid().isEmpty()) {
                out.println("  note: pass --server-pid PID to measure an external server's CPU.");
            }
            m.failures().stream().limit(5).forEach(f -> spec.commandLine().getErr().println("  failure: " + f));
            return ExitCode.OK.code;
        }
    }

    private RoomPlan validate() {
        if (members < 2) {
            throw new BenchException.Usage("--members must be at least 2: " + members);
        }
        RoomPlan plan = RoomPlan.of(members, rooms, roomsPerMember);
        if (plan.roomSize() < 2) {
            throw new BenchException.Usage("rooms of " + plan.roomSize() + " member have nobody to deliver to: "
                    + "raise --members or --rooms-per-member, or lower --rooms");
        }
        if (senders < 1 || senders > members) {
            throw new BenchException.Usage("--senders must be between 1 and --members: " + senders);
        }
        if (!(rate > 0) || rate > 1_000_000) {
            throw new BenchException.Usage("--rate must be above 0 and at most 1,000,000: " + rate);
        }
        if (!(privateRate >= 0) || privateRate > 1_000_000) {
            throw new BenchException.Usage("--private-rate must be 0 (none) up to 1,000,000: " + privateRate);
        }
        FanoutCommand.LoadOptions.validate(new Load.Shape(warmup, duration, drain, messageBytes));
        return plan;
    }

    /// The members in index order (member `i` at position `i`), as the pacer addresses them.
    private static List<Client> byIndex(List<Client> joined) {
        Client[] ordered = new Client[joined.size()];
        for (Client client : joined) {
            ordered[client.index] = client;
        }
        return List.of(ordered);
    }
}
