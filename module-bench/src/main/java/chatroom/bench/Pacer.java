package chatroom.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/// Sends open-loop: sender `i`'s `k`-th message is due at `start + (k + i/S) / rate`, whatever
/// happened to earlier ones. A late message is sent at once with its original due time, so
/// the receivers' latency includes the lateness. Runs on one named platform thread, and ends
/// by itself at `end`.
final class Pacer implements Runnable {

    private final List<Client> senders;
    private final BenchDialect dialect;
    private final double rate;
    private final long epoch;
    private final long start;
    private final long end;
    private final Phase window;
    private final String padding;
    private long sentInWindow;
    private long sent;
    private IOException failure;
    private long cpuNanos;
    final Thread thread;

    /// @param rate  messages per second per sender; `start`/`end` in ns since `epoch`
    /// @param messageBytes the least length of a message's text: shorter ones get `x…x ` in front
    Pacer(List<Client> senders, BenchDialect dialect, double rate, long epoch, long start, long end, Phase window,
          int messageBytes) {
        this.senders = senders;
        this.dialect = dialect;
        this.rate = rate;
        this.epoch = epoch;
        this.start = start;
        this.end = end;
        this.window = window;
        // "b S Q T" is about 25 bytes; the padding makes the whole text messageBytes long or more.
        int pad = messageBytes - BenchMessage.text(senders.size(), 0, end).length() - 1;
        this.padding = pad > 0 ? "x".repeat(pad) + ' ' : "";
        this.thread = Thread.ofPlatform().name("bench-pacer").unstarted(this);
    }

    @Override
    public void run() {
        try {
            pace();
        } finally {
            cpuNanos = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }

    private void pace() {
        double interval = 1e9 / rate;
        double step = interval / senders.size();
        long[] seq = new long[senders.size()];
        for (long k = 0; ; k++) {
            for (int i = 0; i < senders.size(); i++) {
                long due = start + (long) (k * interval + i * step);
                if (due >= end) {
                    return;
                }
                long wait = due - (System.nanoTime() - epoch);
                while (wait > 0) {
                    LockSupport.parkNanos(wait);
                    wait = due - (System.nanoTime() - epoch);
                }
                Client sender = senders.get(i);
                try {
                    sender.writeLine(dialect.say(padding + BenchMessage.text(sender.index, seq[i]++, due)));
                } catch (IOException e) {
                    failure = e;
                    return;
                }
                sent++;
                if (due >= window.start && due < window.end) {
                    sentInWindow++;
                }
            }
        }
    }

    /// Messages due in the measurement window and sent (read after [Thread#join]).
    long sentInWindow() {
        return sentInWindow;
    }

    /// CPU time of the pacer thread (read after [Thread#join]).
    long cpuNanos() {
        return cpuNanos;
    }

    long sent() {
        return sent;
    }

    /// The write failure that stopped sending early, if any (read after [Thread#join]).
    java.util.Optional<IOException> failure() {
        return java.util.Optional.ofNullable(failure);
    }
}
