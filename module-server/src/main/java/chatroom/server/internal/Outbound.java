package chatroom.server.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/// One client's outbound queue and its single writer.
///
/// Anybody may [#offer] frames; they never block, take no lock and never touch the socket.
/// The writer is a task started on the writers' executor when a frame arrives in an empty
/// queue; it copies what is queued into one buffer, sends it in one write (a burst of small
/// frames costs one system call), and ends when the queue is empty. So an idle client has no
/// writer thread at all, and at most one writer runs per client at any time. A broadcast
/// starts the writers it needs together ([WriterStarts]) rather than one task per member.
///
/// The queue is bounded in bytes (frames taken but not yet written still count): when a frame
/// does not fit, [#offer] says so and the caller disconnects the client (IRC's "SendQ
/// exceeded").
///
/// Thread-safe.
final class Outbound implements Runnable {

    /// Most bytes one write sends: a TLS record's worth.
    static final int STAGING_BYTES = 16 * 1024;
    /// Each writer thread's buffer, reused by every non-blocking writer it runs: frames are
    /// copied into it and go out in one write. A direct buffer, so the JDK does not copy it
    /// again into one of its own (as it does for every heap buffer it writes), and no buffer
    /// object is made per frame.
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(STAGING_BYTES));
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

    private final WritableByteChannel channel;
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
    /// The goodbye given to [#finishWith]: the writer sends nothing after it.
    private volatile byte[] lastFrame;
    private volatile boolean failed;
    /// What a writer left unsent when the channel took nothing, for the next writer. This and
    /// the two fields below are touched only by the one active writer (handed over through
    /// [#WRITER_ACTIVE] and the executor, which order the accesses).
    private byte[] unsent;
    /// A frame taken from the queue and only partly gathered (it did not fit), and how much of it was.
    private byte[] partial;
    private int partialOffset;
    /// Whether the writer has taken [#lastFrame] from the queue; writer only.
    private boolean lastTaken;

    /// What a writer does when a non-blocking channel takes nothing (the client reads slowly).
    interface Backpressure {
        /// Arranges for `writer` to run again once the channel can take more bytes, and
        /// returns `true`; or returns `false` after waiting a little (the writer tries again).
        boolean resumeWhenWritable(Runnable writer);
    }

    /// A queue of at most `limitBytes` for `channel`, whose writer tasks run on `writers`;
    /// `blocking` says whether the channel's writes block.
    Outbound(WritableByteChannel channel, Backpressure backpressure, long limitBytes, Executor writers,
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

    /// Queues `last` (a goodbye) and finishes: nothing is sent after it, not even a frame that
    /// raced with it into the queue (a broadcast that had checked before it came). Does
    /// nothing once finishing.
    void finishWith(byte[] last) {
        if (finishing || failed) {
            return;
        }
        // In this order: a writer that sees `finishing` sees the goodbye queued, and knows it.
        lastFrame = last;
        QUEUED_BYTES.getAndAdd(this, (long) last.length);
        queue.add(last);
        finishing = true;
        startWriterIfIdle();
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
    /// takes nothing it ends early, keeping what it had gathered, and runs again when the
    /// channel can take more.
    @Override
    public void run() {
        ByteBuffer staging = blocking ? ByteBuffer.allocate(0) : STAGING.get();
        try {
            while (true) {
                if (blocking && staging.position() == 0) {
                    // A blocking writer runs on a virtual thread of its own, so there is no
                    // thread's buffer to reuse: this run's grows to what is queued.
                    int wanted = (int) Math.min(queuedBytes, STAGING_BYTES);
                    if (staging.capacity() < wanted) {
                        staging = ByteBuffer.allocate(wanted);
                    }
                }
                if (unsent != null) {
                    staging.put(unsent);
                    unsent = null;
                }
                gather(staging);
                staging.flip();
                if (!staging.hasRemaining()) {
                    staging.clear();
                    if (finishing) {
                        // A goodbye queued just before `finishing` was set is still sent.
                        if (!lastTaken && !queue.isEmpty()) {
                            continue;
                        }
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
                int written = channel.write(staging);
                QUEUED_BYTES.getAndAdd(this, (long) -written);
                if (written == 0) {
                    // What is left waits in an array of its own: the thread's buffer goes on
                    // to other writers.
                    unsent = new byte[staging.remaining()];
                    staging.get(unsent).clear();
                    if (backpressure.resumeWhenWritable(this)) {
                        return;
                    }
                } else {
                    staging.compact();
                }
            }
        } catch (IOException e) {
            // The connection is closing or broke; its reader notices and reports why.
            failed = true;
            stop();
        } catch (RuntimeException e) {
            // Not expected; stopping for good still lets the connection end normally.
            System.getLogger("chatroom.server").log(System.Logger.Level.ERROR, "A writer failed", e);
            failed = true;
            stop();
        } finally {
            staging.clear();
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
        unsent = null;
        partial = null;
        queuedBytes = 0;
        stopped.countDown();
    }

    /// Copies queued frames into `staging` while there is room; a frame that does not fit
    /// whole is copied in part, and the rest goes first next time.
    private void gather(ByteBuffer staging) {
        while (staging.hasRemaining()) {
            if (partial == null) {
                if (lastTaken) {
                    queue.clear();
                    return;
                }
                partial = queue.poll();
                partialOffset = 0;
                if (partial == null) {
                    return;
                }
                lastTaken = partial == lastFrame;
            }
            int count = Math.min(staging.remaining(), partial.length - partialOffset);
            staging.put(partial, partialOffset, count);
            partialOffset += count;
            if (partialOffset == partial.length) {
                partial = null;
            }
        }
    }
}
