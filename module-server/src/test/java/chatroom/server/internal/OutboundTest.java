package chatroom.server.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundTest {

    private static final long FIVE_SECONDS = TimeUnit.SECONDS.toNanos(5);
    /// For channels that never take nothing: the writer simply tries again.
    private static final Outbound.Backpressure RETRY = writer -> {
        Thread.yield();
        return false;
    };

    /// Counts the writer tasks it runs, and how many run at once.
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final java.util.concurrent.Executor writers = task -> {
        started.incrementAndGet();
        virtualThreads.execute(() -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                task.run();
            } finally {
                running.decrementAndGet();
            }
        });
    };

    @Test
    void sendsFramesInOrderAndStopsWhenFinished() throws Exception {
        var channel = new RecordingChannel();
        var outbound = new Outbound(channel, RETRY, 1 << 20, writers, false);
        for (int i = 0; i < 1000; i++) {
            assertThat(outbound.offer(bytes("line " + i + "\n"))).isTrue();
        }
        outbound.finish();
        assertThat(outbound.awaitStopped(FIVE_SECONDS)).isTrue();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            expected.append("line ").append(i).append('\n');
        }
        assertThat(channel.text()).isEqualTo(expected.toString());
        assertThat(outbound.queuedBytes()).isZero();
    }

    @Test
    void theGoodbyeIsTheLastFrameSentWhateverIsOfferedWithIt() throws Exception {
        for (int run = 0; run < 200; run++) {
            var channel = new RecordingChannel();
            var outbound = new Outbound(channel, RETRY, 1 << 20, writers, false);
            var go = new CountDownLatch(1);
            Thread broadcaster = Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    outbound.offer(bytes("late\n"));
                }
            });
            outbound.offer(bytes("before\n"));
            go.countDown();
            outbound.finishWith(bytes("bye\n"));
            broadcaster.join();
            assertThat(outbound.awaitStopped(FIVE_SECONDS)).isTrue();
            String sent = channel.text();
            assertThat(sent).startsWith("before\n").endsWith("bye\n");
            assertThat(sent.indexOf("bye\n")).isEqualTo(sent.length() - "bye\n".length());
        }
    }

    @Test
    void anIdleQueueHasNoWriterAndOneStartsPerBurst() throws Exception {
        var channel = new RecordingChannel();
        var outbound = new Outbound(channel, RETRY, 1 << 20, writers, false);
        assertThat(started).hasValue(0);
        outbound.offer(bytes("a\n"));
        awaitWritten(channel, "a\n");
        awaitNoWriterRunning();
        outbound.offer(bytes("b\n"));
        awaitWritten(channel, "a\nb\n");
        awaitNoWriterRunning();
        assertThat(started.get()).isBetween(2, 3);
    }

    @Test
    void manyProducersKeepTheirOwnOrderAndOneWriterRunsAtATime() throws Exception {
        var channel = new RecordingChannel();
        var outbound = new Outbound(channel, RETRY, 64L << 20, writers, false);
        int producers = 8;
        int each = 2000;
        var go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    outbound.offer(bytes(producer + " " + i + "\n"));
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            assertThat(thread.join(java.time.Duration.ofSeconds(30))).isTrue();
        }
        outbound.finish();
        assertThat(outbound.awaitStopped(FIVE_SECONDS * 6)).isTrue();
        int[] next = new int[producers];
        String[] lines = channel.text().split("\n");
        assertThat(lines).hasSize(producers * each);
        for (String line : lines) {
            String[] parts = line.split(" ");
            int producer = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).isEqualTo(next[producer]++);
        }
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void aFullChannelHandsTheRestOfTheBatchToTheWriterThatResumesLater() throws Exception {
        var channel = new RecordingChannel();
        channel.takeNothingTimes(3);
        var resumed = new java.util.concurrent.LinkedBlockingQueue<Runnable>();
        Outbound.Backpressure later = writer -> resumed.add(writer);
        var outbound = new Outbound(channel, later, 1 << 20, writers, false);
        for (int i = 0; i < 100; i++) {
            outbound.offer(bytes(i + "\n"));
        }
        for (int round = 0; round < 3; round++) {
            Runnable writer = resumed.poll(5, TimeUnit.SECONDS);
            assertThat(writer).as("writer handed back, round " + round).isNotNull();
            // While it waits for room, no other writer starts for new frames.
            int startedBefore = started.get();
            outbound.offer(bytes("late" + round + "\n"));
            assertThat(started).hasValue(startedBefore);
            // The writer that handed itself back is still returning: let it, so that "at
            // once" below counts writers, not the tail of a finished task.
            awaitNoWriterRunning();
            writers.execute(writer);
        }
        outbound.finish();
        assertThat(outbound.awaitStopped(FIVE_SECONDS)).isTrue();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append(i).append('\n');
        }
        expected.append("late0\nlate1\nlate2\n");
        assertThat(channel.text()).isEqualTo(expected.toString());
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void refusesAFrameThatWouldExceedTheLimitAndKeepsTheRest() throws Exception {
        var channel = new RecordingChannel();
        channel.hold();
        var outbound = new Outbound(channel, RETRY, 10, writers, false);
        assertThat(outbound.offer(bytes("12345\n"))).isTrue();
        assertThat(outbound.offer(bytes("678\n"))).isTrue();
        assertThat(outbound.offer(bytes("x\n"))).isFalse();
        assertThat(outbound.queuedBytes()).isEqualTo(10);
        channel.release();
        outbound.finish();
        assertThat(outbound.awaitStopped(FIVE_SECONDS)).isTrue();
        assertThat(channel.text()).isEqualTo("12345\n678\n");
    }

    @Test
    void aFailedWriteStopsTheWriterAndLaterFramesAreDropped() throws Exception {
        var channel = new RecordingChannel();
        channel.failWrites();
        var outbound = new Outbound(channel, RETRY, 1 << 20, writers, false);
        outbound.offer(bytes("lost\n"));
        assertThat(outbound.awaitStopped(FIVE_SECONDS)).isTrue();
        assertThat(outbound.offer(bytes("also lost\n"))).isTrue();
        assertThat(outbound.queuedBytes()).isZero();
        assertThat(channel.text()).isEmpty();
    }

    @Test
    void aServerThatStoppedRunningWritersStopsTheQueue() throws Exception {
        ExecutorService shut = Executors.newVirtualThreadPerTaskExecutor();
        shut.shutdown();
        var outbound = new Outbound(new RecordingChannel(), RETRY, 1 << 20, shut, false);
        assertThat(outbound.offer(bytes("x\n"))).isTrue();
        assertThat(outbound.awaitStopped(FIVE_SECONDS)).isTrue();
    }

    @Test
    void aBroadcastStartsOneTaskPerSliceOfWritersAndEveryoneGetsItsFramesInOrder() throws Exception {
        int members = 2 * WriterStarts.SLICE + 3;
        var channels = new ArrayList<RecordingChannel>();
        var outbounds = new ArrayList<Outbound>();
        for (int i = 0; i < members; i++) {
            var channel = new RecordingChannel();
            channels.add(channel);
            outbounds.add(new Outbound(channel, RETRY, 1 << 20, writers, false));
        }
        StringBuilder expected = new StringBuilder();
        for (int message = 0; message < 20; message++) {
            var starts = new WriterStarts(members);
            byte[] frame = bytes("message " + message + "\n");
            expected.append("message ").append(message).append('\n');
            for (Outbound outbound : outbounds) {
                assertThat(outbound.offer(frame, starts)).isTrue();
            }
            int before = started.get();
            starts.startAll(0);
            // Three slices at most (fewer when some writers were still running and took the
            // frame themselves), never one task per member.
            assertThat(started.get() - before).isBetween(0, 3);
        }
        for (RecordingChannel channel : channels) {
            awaitWritten(channel, expected.toString());
        }
        awaitNoWriterRunning();
    }

    @Test
    void aBroadcastsSlicesAreAsEqualAsTheyCanBe() {
        var tasks = new ArrayList<Runnable>();
        java.util.concurrent.Executor capturing = tasks::add;
        int members = 3 * WriterStarts.SLICE + 7;
        var channels = new ArrayList<RecordingChannel>();
        var starts = new WriterStarts(members);
        for (int i = 0; i < members; i++) {
            var channel = new RecordingChannel();
            channels.add(channel);
            assertThat(new Outbound(channel, RETRY, 1 << 20, capturing, false).offer(bytes("hi\n"), starts)).isTrue();
        }
        starts.startAll(0);
        var sliceSizes = new ArrayList<Integer>();
        int writtenBefore = 0;
        for (Runnable task : tasks) {
            task.run();
            int written = (int) channels.stream().filter(channel -> !channel.text().isEmpty()).count();
            sliceSizes.add(written - writtenBefore);
            writtenBefore = written;
        }
        // 199 members: 50 + 50 + 50 + 49, not 64 + 64 + 64 + 7.
        assertThat(sliceSizes).containsExactly(50, 50, 50, 49);
    }

    @Test
    void aWriterClaimedButNotYetStartedSendsTheNextBroadcastsFrameToo() throws Exception {
        var channel = new RecordingChannel();
        var outbound = new Outbound(channel, RETRY, 1 << 20, writers, false);
        var first = new WriterStarts(1);
        assertThat(outbound.offer(bytes("one\n"), first)).isTrue();
        var second = new WriterStarts(1);
        assertThat(outbound.offer(bytes("two\n"), second)).isTrue();
        second.startAll(0);
        assertThat(started).hasValue(0);
        first.startAll(0);
        awaitWritten(channel, "one\ntwo\n");
        assertThat(started).hasValue(1);
    }

    @Test
    void aWriterWhoseWritesBlockStartsAloneEvenInABroadcast() throws Exception {
        var channel = new RecordingChannel();
        var outbound = new Outbound(channel, RETRY, 1 << 20, writers, true);
        var starts = new WriterStarts(1);
        assertThat(outbound.offer(bytes("alone\n"), starts)).isTrue();
        assertThat(started).hasValue(1);
        awaitWritten(channel, "alone\n");
        starts.startAll(0);
        assertThat(started).hasValue(1);
    }

    @Test
    void writersABroadcastCannotStartBecauseTheServerStoppedStopTheirQueues() throws Exception {
        ExecutorService shut = Executors.newVirtualThreadPerTaskExecutor();
        shut.shutdown();
        var outbound = new Outbound(new RecordingChannel(), RETRY, 1 << 20, shut, false);
        var starts = new WriterStarts(1);
        assertThat(outbound.offer(bytes("x\n"), starts)).isTrue();
        starts.startAll(0);
        assertThat(outbound.awaitStopped(FIVE_SECONDS)).isTrue();
        assertThat(outbound.queuedBytes()).isZero();
    }

    @Test
    void aHeldBroadcastStartsItsWritersLaterAndFramesOfferedMeanwhileShareTheirWrite() throws Exception {
        var scheduler = new CapturingScheduler();
        try {
            var channel = new RecordingChannel();
            var outbound = new Outbound(channel, RETRY, 1 << 20, scheduler, false);
            long hold = TimeUnit.MILLISECONDS.toNanos(2);
            var first = new WriterStarts(1);
            assertThat(outbound.offer(bytes("one\n"), first)).isTrue();
            first.startAll(hold);
            var second = new WriterStarts(1);
            assertThat(outbound.offer(bytes("two\n"), second)).isTrue();
            second.startAll(hold);
            // One task, scheduled by the first broadcast; the second found its writer claimed.
            assertThat(scheduler.delays).containsExactly(hold);
            assertThat(channel.text()).isEmpty();
            scheduler.runScheduled();
            assertThat(channel.text()).isEqualTo("one\ntwo\n");
            assertThat(channel.writes()).isEqualTo(1);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aHoldOnAnExecutorThatCannotScheduleStartsTheWritersAtOnce() throws Exception {
        var channel = new RecordingChannel();
        var outbound = new Outbound(channel, RETRY, 1 << 20, writers, false);
        var starts = new WriterStarts(1);
        assertThat(outbound.offer(bytes("now\n"), starts)).isTrue();
        starts.startAll(TimeUnit.SECONDS.toNanos(60));
        assertThat(started).hasValue(1);
        awaitWritten(channel, "now\n");
    }

    @Test
    void writersHeldWhenTheServerStopsStillSendWhatTheyHave() throws Exception {
        // ServerImpl relies on the writers' ForkJoinPool running delayed tasks after shutdown.
        var pool = new java.util.concurrent.ForkJoinPool(1);
        var channel = new RecordingChannel();
        var outbound = new Outbound(channel, RETRY, 1 << 20, pool, false);
        var starts = new WriterStarts(1);
        assertThat(outbound.offer(bytes("last words\n"), starts)).isTrue();
        starts.startAll(TimeUnit.MILLISECONDS.toNanos(50));
        pool.shutdown();
        // As ServerImpl waits: one long awaitTermination sometimes misses the end (JDK 25).
        assertThat(ServerImpl.awaitTermination(pool, java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(channel.text()).isEqualTo("last words\n");
    }

    @Test
    void aWriterHandedBackKeepsItsFramesWhileItsThreadRunsOtherWriters() throws Exception {
        // Writers on one thread share its buffer; what one leaves unsent must not be
        // overwritten by the next.
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        try {
            var stuck = new RecordingChannel();
            stuck.takeNothingTimes(1);
            var resumed = new java.util.concurrent.LinkedBlockingQueue<Runnable>();
            var stuckOutbound = new Outbound(stuck, resumed::add, 1 << 20, oneThread, false);
            var other = new RecordingChannel();
            var otherOutbound = new Outbound(other, RETRY, 1 << 20, oneThread, false);
            var starts = new WriterStarts(2);
            stuckOutbound.offer(bytes("a1\n"), starts);
            stuckOutbound.offer(bytes("a2\n"), starts);
            otherOutbound.offer(bytes("b1\n"), starts);
            otherOutbound.offer(bytes("b2\n"), starts);
            starts.startAll(0);
            Runnable writer = resumed.poll(5, TimeUnit.SECONDS);
            assertThat(writer).isNotNull();
            awaitWritten(other, "b1\nb2\n");
            oneThread.execute(writer);
            awaitWritten(stuck, "a1\na2\n");
        } finally {
            oneThread.shutdownNow();
        }
    }

    @Test
    void aFrameLargerThanOneWriteGoesOutWholeInWritesOfAtMostSixteenKibibytes() throws Exception {
        for (boolean blocking : new boolean[] {false, true}) {
            var channel = new RecordingChannel();
            channel.hold();
            var outbound = new Outbound(channel, RETRY, 1 << 20, writers, blocking);
            String big = "b".repeat(40_000) + "\n";
            var expected = new StringBuilder("first\n").append(big);
            outbound.offer(bytes("first\n"));
            outbound.offer(bytes(big));
            for (int i = 0; i < 100; i++) {
                outbound.offer(bytes("after " + i + "\n"));
                expected.append("after ").append(i).append('\n');
            }
            channel.release();
            outbound.finish();
            assertThat(outbound.awaitStopped(FIVE_SECONDS)).isTrue();
            assertThat(channel.text()).as("blocking: " + blocking).isEqualTo(expected.toString());
            assertThat(channel.writeSizes()).as("blocking: " + blocking)
                    .allSatisfy(size -> assertThat(size).isBetween(1, Outbound.STAGING_BYTES));
            // 40,107 + 1,090 bytes: three full buffers and what is left, not a write per frame.
            assertThat(channel.writes()).as("blocking: " + blocking).isBetween(3, 5);
            assertThat(outbound.queuedBytes()).isZero();
        }
    }

    @Test
    void aChannelThatTakesPartOfAWriteGetsTheRestInOrder() throws Exception {
        var channel = new RecordingChannel();
        channel.takeAtMost(7);
        var outbound = new Outbound(channel, RETRY, 1 << 20, writers, false);
        var expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            outbound.offer(bytes("line " + i + "\n"));
            expected.append("line ").append(i).append('\n');
        }
        outbound.finish();
        assertThat(outbound.awaitStopped(FIVE_SECONDS)).isTrue();
        assertThat(channel.text()).isEqualTo(expected.toString());
        assertThat(outbound.queuedBytes()).isZero();
    }

    @Test
    void aWriterMakesNoObjectPerFrame() {
        // Garbage per delivery is what sets how often a busy server collects: wrapping each
        // frame in a buffer of its own cost 48 bytes a frame.
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var tasks = new java.util.ArrayDeque<Runnable>();
        var outbound = new Outbound(new DiscardingChannel(), RETRY, 1 << 20, tasks::add, false);
        byte[] frame = bytes("alice: a message of some forty-odd bytes\n");
        long fewest = Long.MAX_VALUE;
        // Many rounds: the first ones pay for the thread's buffer and run interpreted.
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < 1000; i++) {
                outbound.offer(frame);
            }
            Runnable writer = tasks.poll();
            assertThat(writer).isNotNull();
            long before = threads.getCurrentThreadAllocatedBytes();
            writer.run();
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
            assertThat(outbound.queuedBytes()).isZero();
        }
        assertThat(fewest).as("bytes allocated sending 1,000 frames").isLessThan(1_000);
    }

    private void awaitNoWriterRunning() throws InterruptedException {
        long deadline = System.nanoTime() + FIVE_SECONDS;
        while (running.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(running).hasValue(0);
    }

    private static void awaitWritten(RecordingChannel channel, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + FIVE_SECONDS;
        while (!channel.text().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(channel.text()).isEqualTo(expected);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /// Records what is written; can hold writers back, take only part of a write, or make writes fail.
    private static final class RecordingChannel implements WritableByteChannel {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private final List<Integer> writeSizes = new ArrayList<>();
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean holding;
        private volatile boolean failing;
        private volatile int mostPerWrite = Integer.MAX_VALUE;
        private final AtomicInteger takeNothing = new AtomicInteger();

        /// Writes that took something.
        synchronized int writes() {
            return writeSizes.size();
        }

        /// The bytes each write that took something was handed.
        synchronized List<Integer> writeSizes() {
            return List.copyOf(writeSizes);
        }

        void takeNothingTimes(int times) {
            takeNothing.set(times);
        }

        void takeAtMost(int bytes) {
            mostPerWrite = bytes;
        }

        void hold() {
            holding = true;
        }

        void release() {
            released.countDown();
        }

        void failWrites() {
            failing = true;
        }

        synchronized String text() {
            return written.toString(StandardCharsets.UTF_8);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            if (failing) {
                throw new ClosedChannelException();
            }
            if (takeNothing.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                return 0;
            }
            if (holding) {
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
            synchronized (this) {
                writeSizes.add(source.remaining());
                int count = Math.min(source.remaining(), mostPerWrite);
                for (int i = 0; i < count; i++) {
                    written.write(source.get());
                }
                return count;
            }
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /// Takes everything and keeps nothing (and allocates nothing).
    private static final class DiscardingChannel implements WritableByteChannel {
        @Override
        public int write(ByteBuffer source) {
            int count = source.remaining();
            source.position(source.limit());
            return count;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /// Keeps what it is asked to schedule, with its delay, until the test runs it.
    private static final class CapturingScheduler extends java.util.concurrent.ScheduledThreadPoolExecutor {
        final List<Long> delays = new ArrayList<>();
        private final List<Runnable> scheduled = new ArrayList<>();

        CapturingScheduler() {
            super(1);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            delays.add(unit.toNanos(delay));
            scheduled.add(task);
            return null;
        }

        void runScheduled() {
            scheduled.forEach(Runnable::run);
            scheduled.clear();
        }
    }
}
