package chatroom.server.internal;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/// The writers one broadcast has to start, started together once every member has the frame:
/// one task per slice of [#SLICE] writers instead of one task per member. A room of 200 then
/// costs the writers' pool four hand-offs per message instead of 200, and a writer claimed by
/// one message but not yet run sends the next message's frame in the same write.
///
/// Only writers whose writes never block are gathered ([Outbound#offer(byte\[\], WriterStarts)]).
///
/// Not thread-safe: one broadcast uses it, under the room's lock.
final class WriterStarts {

    /// Most writers one task runs: small enough that a room's writers still spread over
    /// every writer thread, large enough that the hand-off costs little per member.
    static final int SLICE = 64;

    /// `null` until the first writer is added (a broadcast whose members' writers are all
    /// running or held already adds none), and again once started.
    private Outbound[] writers;
    private final int expected;
    private int count;
    private Executor executor;

    /// Room for `expected` writers (a broadcast's member count), so the broadcast never grows it.
    WriterStarts(int expected) {
        this.expected = Math.max(1, expected);
    }

    /// Adds a writer claimed to run (see [Outbound]) whose tasks run on `executor`.
    void add(Outbound writer, Executor executor) {
        if (this.executor == null) {
            this.executor = executor;
        } else if (this.executor != executor) {
            throw new IllegalArgumentException("writers of one broadcast run on one executor");
        }
        if (writers == null) {
            writers = new Outbound[expected];
        } else if (count == writers.length) {
            writers = Arrays.copyOf(writers, count * 2);
        }
        writers[count++] = writer;
    }

    /// Starts every writer added, in the order added, a slice per task, after `delayNanos`
    /// (at once if 0 or if the executor cannot schedule). Until then every writer stays
    /// claimed, so frames offered to them join the frames already queued instead of starting
    /// writers of their own.
    void startAll(long delayNanos) {
        // The tasks own the array from here on.
        Outbound[] started = writers;
        int total = count;
        writers = null;
        count = 0;
        // Slices of equal size (at most SLICE): 199 writers go as 50+50+50+49 rather than
        // 64+64+64+7, so two writer threads finish a message's fan-out together.
        int slices = (total + SLICE - 1) / SLICE;
        for (int index = 0, from = 0; index < slices; index++) {
            int first = from;
            int end = first + total / slices + (index < total % slices ? 1 : 0);
            from = end;
            try {
                Runnable task = () -> {
                    for (int i = first; i < end; i++) {
                        started[i].run();
                    }
                };
                if (delayNanos > 0 && executor instanceof ScheduledExecutorService scheduler) {
                    scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                } else {
                    executor.execute(task);
                }
            } catch (RejectedExecutionException e) {
                for (int i = first; i < end; i++) {
                    started[i].notStarted();
                }
            }
        }
    }
}
