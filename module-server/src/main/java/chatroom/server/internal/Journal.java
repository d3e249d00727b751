package chatroom.server.internal;

import chatroom.protocol.ServerFrame;
import chatroom.server.FsyncPolicy;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/// Writes a room's messages to its [HistoryLog] on one platform thread and hands them back
/// to the room once they are as durable as the [FsyncPolicy] asks.
///
/// The room [#submit]s each message under its lock, in id order. The journal thread takes
/// everything submitted so far as one batch, writes it with one write, forces it (`ALWAYS`:
/// one `fsync` per batch, so messages arriving together share it) and passes it to
/// [Listener#saved], in id order. `INTERVAL` forces about once a second and `NEVER` leaves
/// it to the operating system; both still write before the room delivers. A batch that
/// cannot be written (or, under `ALWAYS`, forced) is cut off the log again and passed to
/// [Listener#notSaved]: nobody receives a message the log does not hold.
///
/// At most [#MAX_PENDING] messages wait; a sender beyond that waits in [#awaitSpace]
/// (outside the room's lock) until the disk catches up.
///
/// Thread-safe.
final class Journal {

    /// A message with its id, waiting to be saved, and who sent it.
    record Entry(Conversation conversation, ServerFrame.Chat chat, Connection sender) {
    }

    /// What the journal writes to: a [HistoryLog] (an interface so tests can make it fail).
    interface Log extends Closeable {
        /// Writes `batch` after the committed messages, neither forced nor committed.
        void append(List<ServerFrame.Chat> batch) throws IOException;

        /// Forces what was written to the storage device.
        void force() throws IOException;

        /// Makes the last append part of the log.
        void commit();

        /// Cuts off the last append.
        void rollback() throws IOException;

        boolean needsCompaction(Instant now);

        void compact(Instant now) throws IOException;
    }

    /// Where the journal hands batches back; called on the journal thread.
    interface Listener {
        /// `batch` is in the log (as durable as the policy asks): deliver it.
        void saved(List<Entry> batch);

        /// `batch` could not be saved and is not in the log: tell its senders.
        void notSaved(List<Entry> batch);
    }

    static final int MAX_PENDING = 4096;
    private static final System.Logger LOG = System.getLogger("chatroom.server");
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /// How often an idle journal checks whether age retention has work.
    private static final long IDLE_CHECK_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long COMPACTION_RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Log log;
    private final Closeable directoryLock;
    private final FsyncPolicy policy;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition space = lock.newCondition();
    private ArrayList<Entry> pending = new ArrayList<>();
    private boolean closing;
    private boolean closed;
    private Thread thread;
    private Listener listener;
    // Journal thread only:
    private boolean unforced;
    private long lastForce = System.nanoTime();
    private boolean failing;
    private long nextCompactionAttempt = System.nanoTime();

    Journal(Log log, Closeable directoryLock, FsyncPolicy policy, Clock clock) {
        this.log = log;
        this.directoryLock = directoryLock;
        this.policy = policy;
        this.clock = clock;
    }

    /// Starts the journal thread, which hands batches to `listener`.
    void start(Listener listener) {
        lock.lock();
        try {
            if (thread != null || closing) {
                throw new IllegalStateException("journal already started or closed");
            }
            this.listener = listener;
            thread = Thread.ofPlatform().name("chatroom-journal").daemon(true)
                    .uncaughtExceptionHandler((t, e) -> LOG.log(ERROR, "Journal thread failed", e))
                    .start(this::run);
        } finally {
            lock.unlock();
        }
    }

    /// Queues `entry` for saving; called under the room's lock, in id order. Returns `false`,
    /// queueing nothing, once the journal is closing.
    boolean submit(Entry entry) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            pending.add(entry);
            if (pending.size() == 1) {
                work.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /// Waits while [#MAX_PENDING] messages are waiting to be saved; called by a sender
    /// before it takes the room's lock.
    void awaitSpace() {
        lock.lock();
        try {
            while (pending.size() >= MAX_PENDING && !closing) {
                space.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /// Saves and hands back everything submitted, forces the log, closes it and releases the
    /// data directory. Waits up to `timeout` for the journal thread; harmless to repeat.
    void close(Duration timeout) {
        Thread running;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closing = true;
            running = thread;
            work.signal();
            space.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        if (running != null) {
            try {
                if (!running.join(timeout)) {
                    LOG.log(WARNING, "The history log was still being written after {0}; giving up", timeout);
                    return; // the thread still owns the log; the process exit releases it
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        } else {
            closeLog();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            List<Entry> batch;
            while ((batch = next()) != null) {
                try {
                    if (!batch.isEmpty()) {
                        save(batch);
                    }
                    forceIfDue();
                    compactIfDue();
                } catch (RuntimeException e) {
                    // A dead journal would silently stop every message: log, and go on.
                    LOG.log(ERROR, "Unexpected error in the journal", e);
                }
            }
        } finally {
            closeLog();
        }
    }

    /// The next batch; empty when only a timer is due; `null` when closed and drained.
    private List<Entry> next() {
        lock.lock();
        try {
            if (pending.isEmpty() && !closing) {
                long wait = unforced && policy == FsyncPolicy.INTERVAL
                        ? INTERVAL_NANOS - (System.nanoTime() - lastForce) : IDLE_CHECK_NANOS;
                if (wait > 0) {
                    work.awaitNanos(wait);
                }
            }
            if (pending.isEmpty()) {
                return closing ? null : List.of();
            }
            List<Entry> batch = pending;
            pending = new ArrayList<>(Math.min(batch.size(), 256));
            space.signalAll();
            return batch;
        } catch (InterruptedException e) {
            // Nobody interrupts this thread but shutdown of the process: stop after a drain.
            closing = true;
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    private void save(List<Entry> batch) {
        List<ServerFrame.Chat> chats = batch.stream().map(Entry::chat).toList();
        try {
            log.append(chats);
            if (policy == FsyncPolicy.ALWAYS) {
                log.force();
                lastForce = System.nanoTime();
            } else {
                unforced = true;
            }
            log.commit();
        } catch (IOException | RuntimeException e) {
            failed(e, batch.size());
            rollBack();
            handBack(listener::notSaved, batch);
            return;
        }
        if (failing) {
            failing = false;
            LOG.log(INFO, "The history log is being written again");
        }
        handBack(listener::saved, batch);
    }

    private void forceIfDue() {
        if (unforced && (policy == FsyncPolicy.INTERVAL && System.nanoTime() - lastForce >= INTERVAL_NANOS)) {
            try {
                log.force();
                unforced = false;
                lastForce = System.nanoTime();
            } catch (IOException e) {
                // The messages were delivered already (INTERVAL promises only the last second).
                failed(e, 0);
            }
        }
    }

    private void compactIfDue() {
        if (System.nanoTime() - nextCompactionAttempt < 0 || !log.needsCompaction(clock.instant())) {
            return;
        }
        try {
            log.compact(clock.instant());
        } catch (IOException | RuntimeException e) {
            nextCompactionAttempt = System.nanoTime() + COMPACTION_RETRY_NANOS;
            LOG.log(ERROR, "Compacting the history log failed (retrying in a minute): {0}", e.toString());
        }
    }

    /// Logs a write failure at `ERROR` once, until writing works again.
    private void failed(Exception e, int refused) {
        if (!failing) {
            failing = true;
            LOG.log(ERROR, "Cannot write the history log; messages are refused until it works again ("
                    + refused + " refused now)", e);
        } else {
            LOG.log(DEBUG, "History log still failing ({0} refused): {1}", refused, e.toString());
        }
    }

    private void rollBack() {
        try {
            log.rollback();
        } catch (IOException e) {
            LOG.log(DEBUG, "Cutting off a failed write failed too: {0}", e.toString());
        }
    }

    private static void handBack(java.util.function.Consumer<List<Entry>> target, List<Entry> batch) {
        try {
            target.accept(batch);
        } catch (RuntimeException e) {
            LOG.log(ERROR, "Delivering saved messages failed", e);
        }
    }

    private void closeLog() {
        try {
            log.close();
        } catch (IOException e) {
            LOG.log(ERROR, "Closing the history log failed: {0}", e.toString());
        }
        try {
            directoryLock.close();
        } catch (IOException e) {
            LOG.log(WARNING, "Releasing the data directory failed: {0}", e.toString());
        }
    }
}
