package chatroom.client.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.DEBUG;

/// Hands events from network threads to the listener's executor in batches: while one batch
/// waits for the executor (the FX thread, busy painting), new events join the next one. A
/// burst of thousands of messages becomes a few calls, not thousands of `runLater`s.
///
/// Thread-safe.
final class EventBatcher {

    private static final System.Logger LOG = System.getLogger("chatroom.client");

    private final Executor executor;
    private final Consumer<List<ClientEvent>> listener;
    private final ReentrantLock lock = new ReentrantLock();
    private List<ClientEvent> pending = new ArrayList<>();
    private boolean scheduled;

    EventBatcher(Executor executor, Consumer<List<ClientEvent>> listener) {
        this.executor = executor;
        this.listener = listener;
    }

    void publish(ClientEvent event) {
        add(List.of(event));
        flush();
    }

    /// Adds `events` to the next batch, in order, without handing it over: a caller that holds
    /// its own lock adds under it, so that events leave in the order they were made, and
    /// [#flush()]es after letting it go (the listener may run on the caller's thread).
    void add(List<ClientEvent> events) {
        lock.lock();
        try {
            pending.addAll(events);
        } finally {
            lock.unlock();
        }
    }

    /// Hands the events added so far to the listener's executor, unless a batch is already
    /// waiting for it (which will take them).
    void flush() {
        lock.lock();
        try {
            if (scheduled || pending.isEmpty()) {
                return;
            }
            scheduled = true;
        } finally {
            lock.unlock();
        }
        try {
            executor.execute(this::deliver);
        } catch (RejectedExecutionException | IllegalStateException e) {
            // The listener's executor has shut down (JavaFX has exited, say): nobody is left to
            // tell, and the network thread that published must not die of it.
            LOG.log(DEBUG, "Events dropped, the listener's executor is gone: {0}", e.toString());
        }
    }

    private void deliver() {
        List<ClientEvent> batch;
        lock.lock();
        try {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
        } finally {
            lock.unlock();
        }
        listener.accept(List.copyOf(batch));
    }
}
