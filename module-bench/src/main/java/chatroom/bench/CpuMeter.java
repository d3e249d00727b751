package chatroom.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

/// CPU time used by this process, and by the generator's own platform threads (reactors and
/// pacer). With `--server self` the server runs in this process on virtual threads, whose
/// carriers are other threads, so the generator's share can still be told apart.
final class CpuMeter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /// A reading: process CPU and generator CPU, in nanoseconds.
    record Reading(long process, long generator) {
        Reading minus(Reading earlier) {
            return new Reading(process - earlier.process, generator - earlier.generator);
        }

        Reading plus(Reading other) {
            return new Reading(process + other.process, generator + other.generator);
        }
    }

    private CpuMeter() {
    }

    /// Reads now; `generatorThreads` must be alive platform threads (a dead one counts 0).
    static Reading read(List<Thread> generatorThreads) {
        long generator = 0;
        for (Thread thread : generatorThreads) {
            long cpu = THREADS.getThreadCpuTime(thread.threadId());
            if (cpu > 0) {
                generator += cpu;
            }
        }
        return new Reading(OS.getProcessCpuTime(), generator);
    }
}
