package chatroom.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/// The [Journal]'s queue: what rooms and readers hand to the journal thread, taken by it
/// everything at once, and the bound ([Journal#MAX_PENDING] messages) that makes senders wait.
///
/// It also owns the journal's lifecycle as far as the queue sees it: whether a journal thread
/// was started, and whether the journal is closing (nothing more is queued) or closed.
///
/// Thread-safe: every field is guarded by one lock, held only to move items and flags, never
/// across I/O. Rooms call [#add] under their own lock; [#next] is called by the journal thread
/// only.
final class JournalQueue {

    /// What [#close] found.
    sealed interface Closing {
        /// [#close] was called before: nothing to do.
        record AlreadyClosed() implements Closing {
        }

        /// No journal thread was started: the caller closes the logs itself.
        record NotStarted() implements Closing {
        }

        /// `thread` drains the queue, closes the logs and ends.
        record Draining(Thread thread) implements Closing {
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition space = lock.newCondition();
    private ArrayList<Journal.Item> pending = new ArrayList<>();
    private int pendingEntries;
    private boolean closing;
    private boolean closed;
    private Thread thread;

    /// Starts the journal thread `starter` creates and starts (called under the lock, so it
    /// happens at most once, and never once closing).
    ///
    /// @throws IllegalStateException if a thread was started already or the journal is closing
    void start(Supplier<Thread> starter) {
        lock.lock();
        try {
            if (thread != null || closing) {
                throw new IllegalStateException("journal already started or closed");
            }
            thread = starter.get();
        } finally {
            lock.unlock();
        }
    }

    /// Queues a message or a change. Returns `false`, queueing nothing, once closing.
    boolean add(Journal.Item item) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            pending.add(item);
            if (item instanceof Journal.Entry) {
                pendingEntries++;
            }
            if (pending.size() == 1) {
                work.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /// Queues a read. Returns `false`, queueing nothing, when no journal thread runs (not
    /// started, or closing): the caller reads the file itself then.
    boolean addRead(Journal.Read read) {
        return addWhileRunning(read);
    }

    /// Queues a barrier. Returns `false`, queueing nothing, when no journal thread runs (not
    /// started, or closing): nothing would pass it.
    boolean addBarrier(Journal.Barrier barrier) {
        return addWhileRunning(barrier);
    }

    private boolean addWhileRunning(Journal.Item item) {
        lock.lock();
        try {
            if (thread == null || closing) {
                return false;
            }
            pending.add(item);
            work.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /// Waits while [Journal#MAX_PENDING] messages are waiting to be saved, or until closing.
    void awaitSpace() {
        lock.lock();
        try {
            while (pendingEntries >= Journal.MAX_PENDING && !closing) {
                space.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /// The journal thread's next batch: everything queued so far, in queue order. When
    /// nothing is queued it waits first, up to what `waitNanos` says (asked only then, on
    /// this thread). Empty when only a timer is due; `null` when closing and drained.
    List<Journal.Item> next(LongSupplier waitNanos) {
        lock.lock();
        try {
            if (pending.isEmpty() && !closing) {
                long wait = waitNanos.getAsLong();
                if (wait > 0) {
                    work.awaitNanos(wait);
                }
            }
            if (pending.isEmpty()) {
                return closing ? null : List.of();
            }
            List<Journal.Item> batch = pending;
            pending = new ArrayList<>(Math.min(batch.size(), 256));
            pendingEntries = 0;
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

    /// Stops queueing, wakes the journal thread and every waiting sender, and says who
    /// closes the logs.
    Closing close() {
        lock.lock();
        try {
            if (closed) {
                return new Closing.AlreadyClosed();
            }
            closed = true;
            closing = true;
            work.signal();
            space.signalAll();
            return thread == null ? new Closing.NotStarted() : new Closing.Draining(thread);
        } finally {
            lock.unlock();
        }
    }
}
