package chatroom.server;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;

/// TLS clients for tests: they trust a server by its certificate's fingerprint alone (as a
/// client that trusts on first use does), whatever signed it, and remember what they saw.
final class TlsClients {

    private static final int TIMEOUT_MILLIS = (int) TestClient.TIMEOUT.toMillis();

    private final SSLContext context;
    private final AtomicReference<String> seen = new AtomicReference<>();

    /// Clients that accept only the certificate whose fingerprint is `fingerprint`.
    TlsClients(String fingerprint) {
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new FingerprintTrust(fingerprint, seen)}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /// The context the clients use, for a test that builds its own socket.
    SSLContext context() {
        return context;
    }

    /// The fingerprint of the last server certificate offered, accepted or not.
    String seenFingerprint() {
        return seen.get();
    }

    /// A TLS socket connected to `server` with the handshake done, offering only `protocols`.
    SSLSocket connect(InetSocketAddress server, String... protocols) throws IOException {
        var socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, TIMEOUT_MILLIS);
            if (protocols.length > 0) {
                socket.setEnabledProtocols(protocols);
            }
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /// A [TestClient] over a new TLS connection, past the greeting.
    TestClient join(ServerFixture fixture, String label) {
        try {
            TestClient client = fixture.track(TestClient.over(connect(fixture.address()), label));
            client.expectExactLine(ServerFixture.GREETING);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect " + label + " with TLS", e);
        }
    }

    private record FingerprintTrust(String expected, AtomicReference<String> seen) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            String fingerprint = TlsIdentity.fingerprint(chain[0]);
            seen.set(fingerprint);
            if (!fingerprint.equals(expected)) {
                throw new CertificateException("fingerprint " + fingerprint + " is not the one trusted, " + expected);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
