package chatroom.bench;

import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/// The server a run loads: one started in this JVM (`--server self`), or an external one.
final class ServerUnderTest implements AutoCloseable {

    /// The in-process server logs every join and leave; a run of thousands would drown the
    /// report, so only warnings are shown. Held here so the setting is not collected.
    private static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("chatroom.server");

    private final Target target;
    private final Optional<ChatServer> server;
    private final OptionalLong pid;

    private ServerUnderTest(Target target, Optional<ChatServer> server, OptionalLong pid) {
        this.target = target;
        this.server = server;
        this.pid = pid;
    }

    static ServerUnderTest of(ConnectionOptions options, int connections) {
        return of(options, connections, 0);
    }

    /// As [#of(ConnectionOptions, int)]; an in-process server queues at most `sendQueueKib` KiB
    /// for one client before dropping it (0: the server's default, 1 MiB). Ignored for an
    /// external server.
    static ServerUnderTest of(ConnectionOptions options, int connections, int sendQueueKib) {
        return of(options, connections, sendQueueKib, 0, 0);
    }

    /// As [#of(ConnectionOptions, int)], for members in `roomsPerMember` of `rooms` rooms each
    /// besides the lobby: an in-process server holds that many rooms, lets a member be in that
    /// many, and limits neither room creation nor private messages. Ignored for an external
    /// server, which must be started with such limits (`docs/performance.md`).
    static ServerUnderTest withRooms(ConnectionOptions options, int connections, int rooms, int roomsPerMember) {
        return of(options, connections, 0, rooms, roomsPerMember);
    }

    /// An in-process server for `desktop`: flood control off, room for a member in `rooms`
    /// rooms (the lobby counts), `history` messages kept per room and replayed on joining, and
    /// a send queue that holds a whole replay (64 MiB: the default 1 MiB would drop the client
    /// that joins a room of 10,000 lines).
    static ServerUnderTest forDesktop(int rooms, int history) {
        SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig config = ServerConfig.builder().maxRate(0).maxPerAddress(0).connectsPerMinute(0)
                .roomCreationsPerMinute(0).privateRate(0).historySize(Math.max(defaults.historySize(), history))
                .maxRooms(Math.max(defaults.maxRooms(), rooms + 1))
                .maxRoomsPerMember(Math.max(defaults.maxRoomsPerMember(), rooms))
                .sendQueueBytes(64 * 1024 * 1024).build();
        return start(config);
    }

    private static ServerUnderTest start(ServerConfig config) {
        try {
            ChatServer chat = ChatServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), config);
            chat.start();
            return new ServerUnderTest(new Target(chat.address()), Optional.of(chat),
                    OptionalLong.of(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new BenchException.ConnectFailed("cannot start the in-process server: " + e.getMessage());
        }
    }

    private static ServerUnderTest of(ConnectionOptions options, int connections, int sendQueueKib, int rooms,
                                      int roomsPerMember) {
        if (options.server == ConnectionOptions.ServerMode.EXTERNAL) {
            OptionalLong pid = options.serverPid == null ? OptionalLong.empty() : OptionalLong.of(options.serverPid);
            return new ServerUnderTest(Target.parse(options.target), Optional.empty(), pid);
        }
        SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        ServerConfig.Builder builder = ServerConfig.builder().maxRate(0).maxClients(connections + 16)
                .maxPerAddress(0).connectsPerMinute(0).roomCreationsPerMinute(0).privateRate(0);
        if (options.dialect == BenchDialect.IRC) {
            // chatroom puts every member in its default room; named after the IRC members'
            // channel, each member is in that one channel, as on an IRC server, and not in a
            // #lobby besides.
            builder.roomName(BenchDialect.CHANNEL.substring(1));
        }
        ServerConfig defaults = ServerConfig.defaults();
        // The lobby plus the bench's rooms; a member is in the lobby and its rooms.
        builder.maxRooms(Math.max(defaults.maxRooms(), rooms + 1))
                .maxRoomsPerMember(Math.max(defaults.maxRoomsPerMember(), roomsPerMember + 1));
        if (sendQueueKib > 0) {
            builder.sendQueueBytes(sendQueueKib * 1024);
        }
        return start(builder.build());
    }

    Target target() {
        return target;
    }

    boolean inProcess() {
        return server.isPresent();
    }

    /// The server's process id, where known (this JVM for `--server self`).
    OptionalLong pid() {
        return pid;
    }

    String label() {
        return inProcess() ? "self" : "external";
    }

    @Override
    public void close() {
        server.ifPresent(s -> s.stop(Duration.ofSeconds(1)));
    }
}
