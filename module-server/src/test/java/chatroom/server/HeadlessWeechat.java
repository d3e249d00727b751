package chatroom.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/// WeeChat's headless client (Debian's `weechat-headless`; its FIFO plugin comes in
/// `weechat-plugins`), run as a real IRC client against a test server, for tests that check
/// the IRC dialect with a client we did not write.
///
/// WeeChat runs with a private home folder (`--dir`), loads only the `irc`, `logger` and `fifo`
/// plugins and no scripts, does not connect anywhere at start (`--no-connect`), and is given one
/// server, the test's, on loopback without TLS; then it connects. From there:
/// - the test types into it through its FIFO plugin ([#type]), exactly as a person types into a
///   buffer, commands included;
/// - what it received is read back from its logger plugin's files ([#awaitLogged]), which hold
///   what WeeChat shows a person in each buffer, written at once (`logger.file.flush_delay 0`).
///
/// WeeChat's anti-flood queue is off, so that what the test types goes out at once instead of
/// one line every two seconds, and so is reconnecting, so that a failure shows as one.
///
/// Not thread-safe: one test thread drives it.
final class HeadlessWeechat implements AutoCloseable {

    /// The Debian packages the client comes in; `.ci/run` installs them.
    static final String PACKAGES = "weechat-headless weechat-plugins";
    /// WeeChat's name for the test server, part of every IRC buffer's name (`irc.chatroom.#room`).
    static final String SERVER = "chatroom";

    private static final String EXECUTABLE = "weechat-headless";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    /// Characters that WeeChat would read as a command separator, an evaluated expression or a
    /// space in `/set` and `--run-command`.
    private static final Pattern UNSAFE_IN_COMMAND = Pattern.compile("[;$\\s\"]");

    private final Process process;
    private final Path home;
    private final Path fifo;
    private final Path output;
    private FileChannel typing;

    private HeadlessWeechat(Process process, Path home, Path fifo, Path output) {
        this.process = process;
        this.home = home;
        this.fifo = fifo;
        this.output = output;
    }

    /// Starts WeeChat in `home` (an empty folder of the test's) and has it connect to `server`
    /// as `nick`. Fails the test, saying how to install it, when `weechat-headless` is not on
    /// the `PATH`.
    static HeadlessWeechat connect(Path home, InetSocketAddress server, String nick) {
        for (String word : List.of(home.toString(), nick)) {
            if (UNSAFE_IN_COMMAND.matcher(word).find()) {
                throw new IllegalArgumentException("WeeChat would misread this in a command: " + word);
            }
        }
        Path fifo = home.resolve("fifo");
        Path output = home.resolve("weechat-output.txt");
        List<String> command = new ArrayList<>(List.of(executable().toString(),
                "--dir", home.toString(), "--no-connect", "--no-script", "--plugins", "irc,logger,fifo", "--stdout"));
        for (String startup : List.of(
                "/set fifo.file.enabled on",
                "/set fifo.file.path \"" + fifo + "\"",
                "/set logger.file.flush_delay 0",
                "/set irc.server_default.autoreconnect off",
                "/set irc.server_default.anti_flood_prio_high 0",
                "/set irc.server_default.anti_flood_prio_low 0",
                "/server add " + SERVER + " " + server.getAddress().getHostAddress() + "/" + server.getPort() + " -notls",
                "/set irc.server." + SERVER + ".nicks " + nick,
                "/set irc.server." + SERVER + ".username " + nick,
                "/set irc.server." + SERVER + ".realname \"WeeChat in a test\"",
                "/connect " + SERVER)) {
            command.add("--run-command");
            command.add(startup);
        }
        try {
            Process process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new HeadlessWeechat(process, home, fifo, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
    }

    /// `weechat-headless` from the `PATH`; fails the test, saying what to run, when there is none.
    private static Path executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder, EXECUTABLE);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(EXECUTABLE + " is not installed (not on the PATH " + path + "): this test runs"
                + " the real IRC client WeeChat. Run .ci/run, which installs the Debian packages " + PACKAGES
                + ", or install them yourself: apt-get install --no-install-recommends " + PACKAGES);
    }

    /// Types `text` into the buffer called `buffer` (WeeChat's full name, such as
    /// `irc.server.chatroom` or `irc.chatroom.#test`) as a person would: a line starting with
    /// `/` is a command. Waits at most `timeout` for the FIFO plugin to have made its pipe.
    void type(String buffer, String text, Duration timeout) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("one line at a time: " + text);
        }
        byte[] line = (buffer + " *" + text + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            FileChannel channel = typing(timeout);
            ByteBuffer bytes = ByteBuffer.wrap(line);
            // Below PIPE_BUF, so the plugin reads the line whole.
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot type into WeeChat's FIFO " + fifo + "; " + diagnostics(), e);
        }
    }

    /// The FIFO, opened once it exists. It is opened for reading as well as writing because Linux
    /// then opens a FIFO at once, without waiting for a reader: a write-only open would hang the
    /// test for good if WeeChat died between making the pipe and opening it. The test never reads.
    private FileChannel typing(Duration timeout) throws IOException {
        if (typing == null) {
            awaitCondition("WeeChat's FIFO plugin to make " + fifo + " (is weechat-plugins installed?"
                    + " .ci/run installs it)", timeout, () -> "", () -> Files.exists(fifo));
            typing = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return typing;
    }

    /// Waits until the logger file of `buffer` has a line (of the form `date time TAB prefix TAB
    /// message`) that `line` matches in part; returns that line.
    String awaitLogged(String buffer, Pattern line, String what, Duration timeout) {
        Path log = logOf(buffer);
        var found = new ArrayList<String>(1);
        awaitCondition(what + " in WeeChat's " + buffer + " (a line of " + log + " matching /" + line + "/)",
                timeout, () -> "; the buffer shows " + tail(readLog(log)), () -> {
                    for (String logged : readLog(log)) {
                        if (line.matcher(logged).find()) {
                            found.add(logged);
                            return true;
                        }
                    }
                    return false;
                });
        return found.getFirst();
    }

    /// Every line WeeChat has logged so far in `buffer`; none before the buffer exists.
    List<String> logged(String buffer) {
        return readLog(logOf(buffer));
    }

    /// Waits for WeeChat to exit by itself (after `/quit`); returns its exit code.
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("WeeChat still runs " + timeout + " after it was told to quit; " + diagnostics());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for WeeChat to exit", e);
        }
    }

    /// Ends WeeChat if it still runs (politely, then by force) and closes the FIFO.
    @Override
    public void close() {
        try {
            if (typing != null) {
                typing.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            stop();
        }
    }

    private void stop() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /// WeeChat's own output and its server buffer, for a failure message.
    String diagnostics() {
        return "WeeChat " + (process.isAlive() ? "is running" : "exited with " + process.exitValue())
                + "; its output: " + tail(readLog(output)) + "; its server buffer: " + tail(logged("irc.server." + SERVER));
    }

    private Path logOf(String buffer) {
        // The logger plugin's defaults: "${weechat_data_dir}/logs", "$plugin.$name.weechatlog"
        // in lower case, and the data folder is the home given with --dir.
        return home.resolve("logs").resolve(buffer.toLowerCase(Locale.ROOT) + ".weechatlog");
    }

    private static List<String> readLog(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /// Polls `condition` until it holds; fails after `timeout`, or when WeeChat has exited,
    /// with `seen` and [#diagnostics] in the message.
    private void awaitCondition(String what, Duration timeout, Supplier<String> seen, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout + " in vain for " + what + seen.get() + "; " + diagnostics());
            }
            if (!process.isAlive()) {
                throw new AssertionError("WeeChat exited while the test waited for " + what + seen.get() + "; "
                        + diagnostics());
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    private static String tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 15), lines.size()).toString();
    }
}
