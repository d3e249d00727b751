package chatroom.client.view;

import chatroom.client.viewmodel.Notification;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/// The desktop notifier without a tray (the tests' headless environment), with trays that
/// fail as AWT can, and with a working fake tray. No toolkit: the "FX executor" records.
class DesktopNotifierTest {

    private static final Notification TO_BOB = new Notification(new Name("bob"), "Private message from bob", "hi");
    private static final Notification IN_RUST = new Notification(RoomName.of("rust"), "#rust", "alice?");

    private final List<Notification> fallback = new CopyOnWriteArrayList<>();
    private final List<Target> opened = new CopyOnWriteArrayList<>();
    private final AtomicInteger onFx = new AtomicInteger();
    /// Counts what was handed to the FX thread, then runs it.
    private final Executor fx = task -> {
        onFx.incrementAndGet();
        task.run();
    };

    private final List<DesktopNotifier> notifiers = new ArrayList<>();

    @AfterEach
    void close() {
        notifiers.forEach(DesktopNotifier::close);
    }

    private DesktopNotifier notifier(DesktopNotifier.TrayOpener opener) {
        var notifier = new DesktopNotifier(fallback::add, fx, opened::add, opener);
        notifiers.add(notifier);
        return notifier;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Ui.TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /// A tray that records what it shows and lets the test click it.
    private static final class FakeTray implements DesktopNotifier.Tray {
        final List<Notification> shown = new CopyOnWriteArrayList<>();
        final AtomicInteger removed = new AtomicInteger();
        final AtomicReference<Runnable> clicked = new AtomicReference<>();
        volatile Error error;

        @Override
        public void show(Notification notification) {
            if (error != null) {
                throw error;
            }
            shown.add(notification);
        }

        @Override
        public void remove() {
            removed.incrementAndGet();
        }
    }

    @Test
    @DisplayName("headless (the test environment): the real tray is not there, notices go to the window")
    void headlessFallsBack() {
        assumeTrue(GraphicsEnvironment.isHeadless(), "only where there is no display");
        var notifier = new DesktopNotifier(fallback::add, fx, opened::add, "chatroom");
        notifiers.add(notifier);
        assertThat(notifier.route()).isEqualTo(DesktopNotifier.Route.UNDECIDED);

        notifier.deliver(TO_BOB);
        notifier.deliver(IN_RUST);

        await("both in the window", () -> fallback.size() == 2);
        assertThat(fallback).containsExactly(TO_BOB, IN_RUST);
        assertThat(onFx).as("handed to the FX thread").hasValue(2);
        assertThat(notifier.route()).isEqualTo(DesktopNotifier.Route.FALLBACK);
        notifier.close();
        assertThat(notifier.closed()).succeedsWithin(java.time.Duration.ofSeconds(Ui.TIMEOUT_SECONDS));
    }

    @Test
    @DisplayName("any Throwable from AWT when opening the tray: the window's notices for good, the tray not asked again")
    void openFails() {
        var attempts = new AtomicInteger();
        var notifier = notifier(clicked -> {
            attempts.incrementAndGet();
            throw new UnsatisfiedLinkError("no libawt_xawt");
        });

        notifier.deliver(TO_BOB);
        notifier.deliver(IN_RUST);

        await("both in the window", () -> fallback.size() == 2);
        assertThat(attempts).hasValue(1);
        assertThat(notifier.route()).isEqualTo(DesktopNotifier.Route.FALLBACK);
    }

    @Test
    @DisplayName("a tray that fails while showing: that notification and every later one go to the window")
    void showFails() {
        var tray = new FakeTray();
        var notifier = notifier(clicked -> Optional.of(tray));
        notifier.deliver(TO_BOB);
        await("shown in the tray", () -> tray.shown.size() == 1);

        tray.error = new AWTError("tray gone");
        notifier.deliver(IN_RUST);
        notifier.deliver(TO_BOB);

        await("both in the window", () -> fallback.size() == 2);
        assertThat(fallback).containsExactly(IN_RUST, TO_BOB);
        assertThat(tray.shown).containsExactly(TO_BOB);
        assertThat(tray.removed).as("the broken icon is taken away").hasValue(1);
        assertThat(notifier.route()).isEqualTo(DesktopNotifier.Route.FALLBACK);
    }

    @Test
    @DisplayName("a working tray: shown there, a click opens the last conversation on the FX thread, close removes the icon")
    void tray() {
        var tray = new FakeTray();
        var notifier = notifier(clicked -> {
            tray.clicked.set(clicked);
            return Optional.of(tray);
        });
        notifier.deliver(TO_BOB);
        notifier.deliver(IN_RUST);
        await("shown in the tray", () -> tray.shown.size() == 2);
        assertThat(notifier.route()).isEqualTo(DesktopNotifier.Route.TRAY);

        tray.clicked.get().run();

        assertThat(opened).containsExactly(IN_RUST.conversation());
        assertThat(onFx).hasValue(1);
        assertThat(fallback).isEmpty();

        notifier.close();
        assertThat(notifier.closed()).succeedsWithin(java.time.Duration.ofSeconds(Ui.TIMEOUT_SECONDS));
        assertThat(tray.removed).hasValue(1);

        notifier.deliver(TO_BOB);
        assertThat(fallback).as("after close, straight to the window").containsExactly(TO_BOB);
    }

    @Test
    @DisplayName("nothing happens until the first notification: no thread, no tray; closing then is immediate")
    void lazy() {
        var attempts = new AtomicInteger();
        var notifier = notifier(clicked -> {
            attempts.incrementAndGet();
            return Optional.empty();
        });

        notifier.close();

        assertThat(notifier.closed()).as("done at once: no thread was started to wait for").isDone();
        assertThat(attempts).hasValue(0);
    }

    @Test
    @DisplayName("in a JVM of its own: creating the notifier loads no AWT, the first notification does, and the JVM exits after close")
    void ownJvm() throws IOException, InterruptedException {
        Path log = Files.createTempFile("notifier-probe", ".log");
        try {
            var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.awt.headless=true", "-verbose:class", "-cp", System.getProperty("java.class.path"),
                    NotifierProbe.class.getName()));
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("the JVM exits by itself").isTrue();
            List<String> lines = Files.readAllLines(log);
            assertThat(process.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                    .isZero();
            int created = lines.indexOf(NotifierProbe.CREATED);
            int delivered = lines.indexOf(NotifierProbe.DELIVERED);
            assertThat(created).isPositive();
            assertThat(delivered).isGreaterThan(created);
            assertThat(lines.subList(0, created)).as("AWT before the first notification")
                    .noneMatch(line -> line.contains(" java.awt."));
            assertThat(lines.subList(created, delivered)).as("the first notification asks AWT")
                    .anyMatch(line -> line.contains(" java.awt.SystemTray "));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
