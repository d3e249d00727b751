package chatroom.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/// What the abuse tests of rooms and private messages share: waiting until a client has seen
/// everything, the figures each test prints, the leak check and the pair of ordinary members
/// whose round trip measures the server's latency during an attack.
final class AbuseSupport {

    /// The worst round trip between two ordinary members accepted during an attack (as in
    /// [AbuseTest]): far above an idle loopback's milliseconds, far below what a person notices.
    static final Duration LATENCY_BOUND = Duration.ofSeconds(2);
    static final Duration CLEANUP_BOUND = Duration.ofSeconds(10);
    static final int SLACK = 2;
    /// What alice and bob say in #lobby while they measure their round trip.
    static final Pattern PAIR_CHAT = Pattern.compile("(\\* \\[#lobby\\] )?(alice|bob): rt .*");

    private static final AtomicInteger SYNCS = new AtomicInteger();

    private AbuseSupport() {
    }

    /// Waits until `client` has seen everything sent to it so far; returns those lines. The
    /// marker is the refusal of `/who` for a room that does not exist, which nothing else sends.
    static List<String> sync(TestClient client) {
        String marker = "#sync-" + SYNCS.incrementAndGet();
        client.send("/who " + marker);
        List<String> lines = client.collectUntil(("* Error: there is no room " + marker)::equals, "the answer to /who",
                TestClient.TIMEOUT);
        return lines.subList(0, lines.size() - 1);
    }

    static void join(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                if (!thread.join(TestClient.TIMEOUT)) {
                    throw new AssertionError("a writer still runs after " + TestClient.TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the writers", e);
            }
        }
    }

    /// Prints `ABUSE scenario: figures` and what the server and the process hold.
    static void report(ChatServer server, String scenario, String figures, ProcessResources before,
                       ProcessResources after, Object... values) {
        System.out.printf("ABUSE %s: %s connections=%d threads=%d->%d fds=%s->%s%n", scenario,
                figures.formatted(values), server.connectionCount(), before.platformThreads(),
                after.platformThreads(), before.describeFds(), after.describeFds());
    }

    static void assertNoLeak(ProcessResources baseline, ProcessResources after) {
        assertThat(after.platformThreads()).as("platform threads %s", ProcessResources.platformThreadNames())
                .isLessThanOrEqualTo(baseline.platformThreads() + SLACK);
        assertThat(after.fdsWithin(baseline, SLACK)).as("file descriptors %s, were %s", after.describeFds(),
                baseline.describeFds()).isTrue();
    }

    /// Two ordinary members, alice and bob, and the round trip of a message between them.
    record Pair(TestClient alice, TestClient bob) {

        static Pair join(ServerFixture fixture) {
            var alice = fixture.joinPlain("alice");
            var bob = fixture.joinPlain("bob");
            alice.expectExactLine("* bob joined the chat");
            return new Pair(alice, bob);
        }

        long roundTripMillis(String tag) {
            long start = System.nanoTime();
            alice.send("rt " + tag);
            bob.expectExactLine("alice: rt " + tag);
            bob.send("rt " + tag);
            alice.expectExactLine("bob: rt " + tag);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }
}
