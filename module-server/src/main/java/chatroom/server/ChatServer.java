package chatroom.server;

import chatroom.server.internal.ServerImpl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/// A chat server: one TCP port, many rooms (everyone starts in the default room), private
/// messages, both dialects (see `docs/protocol.md`).
///
/// Modelled on the JDK's `HttpServer`: [#create] binds the port, [#start] begins accepting,
/// [#stop] shuts down. One named platform thread accepts; a poller starts a read task (a
/// virtual thread) when a connection has input, and every client has a bounded outbound
/// queue drained by its own writer, so a slow client never holds up anybody else (the
/// threads and the path of a message: `chatroom.server.internal`'s package documentation).
///
/// Thread-safe.
public sealed interface ChatServer permits ServerImpl {

    /// Binds `address` (port `0` picks a free port) without accepting yet. With a
    /// [ServerConfig#dataDir()] it also locks that directory and recovers the rooms and the
    /// history logs in it, so later messages get ids above those saved.
    ///
    /// @throws DataDirectoryException if the data directory is used by another server, or its
    ///                                history log cannot be read, written or understood
    /// @throws IOException if the address cannot be bound (for example the port is in use)
    /// @throws IllegalArgumentException if `address` is unresolved
    static ChatServer create(InetSocketAddress address, ServerConfig config) throws IOException {
        return ServerImpl.bind(address, config);
    }

    /// Starts accepting connections. May be called once.
    ///
    /// @throws IllegalStateException if already started or stopped
    void start();

    /// The address actually bound (with the real port when `0` was asked for).
    InetSocketAddress address();

    /// Stops the server and returns when it has stopped:
    ///
    /// 1. closes the listening socket, so no new connection is accepted, and stops taking
    ///    messages; the messages already taken are saved (and forced to disk, whatever the
    ///    [FsyncPolicy]) and delivered, and the history log is closed;
    /// 2. tells every client that the server is stopping (`BYE reason=shutdown`, or a `* ` line
    ///    for plain clients) and lets their queues drain for up to `grace`;
    /// 3. closes every connection still open and ends every thread the server started.
    ///
    /// Calling it again, or before [#start], is harmless.
    void stop(Duration grace);

    /// Connections open now, named or not.
    int connectionCount();

    /// Members now (connections that have chosen a name), whatever rooms they are in.
    int memberCount();
}
