package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.server.FsyncPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("journal")
@Timeout(30)
class JournalTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Conversation LOBBY = new Conversation.Room(RoomName.of("lobby"));

    private final FakeLog log = new FakeLog();
    private final AtomicBoolean directoryReleased = new AtomicBoolean();
    private final List<Long> saved = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> notSaved = Collections.synchronizedList(new ArrayList<>());
    private Journal journal;
    /// Holds the hand-back of a batch with message 2 until opened.
    private volatile CountDownLatch handBackOfTwo = new CountDownLatch(0);

    private Journal start(FsyncPolicy policy) {
        journal = new Journal(new FakeStore(log), () -> directoryReleased.set(true), policy, Clock.systemUTC());
        journal.start(new Journal.Listener() {
            @Override
            public void saved(List<Journal.Entry> batch) {
                if (batch.stream().anyMatch(entry -> entry.chat().id() == 2)) {
                    try {
                        handBackOfTwo.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                // What the room relies on: a batch is handed back only once it is committed.
                batch.forEach(entry -> assertThat(log.committed).contains(entry.chat().id()));
                batch.forEach(entry -> saved.add(entry.chat().id()));
            }

            @Override
            public void notSaved(List<Journal.Entry> batch) {
                batch.forEach(entry -> notSaved.add(entry.chat().id()));
            }
        });
        return journal;
    }

    @AfterEach
    void close() {
        if (journal != null) {
            log.blocked.countDown();
            journal.close(TIMEOUT);
        }
    }

    private static Journal.Entry entry(long id) {
        return new Journal.Entry(LOBBY, new ServerFrame.Chat(id, Instant.EPOCH, new Name("ann"), "m" + id), null);
    }

    @Test
    @DisplayName("ALWAYS: each batch is written and forced before it is handed back; many senders keep id order")
    void alwaysForcesBeforeHandingBack() throws InterruptedException {
        start(FsyncPolicy.ALWAYS);
        var roomLock = new ReentrantLock();
        long[] nextId = {0};
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            senders.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 500; i++) {
                    journal.awaitSpace();
                    roomLock.lock();
                    try {
                        journal.submit(entry(++nextId[0]));
                    } finally {
                        roomLock.unlock();
                    }
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join(TIMEOUT);
        }
        await("all 4000 handed back", () -> saved.size() == 4000);
        assertThat(saved).isSorted().doesNotHaveDuplicates();
        assertThat(log.forcesBeforeCommit()).as("every commit preceded by a force").isTrue();
        assertThat(notSaved).isEmpty();
    }

    @Test
    @DisplayName("a failed write: the batch is rolled back and refused, never handed back as saved; later ones are saved")
    void failedWrite() {
        start(FsyncPolicy.ALWAYS);
        log.failAppend.set(true);
        journal.submit(entry(1));
        await("refused", () -> notSaved.contains(1L));
        assertThat(log.rollbacks).isPositive();
        log.failAppend.set(false);
        journal.submit(entry(2));
        await("saved", () -> saved.contains(2L));
        assertThat(saved).containsExactly(2L);
        assertThat(log.committed).containsExactly(2L);
    }

    @Test
    @DisplayName("ALWAYS: a failed fsync refuses the batch too")
    void failedForce() {
        start(FsyncPolicy.ALWAYS);
        log.failForce.set(true);
        journal.submit(entry(1));
        await("refused", () -> notSaved.contains(1L));
        assertThat(saved).isEmpty();
        assertThat(log.committed).isEmpty();
    }

    @Test
    @DisplayName("NEVER: written and handed back without a force; close forces and closes the log and the directory lock")
    void neverForces() {
        start(FsyncPolicy.NEVER);
        journal.submit(entry(1));
        await("saved", () -> saved.contains(1L));
        assertThat(log.forces).isZero();
        journal.close(TIMEOUT);
        assertThat(log.closed).isTrue();
        assertThat(directoryReleased).isTrue();
    }

    @Test
    @DisplayName("INTERVAL: handed back at once, forced within about a second")
    void intervalForcesSoon() {
        start(FsyncPolicy.INTERVAL);
        journal.submit(entry(1));
        await("saved", () -> saved.contains(1L));
        await("forced", () -> log.forces > 0);
    }

    @Test
    @DisplayName("close saves and hands back everything submitted before it returns")
    void closeDrains() {
        start(FsyncPolicy.ALWAYS);
        for (long id = 1; id <= 100; id++) {
            journal.submit(entry(id));
        }
        journal.close(TIMEOUT);
        assertThat(saved).hasSize(100).isSorted();
        assertThat(journal.submit(entry(101))).as("refused once closed").isFalse();
    }

    @Test
    @DisplayName("awaitHandedBack returns once everything submitted before it was handed back, saved or refused; at once when not running")
    void awaitHandedBack() {
        var notStarted = new Journal(new FakeStore(new FakeLog()), () -> { }, FsyncPolicy.ALWAYS, Clock.systemUTC());
        long before = System.nanoTime();
        notStarted.awaitHandedBack(TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("no journal thread: nothing to wait for")
                .isLessThan(TIMEOUT.dividedBy(2));
        notStarted.close(TIMEOUT);

        log.blocked = new CountDownLatch(1);
        handBackOfTwo = new CountDownLatch(1);
        start(FsyncPolicy.ALWAYS);
        journal.submit(entry(1));
        await("the journal is stuck in a write", () -> log.appending);
        journal.submit(entry(2));
        var passed = new CountDownLatch(1);
        List<Long> savedWhenPassed = Collections.synchronizedList(new ArrayList<>());
        Thread.ofVirtual().start(() -> {
            journal.awaitHandedBack(TIMEOUT);
            savedWhenPassed.addAll(List.copyOf(saved));
            passed.countDown();
        });
        journal.submit(entry(3));
        log.blocked.countDown();
        try {
            // A wait that ended early would end now, while message 2's hand-back is held.
            assertThat(passed.await(300, TimeUnit.MILLISECONDS)).as("passed while message 2 was not handed back")
                    .isFalse();
            handBackOfTwo.countDown();
            assertThat(passed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(savedWhenPassed).as("handed back when the wait ended").contains(1L, 2L);
    }

    @Test
    @DisplayName("group commit and back pressure: a sender waits while too many messages wait for the disk; they are then written together")
    void backPressure() throws InterruptedException {
        log.blocked = new CountDownLatch(1);
        start(FsyncPolicy.ALWAYS);
        journal.submit(entry(1));
        await("the journal is stuck in a write", () -> log.appending);
        for (long id = 2; id <= Journal.MAX_PENDING + 1; id++) {
            journal.submit(entry(id));
        }
        var passed = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            journal.awaitSpace();
            passed.countDown();
        });
        assertThat(passed.await(200, TimeUnit.MILLISECONDS)).as("waits while the disk is stuck").isFalse();
        log.blocked.countDown();
        assertThat(passed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        await("all saved", () -> saved.size() == Journal.MAX_PENDING + 1);
        assertThat(log.batches).as("the messages that waited together share one write and one force").isEqualTo(2);
        assertThat(log.forces).isEqualTo(2);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("timed out waiting until " + what).isNegative();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /// A log in memory that records what the journal did and fails when told to.
    static final class FakeLog implements Journal.Log {
        final List<Long> committed = Collections.synchronizedList(new ArrayList<>());
        final List<String> operations = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean failAppend = new AtomicBoolean();
        final AtomicBoolean failForce = new AtomicBoolean();
        volatile CountDownLatch blocked = new CountDownLatch(0);
        volatile boolean appending;
        volatile int forces;
        volatile int batches;
        volatile int rollbacks;
        volatile boolean closed;
        private List<Long> written = List.of();
        private volatile long lastId;

        @Override
        public void append(List<ServerFrame.Chat> batch) throws IOException {
            appending = true;
            try {
                blocked.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            operations.add("append");
            if (failAppend.get()) {
                throw new IOException("No space left on device");
            }
            written = batch.stream().map(ServerFrame.Chat::id).toList();
            batches++;
        }

        @Override
        public void force() throws IOException {
            operations.add("force");
            if (failForce.get()) {
                throw new IOException("Input/output error");
            }
            forces++;
        }

        @Override
        public void commit() {
            operations.add("commit");
            committed.addAll(written);
            if (!written.isEmpty()) {
                lastId = written.getLast();
            }
            written = List.of();
        }

        @Override
        public void rollback() {
            rollbacks++;
            written = List.of();
        }

        @Override
        public long lastId() {
            return lastId;
        }

        @Override
        public boolean needsCompaction(Instant now) {
            return false;
        }

        @Override
        public void compact(Instant now) {
            throw new AssertionError("not due");
        }

        @Override
        public void close() {
            closed = true;
        }

        boolean forcesBeforeCommit() {
            synchronized (operations) {
                for (int i = 0; i < operations.size(); i++) {
                    if (operations.get(i).equals("commit") && !operations.get(i - 1).equals("force")) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    /// A store with one [FakeLog] for every conversation and no state log.
    record FakeStore(FakeLog log) implements Journal.Store {
        @Override
        public Journal.Log log(Conversation conversation) {
            return log;
        }

        @Override
        public void coverPrivateId(long id) {
        }

        @Override
        public void record(List<RoomChange> changes, boolean force) {
        }

        @Override
        public void forceState() {
        }

        @Override
        public List<ServerFrame.Chat> read(Conversation conversation, int keep, long maxId) {
            return List.of();
        }

        @Override
        public java.util.Collection<? extends Journal.Log> logs() {
            return List.of(log);
        }

        @Override
        public void close() {
            log.close();
        }
    }
}
