package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/// Abuse of rooms and private messages against a real server: room-creation spam, a storm of
/// joins and parts, a private-message flood, a member in the most rooms allowed. In each,
/// the limit holds, the others keep chatting with bounded latency, nothing is lost, and
/// connections, threads and descriptors return to where they were. Each test prints the
/// figures it held (`ABUSE ...` lines).
@DisplayName("abuse of rooms: the limits hold, the others keep chatting")
@Timeout(60)
class RoomAbuseTest {

    /// The worst round trip between two ordinary members accepted during an attack (as in
    /// [AbuseTest]): far above an idle loopback's milliseconds, far below what a person notices.
    private static final Duration LATENCY_BOUND = Duration.ofSeconds(2);
    private static final Duration CLEANUP_BOUND = Duration.ofSeconds(10);
    private static final int SLACK = 2;

    private static final AtomicInteger SYNCS = new AtomicInteger();

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("1,000 room creations from one address: 10 made, 990 refused with one line each, the room count bounded")
    void roomCreationSpam() {
        int connections = 5;
        int perConnection = 200;
        int allowed = 10;
        // Flood control off, so that only the room limits answer; 10 creations a minute is the default.
        fixture.start(ServerConfig.builder().maxRate(0).roomCreationsPerMinute(allowed).build());
        var pair = Pair.join(fixture);
        var baseline = ProcessResources.now();
        List<TestClient> spammers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            spammers.add(fixture.joinPlainFrom("127.0.0.2", "spammer" + c));
        }
        long start = System.nanoTime();
        List<Thread> writers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            var joins = new StringBuilder();
            for (int i = 0; i < perConnection; i++) {
                joins.append("/join #spam-").append(c).append('-').append(i).append('\n');
            }
            TestClient spammer = spammers.get(c);
            writers.add(Thread.ofVirtual().start(() -> spammer.sendRaw(joins.toString().getBytes(StandardCharsets.US_ASCII))));
        }
        long worst = 0;
        for (int i = 0; i < 20; i++) {
            worst = Math.max(worst, pair.roundTripMillis("spam " + i));
        }
        join(writers);

        int created = 0;
        int refused = 0;
        for (TestClient spammer : spammers) {
            for (String line : sync(spammer)) {
                if (line.startsWith("* You are in #spam-")) {
                    created++;
                } else if (line.startsWith("* Error: ")) {
                    assertThat(line).matches("\\* Error: there is no room #spam-\\d+-\\d+, and your address created "
                            + allowed + " rooms in the last minute; try again in a minute");
                    refused++;
                } else if (!PAIR_CHAT.matcher(line).matches()) {
                    assertThat(line).as("an answer to a /join").matches("\\* (In the chat: @spammer\\d|spammer\\d joined the chat)");
                }
            }
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        worst = Math.max(worst, pair.roundTripMillis("after"));
        // Another address still creates rooms.
        pair.alice().send("/join #mine");
        pair.alice().expectExactLine("* alice joined the chat");
        pair.alice().send("/rooms");
        int rooms = Integer.parseInt(pair.alice().expectLine("\\* \\d+ rooms:").replaceAll("\\D", ""));
        spammers.forEach(TestClient::close);
        ServerFixture.awaitCount("connections after the spammers left", fixture.server()::connectionCount, 2);
        var after = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);

        report("room-creation-spam", "attempts=%d created=%d refused=%d rooms=%d others_worst_round_trip_ms=%d ms=%d",
                baseline, after, connections * perConnection, created, refused, rooms, worst, tookMillis);
        assertThat(created).as("rooms created by one address").isEqualTo(allowed);
        assertThat(refused).as("creations refused, one line each").isEqualTo(connections * perConnection - allowed);
        assertThat(rooms).as("the server's rooms: #lobby, the spammers' 10 and alice's").isEqualTo(1 + allowed + 1);
        assertThat(worst).isLessThan(LATENCY_BOUND.toMillis());
        assertNoLeak(baseline, after);
    }

    @Test
    @DisplayName("20 members joining and parting rooms 50 times each while alice chats: no message lost, counts right")
    void joinPartStorm() {
        int stormers = 20;
        int cycles = 50;
        int messages = 300;
        fixture.start(ServerConfig.builder().maxRate(0).build());
        TestClient alice = fixture.joinPlain("alice");
        List<TestClient> listeners = List.of(fixture.joinPlain("bob"), fixture.joinPlain("carol"));
        for (TestClient member : listOf(alice, listeners)) {
            member.send("/join #chat");
            member.expectLine(line -> line.startsWith("* In the chat: "), "the members of #chat");
        }
        listeners.forEach(RoomAbuseTest::sync);
        var baseline = ProcessResources.now();
        List<TestClient> storm = new ArrayList<>();
        for (int s = 0; s < stormers; s++) {
            storm.add(fixture.joinPlainFrom("127.0.0.2", "storm" + s));
        }
        listeners.forEach(RoomAbuseTest::sync);

        long start = System.nanoTime();
        List<Thread> writers = new ArrayList<>();
        for (TestClient stormer : storm) {
            var churn = new StringBuilder();
            for (int k = 0; k < cycles; k++) {
                churn.append("/join #chat\n/join #storm-").append(k % 5).append("\n/part #chat\n/part #storm-")
                        .append(k % 5).append(" gone\n");
            }
            writers.add(Thread.ofVirtual().start(() -> stormer.sendRaw(churn.toString().getBytes(StandardCharsets.US_ASCII))));
        }
        long worst = 0;
        List<String> bobSaw = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            alice.send("msg " + i);
            if (i % 20 == 19) {
                long sent = System.nanoTime();
                bobSaw.addAll(listeners.getFirst().collectUntil(("alice: msg " + i)::equals, "alice's message " + i,
                        TestClient.TIMEOUT));
                worst = Math.max(worst, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
            }
        }
        join(writers);
        storm.forEach(RoomAbuseTest::sync);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        bobSaw.addAll(sync(listeners.getFirst()));
        List<String> carolSaw = sync(listeners.getLast());
        List<String> expected = IntStream.range(0, messages).mapToObj(i -> "alice: msg " + i).toList();
        for (List<String> seen : List.of(bobSaw, carolSaw)) {
            assertThat(seen.stream().filter(line -> line.startsWith("alice: ")).toList()).as("alice's messages")
                    .isEqualTo(expected);
            assertThat(seen.stream().filter(line -> line.matches("\\* storm\\d+ joined the chat")).count())
                    .as("joins of #chat told").isEqualTo((long) stormers * cycles);
            assertThat(seen.stream().filter(line -> line.matches("\\* storm\\d+ left the room")).count())
                    .as("parts of #chat told").isEqualTo((long) stormers * cycles);
        }
        assertThat(fixture.server().memberCount()).as("members right after the storm").isEqualTo(3 + stormers);
        alice.send("/who");
        assertThat(alice.expectLine(line -> line.startsWith("* In the chat: "), "the members of #chat"))
                .isEqualTo("* In the chat: @alice, bob, carol");
        alice.send("/rooms");
        List<String> rooms = alice.collectUntil(line -> line.startsWith("* #storm-4"), "the room list", TestClient.TIMEOUT);
        assertThat(rooms).contains("* #chat (3 members)", "* #storm-0 (0 members)", "* #storm-4 (0 members)");
        storm.forEach(TestClient::close);
        ServerFixture.awaitCount("members after the storm left", fixture.server()::memberCount, 3);
        var after = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);

        report("join-part-storm", "members=%d cycles=%d joins_and_parts=%d messages=%d lost=0 listener_worst_ms=%d"
                        + " members_after=%d ms=%d", baseline, after, stormers, cycles, stormers * cycles * 4, messages,
                worst, fixture.server().memberCount(), tookMillis);
        assertThat(worst).isLessThan(LATENCY_BOUND.toMillis());
        assertNoLeak(baseline, after);
    }

    @Test
    @DisplayName("a private-message flood: refused beyond the rate with one line each, then cut off for excess flood")
    void privateMessageFlood() throws Exception {
        int privateRate = 5;
        int first = 30;
        int total = 20_030;
        // The defaults: 10 lines a second with bursts of 20, 5 private messages a second with bursts of 10.
        fixture.start(ServerConfig.builder().privateRate(privateRate).build());
        var pair = Pair.join(fixture);
        var baseline = ProcessResources.now();
        long start = System.nanoTime();
        TestClient carol = fixture.joinPlain("carol");
        TestClient flooder = fixture.joinPlainFrom("127.0.0.2", "flooder");
        carol.expectExactLine("* flooder joined the chat");

        // 30 at once: flood control lets 20 through and slows the rest down to 10 a second;
        // the private rate lets 10 through, then 5 a second.
        flooder.sendRaw(privateMessages(0, first));
        Answers burst = Answers.of(answersTo(flooder, first), 0);
        long burstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(flooder.isClosed()).as("the flooder was cut off while only slowed down").isFalse();

        // Then it keeps going, far past flood control, and is cut off.
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                flooder.sendRaw(privateMessages(first, total));
            } catch (UncheckedIOException e) {
                // The server cut the connection while the buffers were full.
            }
        });
        long worst = 0;
        for (int i = 0; i < 5; i++) {
            worst = Math.max(worst, pair.roundTripMillis("flood " + i));
        }
        List<String> rest = flooder.awaitClosed(Duration.ofSeconds(20));
        long droppedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        writer.join(TestClient.TIMEOUT);
        Answers more = Answers.of(rest, first);
        List<String> carolGot = carol.collectUntil("* flooder left the chat (excess flood)"::equals, "the flooder's end",
                TestClient.TIMEOUT);
        worst = Math.max(worst, pair.roundTripMillis("after"));
        flooder.close();
        var after = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);

        int delivered = burst.delivered() + more.delivered();
        int refused = burst.refused() + more.refused();
        int allowedAtMost = 2 * privateRate + (int) Math.ceil(droppedMillis / 1000.0) * privateRate;
        report("private-flood", "sent=%d answered=%d delivered=%d refused=%d allowed_at_most=%d burst_ms=%d"
                        + " dropped_after_ms=%d others_worst_round_trip_ms=%d", baseline, after, total,
                delivered + refused, delivered, refused, allowedAtMost, burstMillis, droppedMillis, worst);
        // Flood control spreads the last 10 of the 30 over about a second, in which the
        // allowance grows by about 5 (3 leaves room for timing).
        assertThat(burst.delivered()).as("of the first %d, delivered in %d ms", first, burstMillis)
                .isBetween(2 * privateRate + 3, 2 * privateRate + (int) Math.ceil(burstMillis / 1000.0) * privateRate);
        assertThat(burst.refused()).as("of the first %d, refused", first).isEqualTo(first - burst.delivered());
        assertThat(rest.getLast()).as("the flooder's last line").startsWith("* Excess flood: ");
        assertThat(carolGot.stream().filter(line -> line.startsWith("* [from flooder] spam ")).count())
                .as("private messages carol got").isEqualTo(delivered);
        assertThat(delivered).as("private messages delivered").isLessThanOrEqualTo(allowedAtMost);
        assertThat(worst).isLessThan(LATENCY_BOUND.toMillis());
        assertNoLeak(baseline, after);
    }

    @Test
    @DisplayName("private messages refused for the rate do not use up the allowance: a second later 5 more go through")
    void refusedPrivateMessagesCostNothing() throws InterruptedException {
        int privateRate = 5;
        fixture.start(ServerConfig.builder().maxRate(0).privateRate(privateRate).build());
        TestClient alice = fixture.joinPlain("alice");
        TestClient carol = fixture.joinPlain("carol");
        sync(alice);
        alice.sendRaw(privateMessages(0, 30));
        Answers burst = Answers.of(answersTo(alice, 30), 0);
        assertThat(burst.delivered()).as("of 30 at once, delivered").isEqualTo(2 * privateRate);

        // A second later the allowance has grown by 5 (5 a second), however many were refused.
        Thread.sleep(1_100);
        alice.sendRaw(privateMessages(30, 30 + privateRate));
        Answers later = Answers.of(answersTo(alice, privateRate), 30);
        List<String> carolGot = sync(carol);

        report("private-allowance", "refused_at_once=%d delivered_a_second_later=%d of=%d", ProcessResources.now(),
                ProcessResources.now(), burst.refused(), later.delivered(), privateRate);
        assertThat(later.delivered()).as("of %d sent a second later, delivered", privateRate).isEqualTo(privateRate);
        assertThat(carolGot.stream().filter(line -> line.startsWith("* [from alice] spam ")).count())
                .isEqualTo(2L * privateRate + later.delivered());
    }

    @Test
    @DisplayName("a member in the most rooms allowed: one more refused, broadcasts prompt, its leave told once to each")
    void memberInTheMostRooms() {
        int most = 50;
        int others = 10;
        // Flood control and the creation limit off: the member creates its 49 rooms at once.
        fixture.start(ServerConfig.builder().maxRate(0).roomCreationsPerMinute(0).maxRoomsPerMember(most).build());
        TestClient hub = fixture.joinPlain("hub");
        var joins = new StringBuilder();
        for (int r = 1; r < most; r++) {
            joins.append("/join #r").append(r).append('\n');
        }
        hub.sendRaw(joins.toString().getBytes(StandardCharsets.US_ASCII));
        hub.expectExactLine("* You are in #r" + (most - 1) + " now: your messages go there. /part leaves it,"
                + " /join switches rooms.");
        hub.send("/join #one-too-many");
        assertThat(hub.expectLine(line -> line.startsWith("* Error: "), "the refusal"))
                .isEqualTo("* Error: you are in " + most + " rooms, the most allowed; leave one first");
        // Every other member is in #lobby, #r1 and five more of the hub's rooms.
        List<TestClient> members = new ArrayList<>();
        for (int m = 0; m < others; m++) {
            TestClient member = fixture.joinPlain("m" + m);
            var mine = new StringBuilder("/join #r1\n");
            for (int r = 2 + 5 * m; r < 7 + 5 * m && r < most; r++) {
                mine.append("/join #r").append(r).append('\n');
            }
            member.sendRaw(mine.toString().getBytes(StandardCharsets.US_ASCII));
            members.add(member);
        }
        members.forEach(RoomAbuseTest::sync);
        sync(hub);
        var baseline = ProcessResources.now();

        long start = System.nanoTime();
        hub.send("/msg #r1 to everyone");
        long worst = 0;
        for (TestClient member : members) {
            member.expectLine(line -> line.endsWith("hub: to everyone"), "the hub's message");
            worst = Math.max(worst, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        hub.send("/quit");
        hub.awaitClosed();
        int told = 0;
        for (TestClient member : members) {
            List<String> seen = sync(member);
            long leaves = seen.stream().filter(line -> line.equals("* hub left the chat")).count();
            assertThat(leaves).as("times %s was told the hub left", member.label()).isEqualTo(1);
            told += (int) leaves;
        }
        ServerFixture.awaitCount("members", fixture.server()::memberCount, others);
        hub.close();
        var after = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);

        report("most-rooms", "rooms_per_member=%d refused_beyond=1 co_members=%d broadcast_worst_ms=%d"
                + " leave_notices=%d", baseline, after, most, others, worst, told);
        assertThat(worst).as("the broadcast to #r1 reached everyone").isLessThan(LATENCY_BOUND.toMillis());
        assertThat(told).isEqualTo(others);
        assertNoLeak(baseline, after);
    }

    // ---------------------------------------------------------------- helpers

    /// Waits until `client` has seen everything sent to it so far; returns those lines. The
    /// marker is the refusal of `/who` for a room that does not exist, which nothing else sends.
    private static List<String> sync(TestClient client) {
        String marker = "#sync-" + SYNCS.incrementAndGet();
        client.send("/who " + marker);
        List<String> lines = client.collectUntil(("* Error: there is no room " + marker)::equals, "the answer to /who",
                TestClient.TIMEOUT);
        return lines.subList(0, lines.size() - 1);
    }

    /// What alice and bob say in #lobby while they measure their round trip.
    private static final Pattern PAIR_CHAT = Pattern.compile("(\\* \\[#lobby\\] )?(alice|bob): rt .*");
    private static final Pattern SPAM = Pattern.compile("\\* \\[to carol\\] spam (\\d+)");
    private static final String PRIVATE_FLOOD =
            "* Error: you send private messages faster than 5 a second; this one was not sent";

    private static byte[] privateMessages(int from, int to) {
        var lines = new StringBuilder();
        for (int i = from; i < to; i++) {
            lines.append("/msg carol spam ").append(i).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /// The lines `flooder` gets up to its `count`th answer to a private message.
    private static List<String> answersTo(TestClient flooder, int count) {
        List<String> lines = new ArrayList<>();
        int answers = 0;
        while (answers < count) {
            String line = flooder.nextLine();
            lines.add(line);
            if (SPAM.matcher(line).matches() || line.equals(PRIVATE_FLOOD)) {
                answers++;
            }
        }
        return lines;
    }

    /// The answers to private messages numbered from `first` on: each line sent got exactly
    /// one, in order (a delivery, `[to bob] spam N`, or one private-flood error).
    private record Answers(int delivered, int refused) {

        static Answers of(List<String> lines, int first) {
            int next = first;
            int delivered = 0;
            int refused = 0;
            for (String line : lines) {
                Matcher spam = SPAM.matcher(line);
                if (spam.matches()) {
                    assertThat(Integer.parseInt(spam.group(1))).as("the message answered after %d answers",
                            next - first).isEqualTo(next);
                    next++;
                    delivered++;
                } else if (line.equals(PRIVATE_FLOOD)) {
                    next++;
                    refused++;
                } else if (!PAIR_CHAT.matcher(line).matches()) {
                    assertThat(line).as("an answer to a private message").matches(
                            "\\* (Error: you are sending too fast; your messages are being slowed down|Excess flood: .*)");
                }
            }
            return new Answers(delivered, refused);
        }
    }

    private static List<TestClient> listOf(TestClient first, List<TestClient> rest) {
        List<TestClient> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static void join(List<Thread> threads) {
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

    private void report(String scenario, String figures, ProcessResources before, ProcessResources after,
                        Object... values) {
        System.out.printf("ABUSE %s: %s connections=%d threads=%d->%d fds=%s->%s%n", scenario,
                figures.formatted(values), fixture.server().connectionCount(), before.platformThreads(),
                after.platformThreads(), before.describeFds(), after.describeFds());
    }

    private static void assertNoLeak(ProcessResources baseline, ProcessResources after) {
        assertThat(after.platformThreads()).as("platform threads %s", ProcessResources.platformThreadNames())
                .isLessThanOrEqualTo(baseline.platformThreads() + SLACK);
        assertThat(after.fdsWithin(baseline, SLACK)).as("file descriptors %s, were %s", after.describeFds(),
                baseline.describeFds()).isTrue();
    }

    /// Two ordinary members, alice and bob, and the round trip of a message between them.
    private record Pair(TestClient alice, TestClient bob) {

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
