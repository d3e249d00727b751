package chatroom.bench;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/// Where the load goes. Only loopback IPv4 (`127.0.0.0/8`) is accepted: the generator opens
/// thousands of connections and must never be pointed at somebody else's machine.
record Target(InetSocketAddress address) {

    Target {
        if (!(address.getAddress() instanceof Inet4Address v4) || !v4.isLoopbackAddress()) {
            throw new IllegalArgumentException("only 127.0.0.0/8 targets are allowed: " + address);
        }
    }

    /// Parses `HOST:PORT`, where HOST is `localhost` or a literal `127.x.y.z`. Never asks DNS.
    static Target parse(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + spec + "'");
        }
        String host = spec.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + spec + "'", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + spec + "'");
        }
        byte[] octets = host.equalsIgnoreCase("localhost")
                ? new byte[] {127, 0, 0, 1}
                : ipv4Literal(host).orElseThrow(() -> new IllegalArgumentException(
                        "HOST must be localhost or a literal 127.x.y.z address, not '" + host + "'"));
        if (octets[0] != 127) {
            throw new IllegalArgumentException("only 127.0.0.0/8 targets are allowed, not '" + host + "'");
        }
        try {
            return new Target(new InetSocketAddress(InetAddress.getByAddress(octets), port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Optional<byte[]> ipv4Literal(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return Optional.empty();
            }
            octets[i] = (byte) value;
        }
        return Optional.of(octets);
    }

    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
