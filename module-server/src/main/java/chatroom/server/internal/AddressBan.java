package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Parsed;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/// An address banned from a room: one IPv4 address, or an IPv6 `/64` (one machine is usually
/// given a whole `/64`, as the per-address limits also assume). Written `203.0.113.7` or
/// `2001:db8:0:1:0:0:0:0/64`.
///
/// @param network the address, an IPv6 one with its last 64 bits cleared
record AddressBan(InetAddress network) {

    AddressBan {
        network = AddressLimits.key(network);
    }

    /// Reads an IP literal (no host names: nothing is looked up), with or without `/32` (IPv4)
    /// or `/64` (IPv6); an IPv4-mapped IPv6 address is the IPv4 address.
    static Parsed<AddressBan> parse(String text) {
        String literal = text;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            literal = text.substring(0, slash);
            String prefix = text.substring(slash + 1);
            if (!(prefix.equals("32") && !literal.contains(":")) && !(prefix.equals("64") && literal.contains(":"))) {
                return Parsed.invalid(ErrorCode.BAD_COMMAND,
                        "an address ban is one IPv4 address or one IPv6 /64, not /" + prefix);
            }
        }
        if (!looksLikeAddress(literal)) {
            return Parsed.invalid(ErrorCode.BAD_COMMAND, "not an IP address: " + text);
        }
        try {
            return Parsed.ok(new AddressBan(InetAddress.ofLiteral(literal)));
        } catch (IllegalArgumentException e) {
            return Parsed.invalid(ErrorCode.BAD_COMMAND, "not an IP address: " + text);
        }
    }

    /// Whether `text` is written like an IP address (digits and dots, or holds a `:`), so that
    /// `/ban 10.0.0.7` bans an address; a member named like that is banned by address anyway.
    static boolean looksLikeAddress(String text) {
        String literal = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        return literal.contains(":") || (!literal.isEmpty() && literal.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))
                && literal.chars().filter(c -> c == '.').count() == 3);
    }

    /// Whether `address` falls under this ban.
    boolean matches(InetAddress address) {
        return network.equals(AddressLimits.key(address));
    }

    @Override
    public String toString() {
        return switch (network) {
            case Inet4Address v4 -> v4.getHostAddress();
            case Inet6Address v6 -> v6.getHostAddress() + "/64";
            default -> network.getHostAddress();
        };
    }
}
