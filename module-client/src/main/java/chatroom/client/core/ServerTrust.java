package chatroom.client.core;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/// Decides, during one TLS handshake, whether to trust the server, and records why.
///
/// In this order: a certificate that the authorities vouch for and that names the host is
/// trusted (a properly signed server needs no question); else its fingerprint is compared with
/// `--trust`, if given (and nothing else counts); else with the one remembered for the server in
/// [KnownServers]; else with the one this client accepted earlier in its session. Anything else
/// ends the handshake: the client then knows from [#verdict()] whether to ask the person
/// (never seen) or to refuse loudly (changed).
///
/// One instance per handshake; used by the handshaking thread only.
final class ServerTrust extends X509ExtendedTrustManager {

    /// Why the handshake was (or was not) allowed to complete.
    sealed interface Verdict {
        /// The certificate (`presented`) is accepted.
        record Trusted(Fingerprint presented, boolean byAuthority) implements Verdict {
        }

        /// Never seen: the person must decide.
        record Unknown(Fingerprint presented) implements Verdict {
        }

        /// Not the certificate expected: possibly an attack.
        record Changed(Fingerprint expected, Fingerprint presented, LoginOutcome.ExpectedBy expectedBy)
                implements Verdict {
        }

        /// The known-servers file could not be read.
        record Unreadable(IOException cause) implements Verdict {
        }
    }

    private final ServerAddress server;
    private final TrustSettings settings;
    private final Optional<Fingerprint> sessionFingerprint;
    private final X509ExtendedTrustManager authorities;
    private Verdict verdict;

    ServerTrust(ServerAddress server, TrustSettings settings, Optional<Fingerprint> sessionFingerprint)
            throws GeneralSecurityException {
        this.server = server;
        this.settings = settings;
        this.sessionFingerprint = sessionFingerprint;
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(settings.authorities().orElse(null));
        this.authorities = Arrays.stream(factory.getTrustManagers())
                .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                .findFirst().orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
    }

    /// Opens TLS (1.3, or 1.2) over the connected `socket` and completes the handshake within
    /// `timeout`. Closing `socket` from another thread cancels it.
    ///
    /// @throws IOException if the handshake fails; [#verdict()] says whether trust was the reason
    SSLSocket handshake(Socket socket, Duration timeout) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {this}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available in this Java runtime: " + e.getMessage(), e);
        }
        var tls = (SSLSocket) context.getSocketFactory().createSocket(socket, server.host(), server.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        // Makes the authorities' check also match the certificate to the host name.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        tls.startHandshake();
        return tls;
    }

    /// What the last check decided; empty if the handshake failed before the certificate.
    Optional<Verdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        decide(chain, () -> authorities.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        decide(chain, () -> authorities.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // Without the socket the host name cannot be checked: no authority counts then.
        decide(chain, () -> {
            throw new CertificateException("no host name to check");
        });
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a chat client does not accept connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a chat client does not accept connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a chat client does not accept connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private interface AuthorityCheck {
        void run() throws CertificateException;
    }

    private void decide(X509Certificate[] chain, AuthorityCheck byAuthorities) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        Fingerprint presented = Fingerprint.of(chain[0]);
        try {
            byAuthorities.run();
            verdict = new Verdict.Trusted(presented, true);
            return;
        } catch (CertificateException notByAuthorities) {
            verdict = judge(presented);
        }
        if (!(verdict instanceof Verdict.Trusted)) {
            throw new CertificateException("the server's certificate " + presented + " is not trusted");
        }
    }

    private Verdict judge(Fingerprint presented) {
        if (settings.pinned().isPresent()) {
            Fingerprint pinned = settings.pinned().get();
            return pinned.equals(presented)
                    ? new Verdict.Trusted(presented, false)
                    : new Verdict.Changed(pinned, presented, LoginOutcome.ExpectedBy.TRUST_OPTION);
        }
        Optional<Fingerprint> known;
        try {
            known = settings.knownServers().lookup(server);
        } catch (IOException e) {
            return new Verdict.Unreadable(e);
        }
        if (known.isPresent()) {
            return known.get().equals(presented)
                    ? new Verdict.Trusted(presented, false)
                    : new Verdict.Changed(known.get(), presented, LoginOutcome.ExpectedBy.KNOWN_SERVERS);
        }
        if (sessionFingerprint.isPresent()) {
            return sessionFingerprint.get().equals(presented)
                    ? new Verdict.Trusted(presented, false)
                    : new Verdict.Changed(sessionFingerprint.get(), presented, LoginOutcome.ExpectedBy.THIS_SESSION);
        }
        return new Verdict.Unknown(presented);
    }
}
