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
import chatroom.protocol.Command;
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
import java.util.List;
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

    @Nested
    @DisplayName("with rooms")
    class WithRooms {

        @Test
        @DisplayName("commands are carried out and answered; every line names its room or conversation")
        void commandsAndRooms() throws Exception {
            try (var bob = new Netcat(server.address().getPort(), "bob")) {
                bob.type("/join #rust");
                bob.await("* bob joined the chat");
                var exit = start(address(), Optional.of("carla"));
                screen.await("as carla, room lobby. Type a message and press Enter; /help lists the commands");

                keyboard.type("/join #rust");
                screen.awaitMatch("\\[\\d\\d:\\d\\d] #rust \\* In the chat: @bob, carla\n");
                screen.awaitMatch("\\[\\d\\d:\\d\\d] #rust \\* carla joined the chat\n");
                screen.await("* Your messages now go to #rust.");

                keyboard.type("hi rust");
                bob.await("carla: hi rust");
                screen.awaitMatch("] #rust carla: hi rust\n");
                keyboard.type("/me waves");
                bob.await("* * carla waves");
                screen.awaitMatch("] #rust \\* carla waves\n");

                bob.type("/msg #lobby hello lobby");
                screen.awaitMatch("] #lobby bob: hello lobby\n");
                bob.type("/msg carla psst");
                screen.awaitMatch("] \\[from bob] psst\n");
                keyboard.type("/msg bob psst back");
                bob.await("* [from carla] psst back");
                screen.awaitMatch("] \\[to bob] psst back\n");

                keyboard.type("/topic Rust talk");
                bob.await("* Topic: Rust talk (set by carla)");
                screen.awaitMatch("] #rust \\* Topic: Rust talk \\(set by carla\\)\n");
                keyboard.type("/kick bob");
                screen.await("* Error: only operators of #rust may do that");
                keyboard.type("/away lunch");
                screen.awaitMatch("] \\* carla is away: lunch\n");
                keyboard.type("/rooms");
                screen.await("* 2 rooms:");
                screen.await("* #rust (2 members): Rust talk");

                keyboard.type("/part");
                bob.await("* carla left the room");
                screen.awaitMatch("] #rust \\* carla left the room\n");
                screen.await("* Your messages now go to #lobby.");
                keyboard.type("back in the lobby");
                screen.awaitMatch("] carla: back in the lobby\n");

                keyboard.type("/quit");
                assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
                bob.await("* carla left the chat");
            }
        }

        @Test
        @DisplayName("/help prints the plain dialect's help, line for line")
        void help() throws Exception {
            try (var bob = new Netcat(server.address().getPort(), "bob")) {
                bob.type("/help");
                List<String> plain = bob.next(Command.HELP.size());
                var exit = start(address(), Optional.of("carla"));
                screen.await("* carla joined the chat");

                keyboard.type("/help");

                screen.await(plain.getLast());
                List<String> printed = screen.toString().lines()
                        .map(line -> line.replaceFirst("^\\[\\d\\d:\\d\\d] ", ""))
                        .dropWhile(line -> !line.equals(plain.getFirst())).limit(plain.size()).toList();
                assertThat(printed).isEqualTo(plain);
                keyboard.type("/quit");
                assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
            }
        }

        @Test
        @DisplayName("a bad command prints why and sends nothing")
        void badCommand() throws Exception {
            try (var bob = new Netcat(server.address().getPort(), "bob")) {
                var exit = start(address(), Optional.of("carla"));
                screen.await("as carla");
                bob.await("* carla joined the chat");

                keyboard.type("/join rust");
                screen.await("* Error: usage: /join #room [KEY] (a room name starts with '#')");
                keyboard.type("/frob now");
                screen.await("* Error: unknown command /frob; /help lists the commands");
                keyboard.type("/msg #rust hi");
                screen.await("* Error: you are not in #rust; /join #rust first");
                keyboard.type("//frob is a word");

                assertThat(bob.next(1)).containsExactly("carla: /frob is a word");
                keyboard.type("/quit");
                assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
            }
        }

        @Test
        @DisplayName("after a lost connection it rejoins its rooms, shows what it missed once, and keeps its current room")
        void rejoins() throws Exception {
            try (var proxy = new chatroom.client.core.TcpProxy(server.address());
                 var bob = new Netcat(server.address().getPort(), "bob")) {
                bob.type("/join #rust");
                bob.await("* bob joined the chat");
                // Slow retries: the test reconnects with /reconnect once bob has spoken.
                var session = new ConsoleSession(proxy.address(), Security.plain(), new BufferedReader(keyboard),
                        new PrintWriter(screen, true), ZoneOffset.UTC,
                        new ReconnectPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 0));
                var exit = new CompletableFuture<Integer>();
                Thread.ofVirtual().start(() -> {
                    try {
                        exit.complete(session.run(Optional.of("carla")));
                    } catch (Exception e) {
                        exit.completeExceptionally(e);
                    }
                });
                screen.await("as carla");
                keyboard.type("/join #rust");
                bob.await("* carla joined the chat");
                bob.type("before");
                screen.await("#rust bob: before");

                proxy.sever();
                screen.await("* Connection lost");
                bob.await("* carla left the chat (connection lost)");
                bob.type("while you were away");
                bob.await("bob: while you were away");

                keyboard.type("/reconnect");

                screen.await("* Reconnected to " + proxy.address() + " as carla, room lobby; joining #rust again.");
                screen.await("#rust bob: while you were away");
                bob.await("* carla joined the chat");
                keyboard.type("still here");
                bob.await("carla: still here");
                assertThat(screen.toString()).containsOnlyOnce("bob: before").containsOnlyOnce("bob: while you were away");
                keyboard.type("/quit");
                assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
            }
        }

        @Test
        @DisplayName("a version 1 server: messages as before, room commands refused without sending anything")
        void versionOne() throws Exception {
            try (var old = new PasswordServer("pw")) {
                var exit = start(old.address(), new Security(false, TrustSettings.inMemory(), Optional.of("pw"),
                        TrustPrompt.REFUSE, Duration.ofSeconds(1)), Optional.of("lia"));
                screen.await("as lia, room lobby. Type a message and press Enter; /quit leaves.");
                keyboard.type("hello");
                screen.awaitMatch("\\[\\d\\d:\\d\\d] lia: hello\n");
                keyboard.type("/join #rust");
                screen.await("* Error: this server speaks protocol version 1");
                keyboard.type("/quit");
                assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
                assertThat(old.received()).contains("SAY :hello")
                        .noneMatch(line -> line.startsWith("JOIN") || line.startsWith("PING"));
            }
        }
    }

    /// A plain-dialect member, as with `nc`.
    private static final class Netcat implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Netcat(int port, String name) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            type(name);
            await("* " + name + " joined the chat");
        }

        void type(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /// Reads until `expected`; fails if it does not come.
        void await(String expected) throws IOException {
            List<String> seen = new java.util.ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals(expected)) {
                    return;
                }
                seen.add(line);
            }
            fail("'%s' not received; received:%n%s", expected, String.join("\n", seen));
        }

        List<String> next(int count) throws IOException {
            List<String> lines = new java.util.ArrayList<>();
            while (lines.size() < count) {
                lines.add(in.readLine());
            }
            return lines;
        }

        @Override
        public void close() throws IOException {
            socket.close();
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
