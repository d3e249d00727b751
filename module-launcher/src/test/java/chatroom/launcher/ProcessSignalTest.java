package chatroom.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/// Runs `chatroom --server` as a real process and stops it with SIGTERM, as an operator or a
/// service manager would.
@DisplayName("chatroom --server as a process")
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Process.destroy() is not SIGTERM on Windows")
class ProcessSignalTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private Process server;
    @TempDir
    Path dataDir;

    @AfterEach
    void killLeftovers() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    @DisplayName("SIGTERM tells connected clients goodbye, closes them and exits 0")
    void sigtermStopsCleanly() throws Exception {
        String modulePath = System.getProperty("jdk.module.path");
        assertThat(modulePath).as("tests run on the module path").isNotBlank();
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "--module-path", modulePath,
                "--module", "chatroom.launcher/chatroom.launcher.Main", "--server", "127.0.0.1", "0",
                "--data-dir", dataDir.toString()));
        server = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));

        int port = awaitPort(output);
        try (var client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout((int) TIMEOUT.toMillis());
            var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            assertThat(in.readLine()).startsWith("* Welcome to chatroom");
            out.write("carol\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(Lines.readUntil(in, "* carol joined the chat")).isTrue();

            server.destroy(); // SIGTERM

            assertThat(Lines.readUntil(in, "* The server is shutting down. Goodbye!")).isTrue();
            assertThat(in.readLine()).as("the socket is closed after the goodbye").isNull();
        }
        assertThat(server.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
    }

    private static int awaitPort(BufferedReader output) throws Exception {
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        for (int i = 0; i < 50; i++) {
            String line = output.readLine();
            assertThat(line).as("server output ended before it listened").isNotNull();
            Matcher matcher = listening.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("no 'listening on' line");
    }
}
