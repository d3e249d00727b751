package chatroom.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/// One client's outbound queue and its single writer.
///
/// Anybody may [#offer] frames; they never block and never touch the socket. The writer
/// ([#run], on its own virtual thread) takes everything queued and sends it with one
/// gathering write, so a burst of small frames costs one system call. The queue is bounded
/// in bytes (frames taken but not yet written still count): when a frame does not fit,
/// [#offer] says so and the caller disconnects the client (IRC's "SendQ exceeded").
///
/// Thread-safe. The lock is never held while writing.
final class Outbound implements Runnable {

    /// Most frames one gathering write sends.
    private static final int MAX_BATCH = 64;

    private final GatheringByteChannel channel;
    private final long limitBytes;
    private final ReentrantLock lock = new ReentrantLock();
    /// Signalled to the writer: a frame arrived in an empty queue, or [#finish] was called.
    private final Condition work = lock.newCondition();
    /// Signalled to [#awaitStopped]: the writer has stopped.
    private final Condition stoppedSignal = lock.newCondition();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>(8);
    private long queuedBytes;
    private boolean finishing;
    private boolean stopped;

    Outbound(GatheringByteChannel channel, long limitBytes) {
        this.channel = channel;
        this.limitBytes = limitBytes;
    }

    /// Queues `frame` for sending. Returns `false`, queueing nothing, if the frame would take
    /// the queue over its limit. Frames offered after [#finish] are dropped (returns `true`).
    boolean offer(byte[] frame) {
        lock.lock();
        try {
            if (finishing || stopped) {
                return true;
            }
            if (queuedBytes + frame.length > limitBytes) {
                return false;
            }
            queue.add(frame);
            queuedBytes += frame.length;
            if (queue.size() == 1) {
                work.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /// Asks the writer to send what is queued and then stop. Idempotent.
    void finish() {
        lock.lock();
        try {
            finishing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /// Waits until the writer has stopped, for at most `timeoutNanos`. Returns whether it has.
    boolean awaitStopped(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (!stopped) {
                if (left <= 0) {
                    return false;
                }
                left = stoppedSignal.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /// The writer's loop; returns when finished and drained, or when the socket fails.
    @Override
    public void run() {
        ByteBuffer[] batch = new ByteBuffer[MAX_BATCH];
        try {
            while (true) {
                int count = takeBatch(batch);
                if (count == 0) {
                    return;
                }
                long written = writeFully(batch, count);
                release(written);
            }
        } catch (IOException | InterruptedException e) {
            // The connection is closing or broke; its reader notices and reports why.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            lock.lock();
            try {
                stopped = true;
                queue.clear();
                queuedBytes = 0;
                stoppedSignal.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /// Moves up to [#MAX_BATCH] frames into `batch`; waits while there are none. Returns 0
    /// once finishing and empty.
    private int takeBatch(ByteBuffer[] batch) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (finishing) {
                    return 0;
                }
                work.await();
            }
            int count = 0;
            while (count < batch.length && !queue.isEmpty()) {
                batch[count++] = ByteBuffer.wrap(queue.poll());
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    private long writeFully(ByteBuffer[] batch, int count) throws IOException {
        long total = 0;
        int first = 0;
        while (first < count) {
            total += channel.write(batch, first, count - first);
            while (first < count && !batch[first].hasRemaining()) {
                batch[first++] = null;
            }
        }
        return total;
    }

    private void release(long written) {
        lock.lock();
        try {
            queuedBytes -= written;
        } finally {
            lock.unlock();
        }
    }
}
