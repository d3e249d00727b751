package chatroom.client.view;

import chatroom.client.viewmodel.ChatItem;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import javafx.application.Platform;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/// A burst of 5,000 messages (flood control off) reaches the window whole, and the FX thread
/// keeps answering meanwhile. The list follows the newest message only while it is at the
/// bottom.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class BurstTest {

    private static final int BURST = 5_000;
    private static final Duration LONGEST_STALL = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(BurstTest.class.getName());

    private ChatServer server;

    @AfterEach
    void stop() {
        Ui.closeAll();
        server.stop(Duration.ZERO);
    }

    @Test
    @DisplayName("5,000 messages arrive without freezing the FX thread")
    void burst(FxRobot robot) throws Exception {
        server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.builder().maxRate(0).build());
        server.start();
        int port = server.address().getPort();
        var alice = Ui.open(Ui.options("127.0.0.1", port, "alice"), Ui.MANUAL);
        Ui.await("connected", () -> alice.app().chatViewModel().isPresent() && alice.chat().connectedProperty().get());

        try (var bob = Peer.join(port, "bob")) {
            // The first rows cost class loading and CSS set-up: not what is measured here.
            bob.say("warm-up");
            Ui.await("the warm-up", () -> alice.messageTexts().contains("warm-up"));
            var probe = new StallProbe();
            try (probe) {
                IntStream.rangeClosed(1, BURST).forEach(i -> bob.sayQuickly("burst " + i));
                Ui.await("the whole burst", () -> alice.chat().items().getLast() instanceof ChatItem.Message last
                        && last.text().equals("burst " + BURST));
            }
            LOG.log(System.Logger.Level.INFO, "Longest FX stall during the burst: {0}", probe.longest());

            assertThat(alice.messageTexts()).containsExactlyElementsOf(Stream.concat(Stream.of("warm-up"),
                    IntStream.rangeClosed(1, BURST).mapToObj(i -> "burst " + i)).toList());
            assertThat(probe.longest()).as("longest FX-thread stall").isLessThan(LONGEST_STALL);
            ListView<?> list = Ui.fx(() -> robot.lookup("#messages").queryListView());
            Ui.await("the list at its end", () -> lastVisible(list) == list.getItems().size() - 1);

            // Reading older messages: a new one does not pull the list down.
            Ui.fxRun(() -> list.scrollTo(0));
            Ui.await("the list at its top", () -> firstVisible(list) == 0);
            bob.say("one more");
            Ui.await("one more", () -> alice.messageTexts().getLast().equals("one more"));
            assertThat(Ui.fx(() -> firstVisible(list))).isZero();
        }
    }

    private static int lastVisible(ListView<?> list) {
        IndexedCell<?> cell = ((VirtualFlow<?>) list.lookup(".virtual-flow")).getLastVisibleCell();
        return cell == null ? -1 : cell.getIndex();
    }

    private static int firstVisible(ListView<?> list) {
        IndexedCell<?> cell = ((VirtualFlow<?>) list.lookup(".virtual-flow")).getFirstVisibleCell();
        return cell == null ? -1 : cell.getIndex();
    }

    /// Pings the FX thread over and over and records the longest wait for an answer: how long
    /// the FX thread was too busy to run anything else.
    private static final class StallProbe implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong longestNanos = new AtomicLong();
        private final Thread thread = Thread.ofPlatform().daemon().name("fx-stall-probe").start(this::run);

        private void run() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Ui.TIMEOUT_SECONDS * 3);
            while (running.get() && System.nanoTime() < deadline) {
                var answered = new CountDownLatch(1);
                long sent = System.nanoTime();
                Platform.runLater(answered::countDown);
                try {
                    if (!answered.await(Ui.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        longestNanos.set(Long.MAX_VALUE);
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                longestNanos.accumulateAndGet(System.nanoTime() - sent, Math::max);
            }
        }

        Duration longest() {
            return Duration.ofNanos(longestNanos.get());
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(Ui.TIMEOUT_SECONDS));
        }
    }

}
