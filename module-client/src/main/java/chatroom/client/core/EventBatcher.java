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
        lock.lock();
        try {
            pending.add(event);
            if (scheduled) {
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
