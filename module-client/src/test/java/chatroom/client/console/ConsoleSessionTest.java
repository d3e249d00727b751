package chatroom.client.console;

import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.ServerAddress;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
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
        var session = new ConsoleSession(address, new BufferedReader(keyboard), new PrintWriter(screen, true),
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
