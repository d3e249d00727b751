package chatroom.server.internal;

import chatroom.server.TlsIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/// The TLS transport against a real TLS client that also sees the raw bytes on the wire, so
/// that the records the server sends can be counted.
@DisplayName("TlsTransport")
@Timeout(60)
class TlsTransportTest {

    /// A TLS record's type byte for application data.
    private static final int APPLICATION_DATA = 0x17;

    @TempDir
    static Path dataDir;
    private static TlsIdentity identity;

    private ServerSocketChannel listener;
    private SocketChannel accepted;
    private TlsTransport transport;
    private WireTap wire;
    private SSLSocket client;

    @BeforeAll
    static void makeIdentity() throws IOException {
        identity = TlsIdentity.selfSigned(dataDir, "127.0.0.1");
    }

    /// A TLS 1.2 connection (no post-handshake messages that would look like data records).
    @BeforeEach
    void connect() throws Exception {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        wire = new WireTap();
        wire.connect(listener.getLocalAddress(), 5_000);
        accepted = listener.accept();
        transport = new TlsTransport(accepted, identity.sslContext(), Duration.ofSeconds(10));
        CompletableFuture<Boolean> opened = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                opened.complete(transport.open("test"));
            } catch (IOException | RuntimeException e) {
                opened.completeExceptionally(e);
            }
        });
        var context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        client = (SSLSocket) context.getSocketFactory().createSocket(wire, "127.0.0.1", wire.getPort(), true);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        client.setSoTimeout(10_000);
        client.startHandshake();
        assertThat(opened.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        transport.close();
        listener.close();
    }

    @Test
    @DisplayName("a writer's buffer of 64 small frames goes out as one TLS record")
    void smallBatchIsOneRecord() throws IOException {
        int before = wire.records(APPLICATION_DATA);
        var expected = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            expected.append("alice: message ").append(i).append('\n');
        }
        ByteBuffer staged = ByteBuffer.wrap(expected.toString().getBytes(StandardCharsets.UTF_8));

        int written = transport.write(staged);

        assertThat(written).isEqualTo(expected.length());
        assertThat(staged.hasRemaining()).isFalse();
        assertThat(readExactly(expected.length())).isEqualTo(expected.toString());
        assertThat(wire.records(APPLICATION_DATA) - before).isEqualTo(1);
    }

    @Test
    @DisplayName("more than 16 KiB is cut into full records: 24,000 bytes in 2, from a buffer's position, direct or not")
    void largeWriteIsFullRecords() throws IOException {
        int before = wire.records(APPLICATION_DATA);
        String text = "a".repeat(8_000) + "b".repeat(16_000) + "c".repeat(8_000);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer heap = ByteBuffer.wrap(bytes).position(8_000);
        ByteBuffer direct = ByteBuffer.allocateDirect(8_000).put(bytes, 0, 8_000).flip();

        assertThat(transport.write(heap)).isEqualTo(24_000);
        assertThat(transport.write(direct)).isEqualTo(8_000);

        assertThat(readExactly(32_000)).isEqualTo(text.substring(8_000) + text.substring(0, 8_000));
        assertThat(wire.records(APPLICATION_DATA) - before).isEqualTo(3);
    }

    @Test
    @DisplayName("reads what the client sent, and counts unread input, decrypted or not, for flood control")
    void readsAndCountsUnread() throws Exception {
        byte[] sent = new byte[40 * 1024];
        java.util.Arrays.fill(sent, (byte) 'x');
        client.getOutputStream().write(sent);
        client.getOutputStream().flush();

        ByteBuffer one = ByteBuffer.allocate(1);
        assertThat(transport.read(one)).isEqualTo(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (transport.unreadBytes() < sent.length - 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(transport.unreadBytes()).isGreaterThanOrEqualTo(sent.length - 1);

        ByteBuffer rest = ByteBuffer.allocateDirect(sent.length);
        rest.put((byte) 'x');
        while (rest.hasRemaining()) {
            assertThat(transport.read(rest)).isPositive();
        }
        assertThat(transport.unreadBytes()).isZero();
    }

    @Test
    @DisplayName("after input is shut down the reader sees the end, and a goodbye written then still arrives")
    void goodbyeAfterInputShutdown() throws IOException {
        transport.shutdownInput();
        assertThat(transport.read(ByteBuffer.allocate(16))).isEqualTo(-1);
        assertThat(accepted.isOpen()).isTrue();

        transport.write(ByteBuffer.wrap("* Goodbye!\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(readExactly("* Goodbye!\n".length())).isEqualTo("* Goodbye!\n");
    }

    @Test
    @DisplayName("a client that drops the TCP connection without a TLS goodbye is an end of stream")
    void abruptEndIsEndOfStream() throws IOException {
        wire.shutdownOutput();
        assertThat(transport.read(ByteBuffer.allocate(16))).isEqualTo(-1);
    }

    @Test
    @DisplayName("closing sends the TLS goodbye (close_notify): the client reads a clean end of stream")
    void closeSaysGoodbye() throws IOException {
        transport.close();
        assertThat(client.getInputStream().read()).isEqualTo(-1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accepted.isOpen() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(accepted.isOpen()).isFalse();
    }

    private String readExactly(int count) throws IOException {
        byte[] bytes = client.getInputStream().readNBytes(count);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /// A plain socket that keeps a copy of every byte the TLS layer above it reads.
    private static final class WireTap extends Socket {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        record(new byte[] {(byte) b}, 0, 1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    int count = super.read(bytes, offset, length);
                    if (count > 0) {
                        record(bytes, offset, count);
                    }
                    return count;
                }
            };
        }

        private void record(byte[] bytes, int offset, int count) {
            synchronized (received) {
                received.write(bytes, offset, count);
            }
        }

        /// Complete TLS records of `type` received so far.
        int records(int type) {
            byte[] bytes;
            synchronized (received) {
                bytes = received.toByteArray();
            }
            int count = 0;
            for (int at = 0; at + 5 <= bytes.length; ) {
                int length = (bytes[at + 3] & 0xff) << 8 | bytes[at + 4] & 0xff;
                if (at + 5 + length > bytes.length) {
                    break;
                }
                if ((bytes[at] & 0xff) == type) {
                    count++;
                }
                at += 5 + length;
            }
            return count;
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
