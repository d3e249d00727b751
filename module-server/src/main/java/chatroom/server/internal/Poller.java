package chatroom.server.internal;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

/// Waits for connections to become readable or writable, so that an idle connection needs
/// no thread at all: one platform thread selects; a readable connection's [Readable#onReadable]
/// runs as a task on the connections' executor (a virtual thread), and a writer whose socket
/// was full runs again on the writers' executor once it drains ([#resumeWhenWritable]).
///
/// Read interest is cleared while a connection's read task runs and set again by the task
/// ([#readAgain]), so at most one read task runs per connection at a time.
///
/// Thread-safe.
final class Poller implements AutoCloseable {

    /// A connection the poller reads for.
    interface Readable {
        /// Reads what arrived on the channel registered as `key`; ends by calling
        /// [Poller#readAgain] or by closing the channel.
        void onReadable(SelectionKey key);
    }

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    private final Selector selector;
    private final Executor readers;
    private final Executor writers;
    private final Thread thread;

    Poller(Executor readers, Executor writers) throws IOException {
        this.selector = Selector.open();
        this.readers = readers;
        this.writers = writers;
        this.thread = Thread.ofPlatform().name("chatroom-poller").daemon(true).unstarted(this::selectLoop);
    }

    void start() {
        thread.start();
    }

    /// Starts reading `channel` (non-blocking from now on) for `reader`.
    SelectionKey register(SelectableChannel channel, Readable reader) throws IOException {
        channel.configureBlocking(false);
        var key = channel.register(selector, SelectionKey.OP_READ, new Interest(reader));
        selector.wakeup();
        return key;
    }

    /// Asks for the next read task once more input arrives. Called by the read task as its
    /// last act.
    void readAgain(SelectionKey key) {
        try {
            key.interestOpsOr(SelectionKey.OP_READ);
            selector.wakeup();
        } catch (CancelledKeyException e) {
            // Closed meanwhile: nothing more to read.
        }
    }

    /// Lets the selector forget a closed channel now: a registered channel's descriptor is
    /// only released when the selector next runs, which for a quiet server may be much later.
    void forget(SelectionKey key) {
        key.cancel();
        selector.wakeup();
    }

    /// Runs `writer` on the writers' executor once `key`'s socket can take more bytes.
    /// Returns `false` if the channel has been closed meanwhile (the writer's next write
    /// fails and it stops).
    boolean resumeWhenWritable(SelectionKey key, Runnable writer) {
        var interest = (Interest) key.attachment();
        interest.writer = writer;
        try {
            key.interestOpsOr(SelectionKey.OP_WRITE);
            selector.wakeup();
            return true;
        } catch (CancelledKeyException e) {
            interest.writer = null;
            return false;
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(DEBUG, "Closing the selector failed: {0}", e.toString());
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void selectLoop() {
        while (selector.isOpen()) {
            try {
                selector.select(this::dispatch);
            } catch (ClosedSelectorException e) {
                return; // closed by close(): done
            } catch (IOException e) {
                // Not expected from epoll; keep serving rather than stop reading everybody.
                LOG.log(WARNING, "Select failed: {0}", e.toString());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private void dispatch(SelectionKey key) {
        var interest = (Interest) key.attachment();
        try {
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                key.interestOpsAnd(~SelectionKey.OP_WRITE);
                Runnable writer = interest.writer;
                if (writer != null) {
                    interest.writer = null;
                    writers.execute(writer);
                }
            }
            if ((ready & SelectionKey.OP_READ) != 0) {
                key.interestOpsAnd(~SelectionKey.OP_READ);
                readers.execute(() -> interest.reader.onReadable(key));
            }
        } catch (CancelledKeyException e) {
            // Closed meanwhile; whoever closed it ends the connection.
        } catch (RejectedExecutionException e) {
            // The server is stopping; its shutdown closes every connection.
            LOG.log(DEBUG, "Read not started: the server is stopping");
        } catch (RuntimeException e) {
            // One connection's trouble must not stop the poller for everybody.
            LOG.log(ERROR, "Could not dispatch a ready connection", e);
        }
    }

    /// What a key is registered for: its reader, and the writer waiting for room, if any.
    private static final class Interest {
        final Readable reader;
        volatile Runnable writer;

        Interest(Readable reader) {
            this.reader = reader;
        }
    }
}
