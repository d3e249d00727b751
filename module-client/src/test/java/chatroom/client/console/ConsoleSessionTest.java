package chatroom.client.console;

import chatroom.client.core.Fingerprint;
import chatroom.client.core.KnownServers;
import chatroom.client.core.PasswordServer;
import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.Security;
import chatroom.client.core.ServerAddress;
import chatroom.client.core.TestCertificates;
import chatroom.client.core.TlsTerminator;
import chatroom.client.core.TrustPrompt;
import chatroom.client.core.TrustSettings;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

@DisplayName("console client")
class ConsoleSessionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 0);

    private ChatServer server;
    private final ScriptedInput keyboard = new ScriptedInput();
    private final Screen screen = new Screen();

    @BeforeEach
    void startServer() throws Exception {
        server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.defaults());
        server.start();
    }

    @AfterEach
    void stopServer() {
        keyboard.end();
        server.stop(Duration.ofSeconds(2));
    }

    private CompletableFuture<Integer> start(ServerAddress address, Optional<String> name) {
        return start(address, Security.plain(), name);
    }

    private CompletableFuture<Integer> start(ServerAddress address, Security security, Optional<String> name) {
        var session = new ConsoleSession(address, security, new BufferedReader(keyboard), new PrintWriter(screen, true),
                ZoneOffset.UTC, FAST);
        // Its own thread, not the common pool: the session blocks reading the keyboard.
        var exit = new CompletableFuture<Integer>();
        Thread.ofVirtual().name("console-session").start(() -> {
            try {
                exit.complete(session.run(name));
            } catch (Exception | AssertionError e) {
                exit.completeExceptionally(e);
            }
        });
        return exit;
    }

    private ServerAddress address() {
        return new ServerAddress("127.0.0.1", server.address().getPort());
    }

    @Test
    @DisplayName("asks for a name, chats with a netcat user both ways, and /quit leaves with exit code 0")
    void chatsWithNetcatUser() throws Exception {
        try (var nc = new Socket("127.0.0.1", server.address().getPort())) {
            nc.setSoTimeout((int) TIMEOUT.toMillis());
            var ncIn = new BufferedReader(new InputStreamReader(nc.getInputStream(), StandardCharsets.UTF_8));
            OutputStream ncOut = nc.getOutputStream();
            ncOut.write("bob\n".getBytes(StandardCharsets.UTF_8));
            // bob must be in the room before carla speaks: plain members get no history.
            assertThat(readUntil(ncIn, "* bob joined the chat")).isTrue();

            var exit = start(address(), Optional.empty());
            screen.await("* Your name?");
            keyboard.type("carla");
            screen.await("Connected to 127.0.0.1:" + server.address().getPort() + " as carla, room lobby");

            keyboard.type("ciao da terminale");
            assertThat(readUntil(ncIn, "carla: ciao da terminale")).as("nc got the message; console:%n%s", screen).isTrue();
            ncOut.write("hi carla\n".getBytes(StandardCharsets.UTF_8));
            screen.awaitMatch("\\[\\d\\d:\\d\\d] bob: hi carla");

            keyboard.type("/quit");
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
            assertThat(readUntil(ncIn, "* carla left the chat")).isTrue();
        }
    }

    @Test
    @DisplayName("the end of the input leaves cleanly")
    void endOfInput() throws Exception {
        var exit = start(address(), Optional.of("dora"));
        screen.await("as dora");
        keyboard.end();
        assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
    }

    @Test
    @DisplayName("a taken name is refused and another one asked for")
    void nameTaken() throws Exception {
        try (var nc = new Socket("127.0.0.1", server.address().getPort())) {
            nc.setSoTimeout((int) TIMEOUT.toMillis());
            nc.getOutputStream().write("erin\n".getBytes(StandardCharsets.UTF_8));
            var ncIn = new BufferedReader(new InputStreamReader(nc.getInputStream(), StandardCharsets.UTF_8));
            assertThat(readUntil(ncIn, "* erin joined the chat")).isTrue();
            var exit = start(address(), Optional.of("Erin"));
            screen.await("already taken; try another name.");
            screen.await("* Your name?");
            keyboard.type("erin2");
            screen.await("as erin2");
            keyboard.type("/quit");
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    @DisplayName("an unreachable server is reported with exit code 1")
    void unreachable() throws Exception {
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        var exit = start(new ServerAddress("127.0.0.1", port), Optional.of("fred"));
        assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(screen.toString()).contains("* Cannot connect to 127.0.0.1:" + port);
    }

    @Test
    @DisplayName("a lost connection is announced and the client reconnects by itself")
    void reconnects() throws Exception {
        int port = server.address().getPort();
        var exit = start(address(), Optional.of("gina"));
        screen.await("as gina");

        server.stop(Duration.ofSeconds(2));
        screen.await("* Connection lost (The server is shutting down. Goodbye!); reconnecting in");
        server = ChatServer.create(new InetSocketAddress("127.0.0.1", port), ServerConfig.defaults());
        server.start();

        screen.await("* Reconnected to 127.0.0.1:" + port + " as gina");
        keyboard.type("/quit");
        assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
    }

    @Nested
    @DisplayName("with TLS")
    class WithTls {

        @TempDir
        Path data;

        private TlsTerminator front;

        @BeforeEach
        void startFront() throws IOException {
            front = new TlsTerminator(server.address(), TestCertificates.first());
        }

        @AfterEach
        void stopFront() {
            front.close();
        }

        private Security tls(Optional<Fingerprint> pinned) {
            return new Security(true, new TrustSettings(KnownServers.in(data), pinned, Optional.empty()),
                    Optional.empty(), TrustPrompt.REFUSE, Duration.ofSeconds(30));
        }

        @Test
        @DisplayName("first contact shows the fingerprint and asks; y connects and remembers the server")
        void firstContactYes() throws Exception {
            var exit = start(front.address(), tls(Optional.empty()), Optional.of("hana"));
            screen.await("Trust this server? [y/N]");
            assertThat(screen.toString()).contains("The server " + front.address() + " is new to this client",
                    TestCertificates.first().fingerprint().value());
            assertThat(front.applicationBytes()).isZero();

            keyboard.type("y");

            screen.await("Connected to " + front.address() + " as hana");
            assertThat(Files.readString(data.resolve("known_servers")))
                    .contains(TestCertificates.first().fingerprint().value());
            keyboard.type("/quit");
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
        }

        @Test
        @DisplayName("anything but y refuses, sends nothing and exits 3")
        void firstContactNo() throws Exception {
            var exit = start(front.address(), tls(Optional.empty()), Optional.of("hana"));
            screen.await("Trust this server? [y/N]");

            keyboard.type("");

            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ConsoleSession.EXIT_UNTRUSTED);
            assertThat(screen.toString()).contains("was not trusted. Nothing was sent to the server.");
            assertThat(front.applicationBytes()).isZero();
            assertThat(data.resolve("known_servers")).doesNotExist();
        }

        @Test
        @DisplayName("--trust connects without the question")
        void pinned() throws Exception {
            var exit = start(front.address(), tls(Optional.of(TestCertificates.first().fingerprint())), Optional.of("ivo"));
            screen.await("Connected to " + front.address() + " as ivo");
            assertThat(screen.toString()).doesNotContain("Trust this server?");
            keyboard.type("/quit");
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
        }

        @Test
        @DisplayName("a changed certificate prints the loud warning with both fingerprints and exits 3")
        void changed() throws Exception {
            KnownServers.in(data).remember(front.address(), TestCertificates.first().fingerprint());
            front.serve(TestCertificates.second());

            var exit = start(front.address(), tls(Optional.empty()), Optional.of("jan"));

            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ConsoleSession.EXIT_UNTRUSTED);
            assertThat(screen.toString()).contains(
                    "WARNING: THE CERTIFICATE OF " + front.address() + " IS NOT THE ONE EXPECTED!",
                    "man-in-the-middle",
                    "Expected fingerprint:  " + TestCertificates.first().fingerprint(),
                    "Presented fingerprint: " + TestCertificates.second().fingerprint(),
                    "--trust " + TestCertificates.second().fingerprint().value().replace(":", ""),
                    data.resolve("known_servers").toString());
            assertThat(screen.toString()).doesNotContain("Trust this server?");
            assertThat(front.applicationBytes()).isZero();
        }

        @Test
        @DisplayName("a certificate that changes while reconnecting ends the session with the warning and exit 3")
        void changedWhileChatting() throws Exception {
            KnownServers.in(data).remember(front.address(), TestCertificates.first().fingerprint());
            var exit = start(front.address(), tls(Optional.empty()), Optional.of("kai"));
            screen.await("Connected to " + front.address() + " as kai");

            front.serve(TestCertificates.second());
            front.sever();

            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ConsoleSession.EXIT_UNTRUSTED);
            assertThat(screen.toString()).contains("IS NOT THE ONE EXPECTED!",
                    "Presented fingerprint: " + TestCertificates.second().fingerprint());
        }
    }

    @Test
    @DisplayName("a server that needs a password: none given says how to give one; a wrong one says so; exit 1")
    void password() throws Exception {
        try (var guarded = new PasswordServer("open sesame")) {
            var none = start(guarded.address(), Security.plain(), Optional.of("lia"));
            assertThat(none.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ConsoleSession.EXIT_FAILED);
            assertThat(screen.toString()).contains(guarded.address() + " needs a password: start the client with"
                    + " --password-file FILE");

            var wrong = start(guarded.address(), new Security(false, TrustSettings.inMemory(), Optional.of("guess"),
                    TrustPrompt.REFUSE, Duration.ofSeconds(1)), Optional.of("lia"));
            assertThat(wrong.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ConsoleSession.EXIT_FAILED);
            assertThat(screen.toString()).contains("refused the password: wrong password").doesNotContain("guess");
        }
    }

    @Test
    @DisplayName("a message the server could not save is said to be not sent, with what it was")
    void notSaved() throws Exception {
        try (var failing = new PasswordServer("open sesame")) {
            failing.refuseSays(true);
            var exit = start(failing.address(), new Security(false, TrustSettings.inMemory(), Optional.of("open sesame"),
                    TrustPrompt.REFUSE, Duration.ofSeconds(1)), Optional.of("lia"));
            screen.await("as lia");
            keyboard.type("lost words");
            screen.await("* Not sent: lost words (the server could not save your message, so nobody received it; "
                    + "try again later). Type it again to retry.");
            keyboard.type("/quit");
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
        }
    }

    private static boolean readUntil(BufferedReader in, String expected) throws Exception {
        for (int i = 0; i < 30; i++) {
            String line;
            try {
                line = in.readLine();
            } catch (java.net.SocketTimeoutException e) {
                return false;
            }
            if (line == null) {
                return false;
            }
            if (line.equals(expected)) {
                return true;
            }
        }
        return false;
    }

    /// What the console printed, awaited by tests.
    private static final class Screen extends Writer {
        private final StringWriter text = new StringWriter();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            text.write(chars, offset, length);
            notifyAll();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized void await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!text.toString().contains(expected)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("'%s' not printed within %s; screen:%n%s", expected, TIMEOUT, text);
                }
                wait(left);
            }
        }

        synchronized void awaitMatch(String regex) throws InterruptedException {
            var pattern = java.util.regex.Pattern.compile(regex);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!pattern.matcher(text.toString()).find()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("/%s/ not printed within %s; screen:%n%s", regex, TIMEOUT, text);
                }
                wait(left);
            }
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
