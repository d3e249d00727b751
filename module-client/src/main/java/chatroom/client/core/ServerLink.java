package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.ClientFrames;
import chatroom.protocol.LineDecoder;
import chatroom.protocol.Parsed;
import chatroom.protocol.Text;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/// One TCP connection to a server, plain or inside TLS: blocking reads of whole lines (through the protocol's
/// [LineDecoder], so a hostile server cannot make the client buffer without bound) and
/// writes of whole frames.
///
/// Reads happen on one thread, writes on another; [#close()] may be called from any thread
/// and wakes both.
final class ServerLink implements AutoCloseable {

    private final Socket socket;
    /// The TCP socket under `socket` when that is TLS, else `socket` itself.
    private final Socket transport;
    private final InputStream in;
    private final OutputStream out;
    private final LineDecoder decoder = new LineDecoder();
    private final ArrayDeque<Parsed<String>> lines = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];
    private boolean ended;

    private ServerLink(Socket socket, Socket transport) throws IOException {
        this.socket = socket;
        this.transport = transport;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /// Connects within `timeout`. `socket` is created by the caller so that it can be closed
    /// from another thread to cancel the attempt.
    static ServerLink connect(Socket socket, ServerAddress address, Duration timeout) throws IOException {
        open(socket, address, timeout);
        return new ServerLink(socket, socket);
    }

    /// Opens the TCP connection of `socket` within `timeout`, for TLS to be started over it.
    static void open(Socket socket, ServerAddress address, Duration timeout) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        socket.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
    }

    /// A link over `tls`, whose handshake is complete, running over `transport`.
    static ServerLink secured(SSLSocket tls, Socket transport) throws IOException {
        return new ServerLink(tls, transport);
    }

    /// Gives up on a read after `timeout` of silence (a server that stopped answering).
    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /// The next line (or the refusal of a malformed one), or empty at the end of the stream.
    Optional<Parsed<String>> nextLine() throws IOException {
        while (lines.isEmpty() && !ended) {
            int count = in.read(buffer);
            if (count < 0) {
                ended = true;
                decoder.endOfInput(lines::add);
            } else {
                decoder.decode(ByteBuffer.wrap(buffer, 0, count), lines::add);
            }
        }
        return Optional.ofNullable(lines.poll());
    }

    /// Writes one frame. Called by one writer thread at a time.
    void send(ClientFrame frame) throws IOException {
        send(frame, Optional.empty());
    }

    /// Writes one frame, with `label=` if given. Called by one writer thread at a time.
    void send(ClientFrame frame, Optional<String> label) throws IOException {
        String line = label.isPresent() ? ClientFrames.encode(frame, label.get()) : ClientFrames.encode(frame);
        out.write(Text.frameBytes(line));
        out.flush();
    }

    @Override
    public void close() {
        try {
            // The TCP socket first: closing TLS would send close_notify, which can block behind a
            // stuck write or read; closing TCP wakes both threads at once.
            transport.close();
            socket.close();
        } catch (IOException e) {
            // Closing a socket that already failed: nothing left to release.
        }
    }
}
