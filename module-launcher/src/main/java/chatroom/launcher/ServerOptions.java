package chatroom.launcher;

import chatroom.protocol.RoomName;
import chatroom.server.FsyncPolicy;
import chatroom.server.HistoryRetention;
import chatroom.server.RoomCreation;
import chatroom.server.ServerConfig;
import chatroom.server.ServerPassword;
import chatroom.server.TlsIdentity;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// The options of `chatroom --server`. Their names are a contract: operators' scripts and
/// outside tests use them.
final class ServerOptions {

    private static final ServerConfig DEFAULTS = ServerConfig.defaults();
    private static final Pattern HISTORY_MAX = Pattern.compile("(\\d{1,18})(d?)");

    @Option(names = "--max-clients", paramLabel = "N",
            description = "Most connections at once; one more is refused with a clear line (default: ${DEFAULT-VALUE}).")
    int maxClients = DEFAULTS.maxClients();

    @Option(names = "--max-rate", paramLabel = "N",
            description = "Messages per second one client may send; 0 turns flood control off (default: ${DEFAULT-VALUE}).")
    int maxRate = DEFAULTS.maxRate();

    @Option(names = "--max-burst", paramLabel = "N",
            description = "Messages a client may send at once before --max-rate applies (default: ${DEFAULT-VALUE}).")
    int maxBurst = DEFAULTS.maxBurst();

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS",
            description = "Time a new connection has to choose a name (default: ${DEFAULT-VALUE}).")
    long handshakeTimeoutSeconds = DEFAULTS.handshakeTimeout().toSeconds();

    @Option(names = "--history", paramLabel = "N",
            description = "Messages kept and replayed to clients that join (default: ${DEFAULT-VALUE}).")
    int history = DEFAULTS.historySize();

    @Option(names = "--heartbeat", paramLabel = "SECONDS",
            description = "Silence after which a structured client is pinged; twice that and it is dropped (default: ${DEFAULT-VALUE}).")
    long heartbeatSeconds = DEFAULTS.heartbeat().toSeconds();

    @Option(names = "--send-queue", paramLabel = "KIB",
            description = "KiB queued for one client before it is dropped as too slow (default: ${DEFAULT-VALUE}).")
    int sendQueueKib = DEFAULTS.sendQueueBytes() / 1024;

    @Option(names = "--room", paramLabel = "NAME",
            description = "Name of the default room, which everyone joins on arriving (default: ${DEFAULT-VALUE}, "
                    + "the room #${DEFAULT-VALUE}).")
    String room = DEFAULTS.roomName();

    @Option(names = "--operator-password-file", paramLabel = "FILE",
            description = "The server operators' password, in the first line of FILE: a member who gives it with "
                    + "/oper becomes an operator of every room, who may also close rooms (default: no operators).")
    Path operatorPasswordFile;

    @Option(names = "--room-creation", paramLabel = "open|operators",
            description = "Who may create a room by joining a name that does not exist yet. open: every member; "
                    + "operators: server operators only (default: open).")
    String roomCreation;

    @Option(names = "--max-rooms", paramLabel = "N",
            description = "Most rooms the server holds, empty ones included (default: ${DEFAULT-VALUE}).")
    int maxRooms = DEFAULTS.maxRooms();

    @Option(names = "--max-rooms-per-member", paramLabel = "N",
            description = "Most rooms one member may be in at once (default: ${DEFAULT-VALUE}).")
    int maxRoomsPerMember = DEFAULTS.maxRoomsPerMember();

    @Option(names = "--room-creations-per-minute", paramLabel = "N",
            description = "Rooms one IP address may create a minute, also the burst allowed at once; 0 for no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int roomCreationsPerMinute = DEFAULTS.roomCreationsPerMinute();

    @Option(names = "--server-name", paramLabel = "NAME",
            description = "The server's name in the IRC dialect: in every server prefix and in 004 "
                    + "(default: this host's name).")
    String serverName;

    @Option(names = "--motd-file", paramLabel = "FILE",
            description = "The message of the day IRC clients are shown on connecting and with /motd, "
                    + "one line of FILE a line (UTF-8; default: none).")
    Path motdFile;

    @Option(names = "--private-rate", paramLabel = "N",
            description = "Private messages one member may send a second, in bursts of up to twice that; 0 for no "
                    + "limit (default: ${DEFAULT-VALUE}).")
    int privateRate = DEFAULTS.privateRate();

    @Option(names = "--max-per-address", paramLabel = "N",
            description = "Most connections at once from one IP address (IPv6: one /64); 0 for no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxPerAddress = DEFAULTS.maxPerAddress();

    @Option(names = "--connects-per-minute", paramLabel = "N",
            description = "New connections one IP address may open a minute, also the burst allowed at once; "
                    + "0 for no limit (default: ${DEFAULT-VALUE}).")
    int connectsPerMinute = DEFAULTS.connectsPerMinute();

    @Option(names = "--in-memory",
            description = "Keep history in memory only: nothing is written to the data directory, and the history "
                    + "is gone when the server stops.")
    boolean inMemory;

    @Option(names = "--fsync", paramLabel = "always|interval|never",
            description = "When the history log is forced to disk. always: before anybody receives a message "
                    + "(survives a power cut; messages sent together share one fsync); interval: about once a "
                    + "second; never: when the system decides (both survive the server being killed, not a power "
                    + "cut) (default: always).")
    String fsync;

    @Option(names = "--history-max", paramLabel = "N|Nd",
            description = "History kept on disk: at most N messages, or none older than N days (Nd); repeat the "
                    + "option to set both (default: 100000 messages).")
    List<String> historyMax = new ArrayList<>();

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Accept only TLS connections (as --tls does), with the key and certificate of this PKCS#12 "
                    + "keystore instead of a self-signed certificate.")
    Path tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE",
            description = "File whose first line is the password of the --tls-keystore (default: an empty password).")
    Path tlsPasswordFile;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS",
            description = "On SIGINT/SIGTERM, time given to clients to receive their goodbye (default: ${DEFAULT-VALUE}).")
    long shutdownGraceSeconds = 5;

    /// The server configuration these options describe.
    ///
    /// @throws IllegalArgumentException if a value is out of range
    /// @throws IOException              if the password file or the operator password file cannot
    ///                                  be read or holds no usable password (a failure, exit 1,
    ///                                  not a usage error)
    ServerConfig toConfig(Path passwordFile) throws IOException {
        if (sendQueueKib > Integer.MAX_VALUE / 1024) {
            throw new IllegalArgumentException("--send-queue is too large: " + sendQueueKib);
        }
        requireNonNegative("--shutdown-grace", shutdownGraceSeconds);
        // The room limits are checked here too, not only by ServerConfig, so that the message
        // names the option the person typed rather than the configuration's component.
        requireAtLeastOne("--max-rooms", maxRooms);
        requireAtLeastOne("--max-rooms-per-member", maxRoomsPerMember);
        requireNonNegative("--room-creations-per-minute", roomCreationsPerMinute);
        requireNonNegative("--private-rate", privateRate);
        if (inMemory && (fsync != null || !historyMax.isEmpty())) {
            throw new IllegalArgumentException((fsync != null ? "--fsync" : "--history-max")
                    + " applies to history kept on disk; it cannot be used with --in-memory");
        }
        if (serverName != null && !ServerConfig.isServerName(serverName)) {
            throw new IllegalArgumentException("--server-name must be 1 to " + ServerConfig.MAX_SERVER_NAME_LENGTH
                    + " letters, digits, dots and dashes, starting with a letter or digit: " + serverName);
        }
        if (tlsPasswordFile != null && tlsKeystore == null) {
            throw new IllegalArgumentException("--tls-password-file needs --tls-keystore (the self-signed keystore has its own)");
        }
        return ServerConfig.builder()
                .maxClients(maxClients)
                .maxRate(maxRate)
                .maxBurst(maxBurst)
                .handshakeTimeout(seconds("--handshake-timeout", handshakeTimeoutSeconds))
                .historySize(history)
                .heartbeat(seconds("--heartbeat", heartbeatSeconds))
                .sendQueueBytes(sendQueueKib * 1024)
                .roomName(roomName())
                .password(password("password file", passwordFile))
                .maxPerAddress(maxPerAddress)
                .connectsPerMinute(connectsPerMinute)
                .fsync(fsyncPolicy())
                .retention(retention())
                .operatorPassword(password("operator password file", operatorPasswordFile))
                .roomCreation(roomCreationPolicy())
                .maxRooms(maxRooms)
                .maxRoomsPerMember(maxRoomsPerMember)
                .roomCreationsPerMinute(roomCreationsPerMinute)
                .privateRate(privateRate)
                .serverName(Optional.ofNullable(serverName))
                .motd(motd(motdFile))
                .build();
    }

    /// `--room lobby` or `--room '#lobby'`: the room `#lobby`, given to the configuration
    /// without its `#`.
    private String roomName() {
        try {
            return RoomName.of(room).bare();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--room must be a room name like lobby or #lobby, not '" + room + "': "
                    + e.getMessage(), e);
        }
    }

    private RoomCreation roomCreationPolicy() {
        if (roomCreation == null) {
            return DEFAULTS.roomCreation();
        }
        return switch (roomCreation.toLowerCase(Locale.ROOT)) {
            case "open" -> RoomCreation.OPEN;
            case "operators" -> RoomCreation.OPERATORS;
            default -> throw new IllegalArgumentException(
                    "--room-creation must be open or operators, not '" + roomCreation + "'");
        };
    }

    private FsyncPolicy fsyncPolicy() {
        if (fsync == null) {
            return DEFAULTS.fsync();
        }
        return switch (fsync.toLowerCase(Locale.ROOT)) {
            case "always" -> FsyncPolicy.ALWAYS;
            case "interval" -> FsyncPolicy.INTERVAL;
            case "never" -> FsyncPolicy.NEVER;
            default -> throw new IllegalArgumentException(
                    "--fsync must be always, interval or never, not '" + fsync + "'");
        };
    }

    /// `--history-max 5000` and/or `--history-max 30d`; the default when neither is given.
    private HistoryRetention retention() {
        if (historyMax.isEmpty()) {
            return DEFAULTS.retention();
        }
        OptionalLong messages = OptionalLong.empty();
        Optional<Duration> age = Optional.empty();
        for (String value : historyMax) {
            Matcher matcher = HISTORY_MAX.matcher(value.strip());
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) < 1) {
                throw new IllegalArgumentException("--history-max must be a number of messages (like 5000) or of days "
                        + "(like 30d), at least 1, not '" + value + "'");
            }
            long number = Long.parseLong(matcher.group(1));
            boolean days = !matcher.group(2).isEmpty();
            if (days ? age.isPresent() : messages.isPresent()) {
                throw new IllegalArgumentException("--history-max gives the " + (days ? "days" : "messages")
                        + " twice; give at most one number of messages and one of days");
            }
            if (days) {
                if (number > Duration.ofSeconds(Long.MAX_VALUE).toDays()) {
                    throw new IllegalArgumentException("--history-max is too large: " + value);
                }
                age = Optional.of(Duration.ofDays(number));
            } else {
                messages = OptionalLong.of(number);
            }
        }
        return new HistoryRetention(messages, age);

    }

    /// The TLS identity asked for, if any: the `--tls-keystore`, or (with `tls`, the shared
    /// `--tls`) the self-signed one kept under `dataDir` for `host`. Reads (and may create) files.
    ///
    /// @throws IOException              if the keystore or the password file cannot be used;
    ///                                  the message says which and why
    /// @throws IllegalArgumentException if the keystore holds no key, or `host` cannot be put
    ///                                  in a certificate
    Optional<TlsIdentity> tlsIdentity(boolean tls, Path dataDir, String host) throws IOException {
        if (tlsKeystore != null) {
            if (!Files.exists(tlsKeystore)) {
                throw new IOException("keystore " + tlsKeystore + " does not exist");
            }
            return Optional.of(TlsIdentity.load(tlsKeystore, tlsPassword()));
        }
        return tls ? Optional.of(TlsIdentity.selfSigned(dataDir, host)) : Optional.empty();
    }

    private char[] tlsPassword() throws IOException {
        if (tlsPasswordFile == null) {
            return new char[0];
        }
        try (var lines = Files.lines(tlsPasswordFile, StandardCharsets.UTF_8)) {
            return lines.findFirst().orElse("").toCharArray();
        } catch (IOException | UncheckedIOException e) {
            throw new IOException("cannot read --tls-password-file " + tlsPasswordFile + ": "
                    + (e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e), e);
        }
    }

    Duration shutdownGrace() {
        return Duration.ofSeconds(shutdownGraceSeconds);
    }

    /// The password in the first line of `file` (`--password-file`, `--operator-password-file`),
    /// if given; `what` names the file in messages. No message says what the file holds.
    private static Optional<ServerPassword> password(String what, Path file) throws IOException {
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ServerPassword.readFrom(file));
        } catch (IOException e) {
            throw new IOException("cannot read the " + what + " " + file + ": " + reason(e), e);
        } catch (IllegalArgumentException e) {
            // The file is readable but unusable (empty, a control character, too long); the
            // message names the file and the rule, never the content. The rule is the cause's
            // message (ServerPassword.of's), which readFrom prefixes with "password file FILE".
            String message = e.getCause() instanceof IllegalArgumentException rule
                    ? what + " " + file + ": " + rule.getMessage()
                    : e.getMessage();
            throw new IOException(message, e);
        }
    }

    /// The lines of the message of the day in `file` (`--motd-file`), none without one. Each
    /// line must be text a `372` reply can carry; a bad one is named by its number.
    private static List<String> motd(Path file) throws IOException {
        if (file == null) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read the message-of-the-day file " + file + ": " + reason(e), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)
                    || line.getBytes(StandardCharsets.UTF_8).length > ServerConfig.MAX_MOTD_LINE_BYTES) {
                throw new IOException("message-of-the-day file " + file + ", line " + (i + 1) + ": a line holds no "
                        + "control characters and at most " + ServerConfig.MAX_MOTD_LINE_BYTES + " bytes");
            }
        }
        return lines;
    }

    private static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException missing -> "no such file";
            case AccessDeniedException denied -> "permission denied";
            case CharacterCodingException notText -> "it is not UTF-8 text";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static Duration seconds(String option, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1 second: " + value);
        }
        return Duration.ofSeconds(value);
    }

    private static void requireNonNegative(String option, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative: " + value);
        }
    }

    private static void requireAtLeastOne(String option, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1: " + value);
        }
    }
}
