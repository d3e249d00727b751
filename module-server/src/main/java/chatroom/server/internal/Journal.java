package chatroom.server.internal;

import chatroom.protocol.ServerFrame;
import chatroom.server.FsyncPolicy;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
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
/// Thread-safe.
final class Journal {

    /// A message with its id, waiting to be saved, the conversation it belongs to and who sent it.
    record Entry(Conversation conversation, ServerFrame.Chat chat, Connection sender) implements Item {
    }

    /// What waits in the queue.
    sealed interface Item {
    }

    private record Change(RoomChange change) implements Item {
    }

    private record Read(Conversation conversation, int keep, CompletableFuture<List<ServerFrame.Chat>> answer)
            implements Item {
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
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /// How often an idle journal checks whether age retention has work.
    private static final long IDLE_CHECK_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long COMPACTION_RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Store store;
    private final Closeable directoryLock;
    private final FsyncPolicy policy;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition space = lock.newCondition();
    private ArrayList<Item> pending = new ArrayList<>();
    private int pendingEntries;
    private boolean closing;
    private boolean closed;
    private Thread thread;
    private Listener listener;
    // Journal thread only:
    private final Set<Log> unforced = Collections.newSetFromMap(new IdentityHashMap<>());
    /// Logs written since the last compaction check.
    private final Set<Log> written = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean stateUnforced;
    private long lastForce = System.nanoTime();
    private boolean failing;
    private long nextCompactionAttempt = System.nanoTime();
    private long nextAgeCheck = System.nanoTime() + IDLE_CHECK_NANOS;

    Journal(Store store, Closeable directoryLock, FsyncPolicy policy, Clock clock) {
        this.store = store;
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

    /// Queues `entry` for saving; called under the room's lock, in id order per conversation.
    /// Returns `false`, queueing nothing, once the journal is closing.
    boolean submit(Entry entry) {
        return enqueue(entry);
    }

    /// Queues a change of a room's lasting state, to be written after everything queued
    /// before it. Returns `false`, queueing nothing, once the journal is closing.
    boolean record(RoomChange change) {
        return enqueue(new Change(change));
    }

    /// The newest `keep` saved messages of `conversation`, as the journal thread reads them
    /// between two batches; waits up to `timeout`. Empty (not an empty list) when no journal
    /// thread runs: the caller may read the file itself then.
    Optional<List<ServerFrame.Chat>> read(Conversation conversation, int keep, Duration timeout) {
        var answer = new CompletableFuture<List<ServerFrame.Chat>>();
        lock.lock();
        try {
            if (thread == null || closing) {
                return Optional.empty();
            }
            pending.add(new Read(conversation, keep, answer));
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            return Optional.of(answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            LOG.log(WARNING, "Reading the history of {0} took longer than {1}; going on without it",
                    conversation, timeout);
            return Optional.of(List.of());
        } catch (ExecutionException e) {
            LOG.log(WARNING, "Reading the history of " + conversation + " failed", e.getCause());
            return Optional.of(List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(List.of());
        }
    }

    private boolean enqueue(Item item) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            pending.add(item);
            if (item instanceof Entry) {
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

    /// Waits while [#MAX_PENDING] messages are waiting to be saved; called by a sender
    /// before it takes the room's lock.
    void awaitSpace() {
        lock.lock();
        try {
            while (pendingEntries >= MAX_PENDING && !closing) {
                space.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /// Saves and hands back everything queued, forces the logs, closes them and releases the
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
                    LOG.log(WARNING, "The history logs were still being written after {0}; giving up", timeout);
                    return; // the thread still owns the logs; the process exit releases them
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        } else {
            closeStore();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            List<Item> batch;
            while ((batch = next()) != null) {
                try {
                    process(batch);
                    forceIfDue();
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

    /// The next batch; empty when only a timer is due; `null` when closed and drained.
    private List<Item> next() {
        lock.lock();
        try {
            if (pending.isEmpty() && !closing) {
                long wait = (!unforced.isEmpty() || stateUnforced) && policy == FsyncPolicy.INTERVAL
                        ? INTERVAL_NANOS - (System.nanoTime() - lastForce) : IDLE_CHECK_NANOS;
                if (wait > 0) {
                    work.awaitNanos(wait);
                }
            }
            if (pending.isEmpty()) {
                return closing ? null : List.of();
            }
            List<Item> batch = pending;
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

    /// Works through `batch` in order: runs of messages, runs of changes; reads last, each
    /// seeing only the messages queued before it.
    private void process(List<Item> batch) {
        List<Entry> entries = new ArrayList<>();
        List<RoomChange> changes = new ArrayList<>();
        List<Read> reads = new ArrayList<>();
        Map<Read, Long> readLimits = new IdentityHashMap<>();
        Map<Conversation, Long> lastQueued = new HashMap<>();
        Map<Conversation, Long> firstQueued = new HashMap<>();
        for (Item item : batch) {
            switch (item) {
                case Entry entry -> {
                    if (!changes.isEmpty()) {
                        record(changes);
                        changes = new ArrayList<>();
                    }
                    entries.add(entry);
                    lastQueued.put(entry.conversation(), entry.chat().id());
                    firstQueued.putIfAbsent(entry.conversation(), entry.chat().id());
                }
                case Change change -> {
                    if (!entries.isEmpty()) {
                        save(entries);
                        entries = new ArrayList<>();
                    }
                    changes.add(change.change());
                }
                case Read read -> {
                    reads.add(read);
                    Long before = lastQueued.get(read.conversation());
                    if (before != null) {
                        readLimits.put(read, before);
                    }
                }
            }
        }
        if (!entries.isEmpty()) {
            save(entries);
        }
        if (!changes.isEmpty()) {
            record(changes);
        }
        for (Read read : reads) {
            // Nothing of the conversation queued before the read: none of this batch's.
            Long limit = readLimits.get(read);
            long maxId = limit != null ? limit
                    : firstQueued.containsKey(read.conversation()) ? firstQueued.get(read.conversation()) - 1
                    : Long.MAX_VALUE;
            try {
                read.answer().complete(store.read(read.conversation(), read.keep(), maxId));
            } catch (RuntimeException e) {
                read.answer().completeExceptionally(e);
            }
        }
    }

    private void record(List<RoomChange> changes) {
        boolean force = policy == FsyncPolicy.ALWAYS;
        store.record(changes, force);
        stateUnforced |= !force;
    }

    /// Saves a run of messages: one write per conversation, then the forces, then commits.
    private void save(List<Entry> run) {
        Map<Conversation, List<Entry>> byConversation = new LinkedHashMap<>();
        long highestPrivate = 0;
        for (Entry entry : run) {
            byConversation.computeIfAbsent(entry.conversation(), c -> new ArrayList<>()).add(entry);
            if (entry.conversation() instanceof Conversation.Pair) {
                highestPrivate = Math.max(highestPrivate, entry.chat().id());
            }
        }
        Set<Conversation> failed = new java.util.HashSet<>();
        IOException firstFailure = null;
        if (highestPrivate > 0) {
            try {
                store.coverPrivateId(highestPrivate);
            } catch (IOException | RuntimeException e) {
                firstFailure = asIo(e);
                byConversation.keySet().stream().filter(c -> c instanceof Conversation.Pair).forEach(failed::add);
            }
        }
        Map<Conversation, Log> appended = new LinkedHashMap<>();
        for (var group : byConversation.entrySet()) {
            if (failed.contains(group.getKey())) {
                continue;
            }
            Log log = null;
            try {
                log = store.log(group.getKey());
                long first = group.getValue().getFirst().chat().id();
                if (first <= log.lastId()) {
                    throw new IOException("message id " + first + " is not above the last id " + log.lastId()
                            + " of the history of " + group.getKey());
                }
                log.append(group.getValue().stream().map(Entry::chat).toList());
                appended.put(group.getKey(), log);
            } catch (IOException | RuntimeException e) {
                firstFailure = firstFailure == null ? asIo(e) : firstFailure;
                failed.add(group.getKey());
                rollBack(log);
            }
        }
        for (var logged : appended.entrySet()) {
            Log log = logged.getValue();
            try {
                if (policy == FsyncPolicy.ALWAYS) {
                    log.force();
                } else {
                    unforced.add(log);
                }
                log.commit();
                this.written.add(log);
            } catch (IOException | RuntimeException e) {
                firstFailure = firstFailure == null ? asIo(e) : firstFailure;
                failed.add(logged.getKey());
                rollBack(log);
            }
        }
        if (policy == FsyncPolicy.ALWAYS) {
            lastForce = System.nanoTime();
        }
        List<Entry> saved = run;
        if (!failed.isEmpty()) {
            saved = run.stream().filter(entry -> !failed.contains(entry.conversation())).toList();
            List<Entry> refused = run.stream().filter(entry -> failed.contains(entry.conversation())).toList();
            failed(firstFailure, refused.size());
            handBack(listener::notSaved, refused);
        } else if (failing) {
            failing = false;
            LOG.log(INFO, "The history logs are being written again");
        }
        if (!saved.isEmpty()) {
            handBack(listener::saved, saved);
        }
    }

    private void forceIfDue() {
        if (policy != FsyncPolicy.INTERVAL || System.nanoTime() - lastForce < INTERVAL_NANOS) {
            return;
        }
        for (Log log : List.copyOf(unforced)) {
            try {
                log.force();
                unforced.remove(log);
            } catch (IOException | RuntimeException e) {
                // The messages were delivered already (INTERVAL promises only the last second).
                unforced.remove(log);
                failed(asIo(e), 0);
            }
        }
        if (stateUnforced) {
            store.forceState();
            stateUnforced = false;
        }
        lastForce = System.nanoTime();
    }

    /// Compacts the logs just written when they are due, and every log once a minute (age).
    private void compactIfDue() {
        long now = System.nanoTime();
        if (now - nextCompactionAttempt < 0) {
            return;
        }
        List<Log> candidates = new ArrayList<>(written);
        written.clear();
        if (now - nextAgeCheck >= 0) {
            nextAgeCheck = now + IDLE_CHECK_NANOS;
            candidates = new ArrayList<>(store.logs());
        }
        Instant instant = clock.instant();
        for (Log log : candidates) {
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

    /// Logs a write failure at `ERROR` once, until writing works again.
    private void failed(IOException e, int refused) {
        if (!failing) {
            failing = true;
            LOG.log(ERROR, "Cannot write the history log; messages are refused until it works again ("
                    + refused + " refused now)", e);
        } else {
            LOG.log(DEBUG, "History log still failing ({0} refused): {1}", refused, String.valueOf(e));
        }
    }

    private static IOException asIo(Exception e) {
        return e instanceof IOException io ? io : new IOException(e);
    }

    private static void rollBack(Log log) {
        if (log == null) {
            return;
        }
        try {
            log.rollback();
        } catch (IOException | RuntimeException e) {
            LOG.log(DEBUG, "Cutting off a failed write failed too: {0}", e.toString());
        }
    }

    private static void handBack(Consumer<List<Entry>> target, List<Entry> batch) {
        try {
            target.accept(batch);
        } catch (RuntimeException e) {
            LOG.log(ERROR, "Delivering saved messages failed", e);
        }
    }

    private void closeStore() {
        for (Log log : unforced) {
            try {
                log.force();
            } catch (IOException | RuntimeException e) {
                LOG.log(ERROR, "Forcing a history log at shutdown failed: {0}", e.toString());
            }
        }
        unforced.clear();
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
