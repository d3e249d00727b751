package chatroom.jlink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/// The built image's `bin/chatroom`, started as a person would start it, with its output read
/// on a thread so that a test can wait for a line without blocking on the pipe.
final class ImageProcess implements AutoCloseable {

    /// How long a test waits for a line, for an exit, for anything.
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Writer input;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder seen = new StringBuilder();
    /// Set by the reader once the output has ended.
    private volatile boolean done;

    private ImageProcess(Process process) {
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().name("output of " + process.pid()).start(() -> {
            try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = output.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process ended and took the pipe with it: its output is complete.
            } finally {
                done = true;
            }
        });
    }

    static boolean onWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    /// The linked image folder that failsafe names in `chatroom.image` (see jlink/pom.xml).
    static Path image() {
        return Path.of(System.getProperty("chatroom.image"));
    }

    /// `chatroom ARGS` from the linked image, with `javaOptions` in `CHATROOM_JAVA_OPTIONS`,
    /// standard error merged into standard output, and no `JAVA_HOME` (the image needs no
    /// installed Java). The caller may still change the environment and the working folder.
    static ProcessBuilder chatroom(String javaOptions, String... args) {
        return chatroom(image().resolve("bin").resolve(onWindows() ? "chatroom.bat" : "chatroom"), javaOptions, args);
    }

    /// [#chatroom(String, String...)] with another image's `bin/chatroom` (an unpacked archive's).
    static ProcessBuilder chatroom(Path command, String javaOptions, String... args) {
        assertThat(command).isExecutable();
        List<String> line = new ArrayList<>();
        line.add(command.toString());
        line.addAll(List.of(args));
        var builder = new ProcessBuilder(line).redirectErrorStream(true);
        // The same encoding on every OS, whatever the machine's locale: the test reads UTF-8.
        builder.environment().put("CHATROOM_JAVA_OPTIONS",
                ("-Dstdout.encoding=UTF-8 -Dstdin.encoding=UTF-8 " + javaOptions).strip());
        builder.environment().remove("JAVA_HOME");
        return builder;
    }

    static ImageProcess start(ProcessBuilder builder) throws IOException {
        return new ImageProcess(builder.start());
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /// Types `line` and Enter on the process's standard input.
    void type(String line) throws IOException {
        input.write(line + "\n");
        input.flush();
    }

    /// Ends the process's standard input, as Ctrl+D in a terminal.
    void endInput() throws IOException {
        input.close();
    }

    /// Waits for an output line containing `fragment` and returns it; fails with the output
    /// so far if none comes within [#TIMEOUT].
    String awaitLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail("no line containing '%s' within %s; output so far:%n%s", fragment, TIMEOUT, seen);
            }
            seen.append(line).append('\n');
            if (line.contains(fragment)) {
                return line;
            }
        }
    }

    /// Sends the process SIGTERM (on Windows: a hard kill) and returns its exit code.
    int terminate() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    /// Waits for the process to end by itself and returns its exit code.
    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("chatroom ended within %s; output so far:%n%s", TIMEOUT, seen).isTrue();
        return process.exitValue();
    }

    /// Everything the process wrote, once it has ended (waits briefly for the reader).
    String output() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!done && System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
            }
        }
        for (String line; (line = lines.poll()) != null; ) {
            seen.append(line).append('\n');
        }
        return seen.toString();
    }

    /// Kills the process if a failed test left it running.
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
