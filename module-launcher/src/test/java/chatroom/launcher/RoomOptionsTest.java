package chatroom.launcher;

import chatroom.server.RoomCreation;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("chatroom --server: the rooms options")
class RoomOptionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final StopSignal NEVER_USED = () -> {
        throw new AssertionError("the server should not have started");
    };
    private static final ClientStarter NO_CLIENT = options -> {
        throw new AssertionError("the client should not have started");
    };
    private static final String OPERATOR_PASSWORD = "kept in the vault";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return ChatroomCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), () -> NEVER_USED,
                NO_CLIENT, NO_CLIENT);
    }

    /// The server configuration `args` describe, without running anything.
    private static ServerConfig configOf(String... args) throws IOException {
        var command = new ChatroomCommand(() -> NEVER_USED, NO_CLIENT, NO_CLIENT);
        new CommandLine(command).parseArgs(args);
        return command.server.toConfig(command.passwordFile);
    }

    @Nested
    @DisplayName("--help")
    class Help {

        @Test
        @DisplayName("lists the rooms options with their defaults, and names the default room #lobby")
        void listsThem() {
            assertThat(run("--help")).isZero();
            // picocli wraps the descriptions; compare them as one line.
            String help = out.toString().replaceAll("\\s+", " ");
            assertThat(help).contains("--operator-password-file=FILE", "--room-creation=open|operators",
                    "--max-rooms=N", "--max-rooms-per-member=N", "--room-creations-per-minute=N", "--private-rate=N",
                    "Name of the default room, which everyone joins on arriving (default: lobby, the room #lobby).",
                    "close rooms (default: no operators).", "server operators only (default: open).",
                    "empty ones included (default: 10000).", "may be in at once (default: 50).",
                    "0 for no limit (default: 10).", "0 for no limit (default: 5).");
        }
    }

    @Nested
    @DisplayName("parsed into the server configuration")
    class IntoTheConfiguration {

        @Test
        @DisplayName("by default: no operators, rooms open to create, 10,000 rooms, 50 a member, 10 creations a "
                + "minute, 5 private messages a second, the room #lobby")
        void defaults() throws IOException {
            ServerConfig config = configOf("--server");

            assertThat(config.operatorPassword()).isEmpty();
            assertThat(config.roomCreation()).isEqualTo(RoomCreation.OPEN);
            assertThat(config.maxRooms()).isEqualTo(10_000);
            assertThat(config.maxRoomsPerMember()).isEqualTo(50);
            assertThat(config.roomCreationsPerMinute()).isEqualTo(10);
            assertThat(config.privateRate()).isEqualTo(5);
            assertThat(config.roomName()).isEqualTo("lobby");
        }

        @Test
        @DisplayName("each option sets its component")
        void eachOption() throws IOException {
            ServerConfig config = configOf("--server", "--room-creation", "operators", "--max-rooms", "3",
                    "--max-rooms-per-member", "2", "--room-creations-per-minute", "7", "--private-rate", "1");

            assertThat(config.roomCreation()).isEqualTo(RoomCreation.OPERATORS);
            assertThat(config.maxRooms()).isEqualTo(3);
            assertThat(config.maxRoomsPerMember()).isEqualTo(2);
            assertThat(config.roomCreationsPerMinute()).isEqualTo(7);
            assertThat(config.privateRate()).isEqualTo(1);
        }

        @Test
        @DisplayName("the smallest values: 1 room, 1 a member, and 0 (no limit) for the two rates")
        void smallest() throws IOException {
            ServerConfig config = configOf("--server", "--max-rooms", "1", "--max-rooms-per-member", "1",
                    "--room-creations-per-minute", "0", "--private-rate", "0");

            assertThat(config.maxRooms()).isEqualTo(1);
            assertThat(config.maxRoomsPerMember()).isEqualTo(1);
            assertThat(config.roomCreationsPerMinute()).isZero();
            assertThat(config.privateRate()).isZero();
        }

        @ParameterizedTest(name = "--room-creation {0}")
        @CsvSource({"open, OPEN", "OPEN, OPEN", "Operators, OPERATORS", "OPERATORS, OPERATORS"})
        @DisplayName("--room-creation in any case")
        void roomCreationInAnyCase(String value, RoomCreation expected) throws IOException {
            assertThat(configOf("--server", "--room-creation", value).roomCreation()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "--room {0}")
        @CsvSource({"lobby, lobby", "'#lobby', lobby", "club, club", "'#Club', Club"})
        @DisplayName("--room with or without its #")
        void roomWithOrWithoutHash(String value, String expected) throws IOException {
            assertThat(configOf("--server", "--room", value).roomName()).isEqualTo(expected);
        }

        @Test
        @DisplayName("--operator-password-file reads the password from the first line, apart from --password-file")
        void operatorPasswordFile() throws IOException {
            Path operators = Files.writeString(dir.resolve("operators"), "\uFEFF" + OPERATOR_PASSWORD + "\nnot read\n",
                    StandardCharsets.UTF_8);
            Path members = Files.writeString(dir.resolve("members"), "open sesame\n", StandardCharsets.UTF_8);

            ServerConfig config = configOf("--server", "--password-file", members.toString(),
                    "--operator-password-file", operators.toString());

            assertThat(config.operatorPassword()).hasValueSatisfying(password -> {
                assertThat(password.matches(OPERATOR_PASSWORD)).isTrue();
                assertThat(password.matches("open sesame")).isFalse();
                assertThat(password.toString()).doesNotContain(OPERATOR_PASSWORD);
            });
            assertThat(config.password()).hasValueSatisfying(password ->
                    assertThat(password.matches("open sesame")).isTrue());
            assertThat(config.toString()).doesNotContain(OPERATOR_PASSWORD);
        }
    }

    @Nested
    @DisplayName("a bad value is a usage error (exit 2) that names the option")
    class UsageErrors {

        private String usageError(String... args) {
            assertThat(run(args)).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
            return err.toString();
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({"--max-rooms, 0", "--max-rooms, -1", "--max-rooms-per-member, 0", "--max-rooms-per-member, -3"})
        @DisplayName("fewer than one room")
        void lessThanOne(String option, String value) {
            assertThat(usageError("--server", option, value)).contains(option + " must be at least 1: " + value);
        }

        @ParameterizedTest(name = "{0} -1")
        @ValueSource(strings = {"--room-creations-per-minute", "--private-rate"})
        @DisplayName("a negative rate")
        void negativeRate(String option) {
            assertThat(usageError("--server", option, "-1")).contains(option + " must not be negative: -1");
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({"--max-rooms, many", "--max-rooms, 1.5", "--max-rooms, 99999999999", "--max-rooms-per-member, ''",
                "--room-creations-per-minute, ten", "--private-rate, 5/s"})
        @DisplayName("not a whole number")
        void notANumber(String option, String value) {
            assertThat(usageError("--server", option, value)).contains("'" + option + "'", "'" + value + "'");
        }

        @Test
        @DisplayName("an unknown --room-creation")
        void unknownRoomCreation() {
            assertThat(usageError("--server", "--room-creation", "everyone"))
                    .contains("--room-creation must be open or operators, not 'everyone'");
            assertThat(usageError("--server", "--room-creation", "")).contains("--room-creation must be open or operators");
        }

        @ParameterizedTest(name = "--room \"{0}\"")
        @ValueSource(strings = {"two words", "##lobby", "#", "", "lobby!"})
        @DisplayName("a --room that is no room name")
        void badRoom(String value) {
            assertThat(usageError("--server", "--room", value))
                    .contains("--room must be a room name like lobby or #lobby, not '" + value + "'");
        }

        @Test
        @DisplayName("a rooms option with --client")
        void withClient() {
            assertThat(usageError("--client", "--max-rooms", "3")).contains("--max-rooms applies only with --server");
            assertThat(usageError("--client", "--operator-password-file", "pw"))
                    .contains("--operator-password-file applies only with --server");
        }
    }

    @Nested
    @DisplayName("an operator password file that cannot be used stops the start (exit 1), without printing it")
    class OperatorPasswordFile {

        private String failure(Path file) {
            assertThat(run("--server", "127.0.0.1", "0", "--in-memory", "--operator-password-file", file.toString()))
                    .isEqualTo(1);
            assertThat(out.toString()).doesNotContain(OPERATOR_PASSWORD);
            return err.toString();
        }

        @Test
        @DisplayName("the same as the server password: everyone allowed in would know it")
        void sameAsServerPassword() throws IOException {
            Path members = Files.writeString(dir.resolve("members"), OPERATOR_PASSWORD + "\n");
            Path operators = Files.writeString(dir.resolve("operators"), OPERATOR_PASSWORD + "\n");

            int exit = run("--server", "127.0.0.1", "0", "--in-memory", "--password-file", members.toString(),
                    "--operator-password-file", operators.toString());

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("the operator password must differ from the server password")
                    .doesNotContain(OPERATOR_PASSWORD);
            assertThat(out.toString()).doesNotContain(OPERATOR_PASSWORD);
        }

        @Test
        @DisplayName("missing")
        void missing() {
            Path absent = dir.resolve("absent");

            assertThat(failure(absent)).contains("chatroom: cannot read the operator password file " + absent
                    + ": no such file");
        }

        @Test
        @DisplayName("empty, or an empty first line")
        void empty() throws IOException {
            Path empty = Files.writeString(dir.resolve("empty"), "");
            assertThat(failure(empty)).contains("chatroom: operator password file " + empty + ": the password is empty");

            Path blank = Files.writeString(dir.resolve("blank"), "\n" + OPERATOR_PASSWORD + "\n");
            assertThat(failure(blank)).contains("chatroom: operator password file " + blank + ": the password is empty")
                    .doesNotContain(OPERATOR_PASSWORD);
        }

        @Test
        @DisplayName("a password with a control character")
        void controlCharacter() throws IOException {
            Path file = Files.writeString(dir.resolve("tab"), "kept\tin the vault\n");

            assertThat(failure(file)).contains("chatroom: operator password file " + file
                    + ": the password holds a control character").doesNotContain("kept");
        }

        @Test
        @DisplayName("not a file, or not UTF-8 text")
        void notReadable() throws IOException {
            Path folder = Files.createDirectory(dir.resolve("folder"));
            assertThat(failure(folder)).contains("chatroom: cannot read the operator password file " + folder + ": ");

            Path latin1 = Files.write(dir.resolve("latin1"), "kept in the v\u00e4ult\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(failure(latin1)).contains("chatroom: cannot read the operator password file " + latin1
                    + ": it is not UTF-8 text").doesNotContain("kept");
        }
    }

    @Nested
    @DisplayName("a running server")
    class Running {

        @Test
        @DisplayName("names its room #club, lets only operators create rooms, and limits rooms per member")
        void operatorsCreateRooms() throws Exception {
            Path operators = Files.writeString(dir.resolve("operators"), OPERATOR_PASSWORD + "\n", StandardCharsets.UTF_8);
            var sink = new LineSink();
            var errors = new LineSink();
            var stop = new CountDownLatch(1);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ChatroomCommand.run(
                    new String[] {"--server", "127.0.0.1", "0", "--in-memory", "--room", "#club",
                            "--operator-password-file", operators.toString(), "--room-creation", "operators",
                            "--max-rooms-per-member", "2"},
                    new PrintWriter(sink, true), new PrintWriter(errors, true), () -> stop::await, NO_CLIENT, NO_CLIENT));

            try {
                var listening = sink.await("listening on 127\\.0\\.0\\.1:(\\d+) \\(room #club;", TIMEOUT);
                assertThat(listening).as("listening line in: %s, errors: %s", sink, errors).isPresent();
                int port = Integer.parseInt(listening.get().group(1));

                try (var alice = new Socket("127.0.0.1", port)) {
                    alice.setSoTimeout((int) TIMEOUT.toMillis());
                    var in = new BufferedReader(new InputStreamReader(alice.getInputStream(), StandardCharsets.UTF_8));
                    var writer = new PrintWriter(new OutputStreamWriter(alice.getOutputStream(), StandardCharsets.UTF_8), true);
                    writer.print("alice\n/join #new\n");
                    writer.flush();
                    assertThat(Lines.readUntilContaining(in, "only server operators may create rooms")).isTrue();

                    writer.print("/oper " + OPERATOR_PASSWORD + "\n/join #new\n");
                    writer.flush();
                    assertThat(Lines.readUntilContaining(in, "You are a server operator")).isTrue();
                    assertThat(Lines.readUntilContaining(in, "You are in #new now")).isTrue();

                    writer.print("/join #third\n");
                    writer.flush();
                    assertThat(Lines.readUntilContaining(in, "you are in 2 rooms, the most allowed")).isTrue();
                }
            } finally {
                stop.countDown();
            }
            assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
            assertThat(sink.toString()).doesNotContain(OPERATOR_PASSWORD);
            assertThat(errors.toString()).doesNotContain(OPERATOR_PASSWORD);
        }
    }
}
