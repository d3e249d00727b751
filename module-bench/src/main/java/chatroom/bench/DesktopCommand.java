package chatroom.bench;

import chatroom.client.ClientOptions;
import chatroom.client.DesktopClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/// `bench desktop`: is the real desktop client responsive with many rooms and a long history?
///
/// It starts a server in this JVM, fills room `#r0` with `--history` lines from a generator
/// member, then starts the real desktop client (JavaFX, through [DesktopClient], on JavaFX's
/// headless glass platform unless `--display`), which types `/join` for `#r0` … `#r(N-1)` in
/// its own input and waits until the last history line is on screen. Then the generator sends
/// `--burst` lines into `#r0` at once, with `--other-lines` into the other rooms between them,
/// while a [StallProbe] pings the FX thread; the run ends when the burst's last line is on
/// screen (and [#TAIL] after it).
///
/// JavaFX starts once per JVM, so the command runs once per JVM (a second run exits with 1).
@Command(name = "desktop", mixinStandardHelpOptions = true,
        description = "The real desktop client (headless JavaFX) in N rooms besides the lobby, one with H lines "
                + "of history; a generator sends a B-line burst into that room (and O lines into the others) while "
                + "the FX thread is pinged; reports the longest FX-thread stall, ping percentiles, the time until "
                + "the last line is shown, and heap. Once per JVM (JavaFX starts only once).")
final class DesktopCommand implements Callable<Integer> {

    /// The probe runs on this long after the burst's last line is shown, to see the layout
    /// and sidebar work that follows it.
    static final Duration TAIL = Duration.ofMillis(500);
    /// How long a row that reached the transcript may take to be shown before the bench
    /// records that it was not.
    static final Duration GRACE = Duration.ofSeconds(5);
    /// The stall the issue allows (reported beside the measurement, not enforced).
    static final Duration TARGET = Duration.ofMillis(100);
    private static final String VIEWER = "viewer";
    private static final String GENERATOR = "gen";
    /// History lines are sent in chunks of this many, one flush each.
    private static final int CHUNK = 1_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--rooms", defaultValue = "50", paramLabel = "N",
            description = "Rooms the client joins besides the lobby, #r0 … (#r0 holds the history). "
                    + "Default: ${DEFAULT-VALUE}.")
    int rooms;

    @Option(names = "--history", defaultValue = "10000", paramLabel = "H",
            description = "Lines in #r0 before the client joins it. Default: ${DEFAULT-VALUE}.")
    int history;

    @Option(names = "--burst", defaultValue = "1000", paramLabel = "B",
            description = "Lines sent into #r0 at once. Default: ${DEFAULT-VALUE}.")
    int burst;

    @Option(names = "--other-lines", defaultValue = "200", paramLabel = "O",
            description = "Lines sent into the other rooms during the burst, round robin. Default: ${DEFAULT-VALUE}.")
    int otherLines;

    @Option(names = "--settle", defaultValue = "1s", converter = ConnectionOptions.DurationConverter.class,
            description = "Quiet time between the history being shown and the burst. Default: ${DEFAULT-VALUE}.")
    Duration settle;

    @Option(names = "--timeout", defaultValue = "120s", converter = ConnectionOptions.DurationConverter.class,
            description = "Longest wait for each step (start, joins, history, burst). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--display",
            description = "Use the machine's display instead of JavaFX's headless glass platform "
                    + "(-Dglass.platform=Headless -Dprism.order=sw, set unless given on the command line).")
    boolean display;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        if (!display) {
            // Read by JavaFX when it starts, which is below: a -D on the command line wins.
            System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
            System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        }
        out.printf("desktop: the desktop client in the lobby and %d rooms, #r0 with %,d lines of history; a burst of "
                        + "%,d lines into #r0 and %,d into the other rooms; glass %s, prism %s%n", rooms, history, burst,
                otherLines, System.getProperty("glass.platform", "default"), System.getProperty("prism.order", "default"));
        out.flush();
        Result result = new Result().put("scenario", "desktop").put("rooms", rooms).put("history", history)
                .put("burst", burst).put("other_lines", otherLines)
                .put("glass", System.getProperty("glass.platform", "default"));
        try (ServerUnderTest server = ServerUnderTest.forDesktop(rooms + 1, history + burst + otherLines);
             DesktopGenerator generator = connect(server)) {
            run(server, generator, result);
        } catch (IllegalStateException e) {
            // A wait that ran out, or the FX thread not answering: the run could not finish.
            throw new BenchException.ConnectFailed(e.getMessage());
        }
        result.print(out);
        return ExitCode.OK.code;
    }

    /// Fills `#r0`, starts the client, measures, and closes the window.
    private void run(ServerUnderTest server, DesktopGenerator generator, Result result)
            throws IOException, InterruptedException {
        fill(generator);
        var exit = new AtomicInteger(-1);
        long launched = System.nanoTime();
        Thread client = Thread.ofPlatform().name("bench-desktop-client").start(() -> exit.set(
                DesktopClient.run(new ClientOptions(Optional.of("127.0.0.1"),
                        Optional.of(server.target().address().getPort()), Optional.of(VIEWER),
                        ClientOptions.Theme.LIGHT, Optional.of(Locale.ENGLISH)))));
        try {
            measure(DesktopWindow.await(timeout, client::isAlive), generator, launched, result);
        } catch (RuntimeException | IOException | InterruptedException e) {
            // The window may still be open: end JavaFX so that the client's thread ends.
            javafx.application.Platform.exit();
            throw e;
        } finally {
            stop(client);
        }
        if (exit.get() != DesktopClient.EXIT_OK) {
            throw new BenchException.ConnectFailed("the desktop client exited with " + exit.get());
        }
        result.put("client_exit", exit.get());
    }

    private void validate() {
        if (rooms < 1 || rooms > 500) {
            throw new BenchException.Usage("--rooms must be 1..500: " + rooms);
        }
        if (history < 1 || history > 1_000_000) {
            throw new BenchException.Usage("--history must be 1..1,000,000: " + history);
        }
        if (burst < 1 || burst > 1_000_000) {
            throw new BenchException.Usage("--burst must be 1..1,000,000: " + burst);
        }
        if (otherLines < 0 || otherLines > 1_000_000) {
            throw new BenchException.Usage("--other-lines must be 0..1,000,000: " + otherLines);
        }
        if (otherLines > 0 && rooms < 2) {
            throw new BenchException.Usage("--other-lines needs other rooms than #r0: --rooms 2 or more");
        }
        if (settle.isNegative()) {
            throw new BenchException.Usage("--settle must not be negative: " + settle);
        }
        ConnectionOptions.requirePositive("--timeout", timeout);
    }

    private DesktopGenerator connect(ServerUnderTest server) {
        try {
            var generator = DesktopGenerator.connect(server.target().address(), GENERATOR);
            generator.awaitJoins(1, timeout);
            return generator;
        } catch (IOException | IllegalStateException e) {
            throw new BenchException.ConnectFailed("the generator could not join: " + e.getMessage());
        }
    }

    /// The generator joins every room (it must be in a room to speak there) and fills `#r0`.
    private void fill(DesktopGenerator generator) throws IOException {
        List<String> joins = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            joins.add(DesktopGenerator.join(room(r)));
        }
        generator.send(joins);
        generator.awaitJoins(rooms + 1, timeout);
        for (int from = 0; from < history; from += CHUNK) {
            List<String> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(history, from + CHUNK); i++) {
                chunk.add(DesktopGenerator.say(room(0), historyLine(i)));
            }
            generator.send(chunk);
        }
        generator.awaitEchoes(history, timeout);
    }

    private void measure(DesktopWindow window, DesktopGenerator generator, long launched, Result result)
            throws IOException, InterruptedException {
        PrintWriter notes = spec.commandLine().getOut();
        joinRooms(window, launched, result);
        TimeUnit.NANOSECONDS.sleep(settle.toNanos());
        // The list must follow the newest row from here; if it stopped short of the end, the
        // person would scroll down before the burst: so does the bench, and says so.
        boolean atBottom = window.atBottom();
        result.put("at_bottom_before_burst", atBottom ? "yes" : "no");
        if (!atBottom) {
            notes.println("  note: the list was not at its last row before the burst (" + window.describe()
                    + "); the bench scrolls it down");
            window.scrollToEnd();
            require(DesktopWindow.until(window::atBottom, GRACE), "the list cannot be scrolled to its end ("
                    + window.describe() + ")");
        }
        burst(window, generator, result, notes);
        heap(result);
        window.close();
    }

    /// Types the joins, opens `#r0` and waits until its last history line is in its list.
    private void joinRooms(DesktopWindow window, long launched, Result result) {
        long shown = System.nanoTime();
        result.put("startup_ms", millis(launched, shown));
        // #r0 last, then once more: typed for a room one is in already, /join opens it.
        for (int r = 1; r < rooms; r++) {
            window.type("/join " + room(r));
        }
        long joinR0 = System.nanoTime();
        window.type("/join " + room(0));
        require(DesktopWindow.until(() -> window.rooms() == rooms + 1, timeout),
                "the sidebar did not show the lobby and " + rooms + " rooms (it shows " + window.rooms() + ")");
        result.put("join_ms", millis(shown, System.nanoTime()));
        window.type("/join " + room(0));
        require(DesktopWindow.until(() -> window.openTitle().equals(room(0)), timeout),
                room(0) + " did not open (" + window.openTitle() + " is open)");
        String lastHistory = historyLine(history - 1);
        var historyArrival = window.arrival(lastHistory, joinR0, GRACE);
        require(historyArrival.inListMillis().isPresent(), "the last history line did not reach " + room(0)
                + ": " + lastHistory + " (" + window.describe() + ")");
        put(result, "history_in_list_ms", historyArrival.inListMillis());
        put(result, "history_shown_ms", historyArrival.shownMillis());
    }

    /// Sends the burst while the probe pings the FX thread; records the stalls and when the
    /// burst's last line was in the list and on screen.
    private void burst(DesktopWindow window, DesktopGenerator generator, Result result, PrintWriter notes)
            throws IOException, InterruptedException {
        String lastBurst = burstLine(burst - 1);
        List<String> lines = burstLines();
        var probe = new StallProbe(timeout);
        DesktopWindow.Arrival burstArrival;
        try (probe) {
            long started = System.nanoTime();
            generator.send(lines);
            burstArrival = window.arrival(lastBurst, started, GRACE);
            TimeUnit.NANOSECONDS.sleep(TAIL.toNanos());
        }
        require(burstArrival.inListMillis().isPresent(), "the burst's last line did not reach " + room(0) + ": "
                + lastBurst + " (" + window.describe() + ")");
        put(result, "burst_in_list_ms", burstArrival.inListMillis());
        put(result, "burst_shown_ms", burstArrival.shownMillis());
        result.put("followed_bottom", burstArrival.shownMillis().isPresent() ? "yes" : "no");
        if (burstArrival.shownMillis().isEmpty()) {
            notes.println("  note: the list did not follow the burst to its last line (" + window.describe() + ")");
        }
        require(!probe.hung(), "the FX thread did not answer a ping within " + timeout.toSeconds() + " s");
        generator.awaitEchoes(history + lines.size(), timeout);
        result.put("rows", window.rows()).put("pings", probe.pings())
                .put("stall_max_ms", probe.longestMillis()).put("stall_p50_ms", probe.percentileMillis(50))
                .put("stall_p99_ms", probe.percentileMillis(99)).put("stall_p999_ms", probe.percentileMillis(99.9))
                .put("target_ms", TARGET.toMillis())
                .put("target_met", probe.longestMillis() <= TARGET.toMillis() ? "yes" : "no");
    }

    /// The burst: `#r0`'s lines, with the other rooms' lines spread evenly between them
    /// (round robin over `#r1` …), and `#r0`'s last line last of all.
    private List<String> burstLines() {
        List<String> lines = new ArrayList<>(burst + otherLines);
        int other = 0;
        for (int i = 0; i < burst; i++) {
            long due = (long) (i + 1) * otherLines / burst;
            for (; other < due; other++) {
                lines.add(DesktopGenerator.say(room(1 + other % (rooms - 1)), "elsewhere #" + other + "."));
            }
            lines.add(DesktopGenerator.say(room(0), burstLine(i)));
        }
        return lines;
    }

    /// Heap in use now (this JVM: the client, the in-process server and the generator), and
    /// after a full collection (what stays).
    private static void heap(Result result) {
        var memory = ManagementFactory.getMemoryMXBean();
        result.put("heap_used_mib", memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024));
        memory.gc();
        result.put("heap_after_gc_mib", memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024));
    }

    /// Waits for the client's thread to end (the window was closed, or JavaFX ended); ends
    /// JavaFX itself if the client takes longer than `timeout` to leave.
    private void stop(Thread client) throws InterruptedException {
        if (!client.join(timeout)) {
            javafx.application.Platform.exit();
            client.join(timeout);
        }
    }

    /// `value`, or `never` when the row was not shown.
    private static void put(Result result, String key, java.util.OptionalDouble value) {
        result.put(key, value.isPresent() ? (Object) value.getAsDouble() : "never");
    }

    private static void require(boolean condition, String failure) {
        if (!condition) {
            throw new BenchException.ConnectFailed(failure);
        }
    }

    private static String room(int index) {
        return "#r" + index;
    }

    /// The line's number is closed by a `.`, so that `#9.` is not found inside `#99.`.
    private static String historyLine(int index) {
        return "history #" + index + ".";
    }

    private static String burstLine(int index) {
        return "burst #" + index + ".";
    }

    private static double millis(long from, long to) {
        return (to - from) / 1e6;
    }
}
