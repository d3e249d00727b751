package chatroom.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/// Sends `rooms`' two streams open-loop on one named platform thread, and ends by itself at `end`.
///
/// - Room messages: sender `i` (members `0 … S-1`) sends its `k`-th message, due at
///   `start + (k + i/S) / rate`, to its room `k mod K` (round robin over its rooms), as
///   [Pacer] does for one room. Each is owed to the room's other members.
/// - Private messages: the `j`-th, due at `start + j / privateRate`, goes from a random member
///   to a random other member (seeded, so a run can be repeated). Each is owed to its recipient.
///
/// A late message is sent at once and keeps its due time, so the receivers' latency includes
/// the lateness (no coordinated omission). Counters are confined to the pacer thread and read
/// after [Thread#join].
final class RoomsPacer implements Runnable {

    private final List<Client> members;
    private final RoomPlan plan;
    private final int senders;
    private final double rate;
    private final double privateRate;
    private final SplittableRandom random;
    private final BenchDialect dialect;
    private final long epoch;
    private final long start;
    private final long end;
    private final Phase window;
    private final String padding;
    private long roomSent;
    private long roomSentInWindow;
    private long roomExpected;
    private long privateSent;
    private long privateSentInWindow;
    /// How late messages of the window were written, after their due time (µs): a generator
    /// that could not keep up, or a machine too busy to run it on time, shows here.
    private final Histogram lateness = new Histogram(3);
    private IOException failure;
    private long cpuNanos;
    final Thread thread;

    /// @param members     every member, by index; the first `senders` send to their rooms
    /// @param rate        room messages per second per sender
    /// @param privateRate private messages per second in all (0: none)
    /// @param seed        seeds the choice of private senders and recipients
    /// @param start       when the first messages are due, and `end` when sending stops (ns since `epoch`)
    RoomsPacer(List<Client> members, RoomPlan plan, int senders, double rate, double privateRate, long seed,
               BenchDialect dialect, long epoch, long start, long end, Phase window, int messageBytes) {
        this.members = members;
        this.plan = plan;
        this.senders = senders;
        this.rate = rate;
        this.privateRate = privateRate;
        this.random = new SplittableRandom(seed);
        this.dialect = dialect;
        this.epoch = epoch;
        this.start = start;
        this.end = end;
        this.window = window;
        int pad = messageBytes - BenchMessage.text(members.size(), 0, end).length() - 1;
        this.padding = pad > 0 ? "x".repeat(pad) + ' ' : "";
        this.thread = Thread.ofPlatform().name("bench-rooms-pacer").unstarted(this);
    }

    @Override
    public void run() {
        try {
            pace();
        } finally {
            cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }

    private void pace() {
        double interval = 1e9 / rate;
        double step = interval / senders;
        double privateInterval = privateRate > 0 ? 1e9 / privateRate : 0;
        long[] seq = new long[senders];
        long round = 0;
        int sender = 0;
        long privateSeq = 0;
        while (true) {
            long roomDue = start + (long) (round * interval + sender * step);
            long privateDue = privateRate > 0 ? start + (long) (privateSeq * privateInterval) : Long.MAX_VALUE;
            long due = Math.min(roomDue, privateDue);
            if (due >= end) {
                return;
            }
            for (long wait = due - (System.nanoTime() - epoch); wait > 0; wait = due - (System.nanoTime() - epoch)) {
                LockSupport.parkNanos(wait);
            }
            boolean inWindow = due >= window.start && due < window.end;
            if (inWindow) {
                lateness.recordValue(Math.max(0, (System.nanoTime() - epoch - due) / 1000));
            }
            try {
                if (roomDue <= privateDue) {
                    long k = seq[sender]++;
                    int room = plan.room(sender, (int) (k % plan.perMember()));
                    members.get(sender).writeLine(dialect.sayIn(RoomPlan.name(room),
                            padding + BenchMessage.text(sender, k, due)));
                    roomSent++;
                    if (inWindow) {
                        roomSentInWindow++;
                        roomExpected += plan.roomSize() - 1;
                    }
                    if (++sender == senders) {
                        sender = 0;
                        round++;
                    }
                } else {
                    int from = random.nextInt(members.size());
                    int to = random.nextInt(members.size() - 1);
                    if (to >= from) {
                        to++;
                    }
                    members.get(from).writeLine(dialect.sayTo(members.get(to).name,
                            padding + BenchMessage.directText(from, privateSeq, due)));
                    privateSeq++;
                    privateSent++;
                    if (inWindow) {
                        privateSentInWindow++;
                    }
                }
            } catch (IOException e) {
                failure = e;
                return;
            }
        }
    }

    long roomSent() {
        return roomSent;
    }

    /// Room messages due in the measured window and sent.
    long roomSentInWindow() {
        return roomSentInWindow;
    }

    /// Deliveries owed for the room messages of the window: each room's members but the sender.
    long roomExpected() {
        return roomExpected;
    }

    long privateSent() {
        return privateSent;
    }

    /// Private messages due in the window and sent; each is owed to one recipient.
    long privateSentInWindow() {
        return privateSentInWindow;
    }

    /// How late the window's messages were written (µs).
    Histogram lateness() {
        return lateness;
    }

    /// CPU time of the pacer thread.
    long cpuNanos() {
        return cpuNanos;
    }

    /// The write failure that stopped sending early, if any.
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }
}
