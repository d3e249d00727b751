package chatroom.client.core;

import chatroom.protocol.PlainText;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/// A TLS-only front for a plain server on 127.0.0.1, behaving as the contract says a TLS-only
/// chatroom server does: a first byte that starts a TLS handshake gets TLS (with the
/// certificate chosen by [#serve]); anything else gets the single line
/// [PlainText#TLS_REQUIRED] and the connection is closed. Behind the handshake it relays to
/// `target` and counts what the client sent, so a test can prove that nothing was.
public final class TlsTerminator implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicReference<TestCertificates.Keys> keys;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger failedHandshakes = new AtomicInteger();
    private final AtomicInteger plainRefusals = new AtomicInteger();
    private final AtomicLong applicationBytes = new AtomicLong();

    public TlsTerminator(InetSocketAddress target, TestCertificates.Keys keys) throws IOException {
        this.target = target;
        this.keys = new AtomicReference<>(keys);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("test-tls-accept").start(this::accept);
    }

    public ServerAddress address() {
        return new ServerAddress("127.0.0.1", listener.getLocalPort());
    }

    /// Serves `next` to the next connections (a server whose certificate was replaced).
    public void serve(TestCertificates.Keys next) {
        keys.set(next);
    }

    /// Cuts every connection open now; new ones are still accepted.
    public void sever() {
        open.forEach(TlsTerminator::closeQuietly);
        open.clear();
    }

    /// TLS handshakes completed.
    public int handshakes() {
        return handshakes.get();
    }

    /// TLS handshakes the client broke off (it did not trust the certificate).
    public int failedHandshakes() {
        return failedHandshakes.get();
    }

    /// Connections that did not start with TLS and were told [PlainText#TLS_REQUIRED].
    public int plainRefusals() {
        return plainRefusals.get();
    }

    /// Bytes clients sent inside TLS, over all connections.
    public long applicationBytes() {
        return applicationBytes.get();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sever();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread.ofVirtual().name("test-tls-connection").start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setSoTimeout(2_000);
            int first;
            try {
                first = client.getInputStream().read();
            } catch (SocketTimeoutException silence) {
                first = -2;
            }
            if (first != 0x16) {
                plainRefusals.incrementAndGet();
                client.getOutputStream().write((PlainText.TLS_REQUIRED + "\n").getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().flush();
                client.shutdownOutput();
                client.getInputStream().skip(4096);
                client.close();
                return;
            }
            client.setSoTimeout(0);
            var tls = (SSLSocket) keys.get().serverContext().getSocketFactory()
                    .createSocket(client, new ByteArrayInputStream(new byte[] {0x16}), true);
            tls.setUseClientMode(false);
            open.add(tls);
            try {
                tls.startHandshake();
            } catch (IOException refused) {
                failedHandshakes.incrementAndGet();
                closeQuietly(tls);
                return;
            }
            handshakes.incrementAndGet();
            Socket server = new Socket(target.getAddress(), target.getPort());
            open.add(server);
            pump(tls, server, true);
            pump(server, tls, false);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (fromClient) {
                        applicationBytes.addAndGet(n);
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // Severed or closed: end this direction.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }
}
