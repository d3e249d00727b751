package chatroom.server;

import chatroom.protocol.PlainText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static chatroom.server.ServerFixture.awaitCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("TLS (server --tls)")
@Timeout(60)
class TlsTest {

    @TempDir
    static Path dataDir;
    private static TlsIdentity identity;

    private final ServerFixture fixture = new ServerFixture();
    private TlsClients tls;

    @BeforeAll
    static void makeIdentity() throws IOException {
        identity = TlsIdentity.selfSigned(dataDir, "127.0.0.1");
    }

    @BeforeEach
    void startServer() {
        fixture.start(ServerConfig.builder().tls(Optional.of(identity.sslContext())).build());
        tls = new TlsClients(identity.fingerprint());
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    private TestClient joinPlainOverTls(String name) {
        TestClient client = tls.join(fixture, name);
        client.send(name);
        client.expectLine(line -> line.startsWith("* Welcome, " + name + "!"), "the welcome");
        client.expectExactLine("* " + name + " joined the chat");
        return client;
    }

    @Nested
    @DisplayName("TLS clients")
    class TlsClientsChat {

        @Test
        @DisplayName("negotiate TLS 1.3, see the identity's certificate, get the greeting, chat and quit")
        void joinChatQuit() throws IOException {
            SSLSocket socket = tls.connect(fixture.address());
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(tls.seenFingerprint()).isEqualTo(identity.fingerprint());
            assertThat(TlsIdentity.fingerprint((java.security.cert.X509Certificate)
                    socket.getSession().getPeerCertificates()[0])).isEqualTo(identity.fingerprint());

            TestClient alice = fixture.track(TestClient.over(socket, "alice"));
            alice.expectExactLine(ServerFixture.GREETING);
            alice.send("alice");
            alice.expectLine(line -> line.startsWith("* Welcome, alice!"), "the welcome");
            alice.expectExactLine("* alice joined the chat");

            TestClient bob = joinPlainOverTls("bob");
            alice.expectExactLine("* bob joined the chat");

            alice.send("hello bob");
            bob.expectExactLine("alice: hello bob");
            bob.send("hi alice");
            alice.expectExactLine("bob: hi alice");

            alice.send("/quit");
            assertThat(alice.awaitClosed()).contains("* Goodbye, alice!");
            bob.expectExactLine("* alice left the chat");
            awaitCount("connections", fixture.server()::connectionCount, 1);
        }

        @Test
        @DisplayName("may use TLS 1.2, and speak the structured dialect inside TLS")
        void tls12Structured() throws IOException {
            SSLSocket socket = tls.connect(fixture.address(), "TLSv1.2");
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(socket.getSession().getCipherSuite()).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_");

            TestClient carol = fixture.track(TestClient.over(socket, "carol"));
            carol.expectExactLine(ServerFixture.GREETING);
            carol.send("HELLO v=1");
            carol.expectLine("HELLO v=1 server=\\S+ max-frame=8192 max-text=4096 heartbeat=\\d+");
            carol.send("LOGIN name=carol");
            carol.expectExactLine("WELCOME name=carol room=lobby");
        }

        @Test
        @DisplayName("an IRC client registers inside TLS, is sent no greeting, and talks with a plain member")
        void ircOverTls() throws IOException {
            TestClient bob = joinPlainOverTls("bob");
            TestClient irc = fixture.track(TestClient.over(tls.connect(fixture.address()), "ircy"));
            irc.sendRaw("CAP LS 302\r\nNICK ircy\r\nUSER ircy 0 * :I\r\nCAP END\r\n".getBytes(StandardCharsets.US_ASCII));
            List<String> registration = irc.collectUntil(line -> line.matches(":\\S+ 366 ircy #lobby .*\r"),
                    "the end of the names", TestClient.TIMEOUT);
            assertThat(registration.getFirst()).matches(":\\S+ CAP \\* LS .*\r");
            assertThat(registration).anyMatch(line -> line.matches(":\\S+ 001 ircy .*\r"))
                    .noneMatch(line -> line.contains("Welcome to chatroom"));
            bob.expectExactLine("* ircy joined the chat");

            irc.sendRaw("PRIVMSG #lobby :hello inside TLS\r\n".getBytes(StandardCharsets.US_ASCII));
            bob.expectExactLine("ircy: hello inside TLS");
            bob.send("hi ircy");
            irc.expectLine(":bob!bob@\\S+ PRIVMSG #lobby :hi ircy\r");
            irc.sendRaw("QUIT :bye\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(irc.awaitClosed()).contains("ERROR :Closing Link: ircy (Quit: bye)\r");
            bob.expectExactLine("* ircy left the chat: bye");
        }

        @Test
        @DisplayName("older protocols than TLS 1.2 are refused")
        void tls11Refused() {
            assertThatThrownBy(() -> tls.connect(fixture.address(), "TLSv1.1")).isInstanceOf(IOException.class);
            awaitCount("connections", fixture.server()::connectionCount, 0);
        }
    }

    @Nested
    @DisplayName("plain clients")
    class PlainClients {

        @Test
        @DisplayName("one that sends its name gets exactly the TLS-required line, then the end of the stream")
        void nameGetsRefusal() {
            TestClient plain = fixture.connectSilently("nc");
            plain.send("alice");
            assertThat(plain.awaitClosed()).containsExactly(PlainText.TLS_REQUIRED);
            awaitCount("connections", fixture.server()::connectionCount, 0);
            assertThat(fixture.server().memberCount()).isZero();
        }

        @Test
        @DisplayName("one that waits for a greeting gets the TLS-required line after about 2 s, then the end")
        void silenceGetsRefusal() {
            long start = System.nanoTime();
            TestClient plain = fixture.connectSilently("nc");
            assertThat(plain.awaitClosed(Duration.ofSeconds(20))).containsExactly(PlainText.TLS_REQUIRED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
            awaitCount("connections", fixture.server()::connectionCount, 0);
        }

        @Test
        @DisplayName("nobody is greeted in plain text before the TLS handshake")
        void noPlainGreeting() {
            TestClient plain = fixture.connectSilently("nc");
            plain.send("HELLO v=1");
            List<String> lines = plain.awaitClosed();
            assertThat(lines).doesNotContain(ServerFixture.GREETING).containsExactly(PlainText.TLS_REQUIRED);
        }
    }

    @Nested
    @DisplayName("failed handshakes")
    class FailedHandshakes {

        @Test
        @DisplayName("garbage after a handshake byte, a client that distrusts the certificate and one that "
                + "leaves mid-handshake disturb no member and leave no connection behind")
        void failuresLeaveNoTrace() throws IOException {
            try (var severe = LogRecorder.severe()) {
                TestClient alice = joinPlainOverTls("alice");

                TestClient garbage = fixture.connectSilently("garbage");
                byte[] bytes = new byte[300];
                new Random(6).nextBytes(bytes);
                bytes[0] = 0x16;
                garbage.sendRaw(bytes);
                garbage.awaitClosed();

                var distrusting = new TlsClients("00:11");
                assertThatThrownBy(() -> distrusting.connect(fixture.address()))
                        .isInstanceOf(SSLHandshakeException.class);
                assertThat(distrusting.seenFingerprint()).isEqualTo(identity.fingerprint());

                TestClient leaver = fixture.connectSilently("leaver");
                leaver.sendRaw(new byte[] {0x16, 0x03, 0x01});
                leaver.closeAbruptly();

                alice.send("still here");
                alice.expectExactLine("alice: still here");
                awaitCount("connections", fixture.server()::connectionCount, 1);
                assertThat(fixture.server().memberCount()).isEqualTo(1);

                alice.send("/quit");
                alice.awaitClosed();
                awaitCount("connections", fixture.server()::connectionCount, 0);
                assertThat(severe.recorded()).isEmpty();
            }
        }
    }

    @Nested
    @DisplayName("limits, timeouts and shutdown inside TLS")
    class LimitsInsideTls {

        private static final String DROPPED = "* stalled left the chat (too slow to keep up: SendQ exceeded)";

        private void restart(ServerConfig.Builder config) {
            fixture.close();
            fixture.start(config.tls(Optional.of(identity.sslContext())).build());
        }

        @Test
        @DisplayName("a TLS member that stops reading is dropped as too slow, while a write to it is blocked")
        void stalledReaderIsDropped() throws IOException {
            // 64 KiB, not the 16 KiB minimum: TLS makes every writer slower, and on a busy machine
            // the sender's own echoes could then back up past 16 KiB and drop the wrong member.
            restart(ServerConfig.builder().sendQueueBytes(64 * 1024).maxRate(0));
            TestClient listener = joinPlainOverTls("listener");
            TestClient sender = joinPlainOverTls("sender");
            var stalledSocket = (SSLSocket) tlsSocketWithSmallReceiveBuffer();
            try (stalledSocket) {
                stalledSocket.getOutputStream().write("stalled\n".getBytes(StandardCharsets.US_ASCII));
                stalledSocket.getOutputStream().flush();
                listener.expectExactLine("* stalled joined the chat");

                boolean dropped = false;
                for (int sent = 0; !dropped && sent < 40_000; ) {
                    var window = new StringBuilder();
                    for (int i = 0; i < 20; i++) {
                        window.append("m %06d %s%n".formatted(sent++, "x".repeat(190)));
                    }
                    sender.sendRaw(window.toString().getBytes(StandardCharsets.US_ASCII));
                    String last = "sender: m %06d %s".formatted(sent - 1, "x".repeat(190));
                    dropped = listener.collectUntil(last::equals, "message " + (sent - 1), TestClient.TIMEOUT)
                            .contains(DROPPED);
                    // The sender reads its echoes too before the next window: a sender's writer
                    // that fell behind (a busy machine, TLS's slower writes) would otherwise let
                    // its echoes pile up past its send queue and drop the sender, not the stalled.
                    sender.collectUntil(last::equals, "the echo of message " + (sent - 1), TestClient.TIMEOUT);
                }
                assertThat(dropped).as("the stalled TLS member was dropped").isTrue();
                awaitCount("connections", fixture.server()::connectionCount, 2);
                sender.send("after");
                listener.expectExactLine("sender: after");
            }
        }

        @Test
        @DisplayName("a TLS client flooding 500 KB is cut off for excess flood (its unread input is counted)")
        void excessFlood() throws Exception {
            restart(ServerConfig.builder());
            TestClient bob = joinPlainOverTls("bob");
            try (SSLSocket flooder = tls.connect(fixture.address())) {
                Thread writer = TestClient.flood(flooder.getOutputStream(), "flooder");
                bob.expectExactLine("* flooder left the chat (excess flood)");
                flooder.setSoLinger(true, 0);
                flooder.close();
                writer.join(TestClient.TIMEOUT);
            }
            awaitCount("connections", fixture.server()::connectionCount, 1);
        }

        @Test
        @DisplayName("a handshake that stalls half-way is ended by the handshake timeout")
        void stalledHandshakeTimesOut() {
            restart(ServerConfig.builder().handshakeTimeout(Duration.ofSeconds(1)));
            TestClient stalled = fixture.connectSilently("half-handshake");
            stalled.sendRaw(new byte[] {0x16, 0x03, 0x01, 0x00});
            stalled.awaitClosed();
            awaitCount("connections", fixture.server()::connectionCount, 0);
        }

        @Test
        @DisplayName("a silent plain client is told TLS is required even when the handshake timeout is short")
        void silentWithShortHandshakeTimeout() {
            restart(ServerConfig.builder().handshakeTimeout(Duration.ofSeconds(1)));
            TestClient plain = fixture.connectSilently("nc");
            assertThat(plain.awaitClosed()).containsExactly(PlainText.TLS_REQUIRED);
            awaitCount("connections", fixture.server()::connectionCount, 0);
        }

        @Test
        @DisplayName("on shutdown a TLS member gets the goodbye inside TLS, then the end of the stream")
        void shutdown() {
            TestClient alice = joinPlainOverTls("alice");
            fixture.server().stop(ServerFixture.STOP_GRACE);
            assertThat(alice.awaitClosed()).contains("* The server is shutting down. Goodbye!");
            assertThat(fixture.server().connectionCount()).isZero();
        }

        @Test
        @DisplayName("a full TLS server refuses in plain text, before any handshake, and a TLS member chats on")
        void fullServerRefusesInPlainText() {
            restart(ServerConfig.builder().maxClients(1));
            TestClient alice = joinPlainOverTls("alice");
            TestClient refused = fixture.connectSilently("one too many");
            assertThat(refused.awaitClosed()).containsExactly("* Sorry, the server is full (1 connections); try again later.");
            alice.send("still here");
            alice.expectExactLine("alice: still here");
        }

        private java.net.Socket tlsSocketWithSmallReceiveBuffer() throws IOException {
            var plain = new java.net.Socket();
            plain.setReceiveBufferSize(4096);
            plain.connect(fixture.address(), 5_000);
            var socket = (SSLSocket) tls.context().getSocketFactory()
                    .createSocket(plain, "127.0.0.1", fixture.address().getPort(), true);
            socket.startHandshake();
            return socket;
        }
    }

    @Nested
    @DisplayName("openssl s_client")
    class OpenSslClient {

        @Test
        @DisplayName("openssl s_client -connect HOST:PORT -quiet gets the greeting and chats")
        void opensslChats() throws Exception {
            String target = "127.0.0.1:" + fixture.address().getPort();
            Process openssl = new ProcessBuilder(OpenSsl.command(), "s_client", "-connect", target, "-quiet")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            var stdout = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (var in = openssl.getInputStream()) {
                    in.transferTo(stdout);
                } catch (IOException e) {
                    // openssl is gone; what it printed is checked below.
                }
            });
            try (OutputStream stdin = openssl.getOutputStream()) {
                stdin.write("alice\nhello\n/quit\n".getBytes(StandardCharsets.UTF_8));
            }
            boolean exited = openssl.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                openssl.destroyForcibly();
            }
            reader.join(Duration.ofSeconds(5));
            String output = stdout.toString(StandardCharsets.UTF_8);
            assertThat(exited).as("openssl exits when the server closes; it printed: %s", output).isTrue();
            assertThat(output.lines().toList())
                    .as("what openssl printed")
                    .startsWith(ServerFixture.GREETING)
                    .contains("* alice joined the chat", "alice: hello", "* Goodbye, alice!");
            awaitCount("connections", fixture.server()::connectionCount, 0);
        }
    }
}
