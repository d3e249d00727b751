package chatroom.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/// What this JVM holds that a leaking server would make grow: platform threads and open file
/// descriptors (`/proc/self/fd`, Linux only).
///
/// The virtual-thread scheduler's carrier threads are left out of the thread count: the JDK
/// adds them on its own (to compensate for blocking file I/O, such as logging to the console)
/// and retires them only after 30 s, so they say nothing about the server. So are the fork-join
/// pools' delay schedulers (`…-delayScheduler`), which a pool starts the first time a task is
/// delayed (a busy room's held writes) and keeps.
record ProcessResources(long platformThreads, OptionalLong fds) {

    private static final Path FD_DIR = Path.of("/proc/self/fd");
    private static final String CARRIER_CLASS = "jdk.internal.misc.CarrierThread";

    static ProcessResources now() {
        return new ProcessResources(platformThreadNames().size(), fdCount());
    }

    /// The platform threads counted, by name, for a failure message.
    static java.util.List<String> platformThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.isVirtual() && !thread.getClass().getName().equals(CARRIER_CLASS)
                        && !thread.getName().endsWith("-delayScheduler"))
                .map(Thread::getName)
                .sorted()
                .toList();
    }

    /// Polls (bounded by `timeout`) until threads and descriptors are within `slack` of
    /// `baseline`; returns the last reading, back or not.
    static ProcessResources awaitBaseline(ProcessResources baseline, int slack, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ProcessResources now = now();
        while (!now.within(baseline, slack) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
            now = now();
        }
        return now;
    }

    boolean within(ProcessResources baseline, int slack) {
        return platformThreads <= baseline.platformThreads + slack && fdsWithin(baseline, slack);
    }

    boolean fdsWithin(ProcessResources baseline, int slack) {
        return fds.isEmpty() || baseline.fds.isEmpty() || Math.abs(fds.getAsLong() - baseline.fds.getAsLong()) <= slack;
    }

    String describeFds() {
        return fds.isPresent() ? Long.toString(fds.getAsLong()) : "n/a";
    }

    private static OptionalLong fdCount() {
        if (!Files.isDirectory(FD_DIR)) {
            return OptionalLong.empty();
        }
        try (var list = Files.list(FD_DIR)) {
            // The listing's own descriptor is counted too, the same way every time.
            return OptionalLong.of(list.count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
