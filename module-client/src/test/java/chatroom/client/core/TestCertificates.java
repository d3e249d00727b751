package chatroom.client.core;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/// Server certificates for tests, made once per test JVM by the runtime's own `keytool` (as
/// the server does for its self-signed certificate): two self-signed ones, and one signed by a
/// test authority for 127.0.0.1.
public final class TestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Path DIRECTORY = temporaryDirectory();

    /// A server's key and certificate, ready to serve TLS.
    public record Keys(SSLContext serverContext, X509Certificate certificate, Fingerprint fingerprint) {
    }

    private TestCertificates() {
    }

    /// A self-signed certificate for 127.0.0.1 and localhost.
    public static Keys first() {
        return Holder.FIRST;
    }

    /// Another self-signed certificate for the same names: the "changed" certificate.
    public static Keys second() {
        return Holder.SECOND;
    }

    /// A certificate for 127.0.0.1 signed by [#authority()].
    public static Keys signed() {
        return Authority.SIGNED;
    }

    /// A certificate signed by [#authority()] for `other.example` only.
    public static Keys signedForOtherHost() {
        return Authority.OTHER_HOST;
    }

    /// A trust store holding only the test authority that signed [#signed()].
    public static KeyStore authority() {
        return Authority.STORE;
    }

    private static final class Holder {
        static final Keys FIRST = selfSigned("first");
        static final Keys SECOND = selfSigned("second");
    }

    private static final class Authority {
        static final KeyStore STORE;
        static final Keys SIGNED;
        static final Keys OTHER_HOST;

        static {
            Path ca = DIRECTORY.resolve("ca.p12");
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=chatroom test CA",
                    "-ext", "bc:c", "-validity", "30", "-keystore", ca.toString(), "-storetype", "PKCS12");
            try {
                var caCertificate = open(ca).getCertificate("ca");
                STORE = KeyStore.getInstance("PKCS12");
                STORE.load(null, null);
                STORE.setCertificateEntry("test-ca", caCertificate);
                SIGNED = signedBy(ca, caCertificate, "signed", "san=ip:127.0.0.1,dns:localhost");
                OTHER_HOST = signedBy(ca, caCertificate, "other-host", "san=dns:other.example");
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /// A key pair whose certificate the authority in `ca` signs for `names`; the chain is put
        /// together here rather than by two more runs of keytool.
        private static Keys signedBy(Path ca, Certificate caCertificate, String name, String names)
                throws IOException, GeneralSecurityException {
            Path server = DIRECTORY.resolve(name + ".p12");
            Path request = DIRECTORY.resolve(name + ".csr");
            Path signed = DIRECTORY.resolve(name + ".cer");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                    "-validity", "30", "-keystore", server.toString(), "-storetype", "PKCS12");
            keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", request.toString());
            keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(),
                    "-outfile", signed.toString(), "-ext", names, "-validity", "30");
            KeyStore store = open(server);
            Certificate certificate;
            try (InputStream in = Files.newInputStream(signed)) {
                certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            store.setKeyEntry("server", store.getKey("server", PASSWORD), PASSWORD,
                    new Certificate[] {certificate, caCertificate});
            return keys(store, "server");
        }
    }

    private static Keys selfSigned(String name) {
        Path store = DIRECTORY.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "30", "-keystore", store.toString(),
                "-storetype", "PKCS12");
        return load(store, "server");
    }

    private static KeyStore open(Path file) throws IOException, GeneralSecurityException {
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static Keys load(Path file, String alias) {
        try {
            return keys(open(file), alias);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + file, e);
        }
    }

    private static Keys keys(KeyStore store, String alias) throws GeneralSecurityException {
        var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        var context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        var certificate = (X509Certificate) store.getCertificate(alias);
        return new Keys(context, certificate, Fingerprint.of(certificate));
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", "changeit"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("chatroom-test-certificates");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    // A temporary directory left behind.
                }
            }));
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
