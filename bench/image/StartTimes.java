import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/// Start-up times of a runtime image, timed as ImageSmokeIT times them, to compare images
/// linked with different options side by side (docs/performance.md, "Image size and
/// start-up"):
///
/// ```sh
/// java bench/image/StartTimes.java IMAGE server|client RUNS ['JVM OPTIONS']
/// ```
///
/// - `server`: RUNS starts of `IMAGE/bin/chatroom --server`, each from the launch to the first
///   TCP connection it accepts (connect attempts 2 ms apart), then SIGTERM.
/// - `client`: one server, then RUNS starts of the desktop client on JavaFX's headless
///   platform (`--name` connects at once), each from the launch to its "First frame shown"
///   line, then SIGTERM.
///
/// JVM OPTIONS go into `CHATROOM_JAVA_OPTIONS` (after the launcher's own). Prints the median,
/// the extremes and every time, and any other line the processes wrote (a JVM warning about
/// its archive would show there). Every wait is bounded (30 s).
final class StartTimes {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String HEADLESS = "-Dglass.platform=Headless -Dprism.order=sw";

    private StartTimes() {
    }

    static void main(String[] args) throws Exception {
        Path command = Path.of(args[0]).resolve("bin/chatroom");
        boolean server = args[1].equals("server");
        int runs = Integer.parseInt(args[2]);
        String options = args.length > 3 ? args[3] : "";
        var millis = new ArrayList<Long>();
        var otherLines = new TreeSet<String>();
        if (server) {
            for (int run = 0; run < runs; run++) {
                millis.add(serverStart(command, options, otherLines));
            }
        } else {
            int port = freePort();
            Process chatServer = start(command, "", "--server", "127.0.0.1", Integer.toString(port), "--data-dir",
                    Files.createTempDirectory("start-times-server").toString());
            try {
                awaitConnection(port, chatServer);
                for (int run = 0; run < runs; run++) {
                    millis.add(firstFrame(command, options, port, run, otherLines));
                }
            } finally {
                chatServer.destroy();
                chatServer.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        var sorted = millis.stream().sorted().toList();
        System.out.printf("%s %s: median %d ms, min %d, max %d, all %s%n", args[0], args[1], sorted.get(runs / 2),
                sorted.getFirst(), sorted.getLast(), millis);
        otherLines.removeIf(line -> line.isBlank() || line.contains("listening on") || line.contains("First frame"));
        if (!otherLines.isEmpty()) {
            System.out.println("other output: " + otherLines);
        }
    }

    private static long serverStart(Path command, String options, Set<String> otherLines) throws Exception {
        int port = freePort();
        long launched = System.nanoTime();
        Process server = start(command, options, "--server", "127.0.0.1", Integer.toString(port), "--data-dir",
                Files.createTempDirectory("start-times-server").toString());
        BlockingQueue<String> output = lines(server);
        awaitConnection(port, server);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
        server.destroy();
        server.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        output.drainTo(otherLines);
        return millis;
    }

    private static long firstFrame(Path command, String options, int port, int run, Set<String> otherLines)
            throws Exception {
        long launched = System.nanoTime();
        Process client = start(command, (HEADLESS + " " + options).strip(), "--client", "127.0.0.1",
                Integer.toString(port), "--name", "user" + run, "--data-dir",
                Files.createTempDirectory("start-times-client").toString());
        BlockingQueue<String> output = lines(client);
        try {
            long deadline = launched + TIMEOUT.toNanos();
            for (long left = TIMEOUT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                String line = output.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                if (line.contains("First frame shown")) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
                }
                otherLines.add(line);
            }
            throw new IllegalStateException("no first frame within " + TIMEOUT + "; output: " + otherLines);
        } finally {
            client.destroy();
            client.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            output.drainTo(otherLines);
        }
    }

    private static Process start(Path command, String options, String... args) throws IOException {
        var line = new ArrayList<String>();
        line.add(command.toString());
        line.addAll(List.of(args));
        var builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("CHATROOM_JAVA_OPTIONS", options);
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("DISPLAY");
        return builder.start();
    }

    /// The process's output lines, read on a thread (a process's streams close when it is
    /// destroyed, so they are read as they come).
    private static BlockingQueue<String> lines(Process process) {
        var lines = new LinkedBlockingQueue<String>();
        Thread.ofVirtual().start(() -> {
            try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = output.readLine()) != null; ) {
                    lines.add(line.replaceFirst("^\\d{4}-\\d{2}-\\d{2} \\S+ ", "")); // without a log line's date and time
                }
            } catch (IOException e) {
                // The process ended.
            }
        });
        return lines;
    }

    private static void awaitConnection(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(2);
            }
        }
        throw new IllegalStateException("no connection accepted on port " + port + " within " + TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
