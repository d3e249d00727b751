package chatroom.launcher;

import chatroom.server.ServerConfig;
import chatroom.server.TlsIdentity;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/// The options of `chatroom --server`. Their names are a contract: operators' scripts and
/// outside tests use them.
final class ServerOptions {

    private static final ServerConfig DEFAULTS = ServerConfig.defaults();

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

    @Option(names = "--room", paramLabel = "NAME", description = "Name of the room (default: ${DEFAULT-VALUE}).")
    String room = DEFAULTS.roomName();

    @Option(names = "--tls", arity = "0..1", paramLabel = "KEYSTORE", fallbackValue = "",
            description = "Accept only TLS connections, with the key and certificate of this PKCS#12 keystore; "
                    + "bare --tls makes a self-signed certificate once in the data folder and reuses it. "
                    + "Put it after HOST PORT, or write --tls=KEYSTORE.")
    String tls;

    @Option(names = "--tls-password-file", paramLabel = "FILE",
            description = "File whose first line is the password of the --tls KEYSTORE (default: an empty password).")
    Path tlsPasswordFile;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS",
            description = "On SIGINT/SIGTERM, time given to clients to receive their goodbye (default: ${DEFAULT-VALUE}).")
    long shutdownGraceSeconds = 5;

    /// The server configuration these options describe.
    ///
    /// @throws IllegalArgumentException if a value is out of range
    ServerConfig toConfig() {
        if (sendQueueKib > Integer.MAX_VALUE / 1024) {
            throw new IllegalArgumentException("--send-queue is too large: " + sendQueueKib);
        }
        requireNonNegative("--shutdown-grace", shutdownGraceSeconds);
        if (tlsPasswordFile != null && (tls == null || tls.isEmpty())) {
            throw new IllegalArgumentException("--tls-password-file needs --tls KEYSTORE (the self-signed keystore has its own)");
        }
        return ServerConfig.builder()
                .maxClients(maxClients)
                .maxRate(maxRate)
                .maxBurst(maxBurst)
                .handshakeTimeout(seconds("--handshake-timeout", handshakeTimeoutSeconds))
                .historySize(history)
                .heartbeat(seconds("--heartbeat", heartbeatSeconds))
                .sendQueueBytes(sendQueueKib * 1024)
                .roomName(room)
                .build();
    }

    /// The TLS identity asked for, if any: the `--tls` keystore, or the self-signed one that a
    /// bare `--tls` keeps under `dataDir` for `host`. Reads (and may create) files.
    ///
    /// @throws IOException              if the keystore or the password file cannot be used;
    ///                                  the message says which and why
    /// @throws IllegalArgumentException if the keystore holds no key, or `host` cannot be put
    ///                                  in a certificate
    Optional<TlsIdentity> tlsIdentity(Path dataDir, String host) throws IOException {
        if (tls == null) {
            return Optional.empty();
        }
        if (tls.isEmpty()) {
            return Optional.of(TlsIdentity.selfSigned(dataDir, host));
        }
        Path keystore = Path.of(tls);
        if (!Files.exists(keystore)) {
            throw new IOException("keystore " + keystore + " does not exist (a bare --tls before HOST takes HOST"
                    + " for a keystore: put --tls last, or write --tls=KEYSTORE)");
        }
        return Optional.of(TlsIdentity.load(keystore, tlsPassword()));
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
}
