package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;

/// Members of both dialects join, chat and leave at random (seeded) for a bounded time, up to
/// [#MAX_CONCURRENT] at once, against one real server. Every message carries its sender's
/// sequence number, and at the end the test checks, from what each member really received:
///
/// - **order**: a receiver's copies of one sender's messages have strictly increasing
///   sequence numbers (so none is duplicated or reordered);
/// - **delivery**: a message echoed back to its sender reached every member that had seen
///   its own join before the message was sent and did not leave (by sending its quit) until
///   the message had been echoed. Members that vanish with a reset are checked for order only,
///   since what was in flight to them is lost with the socket.
///
/// Then the server has no connection left, and platform threads and file descriptors are back
/// where they were. Runs 5 s by default; `-Dchatroom.soak.seconds=N` for longer and
/// `-Dchatroom.soak.seed=S` for another schedule. Prints a `SOAK ...` line with the figures.
@DisplayName("churn soak: members come and go, every acknowledged message reaches everyone present")
class ChurnSoakTest {

    private static final int MAX_CONCURRENT = 30;
    private static final int MAX_MESSAGES_PER_MEMBER = 25;
    private static final Duration SOAK = Duration.ofSeconds(Integer.getInteger("chatroom.soak.seconds", 5));
    private static final long SEED = Long.getLong("chatroom.soak.seed", 20_261_124L);
    /// How long anything that should happen at once (a join, an echo, a goodbye) may take.
    private static final Duration STEP_BOUND = TestClient.TIMEOUT;
    private static final int SLACK = 2;

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("order per sender, delivery to everyone present, and nothing left behind")
    void churn() throws Exception {
        // Every client connects from 127.0.0.1, far more often than one address may.
        ChatServer server = fixture.start(ServerConfig.builder().maxRate(0)
                .maxPerAddress(0).connectsPerMinute(0).build());
        warmUp();
        var baselineThreads = ProcessResources.platformThreadNames();
        var baseline = ProcessResources.now();
        var random = new Random(SEED);
        var slots = new Semaphore(MAX_CONCURRENT);
        List<Member> members = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + SOAK.toNanos();

        while (System.nanoTime() - end < 0) {
            if (!slots.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                continue;
            }
            var member = new Member(members.size(), random.nextBoolean(), new Random(random.nextLong()), server.address());
            members.add(member);
            threads.add(Thread.ofVirtual().name("soak-" + member.name).start(() -> {
                try {
                    member.live();
                } catch (Throwable e) {
                    member.failure = e;
                } finally {
                    slots.release();
                }
            }));
        }
        long joinDeadline = System.nanoTime() + STEP_BOUND.multipliedBy(3).toNanos();
        for (Thread thread : threads) {
            thread.join(Duration.ofNanos(Math.max(1, joinDeadline - System.nanoTime())));
            assertThat(thread.isAlive()).as("%s still running", thread.getName()).isFalse();
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        List<String> failures = members.stream().filter(m -> m.failure != null)
                .map(m -> m.name + ": " + m.failure).toList();
        assertThat(failures).as("members whose script failed").isEmpty();
        List<String> anomalies = members.stream().flatMap(m -> m.anomalies.stream().map(a -> m.name + ": " + a)).toList();
        assertThat(anomalies).as("lines nobody should have received").isEmpty();

        ServerFixture.awaitCount("connections after everyone left", server::connectionCount, 0);
        assertThat(server.memberCount()).as("members after everyone left").isZero();

        var order = checkOrder(members);
        var delivery = checkDelivery(members);
        var after = ProcessResources.awaitBaseline(baseline, SLACK, STEP_BOUND);

        long messages = members.stream().mapToLong(m -> m.sent).sum();
        System.out.printf("SOAK seconds=%d seed=%d members=%d plain=%d structured=%d reset=%d max_concurrent=%d"
                        + " messages=%d copies_received=%d order_checked=%d deliveries_checked=%d duration_ms=%d"
                        + " threads=%d->%d fds=%s->%s%n",
                SOAK.toSeconds(), SEED, members.size(), members.stream().filter(m -> m.plain).count(),
                members.stream().filter(m -> !m.plain).count(), members.stream().filter(m -> m.reset).count(),
                MAX_CONCURRENT, messages, order.copies, order.checked, delivery.checked, tookMillis,
                baseline.platformThreads(), after.platformThreads(), baseline.describeFds(), after.describeFds());

        assertThat(order.violations).as("copies out of order or duplicated (receiver <- sender: previous seq, seq)").isEmpty();
        assertThat(delivery.missing).as("acknowledged messages missing at a member present throughout").isEmpty();
        assertThat(delivery.checked).as("deliveries checked").isPositive();
        assertThat(after.platformThreads()).as("platform threads %s, before %s", ProcessResources.platformThreadNames(),
                baselineThreads).isLessThanOrEqualTo(baseline.platformThreads() + SLACK);
        assertThat(after.fdsWithin(baseline, SLACK)).as("file descriptors %s back to %s +- %d",
                after.describeFds(), baseline.describeFds(), SLACK).isTrue();
    }

    /// One member joins and quits before the baseline is taken, so that what the JDK sets up
    /// once, on first use (the pollers behind virtual threads' socket I/O, with their
    /// descriptors), is not taken for a leak.
    private void warmUp() {
        var warm = fixture.joinPlain("warmup");
        warm.send("/quit");
        warm.awaitClosed();
        ServerFixture.awaitCount("connections after the warm-up", fixture.server()::connectionCount, 0);
    }

    private record Findings(long copies, long checked, List<String> violations, List<String> missing) {
    }

    /// Per receiver and sender: sequence numbers strictly increase, and each was really sent.
    private static Findings checkOrder(List<Member> members) {
        long copies = 0;
        long checked = 0;
        List<String> violations = new ArrayList<>();
        for (Member receiver : members) {
            Map<Integer, Integer> last = new HashMap<>();
            for (int i = 0; i < receiver.receivedCount; i++) {
                long copy = receiver.received[i];
                int sender = (int) (copy >>> 32);
                int seq = (int) copy;
                copies++;
                int previous = last.getOrDefault(sender, -1);
                if (seq <= previous || sender >= members.size() || seq >= members.get(sender).sent) {
                    if (violations.size() < 20) {
                        violations.add(receiver.name + " <- m" + sender + ": " + previous + ", " + seq);
                    }
                } else {
                    checked++;
                }
                last.put(sender, seq);
            }
        }
        return new Findings(copies, checked, violations, List.of());
    }

    /// Every echoed message reached every member that joined before it was sent and quit after
    /// it was echoed.
    private static Findings checkDelivery(List<Member> members) {
        record Message(int sender, int seq, long sentAt, long echoedAt) {
        }
        List<Message> messages = new ArrayList<>();
        for (Member member : members) {
            for (int seq = 0; seq < member.sent; seq++) {
                messages.add(new Message(member.id, seq, member.sentAt[seq], member.echoedAt.get(seq)));
            }
        }
        messages.sort(Comparator.comparingLong(Message::sentAt));
        long[] sentTimes = messages.stream().mapToLong(Message::sentAt).toArray();
        long checked = 0;
        List<String> missing = new ArrayList<>();
        for (Member receiver : members) {
            if (receiver.reset || receiver.joinedAt == 0) {
                continue;
            }
            long[] got = Arrays.copyOf(receiver.received, receiver.receivedCount);
            Arrays.sort(got);
            int first = Arrays.binarySearch(sentTimes, receiver.joinedAt + 1);
            for (int i = first < 0 ? -first - 1 : first; i < messages.size(); i++) {
                Message message = messages.get(i);
                if (message.sentAt - receiver.leftAt >= 0) {
                    break;
                }
                if (message.sentAt - receiver.joinedAt <= 0 || message.echoedAt - receiver.leftAt >= 0) {
                    continue;
                }
                checked++;
                if (Arrays.binarySearch(got, Member.copy(message.sender, message.seq)) < 0 && missing.size() < 20) {
                    // What it takes to tell a lost copy from a timing assumption, should one appear.
                    missing.add(receiver.name + (receiver.plain ? " (plain)" : " (structured)") + " lacks m"
                            + message.sender + "#" + message.seq + ": sent "
                            + (message.sentAt - receiver.joinedAt) / 1_000 + " µs after it joined, echoed "
                            + (receiver.leftAt - message.echoedAt) / 1_000 + " µs before it left, which it was "
                            + (receiver.goodbye ? "told" : "not told"));
                }
            }
        }
        return new Findings(0, checked, List.of(), missing);
    }

    /// One member's life: join (plain or structured), send some messages, each burst waiting
    /// for its echoes, then quit (or, now and then, vanish with a reset).
    ///
    /// The script runs on its own thread; the parsing in [#onLine] on the client's reader
    /// thread. Fields the reader writes are read by the checks only after the reader has ended
    /// (`awaitClosed` or `close`, which joins it).
    private static final class Member {

        final int id;
        final String name;
        final boolean plain;
        final Random random;
        final InetSocketAddress address;
        final long[] sentAt = new long[MAX_MESSAGES_PER_MEMBER];
        final AtomicLongArray echoedAt = new AtomicLongArray(MAX_MESSAGES_PER_MEMBER);
        final Semaphore echoes = new Semaphore(0);
        final CountDownLatch joined = new CountDownLatch(1);
        final ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
        /// The copies received, `sender << 32 | seq`, in order. Reader thread only.
        long[] received = new long[64];
        int receivedCount;
        volatile long joinedAt;
        volatile boolean goodbye;
        int sent;
        long leftAt = Long.MAX_VALUE;
        boolean reset;
        volatile Throwable failure;

        Member(int id, boolean plain, Random random, InetSocketAddress address) {
            this.id = id;
            this.name = "m" + id;
            this.plain = plain;
            this.random = random;
            this.address = address;
        }

        static long copy(int sender, int seq) {
            return (long) sender << 32 | seq;
        }

        void live() throws InterruptedException {
            try (TestClient client = TestClient.connect(address, name, this::onLine)) {
                if (plain) {
                    client.send(name);
                } else {
                    client.send("HELLO v=1");
                    client.send("LOGIN name=" + name);
                }
                if (!joined.await(STEP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError(name + " did not see its own join");
                }
                int count = random.nextInt(MAX_MESSAGES_PER_MEMBER + 1);
                while (sent < count) {
                    int burst = Math.min(1 + random.nextInt(3), count - sent);
                    for (int i = 0; i < burst; i++) {
                        String text = "q=" + sent + " from=" + name + " " + "é李x".repeat(random.nextInt(40));
                        sentAt[sent] = System.nanoTime();
                        sent++;
                        client.send(plain ? text : "SAY :" + text);
                    }
                    if (!echoes.tryAcquire(burst, STEP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new AssertionError(name + " got no echo of a burst of " + burst + " within " + STEP_BOUND);
                    }
                }
                reset = random.nextInt(10) == 0;
                leftAt = System.nanoTime();
                if (reset) {
                    client.closeAbruptly();
                } else {
                    client.send(plain ? "/quit" : "QUIT");
                    client.awaitClosed(STEP_BOUND);
                    if (!goodbye) {
                        throw new AssertionError(name + " was not told goodbye");
                    }
                }
            }
        }

        /// On the reader thread.
        private void onLine(String line) {
            if (plain) {
                if (line.startsWith("* ")) {
                    if (line.equals("* " + name + " joined the chat")) {
                        joined(System.nanoTime());
                    } else if (line.equals("* Goodbye, " + name + "!")) {
                        goodbye = true;
                    } else if (line.startsWith("* Error")) {
                        anomalies.add(line);
                    }
                    return;
                }
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    anomalies.add(line);
                } else {
                    chat(line.substring(0, colon), line.substring(colon + 2));
                }
            } else if (line.startsWith("MSG ")) {
                int from = line.indexOf(" from=");
                int text = line.indexOf(" :");
                if (from < 0 || text < from) {
                    anomalies.add(line);
                } else {
                    chat(line.substring(from + 6, text), line.substring(text + 2));
                }
            } else if (line.startsWith("JOINED name=" + name + " ")) {
                joined(System.nanoTime());
            } else if (line.startsWith("BYE reason=quit")) {
                goodbye = true;
            } else if (line.startsWith("ERROR")) {
                anomalies.add(line);
            }
        }

        private void joined(long now) {
            if (joinedAt == 0) {
                joinedAt = now;
                joined.countDown();
            }
        }

        private void chat(String sender, String text) {
            long now = System.nanoTime();
            String[] words = text.split(" ", 3);
            if (words.length < 2 || !words[0].startsWith("q=") || !words[1].equals("from=" + sender)
                    || !sender.startsWith("m")) {
                anomalies.add("chat from " + sender + ": " + text);
                return;
            }
            int senderId = Integer.parseInt(sender.substring(1));
            int seq = Integer.parseInt(words[0].substring(2));
            if (receivedCount == received.length) {
                received = Arrays.copyOf(received, received.length * 2);
            }
            received[receivedCount++] = copy(senderId, seq);
            if (senderId == id) {
                echoedAt.set(seq, now);
                echoes.release();
            }
        }
    }
}
