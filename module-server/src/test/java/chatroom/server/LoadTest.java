package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Many members at once")
class LoadTest {

    private static final int CLIENTS = 200;
    private static final int MESSAGES = 50;
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Test
    @Timeout(90)
    @DisplayName("200 members × 50 messages: every member gets every message, each sender's in order")
    void everybodyGetsEverythingInOrder() throws Exception {
        fixture.start(ServerConfig.builder().maxRate(0).maxPerAddress(0).connectsPerMinute(0).build());
        var done = new CountDownLatch(CLIENTS);
        List<Checker> checkers = new ArrayList<>();
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            var checker = new Checker(done);
            checkers.add(checker);
            TestClient client = fixture.track(TestClient.connect(fixture.address(), "c" + i, checker));
            client.send("c" + i);
            clients.add(client);
        }
        ServerFixture.await("all " + CLIENTS + " have joined", GENEROUS, () -> fixture.server().memberCount() == CLIENTS);

        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sending = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                TestClient client = clients.get(i);
                String prefix = "m c" + i + " ";
                sending.add(senders.submit(() -> {
                    for (int seq = 0; seq < MESSAGES; seq++) {
                        client.send(prefix + seq);
                    }
                }));
            }
            for (Future<?> future : sending) {
                future.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            }
        }

        boolean allDone = done.await(GENEROUS.toSeconds(), TimeUnit.SECONDS);
        for (int i = 0; i < CLIENTS; i++) {
            Checker checker = checkers.get(i);
            assertThat(checker.problems()).as("problems seen by c%d", i).isEmpty();
            assertThat(checker.received()).as("messages received by c%d", i).isEqualTo(CLIENTS * MESSAGES);
        }
        assertThat(allDone).isTrue();
        assertThat(fixture.server().memberCount()).isEqualTo(CLIENTS);
    }

    /// Checks, on one client's reader thread, that every sender's messages arrive once and in
    /// order. Read by the test thread only after the latch (or a timeout).
    private static final class Checker implements Consumer<String> {

        private final CountDownLatch done;
        private final int[] next = new int[CLIENTS];
        private final List<String> problems = new ArrayList<>();
        private volatile int received;

        Checker(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void accept(String line) {
            if (line.startsWith("* ")) {
                return;
            }
            // "c17: m c17 3"
            int colon = line.indexOf(": m c");
            int space = line.lastIndexOf(' ');
            if (colon < 2 || space <= colon || !line.startsWith("c")) {
                problem("unexpected line " + line);
                return;
            }
            int sender = Integer.parseInt(line, 1, colon, 10);
            int seq = Integer.parseInt(line, space + 1, line.length(), 10);
            if (!line.regionMatches(colon + 5, line, 1, colon - 1)) {
                problem("sender and text disagree: " + line);
            }
            if (seq != next[sender]) {
                problem("from c" + sender + " expected " + next[sender] + " but got " + seq);
            }
            next[sender] = seq + 1;
            if (++received == CLIENTS * MESSAGES) {
                done.countDown();
            }
        }

        synchronized List<String> problems() {
            return List.copyOf(problems);
        }

        int received() {
            return received;
        }

        private synchronized void problem(String problem) {
            if (problems.size() < 10) {
                problems.add(problem);
            }
        }
    }
}
