package chatroom.server.internal;

import chatroom.protocol.PlainText;
import chatroom.protocol.Text;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

/// TLS over the accepted socket: an [SSLSocket] in server mode layered on the connection's
/// [SocketChannel], driven with blocking streams (the connection runs on virtual threads, for
/// which blocking is cheap).
///
/// [#open] tells a TLS client from a plain one by the first byte, which it reads itself: a TLS
/// handshake record (`0x16`) is handed back to the TLS layer and the handshake runs; anything
/// else, or 2 s of silence, gets [PlainText#TLS_REQUIRED] in plain text and the connection
/// ends. Only TLS 1.3 and 1.2 are enabled, with forward-secret AEAD cipher suites.
///
/// Writes keep the writer's coalescing: the many small frames a writer gathers into one
/// buffer of up to 16 KiB go out as one TLS record (and one system call).
final class TlsTransport implements Transport {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    /// The content type of a TLS handshake record: the first byte every TLS client sends.
    private static final int TLS_HANDSHAKE_RECORD = 0x16;
    /// How long a connection may stay silent before it is told that TLS is required: a person
    /// with `nc` waits for a greeting and would otherwise see nothing at all. (Half the
    /// handshake timeout if that is shorter, so the line goes out before the timeout closes.)
    private static final long FIRST_BYTE_WAIT_MILLIS = 2_000;
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final byte[] REFUSAL = Text.frameBytes(PlainText.TLS_REQUIRED);
    /// How long a refused client's input is drained, and how much of it, at most.
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int DRAIN_MAX_BYTES = 64 * 1024;
    /// Time the TLS goodbye (`close_notify`) may take before the socket is closed regardless.
    private static final long CLOSE_NOTIFY_GRACE_SECONDS = 5;

    private final SocketChannel channel;
    private final SSLContext context;
    private final Duration handshakeTimeout;
    /// Whether the writer is in a write: [#close] then closes at once rather than wait behind a
    /// write stuck on a client that stopped reading.
    private volatile boolean writing;
    private final AtomicBoolean closing = new AtomicBoolean();
    /// Set by the reader once the handshake has succeeded; the streams are set before it.
    private volatile boolean established;
    private SSLSocket socket;
    private InputStream in;
    private OutputStream out;

    TlsTransport(SocketChannel channel, SSLContext context, Duration handshakeTimeout) {
        this.channel = channel;
        this.context = context;
        this.handshakeTimeout = handshakeTimeout;
    }

    @Override
    public boolean open(String peer) throws IOException {
        int first = firstByte();
        if (first == -1) {
            return false; // the client left (or the server is closing it) before saying anything
        }
        if (first != TLS_HANDSHAKE_RECORD) {
            LOG.log(INFO, "{0} refused: not TLS ({1})", peer, first == -2 ? "silent" : "plain text");
            refuse();
            return false;
        }
        var tls = (SSLSocket) context.getSocketFactory()
                .createSocket(channel.socket(), new FirstByteThenSocket(first, channel.socket().getInputStream()), true);
        try {
            tls.setUseClientMode(false);
            tls.setSSLParameters(parameters(tls.getSSLParameters()));
            tls.setSoTimeout(timeoutMillis(handshakeTimeout));
            tls.startHandshake();
            tls.setSoTimeout(0);
        } catch (IOException e) {
            // A scanner, a client that does not trust the certificate, a dropped connection:
            // the client's business, not the server's, so no stack trace.
            LOG.log(INFO, "{0} TLS handshake failed: {1}", peer, reason(e));
            return false;
        }
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
        established = true;
        LOG.log(DEBUG, "{0} TLS established: {1} {2}", peer, tls.getSession().getProtocol(),
                tls.getSession().getCipherSuite());
        return true;
    }

    /// Reads decrypted bytes; `-1` after the client's `close_notify` or at the end of the TCP
    /// stream (also when [#shutdownInput] was called).
    @Override
    public int read(ByteBuffer destination) throws IOException {
        requireEstablished();
        try {
            return readDecrypted(destination);
        } catch (FirstByteThenSocket.EndOfStream e) {
            return -1;
        }
    }

    private int readDecrypted(ByteBuffer destination) throws IOException {
        if (destination.hasArray()) {
            int count = in.read(destination.array(), destination.arrayOffset() + destination.position(),
                    destination.remaining());
            if (count > 0) {
                destination.position(destination.position() + count);
            }
            return count;
        }
        byte[] bytes = new byte[destination.remaining()];
        int count = in.read(bytes);
        if (count > 0) {
            destination.put(bytes, 0, count);
        }
        return count;
    }

    /// Writes all of `source` (a blocking write). The TLS layer cuts it into records of up to
    /// 16 KiB, so a writer's buffer of up to 16 KiB ([Outbound#STAGING_BYTES]) is one record.
    @Override
    public int write(ByteBuffer source) throws IOException {
        requireEstablished();
        int total = source.remaining();
        if (total == 0) {
            return 0;
        }
        writing = true;
        try {
            if (source.hasArray()) {
                out.write(source.array(), source.arrayOffset() + source.position(), total);
                source.position(source.limit());
            } else {
                byte[] copy = new byte[total];
                source.get(copy);
                out.write(copy);
            }
        } finally {
            writing = false;
        }
        return total;
    }

    /// TLS-decrypted bytes not yet read plus what the kernel holds, still encrypted: an
    /// estimate (record overhead counts), which is all flood control needs.
    @Override
    public int unreadBytes() {
        try {
            int raw = channel.socket().getInputStream().available();
            return established ? raw + in.available() : raw;
        } catch (IOException e) {
            return 0;
        }
    }

    /// Shuts down the TCP input under TLS: the reader sees the end of the stream at once,
    /// while the writer can still send a goodbye inside TLS.
    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /// Closes the connection, with the TLS goodbye (`close_notify`) when it can be sent: the
    /// handshake is done and no write is under way. Sending it may block on a client that
    /// stopped reading, so it is sent from a virtual thread of its own and the socket is closed
    /// regardless [#CLOSE_NOTIFY_GRACE_SECONDS] later; the caller never waits. A second call,
    /// or a call during a write, closes the socket at once.
    @Override
    public void close() throws IOException {
        if (established && !writing && closing.compareAndSet(false, true) && channel.isOpen()) {
            CompletableFuture.delayedExecutor(CLOSE_NOTIFY_GRACE_SECONDS, TimeUnit.SECONDS,
                    Thread::startVirtualThread).execute(this::closeChannelQuietly);
            Thread.startVirtualThread(this::closeWithGoodbye);
            return;
        }
        channel.close();
    }

    /// The first byte the client sends; `-1` at end of stream, `-2` after
    /// [#FIRST_BYTE_WAIT_MILLIS] of silence (or half the handshake timeout).
    private int firstByte() throws IOException {
        var socket = channel.socket();
        socket.setSoTimeout(timeoutMillis(Duration.ofMillis(
                Math.min(FIRST_BYTE_WAIT_MILLIS, handshakeTimeout.dividedBy(2).toMillis()))));
        try {
            return socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            return -2;
        } finally {
            socket.setSoTimeout(0);
        }
    }

    /// Sends the refusal line in plain text, then reads and drops what the client sends for
    /// at most a second: closing a socket with unread input resets the connection, and the
    /// reset can destroy the line before the client has read it.
    private void refuse() {
        try {
            channel.write(ByteBuffer.wrap(REFUSAL));
            channel.shutdownOutput();
            var socket = channel.socket();
            InputStream input = socket.getInputStream();
            byte[] sink = new byte[1024];
            long deadline = System.nanoTime() + DRAIN_NANOS;
            for (int total = 0; total < DRAIN_MAX_BYTES; ) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                int count = input.read(sink);
                if (count < 0) {
                    return;
                }
                total += count;
            }
        } catch (IOException e) {
            LOG.log(DEBUG, "TLS refusal not delivered: {0}", e.toString());
        }
    }

    private void requireEstablished() throws IOException {
        if (!established) {
            throw new IOException("TLS is not established");
        }
    }

    private void closeWithGoodbye() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(DEBUG, "TLS close failed: {0}", e.toString());
        } finally {
            closeChannelQuietly();
        }
    }

    private void closeChannelQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(DEBUG, "Close failed: {0}", e.toString());
        }
    }

    /// TLS 1.3 and 1.2 only; of the runtime's enabled cipher suites, those with forward
    /// secrecy and authenticated encryption (all of TLS 1.3's; ECDHE with GCM or ChaCha20 for
    /// TLS 1.2), in the server's order of preference.
    static SSLParameters parameters(SSLParameters defaults) {
        defaults.setProtocols(PROTOCOLS.toArray(String[]::new));
        defaults.setCipherSuites(Arrays.stream(defaults.getCipherSuites())
                .filter(TlsTransport::isStrong)
                .toArray(String[]::new));
        defaults.setUseCipherSuitesOrder(true);
        defaults.setNeedClientAuth(false);
        return defaults;
    }

    private static boolean isStrong(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
                || suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("_CHACHA20_"))
                || suite.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    }

    /// The exception's message and its cause's: the JDK often says only where it failed
    /// (`readHandshakeRecord`) and puts what happened (`Received fatal alert: …`) in the cause.
    private static String reason(IOException e) {
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null || cause.getMessage().equals(e.getMessage())
                ? e.getMessage()
                : e.getMessage() + ": " + cause.getMessage();
    }

    private static int timeoutMillis(Duration duration) {
        return (int) Math.clamp(duration.toMillis(), 1, Integer.MAX_VALUE);
    }
}
