package chatroom.server.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/// What the IRC dialect says about this server: the name in every server prefix (and in every
/// member's host part), the network's name, the product and version for `002`, `004` and
/// `VERSION`, when it started (`003`), and the message of the day (`375`/`372`/`376`, or
/// `422` when it has no lines).
///
/// @param name    `--server-name`, by default the host's name
/// @param network the `NETWORK` token of `005`
/// @param product `chatroom/VERSION`
/// @param started when the server started
/// @param motd    the message of the day, one entry a line; empty for none
/// @param channelLimit the most rooms one member may be in (`CHANLIMIT`)
/// @param operators    whether the server has an operator password (`OPER` is `491` without one)
record IrcServer(String name, String network, String product, Instant started, List<String> motd,
                 int channelLimit, boolean operators) {

    IrcServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(started, "started");
        motd = List.copyOf(motd);
    }

    /// The version alone: `product` after its `/`.
    String version() {
        return product.substring(product.indexOf('/') + 1);
    }
}
