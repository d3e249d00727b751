package chatroom.client.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/// Where a client connects.
///
/// @param host a host name or address, never blank
/// @param port 1 to 65535
public record ServerAddress(String host, int port) {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 53000;

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.strip().length() != host.length() || host.contains(" ")) {
            throw new IllegalArgumentException("host must be a name or address without spaces: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
    }

    /// What a person typed, made usable the way the original chatroom did: a missing or
    /// invalid host or port falls back to `localhost` and `53000`. The fallbacks that were
    /// applied are listed so that a dialog can say so.
    public static Resolution resolve(String hostText, String portText) {
        List<Fallback> fallbacks = new ArrayList<>(2);
        String host = hostText == null ? "" : hostText.strip();
        if (host.isEmpty() || host.contains(" ")) {
            fallbacks.add(host.isEmpty() ? Fallback.HOST_MISSING : Fallback.HOST_INVALID);
            host = DEFAULT_HOST;
        }
        String portInput = portText == null ? "" : portText.strip();
        int port = DEFAULT_PORT;
        if (portInput.isEmpty()) {
            fallbacks.add(Fallback.PORT_MISSING);
        } else {
            try {
                port = Integer.parseInt(portInput);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                fallbacks.add(Fallback.PORT_INVALID);
                port = DEFAULT_PORT;
            }
        }
        return new Resolution(new ServerAddress(host, port), List.copyOf(fallbacks));
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /// A default used in place of what was typed.
    public enum Fallback { HOST_MISSING, HOST_INVALID, PORT_MISSING, PORT_INVALID }

    /// The address to use, and the fallbacks that made it.
    public record Resolution(ServerAddress address, List<Fallback> fallbacks) {
        public Resolution {
            Objects.requireNonNull(address, "address");
            fallbacks = List.copyOf(fallbacks);
        }
    }
}
