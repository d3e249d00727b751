package chatroom.launcher;

import chatroom.client.ClientOptions;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("chatroom command line")
class ChatroomCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final StopSignal NEVER_USED = () -> {
        throw new AssertionError("the server should not have started");
    };

    private static final ClientStarter NO_CLIENT = options -> {
        throw new AssertionError("the client should not have started");
    };

    /// Every server a test starts keeps its files here, never in the user's data folder.
    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<ClientOptions> clientsStarted = new ArrayList<>();
    private final List<ClientOptions> consolesStarted = new ArrayList<>();

    private int run(String... args) {
        return ChatroomCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), () -> NEVER_USED,
                options -> {
                    clientsStarted.add(options);
                    return 0;
                },
                options -> {
                    consolesStarted.add(options);
                    return 0;
                });
    }

    @Nested
    @DisplayName("help and version")
    class HelpAndVersion {

        @Test
        @DisplayName("--help lists the modes, the server options and the exit codes, and exits 0")
        void help() {
            assertThat(run("--help")).isZero();
            assertThat(out.toString()).contains("--server", "HOST", "PORT", "--max-clients", "--max-rate",
                    "--max-burst", "--handshake-timeout", "--history", "Exit codes", "53000", "localhost",
                    "--data-dir", "--in-memory", "--fsync", "--history-max");
        }

        @Test
        @DisplayName("--version names the product and exits 0")
        void version() {
            assertThat(run("--version")).isZero();
            assertThat(out.toString()).startsWith("chatroom ");
        }
    }

    @Nested
    @DisplayName("bad input is a usage error (exit 2) with a clear message")
    class UsageErrors {

        @Test
        @DisplayName("no mode")
        void noMode() {
            assertThat(run()).isEqualTo(2);
            assertThat(err.toString()).contains("--server");
        }

        @Test
        @DisplayName("a port that is not a number")
        void portNotANumber() {
            assertThat(run("--server", "127.0.0.1", "http")).isEqualTo(2);
            assertThat(err.toString()).contains("http");
        }

        @Test
        @DisplayName("a port out of range")
        void portOutOfRange() {
            assertThat(run("--server", "127.0.0.1", "70000")).isEqualTo(2);
            assertThat(err.toString()).contains("PORT must be between 0 and 65535");
        }

        @Test
        @DisplayName("an option value out of range")
        void optionOutOfRange() {
            assertThat(run("--server", "127.0.0.1", "0", "--max-burst", "0")).isEqualTo(2);
            assertThat(err.toString()).contains("maxBurst must be at least 1");
        }

        @Test
        @DisplayName("a negative rate")
        void negativeRate() {
            assertThat(run("--server", "--max-rate", "-1")).isEqualTo(2);
            assertThat(err.toString()).contains("maxRate");
        }

        @Test
        @DisplayName("an unknown option")
        void unknownOption() {
            assertThat(run("--server", "--colour")).isEqualTo(2);
            assertThat(err.toString()).contains("--colour");
        }

        @Test
        @DisplayName("too many positional arguments")
        void tooManyArguments() {
            assertThat(run("--server", "127.0.0.1", "1", "2")).isEqualTo(2);
        }

        @Test
        @DisplayName("an options file (@FILE, as the service's server.conf) that cannot be read is named")
        void unreadableOptionsFile(@TempDir Path dir) {
            Path missing = dir.resolve("server.conf");
            assertThat(run("--server", "@" + missing)).isEqualTo(2);
            assertThat(err.toString()).contains("cannot read the options file '" + missing + "'");
        }

        @Test
        @DisplayName("a mistake in an options file is the same usage error as on the command line")
        void badOptionsFile(@TempDir Path dir) throws IOException {
            Path conf = Files.writeString(dir.resolve("server.conf"), "# a comment\n127.0.0.1 0\n--max-clientz 5\n");
            assertThat(run("--server", "@" + conf)).isEqualTo(2);
            assertThat(err.toString()).contains("Unknown options: '--max-clientz', '5'");
        }

        @Test
        @DisplayName("refuses a bad --fsync or --history-max, and history options with --in-memory")
        void badHistoryOptions() {
            assertThat(run("--server", "--fsync", "sometimes")).isEqualTo(2);
            assertThat(err.toString()).contains("--fsync must be always, interval or never, not 'sometimes'");
            for (String bad : List.of("0", "-3", "5x", "d", "0d", "7 days", "99999999999999999999")) {
                assertThat(run("--server", "--history-max", bad)).as(bad).isEqualTo(2);
                assertThat(err.toString()).contains("--history-max must be a number of messages");
            }
            assertThat(run("--server", "--history-max", "5", "--history-max", "6")).isEqualTo(2);
            assertThat(err.toString()).contains("--history-max gives the messages twice");
            assertThat(run("--server", "--in-memory", "--fsync", "never")).isEqualTo(2);
            assertThat(err.toString()).contains("--fsync applies to history kept on disk; it cannot be used with --in-memory");
            assertThat(run("--server", "--in-memory", "--history-max", "7d")).isEqualTo(2);
            assertThat(run("--client", "--fsync", "never")).isEqualTo(2);
            assertThat(err.toString()).contains("--fsync applies only with --server");
        }
    }

    @Nested
    @DisplayName("--client")
    class Client {

        private static final Optional<Path> DEFAULT_DATA = Optional.of(DataDirectory.defaultPath());
        private static final String HEX = "0123456789abcdef".repeat(4);
        private static final String CANONICAL = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(HexFormat.of().parseHex(HEX));

        @Test
        @DisplayName("with no arguments opens the dialog with its defaults, trusted servers kept in the data folder")
        void defaults() {
            assertThat(run("--client")).isZero();
            assertThat(clientsStarted).containsExactly(new ClientOptions(Optional.empty(), Optional.empty(),
                    Optional.empty(), ClientOptions.Theme.SYSTEM, Optional.empty(), false, Optional.empty(),
                    Optional.empty(), DEFAULT_DATA));
        }

        @Test
        @DisplayName("passes host, port, name, theme and language on")
        void everything() {
            assertThat(run("--client", "chat.example.org", "6000", "--name", "Luca", "--theme", "DARK", "--lang", "it"))
                    .isZero();
            assertThat(clientsStarted).containsExactly(new ClientOptions(Optional.of("chat.example.org"),
                    Optional.of(6000), Optional.of("Luca"), ClientOptions.Theme.DARK, Optional.of(Locale.ITALIAN),
                    false, Optional.empty(), Optional.empty(), DEFAULT_DATA));
        }

        @Test
        @DisplayName("passes --tls, --trust (normalised) and --data-dir on")
        void tlsAndTrust(@TempDir Path data) {
            assertThat(run("--data-dir", data.toString(), "--client", "--tls", "--trust", HEX)).isZero();
            assertThat(clientsStarted).singleElement().satisfies(options -> {
                assertThat(options.tls()).isTrue();
                assertThat(options.trust()).contains(CANONICAL);
                assertThat(options.dataDir()).contains(data);
            });
            assertThat(run("--client", "--console", "--trust", CANONICAL.toLowerCase(Locale.ROOT))).isZero();
            assertThat(consolesStarted).singleElement().satisfies(options -> assertThat(options.trust()).contains(CANONICAL));
        }

        @Test
        @DisplayName("refuses a --trust that is not 32 bytes of hex with exit code 2")
        void badTrust() {
            assertThat(run("--client", "--trust", HEX.substring(2))).isEqualTo(2);
            assertThat(err.toString()).contains("--trust", "not a SHA-256 fingerprint");
            assertThat(run("--client", "--trust", HEX.replace('a', 'g'))).isEqualTo(2);
            assertThat(run("--client", "--trust", "01:23" + HEX.substring(4))).isEqualTo(2);
            assertThat(clientsStarted).isEmpty();
        }

        @Test
        @DisplayName("reads the password from the first line of --password-file, and never prints it")
        void passwordFile(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("secret"), "open sesame\nsecond line\n");
            assertThat(run("--client", "--password-file", file.toString())).isZero();
            assertThat(clientsStarted).singleElement().satisfies(options -> {
                assertThat(options.password()).contains("open sesame");
                assertThat(options.toString()).doesNotContain("open sesame");
            });
        }

        @Test
        @DisplayName("a missing or unusable password file is a clear error with exit code 2")
        void badPasswordFile(@TempDir Path dir) throws IOException {
            assertThat(run("--client", "--password-file", dir.resolve("missing").toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--password-file: cannot read", "missing");
            Path empty = Files.writeString(dir.resolve("empty"), "");
            assertThat(run("--client", "--password-file", empty.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("the password is empty");
            Path control = Files.writeString(dir.resolve("control"), "pass\u0007word\n");
            assertThat(run("--client", "--password-file", control.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("control character").doesNotContain("pass\u0007word");
            assertThat(clientsStarted).isEmpty();
        }

        @Test
        @DisplayName("exit code 3, untrusted, is the console client's")
        void untrustedExitCode() {
            assertThat(ExitCode.UNTRUSTED.code).isEqualTo(chatroom.client.ConsoleClient.EXIT_UNTRUSTED);
            assertThat(run("--help")).isZero();
            assertThat(out.toString()).contains("3", "certificate was not trusted");
        }

        @Test
        @DisplayName("returns the client's exit code")
        void exitCode() {
            int code = ChatroomCommand.run(new String[] {"--client"}, new PrintWriter(out, true),
                    new PrintWriter(err, true), () -> NEVER_USED, options -> 1, NO_CLIENT);
            assertThat(code).isEqualTo(1);
        }

        @Test
        @DisplayName("--console starts the terminal client instead of the window")
        void console() {
            assertThat(run("--client", "--console", "127.0.0.1", "6000", "--name", "bob")).isZero();
            assertThat(consolesStarted).containsExactly(new ClientOptions(Optional.of("127.0.0.1"), Optional.of(6000),
                    Optional.of("bob"), ClientOptions.Theme.SYSTEM, Optional.empty(), false, Optional.empty(),
                    Optional.empty(), DEFAULT_DATA));
            assertThat(clientsStarted).isEmpty();
        }

        @Test
        @DisplayName("refuses an invalid name, theme, language or port, and server options")
        void usageErrors() {
            assertThat(run("--client", "--name", "two words")).isEqualTo(2);
            assertThat(err.toString()).contains("--name", "no spaces");
            assertThat(run("--client", "--theme", "neon")).isEqualTo(2);
            assertThat(err.toString()).contains("--theme must be light, dark or system");
            assertThat(run("--client", "--lang", "!!")).isEqualTo(2);
            assertThat(err.toString()).contains("--lang");
            assertThat(run("--client", "localhost", "0")).isEqualTo(2);
            assertThat(err.toString()).contains("PORT must be between 1 and 65535");
            assertThat(run("--client", "--max-clients", "3")).isEqualTo(2);
            assertThat(err.toString()).contains("--max-clients applies only with --server");
            assertThat(run("--server", "--name", "bob")).isEqualTo(2);
            assertThat(err.toString()).contains("--name applies only with --client");
            assertThat(run("--server", "--client")).isEqualTo(2);
            assertThat(run("--server", "--console")).isEqualTo(2);
            assertThat(err.toString()).contains("--console applies only with --client");
            assertThat(clientsStarted).isEmpty();
        }
    }

    @Nested
    @DisplayName("password and per-address options")
    class AccessOptions {

        @TempDir
        Path dir;

        /// The server configuration `args` describe, without running anything.
        private ServerConfig configOf(String... args) throws IOException {
            var command = new ChatroomCommand(() -> NEVER_USED, NO_CLIENT, NO_CLIENT);
            new CommandLine(command).parseArgs(args);
            return command.server.toConfig(command.passwordFile);
        }

        @Test
        @DisplayName("--help lists them")
        void help() {
            assertThat(run("--help")).isZero();
            assertThat(out.toString()).contains("--password-file", "--max-per-address", "--connects-per-minute");
        }

        @Test
        @DisplayName("by default: no password, 50 connections at once and 60 a minute from one address")
        void defaults() throws IOException {
            ServerConfig config = configOf("--server");

            assertThat(config.password()).isEmpty();
            assertThat(config.maxPerAddress()).isEqualTo(50);
            assertThat(config.connectsPerMinute()).isEqualTo(60);
        }

        @Test
        @DisplayName("--max-per-address and --connects-per-minute set the limits; 0 turns them off")
        void limits() throws IOException {
            ServerConfig config = configOf("--server", "--max-per-address", "3", "--connects-per-minute", "0");

            assertThat(config.maxPerAddress()).isEqualTo(3);
            assertThat(config.connectsPerMinute()).isZero();
        }

        @Test
        @DisplayName("a negative limit is a usage error")
        void negativeLimit() {
            assertThat(run("--server", "--max-per-address", "-1")).isEqualTo(2);
            assertThat(err.toString()).contains("maxPerAddress must be at least 0");
            assertThat(run("--server", "--connects-per-minute", "-5")).isEqualTo(2);
            assertThat(err.toString()).contains("connectsPerMinute must be at least 0");
        }

        @Test
        @DisplayName("--password-file reads the password from the file's first line")
        void passwordFile() throws IOException {
            Path file = Files.writeString(dir.resolve("pw"), "open sesame\n", StandardCharsets.UTF_8);

            ServerConfig config = configOf("--server", "--password-file", file.toString());

            assertThat(config.password()).hasValueSatisfying(password -> {
                assertThat(password.matches("open sesame")).isTrue();
                assertThat(password.matches("open sesame\n")).isFalse();
            });
        }

        @Test
        @DisplayName("a missing password file: exit 1 and a clear message")
        void missingFile() {
            Path absent = dir.resolve("absent");

            assertThat(run("--server", "127.0.0.1", "0", "--password-file", absent.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("chatroom: cannot read the password file " + absent + ": no such file");
        }

        @Test
        @DisplayName("an empty password file: exit 1 and a message naming the file")
        void emptyFile() throws IOException {
            Path file = Files.writeString(dir.resolve("empty"), "\nsecond line is not read\n", StandardCharsets.UTF_8);

            assertThat(run("--server", "127.0.0.1", "0", "--password-file", file.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("chatroom: password file " + file + ": the password is empty")
                    .doesNotContain("second line");
        }

        @Test
        @DisplayName("a password with a control character: exit 1 and a message that does not quote it")
        void controlCharacter() throws IOException {
            Path file = Files.writeString(dir.resolve("tab"), "hunter\t2\n", StandardCharsets.UTF_8);

            assertThat(run("--server", "127.0.0.1", "0", "--password-file", file.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("chatroom: password file " + file + ": the password holds a control")
                    .doesNotContain("hunter");
        }
    }

    @Nested
    @DisplayName("a server that cannot start exits 1 with the reason")
    class Failures {

        @Test
        @DisplayName("the port is in use")
        void portInUse() throws Exception {
            try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                assertThat(run("--server", "127.0.0.1", Integer.toString(taken.getLocalPort()),
                        "--data-dir", dataDir.toString())).isEqualTo(1);
                assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
            }
        }

        @Test
        @DisplayName("the host cannot be resolved")
        void unresolvableHost() {
            assertThat(run("--server", "no-such-host.invalid", "0", "--data-dir", dataDir.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("cannot resolve host 'no-such-host.invalid'");
        }

        @Test
        @DisplayName("the data directory cannot be created")
        void dataDirectoryNotCreatable() throws Exception {
            Path file = Files.writeString(dataDir.resolve("a-file"), "x");
            assertThat(run("--server", "127.0.0.1", "0", "--data-dir", file.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("cannot use data directory " + file + ": " + file
                    + " exists and is not a folder");
            Path below = file.resolve("chatroom");
            assertThat(run("--server", "127.0.0.1", "0", "--data-dir", below.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("cannot use data directory " + below + ": ");
        }

        @Test
        @DisplayName("another server uses the data directory")
        void dataDirectoryInUse() throws Exception {
            var config = chatroom.server.ServerConfig.builder().dataDir(Optional.of(dataDir)).build();
            var other = chatroom.server.ChatServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), config);
            try {
                assertThat(run("--server", "127.0.0.1", "0", "--data-dir", dataDir.toString())).isEqualTo(1);
                assertThat(err.toString()).contains("data directory " + dataDir + " is used by another chatroom server");
            } finally {
                other.stop(Duration.ZERO);
            }
        }

        @Test
        @DisplayName("the history log in the data directory is not one")
        void foreignHistoryLog() throws Exception {
            Files.createDirectories(dataDir.resolve("history"));
            Files.writeString(dataDir.resolve("history").resolve("lobby.log"), "my notes");
            assertThat(run("--server", "127.0.0.1", "0", "--data-dir", dataDir.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("is not a chatroom history log");
        }
    }

    @Nested
    @DisplayName("a running server")
    class Running {

        @Test
        @DisplayName("serves nc-style clients with the options given and exits 0 when signalled")
        void servesUntilSignalled() throws Exception {
            var sink = new LineSink();
            var stop = new CountDownLatch(1);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ChatroomCommand.run(
                    new String[] {"--server", "127.0.0.1", "0", "--max-clients", "1", "--room", "club",
                            "--data-dir", dataDir.toString()},
                    new PrintWriter(sink, true), new PrintWriter(err, true), () -> stop::await, NO_CLIENT, NO_CLIENT));

            var listening = sink.await("listening on 127\\.0\\.0\\.1:(\\d+) \\(room #club;", TIMEOUT);
            assertThat(listening).as("listening line in: %s", sink).isPresent();
            int port = Integer.parseInt(listening.get().group(1));

            try (var alice = new Socket("127.0.0.1", port);
                 var second = new Socket("127.0.0.1", port)) {
                alice.setSoTimeout((int) TIMEOUT.toMillis());
                second.setSoTimeout((int) TIMEOUT.toMillis());
                var in = new BufferedReader(new InputStreamReader(alice.getInputStream(), StandardCharsets.UTF_8));
                var writer = new PrintWriter(new OutputStreamWriter(alice.getOutputStream(), StandardCharsets.UTF_8), true);
                assertThat(in.readLine()).startsWith("* Welcome to chatroom");
                writer.print("alice\nhello\n");
                writer.flush();
                assertThat(Lines.readUntil(in, "alice: hello")).isTrue();

                // --max-clients 1: the second connection is refused with a clear line.
                var refused = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
                assertThat(refused.readLine()).contains("server is full");

                stop.countDown();
                assertThat(Lines.readUntil(in, "* The server is shutting down. Goodbye!")).isTrue();
            }
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
            assertThat(sink.toString()).contains("chatroom server stopped", "history in " + dataDir);
            assertThat(dataDir.resolve("history").resolve("rooms").resolve("#club.log")).as("the history log").isNotEmptyFile();
        }

        @Test
        @DisplayName("--in-memory writes nothing to the data directory")
        void inMemory() throws Exception {
            Path untouched = dataDir.resolve("not-created");
            var sink = new LineSink();
            var stop = new CountDownLatch(1);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ChatroomCommand.run(
                    new String[] {"--server", "127.0.0.1", "0", "--in-memory", "--data-dir", untouched.toString()},
                    new PrintWriter(sink, true), new PrintWriter(err, true), () -> stop::await, NO_CLIENT, NO_CLIENT));
            assertThat(sink.await("listening on .*history in memory only", TIMEOUT)).as("in: %s", sink).isPresent();
            stop.countDown();
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
            assertThat(untouched).doesNotExist();
        }

        @Test
        @DisplayName("asks for the password from --password-file and limits connections per address")
        void passwordAndPerAddressLimit(@TempDir Path dir) throws Exception {
            Path passwordFile = Files.writeString(dir.resolve("pw"), "open sesame\n", StandardCharsets.UTF_8);
            var sink = new LineSink();
            var stop = new CountDownLatch(1);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ChatroomCommand.run(
                    new String[] {"--server", "127.0.0.1", "0", "--password-file", passwordFile.toString(),
                            "--max-per-address", "1", "--in-memory"},
                    new PrintWriter(sink, true), new PrintWriter(err, true), () -> stop::await, NO_CLIENT, NO_CLIENT));
            var listening = sink.await("listening on 127\\.0\\.0\\.1:(\\d+) ", TIMEOUT);
            assertThat(listening).as("listening line in: %s", sink).isPresent();
            int port = Integer.parseInt(listening.get().group(1));

            try (var alice = new Socket("127.0.0.1", port)) {
                alice.setSoTimeout((int) TIMEOUT.toMillis());
                var in = new BufferedReader(new InputStreamReader(alice.getInputStream(), StandardCharsets.UTF_8));
                var writer = new PrintWriter(new OutputStreamWriter(alice.getOutputStream(), StandardCharsets.UTF_8), true);
                assertThat(in.readLine()).isEqualTo(
                        "* Welcome to chatroom! This server needs a password: type it and press Enter.");
                writer.print("open sesame\nalice\n");
                writer.flush();
                assertThat(Lines.readUntil(in, "* alice joined the chat")).isTrue();

                try (var second = new Socket("127.0.0.1", port)) {
                    second.setSoTimeout((int) TIMEOUT.toMillis());
                    var refused = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
                    assertThat(refused.readLine())
                            .isEqualTo("* Sorry, too many connections from your address (limit 1); try again later.");
                }
            } finally {
                stop.countDown();
            }
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
        }
    }
}
