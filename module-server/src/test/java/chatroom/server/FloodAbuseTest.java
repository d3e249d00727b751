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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static chatroom.server.AbuseSupport.CLEANUP_BOUND;
import static chatroom.server.AbuseSupport.LATENCY_BOUND;
import static chatroom.server.AbuseSupport.PAIR_CHAT;
import static chatroom.server.AbuseSupport.SLACK;
import static chatroom.server.AbuseSupport.assertNoLeak;
import static chatroom.server.AbuseSupport.report;
import static chatroom.server.AbuseSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

/// Floods against a real server: private messages beyond their rate and past flood control,
/// and members leaving while a room is busy. Refusals are one line each, nobody gets more
/// than allowed, the flooder is cut off, the goodbye is the last thing a member is sent, and
/// the others keep chatting. Each test prints the figures it held (`ABUSE ...` lines).
@DisplayName("abuse by flooding: the limits hold, the others keep chatting")
@Timeout(60)
class FloodAbuseTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("a private-message flood: refused beyond the rate with one line each, then cut off for excess flood")
    void privateMessageFlood() throws Exception {
        int privateRate = 5;
        int first = 30;
        int total = 20_030;
        // The defaults: 10 lines a second with bursts of 20, 5 private messages a second with bursts of 10.
        fixture.start(ServerConfig.builder().privateRate(privateRate).build());
        var pair = AbuseSupport.Pair.join(fixture);
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
        int afterGoodbye = rest.size() - 1 - indexOfGoodbye(rest);
        int allowedAtMost = 2 * privateRate + (int) Math.ceil(droppedMillis / 1000.0) * privateRate;
        report(fixture.server(), "private-flood", "sent=%d answered=%d delivered=%d refused=%d allowed_at_most=%d burst_ms=%d"
                        + " dropped_after_ms=%d lines_after_goodbye=%d others_worst_round_trip_ms=%d", baseline, after, total,
                delivered + refused, delivered, refused, allowedAtMost, burstMillis, droppedMillis, afterGoodbye, worst);
        // Flood control spreads the last 10 of the 30 over about a second, in which the
        // allowance grows by about 5 (3 leaves room for timing).
        assertThat(burst.delivered()).as("of the first %d, delivered in %d ms", first, burstMillis)
                .isBetween(2 * privateRate + 3, 2 * privateRate + (int) Math.ceil(burstMillis / 1000.0) * privateRate);
        assertThat(burst.refused()).as("of the first %d, refused", first).isEqualTo(first - burst.delivered());
        assertThat(rest).as("the flooder's last lines").anyMatch(line -> line.startsWith("* Excess flood: "));
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

        report(fixture.server(), "private-allowance", "refused_at_once=%d delivered_a_second_later=%d of=%d", ProcessResources.now(),
                ProcessResources.now(), burst.refused(), later.delivered(), privateRate);
        assertThat(later.delivered()).as("of %d sent a second later, delivered", privateRate).isEqualTo(privateRate);
        assertThat(carolGot.stream().filter(line -> line.startsWith("* [from alice] spam ")).count())
                .isEqualTo(2L * privateRate + later.delivered());
    }

    @Test
    @DisplayName("members leaving while the room is busy: the goodbye is the last line each is sent")
    void goodbyeIsTheLastLine() throws Exception {
        int leavers = 30;
        fixture.start(ServerConfig.builder().maxRate(0).connectsPerMinute(0).maxPerAddress(0).build());
        TestClient alice = fixture.joinPlain("alice");
        // A busy moment first starts the threads the JDK starts once and keeps (the writers'
        // pool's workers, the delay schedulers of held writes), so that they are not blamed on
        // the leavers; the baseline comes after it and before the leavers connect.
        TestClient warmer = fixture.joinPlain("warmer");
        alice.sendRaw("warm\n".repeat(2_000).getBytes(StandardCharsets.US_ASCII));
        warmer.collectUntil(line -> line.equals("alice: warm"), "the warm-up", TestClient.TIMEOUT);
        alice.expectLine(line -> line.equals("alice: warm"), "the warm-up");
        warmer.send("/quit");
        warmer.awaitClosed();
        ServerFixture.awaitCount("members", fixture.server()::memberCount, 1);
        var baseline = ProcessResources.now();
        List<TestClient> members = new ArrayList<>();
        for (int i = 0; i < leavers; i++) {
            members.add(fixture.joinPlain("leaver" + i));
        }
        // alice talks without a pause (bounded: 50,000 lines) until everyone has left.
        AtomicBoolean talking = new AtomicBoolean(true);
        byte[] chatter = "busy\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
        Thread talker = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 1_000 && talking.get(); i++) {
                alice.sendRaw(chatter);
            }
        });

        List<String> late = new ArrayList<>();
        for (int i = 0; i < leavers; i++) {
            TestClient member = members.get(i);
            member.expectExactLine("alice: busy");
            member.send("/quit");
            List<String> rest = member.awaitClosed();
            int goodbye = rest.indexOf("* Goodbye, leaver" + i + "!");
            assertThat(goodbye).as("%s's goodbye among its last lines", member.label()).isNotNegative();
            if (goodbye < rest.size() - 1) {
                late.add(member.label() + " got " + (rest.size() - 1 - goodbye) + " after its goodbye: "
                        + rest.subList(goodbye + 1, Math.min(rest.size(), goodbye + 3)));
            }
            member.close();
        }
        talking.set(false);
        talker.join(TestClient.TIMEOUT);
        ServerFixture.awaitCount("members", fixture.server()::memberCount, 1);
        var after = ProcessResources.awaitBaseline(baseline, SLACK, CLEANUP_BOUND);

        report(fixture.server(), "goodbye-last", "leavers=%d with_lines_after_goodbye=%d", baseline, after, leavers,
                late.size());
        assertThat(late).as("members sent lines after their goodbye").isEmpty();
        assertNoLeak(baseline, after);
    }

    // ---------------------------------------------------------------- helpers

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
    /// one, in order (a delivery, `[to carol] spam N`, or one private-flood error).
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

    private static int indexOfGoodbye(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("* Excess flood: ")) {
                return i;
            }
        }
        return -1;
    }
}
