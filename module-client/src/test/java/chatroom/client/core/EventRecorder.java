package chatroom.client.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/// Collects a [ChatClient]'s events (and their batches) so that a test can wait for one.
final class EventRecorder implements Consumer<List<ClientEvent>> {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<ClientEvent> events = new ArrayList<>();
    private int batches;

    @Override
    public void accept(List<ClientEvent> batch) {
        lock.lock();
        try {
            events.addAll(batch);
            batches++;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /// Waits for the first event, counting from `from`, that matches; returns its index.
    int await(int from, String what, Predicate<ClientEvent> matches) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        lock.lock();
        try {
            for (int i = from; ; ) {
                for (; i < events.size(); i++) {
                    if (matches.test(events.get(i))) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail("no %s within %s; events: %s", what, TIMEOUT, events);
                }
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } finally {
            lock.unlock();
        }
    }

    int await(String what, Predicate<ClientEvent> matches) {
        return await(0, what, matches);
    }

    int awaitState(int from, ConnectionState state) {
        return await(from, "state " + state,
                event -> event instanceof ClientEvent.StateChanged changed && changed.state() == state);
    }

    List<ClientEvent> events() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }

    int batches() {
        lock.lock();
        try {
            return batches;
        } finally {
            lock.unlock();
        }
    }

    <T extends ClientEvent> List<T> all(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
