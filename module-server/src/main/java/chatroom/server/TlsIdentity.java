package chatroom.server;

import chatroom.server.internal.SelfSignedKeystore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/// The server's TLS identity: a private key and its certificate, loaded from a PKCS#12
/// keystore into an [SSLContext] for [ServerConfig#tls], with the certificate's fingerprint
/// for people to compare (clients that trust on first use show it).
///
/// Only the JDK's own TLS and key management are used. Immutable and thread-safe.
public final class TlsIdentity {

    /// Where [#selfSigned] keeps its keystore, inside the data directory.
    public static final Path SELF_SIGNED_KEYSTORE = Path.of("tls", "self-signed.p12");

    private final SSLContext context;
    private final X509Certificate certificate;
    private final Path keystore;
    private final boolean selfSigned;

    private TlsIdentity(SSLContext context, X509Certificate certificate, Path keystore, boolean selfSigned) {
        this.context = context;
        this.certificate = certificate;
        this.keystore = keystore;
        this.selfSigned = selfSigned;
    }

    /// The identity in the PKCS#12 `keystore` opened with `password` (also the key's password,
    /// as `keytool` and `openssl pkcs12` make them). When the keystore holds several keys, the
    /// first alias in alphabetical order is used, and only it.
    ///
    /// @throws IOException              if the file cannot be read, is not a PKCS#12 keystore,
    ///                                  or the password is wrong; the message says which
    /// @throws IllegalArgumentException if the keystore holds no private key with an X.509
    ///                                  certificate
    public static TlsIdentity load(Path keystore, char[] password) throws IOException {
        return load(keystore, password, false);
    }

    /// A self-signed identity for `host`, kept in [#SELF_SIGNED_KEYSTORE] under `dataDir`: made
    /// on the first call by the runtime's own `keytool` (EC P-256, valid 10 years, the host in
    /// the subject alternative names), then reused, so its fingerprint stays the same and
    /// clients that trusted it once keep trusting it. The folder is made readable by the owner
    /// only, the keystore too, where the file system has POSIX permissions.
    ///
    /// @throws IOException              if the keystore cannot be made or read (for example
    ///                                  `keytool` fails or the folder is not writable)
    /// @throws IllegalArgumentException if `host` cannot be written into a certificate
    public static TlsIdentity selfSigned(Path dataDir, String host) throws IOException {
        Path file = dataDir.resolve(SELF_SIGNED_KEYSTORE);
        if (!Files.exists(file)) {
            SelfSignedKeystore.create(file, host);
        }
        return load(file, SelfSignedKeystore.password(), true);
    }

    /// For [ServerConfig.Builder#tls].
    public SSLContext sslContext() {
        return context;
    }

    /// The certificate the server presents (the leaf of its chain).
    public X509Certificate certificate() {
        return certificate;
    }

    /// The SHA-256 fingerprint of [#certificate], as [#fingerprint(X509Certificate)] writes it.
    public String fingerprint() {
        return fingerprint(certificate);
    }

    /// The keystore the identity was loaded from.
    public Path keystore() {
        return keystore;
    }

    /// Whether this is the generated self-signed identity ([#selfSigned]).
    public boolean isSelfSigned() {
        return selfSigned;
    }

    /// The SHA-256 digest of the certificate's DER encoding as upper-case hex pairs joined by
    /// `:`, as `keytool -list` and `openssl x509 -fingerprint -sha256` print it
    /// (`AB:CD:…`, 95 characters).
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + certificate.getSubjectX500Principal().getName() + ", SHA-256 " + fingerprint() + "]";
    }

    private static TlsIdentity load(Path file, char[] password, boolean selfSigned) throws IOException {
        Objects.requireNonNull(password, "password");
        KeyStore store = read(file, password);
        try {
            String alias = Collections.list(store.aliases()).stream()
                    .sorted()
                    .filter(name -> isKeyEntry(store, name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "keystore " + file + " holds no private key with a certificate"));
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                throw new IllegalArgumentException("keystore " + file + ": the key '" + alias
                        + "' has no X.509 certificate");
            }
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            // A keystore holding only the chosen key, so that the server presents exactly the
            // certificate whose fingerprint is shown.
            KeyStore chosen = KeyStore.getInstance("PKCS12");
            chosen.load(null, null);
            chosen.setKeyEntry(alias, key, password, chain);
            var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(chosen, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return new TlsIdentity(context, leaf, file, selfSigned);
        } catch (UnrecoverableKeyException e) {
            throw new IOException("keystore " + file + ": cannot read its private key with this password"
                    + " (the key's password must be the keystore's)", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("keystore " + file + " cannot be used for TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore read(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new IOException("keystore " + file + " does not exist", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IOException("keystore " + file + ": wrong password", e);
            }
            throw new IOException("keystore " + file + " cannot be read as PKCS#12: " + describe(e), e);
        } catch (GeneralSecurityException e) {
            throw new IOException("keystore " + file + " cannot be read as PKCS#12: " + describe(e), e);
        }
    }

    private static boolean isKeyEntry(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String describe(Exception e) {
        return Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
    }
}
