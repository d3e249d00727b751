package chatroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/// Reads a process's resident set size from `/proc/PID/status`, and its CPU time from
/// `/proc/PID/stat` (Linux only).
final class ProcStatus {

    private ProcStatus() {
    }

    /// VmRSS of `pid` in KiB, or empty where `/proc` has no answer (not Linux, no such process).
    static OptionalLong rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(6).replace("kB", "").strip()));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /// Clock ticks per second of `/proc/PID/stat`'s times: `USER_HZ`, 100 on every Linux
    /// architecture the JDK runs on (it is part of the kernel's ABI, whatever `CONFIG_HZ` is).
    private static final long USER_HZ = 100;

    /// User plus system CPU time of `pid` in ns (ticks of 10 ms), or empty where `/proc` has no answer.
    static OptionalLong cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces and parentheses: the fields start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * (1_000_000_000L / USER_HZ));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
