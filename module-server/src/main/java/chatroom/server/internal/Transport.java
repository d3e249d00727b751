package chatroom.server.internal;

import chatroom.server.ServerConfig;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;

/// How one connection's bytes travel: as they are over the TCP socket ([PlainTransport]), or
/// inside TLS ([TlsTransport]). The connection reads it, its [Outbound] writes it.
///
/// Threads: only the connection's reader calls [#open], [#read] and [#unreadBytes]; only the
/// connection's writer calls the `write` methods; [#shutdownInput] and [#close] may be called
/// from any thread, and wake a reader or writer blocked on the socket.
sealed interface Transport extends ByteChannel permits PlainTransport, TlsTransport {

    /// The transport `config` asks for over the accepted `channel` (in blocking mode).
    static Transport over(SocketChannel channel, ServerConfig config) {
        return config.tls()
                .<Transport>map(context -> new TlsTransport(channel, context, config.handshakeTimeout()))
                .orElseGet(() -> new PlainTransport(channel));
    }

    /// Whether reads and writes block: TLS does (the JDK's `SSLSocket`), so a TLS connection
    /// keeps a virtual thread for reading and runs its writer on a virtual thread of its own;
    /// a plain connection is read when the poller says input has arrived, and its writer never
    /// blocks. The one place that says so.
    default boolean blocks() {
        return this instanceof TlsTransport;
    }

    /// Makes the transport ready before anything is sent (a TLS handshake, for one); returns
    /// `false` when the connection must end now instead, having said why to the client and
    /// the log if there was anything to say. Reader thread only; blocks, bounded in time.
    boolean open(String peer) throws IOException;

    /// Bytes received and not yet read, as far as can be told cheaply (for flood control).
    int unreadBytes();

    /// Stops reading: a reader blocked in [#read] sees the end of the stream. Writing goes on,
    /// so a goodbye can still be sent.
    void shutdownInput() throws IOException;
}
