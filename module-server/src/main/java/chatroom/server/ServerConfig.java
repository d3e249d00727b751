package chatroom.server;

import chatroom.protocol.Name;
import chatroom.protocol.Parsed;

import java.time.Duration;
import java.util.Objects;

/// How a [ChatServer] behaves. Immutable; start from [#defaults()] and change what you need
/// with the `with…` methods. Every default is chosen so that a person chatting never meets it.
///
/// @param maxClients        most connections at once (people still choosing a name included);
///                          one more is refused with a clear line
/// @param maxRate           messages (lines) per second one client may send on average;
///                          `0` turns flood control off (benchmarks need that)
/// @param maxBurst          lines a client may send at once before [#maxRate] applies
/// @param handshakeTimeout  how long a connection may take to choose a name
/// @param historySize       messages kept and replayed to structured clients that join
/// @param heartbeat         silence after which a structured client is sent a `PING`; after
///                          twice this silence it is disconnected
/// @param sendQueueBytes    bytes waiting for one client before it is disconnected as too slow
///                          (IRC's "SendQ exceeded")
/// @param roomName          the name of the one room; the same rules as for a member's name
public record ServerConfig(
        int maxClients,
        int maxRate,
        int maxBurst,
        Duration handshakeTimeout,
        int historySize,
        Duration heartbeat,
        int sendQueueBytes,
        String roomName) {

    /// Host the server binds to unless told otherwise.
    public static final String DEFAULT_HOST = "localhost";
    /// Port the server binds to unless told otherwise.
    public static final int DEFAULT_PORT = 53000;

    public ServerConfig {
        requireAtLeast("maxClients", maxClients, 1);
        requireAtLeast("maxRate", maxRate, 0);
        requireAtLeast("maxBurst", maxBurst, 1);
        requirePositive("handshakeTimeout", handshakeTimeout);
        requireAtLeast("historySize", historySize, 0);
        requirePositive("heartbeat", heartbeat);
        requireAtLeast("sendQueueBytes", sendQueueBytes, 16 * 1024);
        Objects.requireNonNull(roomName, "roomName");
        // Room names follow the rules for names, so they fit in every frame that carries one.
        if (Name.parse(roomName) instanceof Parsed.Invalid<Name>(var code, String detail)) {
            throw new IllegalArgumentException("roomName: " + detail);
        }
    }

    /// The defaults: 1,000 clients, 10 lines per second with bursts of 20, 60 s to choose a
    /// name, 100 messages of history, a heartbeat every 30 s, 1 MiB of send queue, room `lobby`.
    public static ServerConfig defaults() {
        return new ServerConfig(1000, 10, 20, Duration.ofSeconds(60), 100, Duration.ofSeconds(30),
                1024 * 1024, "lobby");
    }

    public ServerConfig withMaxClients(int value) {
        return new ServerConfig(value, maxRate, maxBurst, handshakeTimeout, historySize, heartbeat, sendQueueBytes, roomName);
    }

    public ServerConfig withMaxRate(int value) {
        return new ServerConfig(maxClients, value, maxBurst, handshakeTimeout, historySize, heartbeat, sendQueueBytes, roomName);
    }

    public ServerConfig withMaxBurst(int value) {
        return new ServerConfig(maxClients, maxRate, value, handshakeTimeout, historySize, heartbeat, sendQueueBytes, roomName);
    }

    public ServerConfig withHandshakeTimeout(Duration value) {
        return new ServerConfig(maxClients, maxRate, maxBurst, value, historySize, heartbeat, sendQueueBytes, roomName);
    }

    public ServerConfig withHistorySize(int value) {
        return new ServerConfig(maxClients, maxRate, maxBurst, handshakeTimeout, value, heartbeat, sendQueueBytes, roomName);
    }

    public ServerConfig withHeartbeat(Duration value) {
        return new ServerConfig(maxClients, maxRate, maxBurst, handshakeTimeout, historySize, value, sendQueueBytes, roomName);
    }

    public ServerConfig withSendQueueBytes(int value) {
        return new ServerConfig(maxClients, maxRate, maxBurst, handshakeTimeout, historySize, heartbeat, value, roomName);
    }

    public ServerConfig withRoomName(String value) {
        return new ServerConfig(maxClients, maxRate, maxBurst, handshakeTimeout, historySize, heartbeat, sendQueueBytes, value);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
