package chatroom.server.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/// One client's outbound queue and its single writer.
///
/// Anybody may [#offer] frames; they never block, take no lock and never touch the socket.
/// The writer is a task started on the writers' executor when a frame arrives in an empty
/// queue; it sends everything queued with gathering writes (a burst of small frames costs one
/// system call) and ends when the queue is empty. So an idle client has no writer thread at
/// all, and at most one writer runs per client at any time. A broadcast starts the writers it
/// needs together ([WriterStarts]) rather than one task per member.
///
/// The queue is bounded in bytes (frames taken but not yet written still count): when a frame
/// does not fit, [#offer] says so and the caller disconnects the client (IRC's "SendQ
/// exceeded").
///
/// Thread-safe.
final class Outbound implements Runnable {

    /// Most frames one gathering write sends.
    private static final int MAX_BATCH = 64;
    /// Each writer thread's batch array, reused by every writer it runs: a new one per run cost
    /// more garbage per delivery than everything else together.
    private static final ThreadLocal<ByteBuffer[]> BATCHES = ThreadLocal.withInitial(() -> new ByteBuffer[MAX_BATCH]);
    private static final VarHandle QUEUED_BYTES;
    private static final VarHandle WRITER_ACTIVE;

    static {
        try {
            var lookup = MethodHandles.lookup();
            QUEUED_BYTES = lookup.findVarHandle(Outbound.class, "queuedBytes", long.class);
            WRITER_ACTIVE = lookup.findVarHandle(Outbound.class, "writerActive", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final GatheringByteChannel channel;
    private final Backpressure backpressure;
    private final Executor writers;
    private final long limitBytes;
    /// Whether the channel's writes block (TLS): such a writer always starts as a task of its
    /// own, since in a task shared with others it would hold them up.
    private final boolean blocking;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    /// Counted down once the writer has stopped for good.
    private final CountDownLatch stopped = new CountDownLatch(1);
    /// Bytes offered and not yet written. Changed with [#QUEUED_BYTES] only.
    private volatile long queuedBytes;
    /// Whether a writer task is scheduled or running. Changed with [#WRITER_ACTIVE] only.
    private volatile boolean writerActive;
    private volatile boolean finishing;
    private volatile boolean failed;
    /// What a writer left unsent when the channel took nothing, for the next writer; only
    /// the one active writer touches it (handed over through [#WRITER_ACTIVE] and the
    /// executor, which order the accesses).
    private ByteBuffer[] unsent;

    /// What a writer does when a non-blocking channel takes nothing (the client reads slowly).
    interface Backpressure {
        /// Arranges for `writer` to run again once the channel can take more bytes, and
        /// returns `true`; or returns `false` after waiting a little (the writer tries again).
        boolean resumeWhenWritable(Runnable writer);
    }

    /// A queue of at most `limitBytes` for `channel`, whose writer tasks run on `writers`;
    /// `blocking` says whether the channel's writes block.
    Outbound(GatheringByteChannel channel, Backpressure backpressure, long limitBytes, Executor writers,
             boolean blocking) {
        this.channel = channel;
        this.backpressure = backpressure;
        this.limitBytes = limitBytes;
        this.writers = writers;
        this.blocking = blocking;
    }

    /// Queues `frame` for sending. Returns `false`, queueing nothing, if the frame would take
    /// the queue over its limit. Frames offered after [#finish] are dropped (returns `true`).
    boolean offer(byte[] frame) {
        return offer(frame, null);
    }

    /// Like [#offer(byte\[\])], but if the writer has to be started and its writes do not
    /// block, leaves starting it to `starts` (when not `null`).
    boolean offer(byte[] frame, WriterStarts starts) {
        if (finishing || failed) {
            return true;
        }
        long after = (long) QUEUED_BYTES.getAndAdd(this, (long) frame.length) + frame.length;
        if (after > limitBytes) {
            QUEUED_BYTES.getAndAdd(this, (long) -frame.length);
            return false;
        }
        queue.add(frame);
        if (WRITER_ACTIVE.compareAndSet(this, false, true)) {
            if (starts != null && !blocking) {
                starts.add(this, writers);
            } else {
                startWriter();
            }
        }
        return true;
    }

    /// Asks the writer to send what is queued and then stop. Idempotent.
    void finish() {
        finishing = true;
        startWriterIfIdle();
    }

    /// Waits until the writer has stopped, for at most `timeoutNanos`. Returns whether it has.
    boolean awaitStopped(long timeoutNanos) throws InterruptedException {
        return stopped.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /// Bytes queued and not yet written.
    long queuedBytes() {
        return queuedBytes;
    }

    /// The writer: sends until the queue is empty, then ends (or stops for good once
    /// finishing). Never runs twice at once for one client. On a non-blocking channel that
    /// takes nothing it ends early, keeping what is left of its batch, and runs again when the
    /// channel can take more.
    @Override
    public void run() {
        ByteBuffer[] threadBatch = BATCHES.get();
        ByteBuffer[] batch = threadBatch;
        int first = 0;
        int count = 0;
        if (unsent != null) {
            batch = unsent;
            count = unsent.length;
            unsent = null;
        }
        try {
            while (true) {
                if (first == count) {
                    batch = threadBatch;
                    first = 0;
                    count = takeBatch(batch);
                    if (count == 0) {
                        if (finishing) {
                            stop();
                            return;
                        }
                        writerActive = false;
                        // A frame (or finish) that came after the last poll saw a writer still
                        // active and started none: carry on if so, unless another writer took over.
                        if ((queue.isEmpty() && !finishing) || !WRITER_ACTIVE.compareAndSet(this, false, true)) {
                            return;
                        }
                        continue;
                    }
                }
                long written = channel.write(batch, first, count - first);
                QUEUED_BYTES.getAndAdd(this, -written);
                while (first < count && !batch[first].hasRemaining()) {
                    batch[first++] = null;
                }
                if (written == 0 && first < count) {
                    // What is left waits in an array of its own: the thread's goes on to other writers.
                    unsent = Arrays.copyOfRange(batch, first, count);
                    if (backpressure.resumeWhenWritable(this)) {
                        Arrays.fill(batch, first, count, null);
                        return;
                    }
                    unsent = null;
                }
            }
        } catch (IOException e) {
            // The connection is closing or broke; its reader notices and reports why.
            Arrays.fill(batch, null);
            failed = true;
            stop();
        } catch (RuntimeException e) {
            // Not expected; stopping for good still lets the connection end normally.
            System.getLogger("chatroom.server").log(System.Logger.Level.ERROR, "A writer failed", e);
            Arrays.fill(batch, null);
            failed = true;
            stop();
        }
    }

    private void startWriterIfIdle() {
        if (WRITER_ACTIVE.compareAndSet(this, false, true)) {
            startWriter();
        }
    }

    private void startWriter() {
        try {
            writers.execute(this);
        } catch (RejectedExecutionException e) {
            notStarted();
        }
    }

    /// Called when this writer, claimed to run, cannot be started because the server has
    /// stopped: nothing will be written any more.
    void notStarted() {
        failed = true;
        stop();
    }

    private void stop() {
        queue.clear();
        queuedBytes = 0;
        stopped.countDown();
    }

    private int takeBatch(ByteBuffer[] batch) {
        int count = 0;
        byte[] frame;
        while (count < batch.length && (frame = queue.poll()) != null) {
            batch[count++] = ByteBuffer.wrap(frame);
        }
        return count;
    }
}
