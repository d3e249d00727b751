package chatroom.server.internal;

import chatroom.protocol.ServerFrame;
import chatroom.server.FsyncPolicy;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

/// Writes the messages of every conversation to their logs, and the rooms' changes to the
/// state log, on one platform thread, and hands messages back once they are as durable as
/// the [FsyncPolicy] asks.
///
/// Rooms [#submit] messages under their lock, in id order per conversation, and [#record]
/// changes of their lasting state; both go into one queue. The journal thread takes
/// everything queued so far and works through it in order, a run of messages at a time and a
/// run of changes at a time, so messages and changes reach the disk in the order they were
/// queued. A run of messages is one write per conversation, then (`ALWAYS`) one force per
/// log written, then it is passed to [Listener#saved] in queue order: messages arriving
/// together share the `fsync`s. `INTERVAL` forces about once a second and `NEVER` leaves it
/// to the operating system; both still write before the room delivers. A conversation's part
/// of a run that cannot be written (or, under `ALWAYS`, forced) is cut off its log again and
/// passed to [Listener#notSaved]: nobody receives a message the log does not hold. The other
/// conversations of the run are not affected.
///
/// A [#read] of a conversation's recent messages goes through the queue too, so it never
/// meets a log half written, and it sees exactly the messages queued before it that were
/// saved.
///
/// At most [#MAX_PENDING] messages wait; a sender beyond that waits in [#awaitSpace]
/// (outside the room's lock) until the disk catches up.
///
/// The work is shared out: [JournalQueue] holds the queue, its bound and the lifecycle;
/// [JournalCycle] is what the journal thread does each round; [JournalWriter] writes, forces
/// and commits; [JournalReads] answers reads. This class ties them together and is what the
/// rest of the server uses.
///
/// Thread-safe.
final class Journal {

    /// A message with its id, waiting to be saved, the conversation it belongs to, who sent it
    /// and what its IRC sender attached to it (for its delivery, not saved).
    record Entry(Conversation conversation, ServerFrame.Chat chat, Connection sender, MessageExtras extras)
            implements Item {

        /// A message with nothing attached.
        Entry(Conversation conversation, ServerFrame.Chat chat, Connection sender) {
            this(conversation, chat, sender, MessageExtras.NONE);
        }
    }

    /// What waits in the queue.
    sealed interface Item {
    }

    /// A change of a room's lasting state, waiting to be recorded.
    record Change(RoomChange change) implements Item {
    }

    /// A read of a conversation's saved messages, answered by the journal thread.
    record Read(Conversation conversation, int keep, CompletableFuture<List<ServerFrame.Chat>> answer)
            implements Item {
    }

    /// A mark in the queue: `passed` completes once everything queued before it was handed
    /// back (delivered, or refused), with the reads of its batch.
    record Barrier(CompletableFuture<Void> passed) implements Item {
    }

    /// One conversation's log (a [HistoryLog]; an interface so tests can make it fail).
    interface Log extends Closeable {
        /// Writes `batch` after the committed messages, neither forced nor committed.
        void append(List<ServerFrame.Chat> batch) throws IOException;

        /// Forces what was written to the storage device.
        void force() throws IOException;

        /// Makes the last append part of the log.
        void commit();

        /// Cuts off the last append.
        void rollback() throws IOException;

        /// The highest id committed (or the log's id floor): new messages must be above it.
        long lastId();

        boolean needsCompaction(Instant now);

        void compact(Instant now) throws IOException;
    }

    /// Everything the journal writes to: the conversations' logs and the rooms' state log.
    /// Used by the journal thread only (once it is started).
    interface Store extends Closeable {
        /// The log of `conversation`, opened (and recovered) when first needed.
        Log log(Conversation conversation) throws IOException;

        /// Makes sure that, after a restart, no id up to `id` of a private conversation can be
        /// given out again, before messages with it are written (see [Archive#lastId]).
        void coverPrivateId(long id) throws IOException;

        /// Applies `changes` in order and writes them to the state log, forced if `force`;
        /// a [RoomChange.Closed] also deletes its room's log. Handles its own failures.
        void record(List<RoomChange> changes, boolean force);

        /// Forces the state log if something was written to it since it was last forced.
        void forceState();

        /// The newest `keep` messages of `conversation` with an id up to `maxId`, oldest
        /// first; what it can when reading fails (reported).
        List<ServerFrame.Chat> read(Conversation conversation, int keep, long maxId);

        /// Every log opened so far, for the age retention's periodic check.
        Collection<? extends Log> logs();
    }

    /// Where the journal hands batches back; called on the journal thread.
    interface Listener {
        /// `batch` is in the logs (as durable as the policy asks): deliver it.
        void saved(List<Entry> batch);

        /// `batch` could not be saved and is not in the logs: tell its senders.
        void notSaved(List<Entry> batch);
    }

    static final int MAX_PENDING = 4096;
    private static final System.Logger LOG = System.getLogger("chatroom.server");

    private final JournalQueue queue = new JournalQueue();
    private final JournalCycle cycle;

    Journal(Store store, Closeable directoryLock, FsyncPolicy policy, Clock clock) {
        this.cycle = new JournalCycle(queue, store, directoryLock, new JournalWriter(store, policy), clock);
    }

    /// Starts the journal thread, which hands batches to `listener`.
    void start(Listener listener) {
        queue.start(() -> Thread.ofPlatform().name("chatroom-journal").daemon(true)
                .uncaughtExceptionHandler((t, e) -> LOG.log(ERROR, "Journal thread failed", e))
                .start(() -> cycle.run(listener)));
    }

    /// Queues `entry` for saving; called under the room's lock, in id order per conversation.
    /// Returns `false`, queueing nothing, once the journal is closing.
    boolean submit(Entry entry) {
        return queue.add(entry);
    }

    /// Queues a change of a room's lasting state, to be written after everything queued
    /// before it. Returns `false`, queueing nothing, once the journal is closing.
    boolean record(RoomChange change) {
        return queue.add(new Change(change));
    }

    /// The newest `keep` saved messages of `conversation`, as the journal thread reads them
    /// between two batches; waits up to `timeout`. Empty (not an empty list) when no journal
    /// thread runs: the caller may read the file itself then.
    Optional<List<ServerFrame.Chat>> read(Conversation conversation, int keep, Duration timeout) {
        var read = new Read(conversation, keep, new CompletableFuture<>());
        if (!queue.addRead(read)) {
            return Optional.empty();
        }
        return Optional.of(JournalReads.await(read, timeout));
    }

    /// Waits, up to `timeout`, until every message queued before the call was handed back:
    /// saved and delivered, or refused. At once when no journal thread runs. Holding no lock.
    void awaitHandedBack(Duration timeout) {
        var barrier = new Barrier(new CompletableFuture<>());
        if (!queue.addBarrier(barrier)) {
            return;
        }
        try {
            barrier.passed().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.log(WARNING, "The history logs were still being written after {0}; going on", timeout);
        } catch (ExecutionException e) {
            LOG.log(WARNING, "Waiting for the history logs failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /// Waits while [#MAX_PENDING] messages are waiting to be saved; called by a sender
    /// before it takes the room's lock.
    void awaitSpace() {
        queue.awaitSpace();
    }

    /// Saves and hands back everything queued, forces the logs, closes them and releases the
    /// data directory. Waits up to `timeout` for the journal thread; harmless to repeat.
    void close(Duration timeout) {
        switch (queue.close()) {
            case JournalQueue.Closing.AlreadyClosed() -> {
            }
            case JournalQueue.Closing.NotStarted() -> cycle.closeStore();
            case JournalQueue.Closing.Draining(Thread running) -> join(running, timeout);
        }
    }

    private static void join(Thread running, Duration timeout) {
        try {
            if (!running.join(timeout)) {
                LOG.log(WARNING, "The history logs were still being written after {0}; giving up", timeout);
                // the thread still owns the logs; the process exit releases them
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
