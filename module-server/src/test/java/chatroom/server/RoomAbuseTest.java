package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static chatroom.server.AbuseSupport.CLEANUP_BOUND;
import static chatroom.server.AbuseSupport.LATENCY_BOUND;
import static chatroom.server.AbuseSupport.PAIR_CHAT;
import static chatroom.server.AbuseSupport.SLACK;
import static chatroom.server.AbuseSupport.assertNoLeak;
import static chatroom.server.AbuseSupport.join;
import static chatroom.server.AbuseSupport.report;
import static chatroom.server.AbuseSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

/// Abuse of rooms against a real server: room-creation spam, a storm of joins and parts, a
/// member in the most rooms allowed. In each, the limit holds, the others keep chatting with
/// bounded latency, nothing is lost, and connections, threads and descriptors return to where
/// they were. Each test prints the figures it held (`ABUSE ...` lines). Private-message floods
/// are in [FloodAbuseTest].
@DisplayName("abuse of rooms: the limits hold, the others keep chatting")
@Timeout(60)
class RoomAbuseTest {

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
        var pair = AbuseSupport.Pair.join(fixture);
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

        report(fixture.server(), "room-creation-spam", "attempts=%d created=%d refused=%d rooms=%d others_worst_round_trip_ms=%d ms=%d",
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
        listeners.forEach(AbuseSupport::sync);
        var baseline = ProcessResources.now();
        List<TestClient> storm = new ArrayList<>();
        for (int s = 0; s < stormers; s++) {
            storm.add(fixture.joinPlainFrom("127.0.0.2", "storm" + s));
        }
        listeners.forEach(AbuseSupport::sync);

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
        storm.forEach(AbuseSupport::sync);
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

        report(fixture.server(), "join-part-storm", "members=%d cycles=%d joins_and_parts=%d messages=%d lost=0 listener_worst_ms=%d"
                        + " members_after=%d ms=%d", baseline, after, stormers, cycles, stormers * cycles * 4, messages,
                worst, fixture.server().memberCount(), tookMillis);
        assertThat(worst).isLessThan(LATENCY_BOUND.toMillis());
        assertNoLeak(baseline, after);
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
        members.forEach(AbuseSupport::sync);
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

        report(fixture.server(), "most-rooms", "rooms_per_member=%d refused_beyond=1 co_members=%d broadcast_worst_ms=%d"
                + " leave_notices=%d", baseline, after, most, others, worst, told);
        assertThat(worst).as("the broadcast to #r1 reached everyone").isLessThan(LATENCY_BOUND.toMillis());
        assertThat(told).isEqualTo(others);
        assertNoLeak(baseline, after);
    }

    // ---------------------------------------------------------------- helpers

    private static List<TestClient> listOf(TestClient first, List<TestClient> rest) {
        List<TestClient> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
