package chatroom.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/// `bench idle`: N members join and stay silent; reports the server's resident memory per
/// connection. With `--server self` the server is this JVM, so the generator's own side is
/// included (said in the output); a baseline taken before connecting is subtracted. Both
/// readings come after `--settle`. With `--rooms-per-member K`, each member also joins K of
/// `--rooms` rooms (as `rooms` assigns them) before the second reading.
@Command(name = "idle", mixinStandardHelpOptions = true,
        description = "N joined, silent connections; server RSS per connection (VmRSS from /proc/PID/status).")
final class IdleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--connections", defaultValue = "2000", paramLabel = "N",
            description = "Idle members. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--settle", defaultValue = "2s", converter = ConnectionOptions.DurationConverter.class,
            description = "Time to let the server settle before each reading: before connecting (a process "
                    + "just started may still give memory back) and after the last join. Default: ${DEFAULT-VALUE}.")
    Duration settle;

    @Option(names = "--rooms-per-member", defaultValue = "0", paramLabel = "K",
            description = "Rooms each member joins besides the lobby before the reading (member i joins "
                    + "(i*K+j) mod R); 0 = the lobby only. Default: ${DEFAULT-VALUE}.")
    int roomsPerMember;

    @Option(names = "--rooms", defaultValue = "500", paramLabel = "R",
            description = "Rooms the members of --rooms-per-member share, #r0 … (N*K must be a multiple of R). "
                    + "Default: ${DEFAULT-VALUE}.")
    int rooms;

    @Override
    public Integer call() throws Exception {
        connection.validate(connections);
        if (roomsPerMember < 0) {
            throw new BenchException.Usage("--rooms-per-member must not be negative: " + roomsPerMember);
        }
        Optional<RoomPlan> plan = roomsPerMember == 0 ? Optional.empty()
                : Optional.of(RoomPlan.of(connections, rooms, roomsPerMember));
        if (settle.isNegative() || settle.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new BenchException.Usage("--settle must be 0..10m: " + settle);
        }
        PrintWriter out = spec.commandLine().getOut();
        long epoch = System.nanoTime();
        try (ServerUnderTest server = ServerUnderTest.withRooms(connection, connections,
                plan.map(RoomPlan::rooms).orElse(0), roomsPerMember);
             Swarm swarm = new Swarm(server.target(), connection.dialect, plan.isPresent(), connection.reactors,
                     epoch)) {
            out.printf("idle: %d connections on %s server %s%s%n", connections, server.label(), server.target(),
                    plan.map(p -> ", each in the lobby and " + p.perMember() + " of " + p.rooms() + " rooms of "
                            + p.roomSize()).orElse(""));
            out.flush();
            OptionalLong pid = server.pid();
            // A server just started may still be giving back what its start-up took; counting
            // that in the baseline would credit it to the connections.
            LockSupport.parkNanos(settle.toNanos());
            long heapBefore = server.inProcess() ? heapAfterGc() : 0;
            OptionalLong before = pid.isPresent() ? ProcStatus.rssKib(pid.getAsLong()) : OptionalLong.empty();
            long started = System.nanoTime();
            swarm.connect(connections, connection.namePrefix, connection.connecting(connections),
                    index -> plan.map(p -> p.roomNamesOf(index)).orElse(List.of()));
            double joinSeconds = (System.nanoTime() - started) / 1e9;
            LockSupport.parkNanos(settle.toNanos());
            long heapAfter = server.inProcess() ? heapAfterGc() : 0;
            OptionalLong after = pid.isPresent() ? ProcStatus.rssKib(pid.getAsLong()) : OptionalLong.empty();

            Result result = new Result().put("scenario", "idle")
                    .put("dialect", connection.dialect.name().toLowerCase(java.util.Locale.ROOT))
                    .put("server", server.label()).put("connections", connections)
                    .put("rooms", plan.map(RoomPlan::rooms).orElse(0)).put("rooms_per_member", roomsPerMember)
                    .put("join_s", joinSeconds);
            if (before.isPresent() && after.isPresent()) {
                long delta = after.getAsLong() - before.getAsLong();
                result.put("rss_before_kib", before.getAsLong()).put("rss_after_kib", after.getAsLong())
                        .put("rss_per_conn_kib", delta / (double) connections);
            } else {
                result.put("rss_per_conn_kib", "n/a");
            }
            if (server.inProcess()) {
                result.put("heap_per_conn_kib", (heapAfter - heapBefore) / 1024.0 / connections)
                        .put("includes_generator", "yes");
                out.println("  note: --server self measures this JVM: the server's side and the generator's side of "
                        + "every connection, minus a baseline taken before connecting.");
            } else if (pid.isEmpty()) {
                out.println("  note: pass --server-pid PID to measure an external server's memory.");
            }
            result.put("disconnects", swarm.failures().size());
            result.print(out);
            return ExitCode.OK.code;
        }
    }

    private static long heapAfterGc() {
        System.gc();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
