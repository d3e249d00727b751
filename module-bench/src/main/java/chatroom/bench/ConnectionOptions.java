package chatroom.bench;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;

/// Options every scenario shares: which server, which dialect, how to connect.
final class ConnectionOptions {

    enum ServerMode { SELF, EXTERNAL }

    @Option(names = "--server", defaultValue = "self",
            description = "self: start a chatroom server in this JVM (127.0.0.1, any port, flood control off); "
                    + "external: load the server at --target. Default: ${DEFAULT-VALUE}.")
    ServerMode server;

    @Option(names = "--target", paramLabel = "HOST:PORT",
            description = "The external server; only localhost or 127.x.y.z is accepted. Implies --server external.")
    String target;

    @Option(names = "--dialect", defaultValue = "plain",
            description = "plain, structured or irc (chatroom speaks all three; an IRC server only irc). "
                    + "Default: ${DEFAULT-VALUE}.")
    BenchDialect dialect;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "Process id of an external server, for its memory (idle).")
    Long serverPid;

    @Option(names = "--source-addresses", defaultValue = "0", paramLabel = "N",
            description = "Source addresses 127.0.0.2 … to spread connections over; 0 = one per 20,000 connections.")
    int sourceAddresses;

    @Option(names = "--reactors", defaultValue = "2", paramLabel = "N",
            description = "Generator threads reading the connections. Default: ${DEFAULT-VALUE}.")
    int reactors;

    @Option(names = "--name-prefix", defaultValue = "m",
            description = "Members are named PREFIX0, PREFIX1, … Default: ${DEFAULT-VALUE}.")
    String namePrefix;

    @Option(names = "--join-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time for all members to connect and join. Default: ${DEFAULT-VALUE}.")
    Duration joinTimeout;

    @Option(names = "--connect-burst", defaultValue = "64", paramLabel = "N",
            description = "Most members connected but not yet joined at once (keep it below the server's "
                    + "listen backlog: ngIRCd's is 10). Default: ${DEFAULT-VALUE}.")
    int connectBurst;

    @Option(names = "--connect-rate", defaultValue = "0", paramLabel = "N",
            description = "Most new connections per second while members join; 0 = no limit. Default: ${DEFAULT-VALUE}.")
    double connectRate;

    /// Checks the options against each other; `connections` is how many the scenario opens.
    void validate(int connections) {
        if (target != null) {
            server = ServerMode.EXTERNAL;
            try {
                Target.parse(target);
            } catch (IllegalArgumentException e) {
                throw new BenchException.Usage("--target: " + e.getMessage());
            }
        } else if (server == ServerMode.EXTERNAL) {
            throw new BenchException.Usage("--server external needs --target HOST:PORT");
        }
        if (connections < 1 || connections > 1_000_000) {
            throw new BenchException.Usage("connections must be between 1 and 1,000,000: " + connections);
        }
        if (sourceAddresses < 0 || sourceAddresses > 250) {
            throw new BenchException.Usage("--source-addresses must be 0..250: " + sourceAddresses);
        }
        if (reactors < 1 || reactors > 64) {
            throw new BenchException.Usage("--reactors must be 1..64: " + reactors);
        }
        if (!namePrefix.matches("[A-Za-z][A-Za-z0-9_]{0,15}")) {
            throw new BenchException.Usage("--name-prefix must be a letter then up to 15 letters, digits or '_'");
        }
        requirePositive("--join-timeout", joinTimeout);
        if (connectBurst < 1 || connectBurst > 10_000) {
            throw new BenchException.Usage("--connect-burst must be 1..10,000: " + connectBurst);
        }
        if (!(connectRate >= 0) || connectRate > 1_000_000) {
            throw new BenchException.Usage("--connect-rate must be 0 (no limit) up to 1,000,000 per second: "
                    + connectRate);
        }
    }

    /// How the swarm connects `connections` members: source addresses, burst, rate, timeout.
    Swarm.Connecting connecting(int connections) {
        return new Swarm.Connecting(sources(connections), connectBurst, connectRate, joinTimeout);
    }

    int sources(int connections) {
        return sourceAddresses > 0 ? sourceAddresses
                : Math.max(1, (connections + Swarm.CONNECTIONS_PER_SOURCE - 1) / Swarm.CONNECTIONS_PER_SOURCE);
    }

    static void requirePositive(String option, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new BenchException.Usage(option + " must be positive: " + value);
        }
    }

    /// `500ms`, `20s`, `2m`, or a number of seconds.
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                if (v.endsWith("s")) {
                    return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
                }
                if (v.endsWith("m")) {
                    return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
                }
                return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("not a duration (like 500ms, 20s, 2m): " + value);
            }
        }
    }
}
