package chatroom.server;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("TlsIdentity")
@Timeout(120)
class TlsIdentityTest {

    private static final char[] SELF_SIGNED_PASSWORD = "chatroom-self-signed".toCharArray();

    @TempDir
    static Path shared;
    private static TlsIdentity made;

    /// One self-signed identity for the class: keytool takes a second or so.
    private static synchronized TlsIdentity selfSigned() throws IOException {
        if (made == null) {
            made = TlsIdentity.selfSigned(shared, "localhost");
        }
        return made;
    }

    @Nested
    @DisplayName("selfSigned")
    class SelfSigned {

        @Test
        @DisplayName("makes tls/self-signed.p12 in the data directory once, and reuses it: same fingerprint")
        void madeOnceAndReused() throws IOException {
            TlsIdentity first = selfSigned();
            Path keystore = shared.resolve("tls").resolve("self-signed.p12");
            assertThat(first.keystore()).isEqualTo(keystore);
            assertThat(first.isSelfSigned()).isTrue();
            long modified = Files.getLastModifiedTime(keystore).toMillis();

            TlsIdentity again = TlsIdentity.selfSigned(shared, "localhost");

            assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
            assertThat(Files.getLastModifiedTime(keystore).toMillis()).isEqualTo(modified);
            assertThat(Files.list(keystore.getParent())).containsExactly(keystore);
        }

        @Test
        @DisplayName("is readable by its owner only, folder and file, where permissions are POSIX")
        void ownerOnly() throws IOException {
            TlsIdentity identity = selfSigned();
            if (identity.keystore().getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(identity.keystore())))
                        .isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        identity.keystore().getParent()))).isEqualTo("rwx------");
            } else {
                assertThat(identity.keystore()).isReadable();
            }
        }

        @Test
        @DisplayName("holds an EC P-256 certificate for the host, valid for years")
        void certificate() throws Exception {
            var certificate = selfSigned().certificate();
            assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=localhost");
            assertThat(certificate.getSubjectAlternativeNames())
                    .anySatisfy(name -> assertThat(name.get(1)).isEqualTo("localhost"));
            assertThat(certificate.getNotAfter().toInstant())
                    .isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(3000)));
        }

        @Test
        @DisplayName("refuses a host that cannot be put in a certificate, and makes no file")
        void badHost(@TempDir Path dataDir) {
            assertThatThrownBy(() -> TlsIdentity.selfSigned(dataDir, "a b,CN=evil"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a b,CN=evil");
            assertThat(dataDir.resolve("tls/self-signed.p12")).doesNotExist();
        }

        @Test
        @DisplayName("says clearly when the data directory cannot be written")
        void unwritable(@TempDir Path dataDir) throws IOException {
            Path file = Files.writeString(dataDir.resolve("not-a-folder"), "x");
            assertThatThrownBy(() -> TlsIdentity.selfSigned(file, "localhost"))
                    .isInstanceOf(IOException.class);
        }
    }

    @Nested
    @DisplayName("load")
    class Load {

        @Test
        @DisplayName("opens a PKCS#12 keystore with its password: the same certificate")
        void opens() throws IOException {
            TlsIdentity self = selfSigned();
            TlsIdentity loaded = TlsIdentity.load(self.keystore(), SELF_SIGNED_PASSWORD);
            assertThat(loaded.fingerprint()).isEqualTo(self.fingerprint());
            assertThat(loaded.isSelfSigned()).isFalse();
            assertThat(loaded.sslContext().getProtocol()).isEqualTo("TLS");
        }

        @Test
        @DisplayName("a wrong password is said to be wrong, and the password is not in the message")
        void wrongPassword() throws IOException {
            Path keystore = selfSigned().keystore();
            assertThatThrownBy(() -> TlsIdentity.load(keystore, "guess-1234".toCharArray()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(keystore.toString())
                    .hasMessageContaining("wrong password")
                    .message().doesNotContain("guess-1234");
        }

        @Test
        @DisplayName("a missing file is said to be missing")
        void missing(@TempDir Path dir) {
            Path nowhere = dir.resolve("nowhere.p12");
            assertThatThrownBy(() -> TlsIdentity.load(nowhere, new char[0]))
                    .isInstanceOf(IOException.class)
                    .hasMessage("keystore " + nowhere + " does not exist");
        }

        @Test
        @DisplayName("a file that is not PKCS#12 is said to be unreadable as PKCS#12")
        void notPkcs12(@TempDir Path dir) throws IOException {
            Path text = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nnope\n");
            assertThatThrownBy(() -> TlsIdentity.load(text, new char[0]))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot be read as PKCS#12");
        }

        @Test
        @DisplayName("a keystore with certificates only is said to hold no private key")
        void noKey(@TempDir Path dir) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("someone", selfSigned().certificate());
            Path file = dir.resolve("trust.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, "secret-pw".toCharArray());
            }
            assertThatThrownBy(() -> TlsIdentity.load(file, "secret-pw".toCharArray()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("keystore " + file + " holds no private key with a certificate");
        }
    }

    @Nested
    @DisplayName("fingerprint")
    class Fingerprint {

        @Test
        @DisplayName("is SHA-256 as upper-case hex pairs joined by ':', exactly as openssl prints it")
        void likeOpenSsl() throws Exception {
            var certificate = selfSigned().certificate();
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Process openssl = new ProcessBuilder(OpenSsl.command(), "x509", "-noout", "-fingerprint", "-sha256")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream stdin = openssl.getOutputStream()) {
                stdin.write(pem.getBytes(StandardCharsets.US_ASCII));
            }
            String printed = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();

            String fingerprint = TlsIdentity.fingerprint(certificate);

            assertThat(fingerprint).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
            assertThat(printed).endsWith("=" + fingerprint);
            assertThat(selfSigned().fingerprint()).isEqualTo(fingerprint);
        }
    }
}
