package chatroom.server;

import chatroom.protocol.Name;
import chatroom.protocol.Parsed;

import javax.net.ssl.SSLContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// How a [ChatServer] behaves. Immutable; start from [#defaults()] or [#builder()] and change
/// what you need. Every default is chosen so that a person chatting never meets it.
///
/// @param maxClients          most connections at once (people still choosing a name included);
///                            one more is refused with a clear line
/// @param maxRate             messages (lines) per second one client may send on average;
///                            `0` turns flood control off (benchmarks need that)
/// @param maxBurst            lines a client may send at once before [#maxRate] applies
/// @param handshakeTimeout    how long a connection may take to choose a name
/// @param historySize         messages kept in memory and replayed to structured clients that join
/// @param heartbeat           silence after which a structured client is sent a `PING`; after
///                            twice this silence it is disconnected
/// @param sendQueueBytes      bytes waiting for one client before it is disconnected as too slow
///                            (IRC's "SendQ exceeded")
/// @param roomName            the name of the default room, which everyone joins on arriving,
///                            without its `#` (`lobby` is `#lobby`); the rules for a member's name
/// @param maxPerAddress       most connections at once from one IP address; `0` for no limit
/// @param connectsPerMinute   new connections one IP address may open per minute (also the
///                            burst allowed at once); `0` for no limit
/// @param tls                 when present, every connection must speak TLS with this context
/// @param password            when present, clients must give it before they may join
/// @param dataDir             where the history log is kept; empty keeps history in memory only
/// @param fsync               when the history log is forced to disk
/// @param retention           how much history the log keeps, per room and per private conversation
/// @param operatorPassword    when present, a member who gives it (`/oper`, `OPER`) becomes a
///                            server operator: an operator of every room, who may also close rooms
/// @param roomCreation        who may create rooms
/// @param maxRooms            most rooms the server holds (empty rooms included)
/// @param maxRoomsPerMember   most rooms one member may be in at once
/// @param roomCreationsPerMinute rooms one IP address may create a minute (also the burst); `0`
///                            for no limit
/// @param privateRate         private messages one member may send a second (bursts of twice
///                            that); `0` for no limit
/// @param serverName          the server's name in the IRC dialect (every server prefix, `004`);
///                            empty for the host's name
/// @param motd                the IRC dialect's message of the day, a line an entry; empty for none
public record ServerConfig(
        int maxClients,
        int maxRate,
        int maxBurst,
        Duration handshakeTimeout,
        int historySize,
        Duration heartbeat,
        int sendQueueBytes,
        String roomName,
        int maxPerAddress,
        int connectsPerMinute,
        Optional<SSLContext> tls,
        Optional<ServerPassword> password,
        Optional<Path> dataDir,
        FsyncPolicy fsync,
        HistoryRetention retention,
        Optional<ServerPassword> operatorPassword,
        RoomCreation roomCreation,
        int maxRooms,
        int maxRoomsPerMember,
        int roomCreationsPerMinute,
        int privateRate,
        Optional<String> serverName,
        List<String> motd) {

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
        if (roomName.startsWith("#")) {
            roomName = roomName.substring(1);
        }
        // Room names follow the rules for names, so they fit in every frame that carries one.
        if (Name.parse(roomName) instanceof Parsed.Invalid<Name>(var code, String detail)) {
            throw new IllegalArgumentException("roomName: " + detail);
        }
        requireAtLeast("maxPerAddress", maxPerAddress, 0);
        requireAtLeast("connectsPerMinute", connectsPerMinute, 0);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(operatorPassword, "operatorPassword");
        if (password.isPresent() && operatorPassword.isPresent() && password.get().sameAs(operatorPassword.get())) {
            // Everyone allowed in would know it.
            throw new IllegalArgumentException("the operator password must differ from the server password");
        }
        Objects.requireNonNull(roomCreation, "roomCreation");
        requireAtLeast("maxRooms", maxRooms, 1);
        requireAtLeast("maxRoomsPerMember", maxRoomsPerMember, 1);
        requireAtLeast("roomCreationsPerMinute", roomCreationsPerMinute, 0);
        requireAtLeast("privateRate", privateRate, 0);
        Objects.requireNonNull(serverName, "serverName").ifPresent(name -> {
            if (!isServerName(name)) {
                throw new IllegalArgumentException("a server name is 1 to " + MAX_SERVER_NAME_LENGTH
                        + " letters, digits, dots and dashes, starting with a letter or digit: " + name);
            }
        });
        motd = List.copyOf(motd);
        for (String line : motd) {
            if (line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)
                    || line.getBytes(StandardCharsets.UTF_8).length > MAX_MOTD_LINE_BYTES) {
                throw new IllegalArgumentException("a message-of-the-day line holds no control characters and at most "
                        + MAX_MOTD_LINE_BYTES + " bytes: " + line);
            }
        }
    }

    /// The longest `--server-name`: a host name's label limit, so that it fits every prefix.
    public static final int MAX_SERVER_NAME_LENGTH = 63;
    /// The longest line of the message of the day, in bytes of UTF-8 (it must fit a `372`).
    public static final int MAX_MOTD_LINE_BYTES = 400;

    /// Whether `name` may name this server in the IRC dialect: a host name's characters.
    public static boolean isServerName(String name) {
        return !name.isEmpty() && name.length() <= MAX_SERVER_NAME_LENGTH
                && Character.isLetterOrDigit(name.charAt(0)) && name.chars().allMatch(c -> c < 0x80
                && (Character.isLetterOrDigit(c) || c == '.' || c == '-'));
    }

    /// The defaults: 1,000 clients, 10 lines per second with bursts of 20, 60 s to choose a
    /// name, 100 messages of history, a heartbeat every 30 s, 1 MiB of send queue, default room
    /// `#lobby`, 50 connections per IP address and 60 new ones per minute, no TLS, no password,
    /// history in memory only (fsync `always` and 100,000 messages once a data directory is
    /// given), no server operators, rooms open to create, at most 10,000 rooms, 50 rooms per
    /// member, 10 room creations per address a minute, 5 private messages a second.
    public static ServerConfig defaults() {
        return builder().build();
    }

    /// A builder holding the [#defaults()].
    public static Builder builder() {
        return new Builder();
    }

    /// A builder holding this configuration.
    public Builder toBuilder() {
        return new Builder(this);
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

    /// Builds a [ServerConfig]; each setter names the component it sets. Not thread-safe.
    public static final class Builder {
        private int maxClients = 1000;
        private int maxRate = 10;
        private int maxBurst = 20;
        private Duration handshakeTimeout = Duration.ofSeconds(60);
        private int historySize = 100;
        private Duration heartbeat = Duration.ofSeconds(30);
        private int sendQueueBytes = 1024 * 1024;
        private String roomName = "lobby";
        private int maxPerAddress = 50;
        private int connectsPerMinute = 60;
        private Optional<SSLContext> tls = Optional.empty();
        private Optional<ServerPassword> password = Optional.empty();
        private Optional<Path> dataDir = Optional.empty();
        private FsyncPolicy fsync = FsyncPolicy.ALWAYS;
        private HistoryRetention retention = HistoryRetention.messages(100_000);
        private Optional<ServerPassword> operatorPassword = Optional.empty();
        private RoomCreation roomCreation = RoomCreation.OPEN;
        private int maxRooms = 10_000;
        private int maxRoomsPerMember = 50;
        private int roomCreationsPerMinute = 10;
        private int privateRate = 5;
        private Optional<String> serverName = Optional.empty();
        private List<String> motd = List.of();

        private Builder() {
        }

        private Builder(ServerConfig config) {
            maxClients = config.maxClients;
            maxRate = config.maxRate;
            maxBurst = config.maxBurst;
            handshakeTimeout = config.handshakeTimeout;
            historySize = config.historySize;
            heartbeat = config.heartbeat;
            sendQueueBytes = config.sendQueueBytes;
            roomName = config.roomName;
            maxPerAddress = config.maxPerAddress;
            connectsPerMinute = config.connectsPerMinute;
            tls = config.tls;
            password = config.password;
            dataDir = config.dataDir;
            fsync = config.fsync;
            retention = config.retention;
            operatorPassword = config.operatorPassword;
            roomCreation = config.roomCreation;
            maxRooms = config.maxRooms;
            maxRoomsPerMember = config.maxRoomsPerMember;
            roomCreationsPerMinute = config.roomCreationsPerMinute;
            privateRate = config.privateRate;
            serverName = config.serverName;
            motd = config.motd;
        }

        public Builder maxClients(int value) {
            maxClients = value;
            return this;
        }

        public Builder maxRate(int value) {
            maxRate = value;
            return this;
        }

        public Builder maxBurst(int value) {
            maxBurst = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = value;
            return this;
        }

        public Builder historySize(int value) {
            historySize = value;
            return this;
        }

        public Builder heartbeat(Duration value) {
            heartbeat = value;
            return this;
        }

        public Builder sendQueueBytes(int value) {
            sendQueueBytes = value;
            return this;
        }

        public Builder roomName(String value) {
            roomName = value;
            return this;
        }

        public Builder maxPerAddress(int value) {
            maxPerAddress = value;
            return this;
        }

        public Builder connectsPerMinute(int value) {
            connectsPerMinute = value;
            return this;
        }

        public Builder tls(Optional<SSLContext> value) {
            tls = value;
            return this;
        }

        public Builder password(Optional<ServerPassword> value) {
            password = value;
            return this;
        }

        public Builder dataDir(Optional<Path> value) {
            dataDir = value;
            return this;
        }

        public Builder fsync(FsyncPolicy value) {
            fsync = value;
            return this;
        }

        public Builder retention(HistoryRetention value) {
            retention = value;
            return this;
        }

        public Builder operatorPassword(Optional<ServerPassword> value) {
            operatorPassword = value;
            return this;
        }

        public Builder roomCreation(RoomCreation value) {
            roomCreation = value;
            return this;
        }

        public Builder maxRooms(int value) {
            maxRooms = value;
            return this;
        }

        public Builder maxRoomsPerMember(int value) {
            maxRoomsPerMember = value;
            return this;
        }

        public Builder roomCreationsPerMinute(int value) {
            roomCreationsPerMinute = value;
            return this;
        }

        public Builder privateRate(int value) {
            privateRate = value;
            return this;
        }

        public Builder serverName(Optional<String> value) {
            serverName = value;
            return this;
        }

        public Builder motd(List<String> value) {
            motd = value;
            return this;
        }

        /// @throws IllegalArgumentException if a value is out of range
        public ServerConfig build() {
            return new ServerConfig(maxClients, maxRate, maxBurst, handshakeTimeout, historySize, heartbeat,
                    sendQueueBytes, roomName, maxPerAddress, connectsPerMinute, tls, password, dataDir, fsync,
                    retention, operatorPassword, roomCreation, maxRooms, maxRoomsPerMember, roomCreationsPerMinute,
                    privateRate, serverName, motd);
        }
    }
}
