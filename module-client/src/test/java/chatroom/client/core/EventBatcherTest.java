package chatroom.client.core;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

@DisplayName("event batcher")
class EventBatcherTest {

    private static final ClientEvent EVENT =
            new ClientEvent.StateChanged(ConnectionState.CONNECTED, Optional.empty(), Optional.empty());

    @Test
    @DisplayName("a listener's executor that has shut down costs the events, never the publishing thread")
    void executorGone() {
        var executor = Executors.newSingleThreadExecutor();
        executor.shutdownNow();
        List<List<ClientEvent>> delivered = new ArrayList<>();
        var batcher = new EventBatcher(executor, delivered::add);

        assertThatCode(() -> batcher.publish(EVENT)).doesNotThrowAnyException();
        assertThat(delivered).isEmpty();
    }

    @Test
    @DisplayName("events published while a batch waits join it")
    void batches() {
        List<Runnable> waiting = new ArrayList<>();
        List<List<ClientEvent>> delivered = new ArrayList<>();
        var batcher = new EventBatcher(waiting::add, delivered::add);

        batcher.publish(EVENT);
        batcher.publish(EVENT);
        batcher.publish(EVENT);
        waiting.forEach(Runnable::run);

        assertThat(waiting).hasSize(1);
        assertThat(delivered).containsExactly(List.of(EVENT, EVENT, EVENT));
    }

    @Test
    @DisplayName("the listener runs holding no lock of the batcher: another thread may publish meanwhile")
    void listenerHoldsNoLock() {
        List<List<ClientEvent>> delivered = new CopyOnWriteArrayList<>();
        var published = new CompletableFuture<Void>();
        var batcher = new EventBatcher[1];
        // A direct executor: the listener runs on the publishing thread, inside publish().
        batcher[0] = new EventBatcher(Runnable::run, batch -> {
            delivered.add(batch);
            if (delivered.size() == 1) {
                Thread.ofVirtual().start(() -> {
                    batcher[0].publish(EVENT);
                    published.complete(null);
                });
                // Under the batcher's lock this would wait for the whole bound and fail.
                published.orTimeout(5, TimeUnit.SECONDS).join();
            }
        });

        batcher[0].publish(EVENT);

        assertThat(published).isCompleted();
        assertThat(delivered).containsExactly(List.of(EVENT), List.of(EVENT));
    }
}
