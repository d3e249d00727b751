package chatroom.launcher;

import chatroom.protocol.PlainText;
import chatroom.server.TlsIdentity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("chatroom --server --tls")
@Timeout(120)
class TlsOptionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final StopSignal NEVER_USED = () -> {
        throw new AssertionError("the server should not have started");
    };
    private static final ClientStarter NO_CLIENT = options -> {
        throw new AssertionError("the client should not have started");
    };
    /// The password of the keystores `TlsIdentity.selfSigned` makes.
    private static final String SELF_SIGNED_PASSWORD = "chatroom-self-signed";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ChatroomCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), () -> NEVER_USED,
                NO_CLIENT, NO_CLIENT);
    }

    @Nested
    @DisplayName("bad combinations are usage errors (exit 2)")
    class UsageErrors {

        @Test
        @DisplayName("--tls-password-file without --tls-keystore")
        void passwordWithoutTls(@TempDir Path dir) {
            assertThat(run("--server", "127.0.0.1", "0", "--tls-password-file", dir.resolve("pw").toString()))
                    .isEqualTo(2);
            assertThat(err.toString()).contains("--tls-password-file needs --tls-keystore");
        }

        @Test
        @DisplayName("--tls-password-file with a bare --tls (the self-signed keystore has its own)")
        void passwordWithSelfSigned(@TempDir Path dir) {
            assertThat(run("--server", "127.0.0.1", "0", "--tls-password-file", dir.resolve("pw").toString(), "--tls"))
                    .isEqualTo(2);
            assertThat(err.toString()).contains("--tls-password-file needs --tls-keystore");
        }

        @Test
        @DisplayName("--tls-keystore with --client")
        void keystoreWithClient(@TempDir Path dir) {
            assertThat(run("--client", "--tls-keystore", dir.resolve("k.p12").toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--tls-keystore applies only with --server");
        }
    }

    @Nested
    @DisplayName("a keystore that cannot be used stops the start (exit 1) with a clear line")
    class Failures {

        @Test
        @DisplayName("a keystore that does not exist")
        void missingKeystore(@TempDir Path dir) {
            Path missing = dir.resolve("missing.p12");
            assertThat(run("--server", "127.0.0.1", "0", "--tls-keystore", missing.toString())).isEqualTo(1);
            assertThat(err.toString())
                    .startsWith("chatroom: cannot use TLS: keystore " + missing + " does not exist")
                    .doesNotContain("\tat ");
            assertThat(out.toString()).doesNotContain("listening");
        }

        @Test
        @DisplayName("a wrong password, which the message does not repeat")
        void wrongPassword(@TempDir Path dir) throws Exception {
            Path keystore = TlsIdentity.selfSigned(dir, "127.0.0.1").keystore();
            Path password = Files.writeString(dir.resolve("pw"), "not-the-password\n");
            assertThat(run("--server", "127.0.0.1", "0", "--tls-keystore", keystore.toString(),
                    "--tls-password-file", password.toString())).isEqualTo(1);
            assertThat(err.toString()).startsWith("chatroom: cannot use TLS: keystore " + keystore + ": wrong password")
                    .doesNotContain("not-the-password")
                    .doesNotContain("\tat ");
        }

        @Test
        @DisplayName("a password file that cannot be read")
        void unreadablePasswordFile(@TempDir Path dir) throws Exception {
            Path keystore = Files.writeString(dir.resolve("k.p12"), "whatever");
            Path password = dir.resolve("no-such-file");
            assertThat(run("--server", "127.0.0.1", "0", "--tls-keystore", keystore.toString(),
                    "--tls-password-file", password.toString())).isEqualTo(1);
            assertThat(err.toString()).startsWith("chatroom: cannot use TLS: cannot read --tls-password-file " + password);
        }
    }

    @Nested
    @DisplayName("a running TLS server")
    class Running {

        @Test
        @DisplayName("with --tls=KEYSTORE and --tls-password-file prints the fingerprint, speaks TLS and refuses plain")
        void keystore(@TempDir Path dir) throws Exception {
            TlsIdentity identity = TlsIdentity.selfSigned(dir.resolve("made"), "127.0.0.1");
            Path password = Files.writeString(dir.resolve("pw"), SELF_SIGNED_PASSWORD + "\nignored second line\n");

            var sink = new LineSink();
            var stop = new CountDownLatch(1);
            CompletableFuture<Integer> exit = serve(sink, stop, "--server", "127.0.0.1", "0",
                    "--tls-keystore", identity.keystore().toString(), "--tls-password-file", password.toString());

            var fingerprint = sink.await("TLS certificate SHA-256 fingerprint: (\\S+)", TIMEOUT);
            assertThat(fingerprint).as("fingerprint line in: %s, errors: %s", sink, err).isPresent();
            assertThat(fingerprint.get().group(1)).isEqualTo(identity.fingerprint());
            int port = port(sink);
            assertThat(sink.toString()).doesNotContain("self-signed certificate kept in");

            assertTlsAndPlainRefused(port, identity.fingerprint());

            stop.countDown();
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
        }

        @Test
        @DisplayName("with a bare --tls makes the self-signed keystore under --data-dir, says where, and reuses it")
        void selfSigned(@TempDir Path dataDir) throws Exception {
            String first = startAndStopSelfSigned(dataDir);
            Path keystore = dataDir.resolve("tls").resolve("self-signed.p12");
            assertThat(keystore).isRegularFile();

            String second = startAndStopSelfSigned(dataDir);
            assertThat(second).isEqualTo(first);
        }

        private String startAndStopSelfSigned(Path dataDir) throws Exception {
            var sink = new LineSink();
            var stop = new CountDownLatch(1);
            CompletableFuture<Integer> exit = serve(sink, stop,
                    "--data-dir", dataDir.toString(), "--server", "127.0.0.1", "0", "--tls");
            var fingerprint = sink.await("TLS certificate SHA-256 fingerprint: (\\S+)", TIMEOUT);
            assertThat(fingerprint).as("fingerprint line in: %s, errors: %s", sink, err).isPresent();
            assertThat(sink.await("TLS self-signed certificate kept in (.+) \\(made once", TIMEOUT))
                    .hasValueSatisfying(where -> assertThat(Path.of(where.group(1)))
                            .isEqualTo(dataDir.resolve("tls").resolve("self-signed.p12")));
            assertTlsAndPlainRefused(port(sink), fingerprint.get().group(1));
            stop.countDown();
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
            return fingerprint.get().group(1);
        }

        private CompletableFuture<Integer> serve(LineSink sink, CountDownLatch stop, String... args) {
            return CompletableFuture.supplyAsync(() -> ChatroomCommand.run(args, new PrintWriter(sink, true),
                    new PrintWriter(err, true), () -> stop::await, NO_CLIENT, NO_CLIENT));
        }

        private int port(LineSink sink) throws InterruptedException {
            var listening = sink.await("listening on 127\\.0\\.0\\.1:(\\d+) ", TIMEOUT);
            assertThat(listening).as("listening line in: %s", sink).isPresent();
            return Integer.parseInt(listening.get().group(1));
        }

        /// A TLS client gets the greeting from the certificate with `fingerprint`; a plain one
        /// gets the TLS-required line.
        private void assertTlsAndPlainRefused(int port, String fingerprint) throws Exception {
            var context = SSLContext.getInstance("TLS");
            var seen = new String[1];
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    seen[0] = TlsIdentity.fingerprint(chain[0]);
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            try (var tls = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
                 var plain = new Socket("127.0.0.1", port)) {
                tls.setSoTimeout((int) TIMEOUT.toMillis());
                plain.setSoTimeout((int) TIMEOUT.toMillis());
                var in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("* Welcome to chatroom");
                assertThat(seen[0]).isEqualTo(fingerprint);

                plain.getOutputStream().write("alice\n".getBytes(StandardCharsets.UTF_8));
                var refused = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.UTF_8));
                assertThat(refused.readLine()).isEqualTo(PlainText.TLS_REQUIRED);
                assertThat(refused.readLine()).isNull();
            }
        }
    }
}
