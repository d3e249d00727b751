package chatroom.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/// Why a member left, as carried by `LEFT` and `BYE` frames. New reasons may be added;
/// clients show an unknown one as [#CLOSED].
public enum LeaveReason {
    /// The member asked to leave (`/quit` or `QUIT`).
    QUIT("quit", ""),
    /// The connection closed or broke without a goodbye.
    CLOSED("closed", " (connection lost)"),
    /// The client stopped answering heartbeats.
    TIMEOUT("timeout", " (timed out)"),
    /// The client read too slowly and its outbound queue overflowed (IRC's "SendQ exceeded").
    SENDQ("sendq", " (too slow to keep up: SendQ exceeded)"),
    /// The server is shutting down.
    SHUTDOWN("shutdown", " (server shutting down)"),
    /// The client sent so far beyond its rate that no person could have (IRC's "Excess Flood").
    FLOOD("flood", " (excess flood)"),
    /// An operator removed the member from the default room. Version 1 clients, who cannot be
    /// in any other room, see it as `LEFT … reason=kicked` and are disconnected with it.
    KICKED("kicked", " (kicked out)"),
    /// A server operator removed the member from the chat (IRC's `KILL`).
    KILLED("killed", " (removed by a server operator)");

    private static final Map<String, LeaveReason> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(LeaveReason::wire, Function.identity()));

    private final String wire;
    private final String plainSuffix;

    LeaveReason(String wire, String plainSuffix) {
        this.wire = wire;
        this.plainSuffix = plainSuffix;
    }

    /// The reason as written on the wire.
    public String wire() {
        return wire;
    }

    /// What the plain dialect appends to `NAME left the chat`.
    public String plainSuffix() {
        return plainSuffix;
    }

    /// The reason with this wire form, if this version knows it.
    public static Optional<LeaveReason> fromWire(String wire) {
        return Optional.ofNullable(BY_WIRE.get(wire));
    }
}
