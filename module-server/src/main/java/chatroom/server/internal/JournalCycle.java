package chatroom.server.internal;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

/// What the journal thread does, round after round until the journal is closed and drained:
/// take everything queued, work through it in queue order (a run of messages at a time and a
/// run of changes at a time, through the [JournalWriter]; reads last, through
/// [JournalReads]), hand the messages back to the [Journal.Listener], force what the policy
/// says is due, and compact the logs that need it. At the end it forces and closes the
/// store and releases the data directory.
///
/// Journal thread only; [#closeStore] also on the thread that closes a journal whose thread
/// was never started.
final class JournalCycle {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    /// How often an idle journal checks whether age retention has work.
    private static final long IDLE_CHECK_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long COMPACTION_RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final JournalQueue queue;
    private final Journal.Store store;
    private final Closeable directoryLock;
    private final Clock clock;
    private final JournalWriter writer;
    private long nextCompactionAttempt = System.nanoTime();
    private long nextAgeCheck = System.nanoTime() + IDLE_CHECK_NANOS;

    JournalCycle(JournalQueue queue, Journal.Store store, Closeable directoryLock, JournalWriter writer,
                 Clock clock) {
        this.queue = queue;
        this.store = store;
        this.directoryLock = directoryLock;
        this.writer = writer;
        this.clock = clock;
    }

    /// The journal thread's body: rounds until the queue is closed and drained, then
    /// [#closeStore]. A round that fails unexpectedly is logged and the next one goes on.
    void run(Journal.Listener listener) {
        try {
            List<Journal.Item> batch;
            while ((batch = queue.next(() -> writer.waitNanos(IDLE_CHECK_NANOS))) != null) {
                try {
                    process(batch, listener);
                    writer.forceIfDue();
                    compactIfDue();
                } catch (RuntimeException e) {
                    // A dead journal would silently stop every message: log, and go on.
                    LOG.log(ERROR, "Unexpected error in the journal", e);
                }
            }
        } finally {
            closeStore();
        }
    }

    /// Works through `batch` in order: runs of messages, runs of changes; reads last, each
    /// seeing only the messages queued before it; then the barriers, everything before them
    /// handed back.
    private void process(List<Journal.Item> batch, Journal.Listener listener) {
        List<Journal.Entry> entries = new ArrayList<>();
        List<RoomChange> changes = new ArrayList<>();
        var reads = new JournalReads();
        List<Journal.Barrier> barriers = new ArrayList<>();
        for (Journal.Item item : batch) {
            switch (item) {
                case Journal.Entry entry -> {
                    if (!changes.isEmpty()) {
                        writer.record(changes);
                        changes = new ArrayList<>();
                    }
                    entries.add(entry);
                    reads.queued(entry);
                }
                case Journal.Change change -> {
                    if (!entries.isEmpty()) {
                        save(entries, listener);
                        entries = new ArrayList<>();
                    }
                    changes.add(change.change());
                }
                case Journal.Read read -> reads.queued(read);
                case Journal.Barrier barrier -> barriers.add(barrier);
            }
        }
        if (!entries.isEmpty()) {
            save(entries, listener);
        }
        if (!changes.isEmpty()) {
            writer.record(changes);
        }
        reads.answer(store);
        barriers.forEach(barrier -> barrier.passed().complete(null));
    }

    /// Saves a run of messages and hands it back: the refused part first, then the saved.
    private void save(List<Journal.Entry> run, Journal.Listener listener) {
        JournalWriter.Outcome outcome = writer.save(run);
        if (!outcome.refused().isEmpty()) {
            handBack(listener::notSaved, outcome.refused());
        }
        if (!outcome.saved().isEmpty()) {
            handBack(listener::saved, outcome.saved());
        }
    }

    /// Compacts the logs just written when they are due, and every log once a minute (age).
    private void compactIfDue() {
        long now = System.nanoTime();
        if (now - nextCompactionAttempt < 0) {
            return;
        }
        List<Journal.Log> candidates = writer.takeWritten();
        if (now - nextAgeCheck >= 0) {
            nextAgeCheck = now + IDLE_CHECK_NANOS;
            candidates = new ArrayList<>(store.logs());
        }
        Instant instant = clock.instant();
        for (Journal.Log log : candidates) {
            if (!log.needsCompaction(instant)) {
                continue;
            }
            try {
                log.compact(instant);
            } catch (IOException | RuntimeException e) {
                nextCompactionAttempt = System.nanoTime() + COMPACTION_RETRY_NANOS;
                LOG.log(ERROR, "Compacting a history log failed (retrying in a minute): {0}", e.toString());
                return;
            }
        }
    }

    private static void handBack(Consumer<List<Journal.Entry>> target, List<Journal.Entry> batch) {
        try {
            target.accept(batch);
        } catch (RuntimeException e) {
            LOG.log(ERROR, "Delivering saved messages failed", e);
        }
    }

    /// Forces what is unforced, closes every log and the state log, releases the data
    /// directory; failures are logged, never thrown.
    void closeStore() {
        writer.forceAtClose();
        try {
            store.close();
        } catch (IOException e) {
            LOG.log(ERROR, "Closing the history logs failed: {0}", e.toString());
        }
        try {
            directoryLock.close();
        } catch (IOException e) {
            LOG.log(WARNING, "Releasing the data directory failed: {0}", e.toString());
        }
    }
}
