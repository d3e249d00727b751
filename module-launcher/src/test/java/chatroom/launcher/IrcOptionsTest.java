package chatroom.launcher;

import chatroom.server.ServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("chatroom --server: the IRC dialect's options")
class IrcOptionsTest {

    private static final StopSignal NEVER_USED = () -> {
        throw new AssertionError("the server should not have started");
    };
    private static final ClientStarter NO_CLIENT = options -> {
        throw new AssertionError("the client should not have started");
    };

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ChatroomCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), () -> NEVER_USED,
                NO_CLIENT, NO_CLIENT);
    }

    private static ServerConfig configOf(String... args) throws IOException {
        var command = new ChatroomCommand(() -> NEVER_USED, NO_CLIENT, NO_CLIENT);
        new CommandLine(command).parseArgs(args);
        return command.server.toConfig(command.passwordFile);
    }

    @Test
    @DisplayName("by default the server name is left to the host's name and there is no MOTD")
    void defaults() throws IOException {
        ServerConfig config = configOf("--server");
        assertThat(config.serverName()).isEmpty();
        assertThat(config.motd()).isEmpty();
    }

    @Test
    @DisplayName("--server-name and --motd-file set the name and the lines (empty lines kept, UTF-8)")
    void set() throws IOException {
        Path motd = Files.writeString(dir.resolve("motd.txt"), "Benvenuti!\n\nBe kind: no spam.\n",
                StandardCharsets.UTF_8);
        ServerConfig config = configOf("--server", "--server-name", "irc.school.example", "--motd-file", motd.toString());
        assertThat(config.serverName()).contains("irc.school.example");
        assertThat(config.motd()).containsExactly("Benvenuti!", "", "Be kind: no spam.");
    }

    @Test
    @DisplayName("a server name with a space or a bad character is a usage error that names the option")
    void badServerName() {
        assertThat(run("--server", "--server-name", "my server")).isEqualTo(2);
        assertThat(err.toString()).contains("--server-name must be 1 to 63 letters, digits, dots and dashes");
        assertThatThrownBy(() -> configOf("--server", "--server-name", "-leading.dash"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--server-name");
    }

    @Test
    @DisplayName("a missing MOTD file, or one with a control character or a line too long, fails with its line named")
    void badMotd() throws IOException {
        assertThat(run("--server", "--motd-file", dir.resolve("none.txt").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read the message-of-the-day file", "no such file");
        Path bell = Files.writeString(dir.resolve("bell.txt"), "fine\nring\u0007\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> configOf("--server", "--motd-file", bell.toString()))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2");
        Path longLine = Files.writeString(dir.resolve("long.txt"), "x".repeat(401), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> configOf("--server", "--motd-file", longLine.toString()))
                .isInstanceOf(IOException.class).hasMessageContaining("line 1").hasMessageContaining("400 bytes");
    }
}
