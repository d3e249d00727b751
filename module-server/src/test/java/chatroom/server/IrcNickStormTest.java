package chatroom.server;

import chatroom.protocol.irc.IrcMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static chatroom.server.IrcTestSupport.abuseConfig;
import static chatroom.server.IrcTestSupport.answers;
import static chatroom.server.IrcTestSupport.closeExpectingNoErrors;
import static chatroom.server.IrcTestSupport.nickOf;
import static chatroom.server.IrcTestSupport.register;
import static chatroom.server.IrcTestSupport.sync;
import static chatroom.server.IrcTestSupport.syncStructured;
import static chatroom.server.IrcTestSupport.wellFormed;
import static org.assertj.core.api.Assertions.assertThat;

/// Nick-change storms against a real server: one member renaming hundreds of times at once,
/// members racing for one nick (registered or registering), an IRC and a plain client racing
/// for one name, and several members of every dialect renaming at the same time. Names stay
/// unique, the views of watchers of every dialect (what they were told, applied in order)
/// converge on what the server lists, nothing is logged as an error, and each storm is over
/// within a generous bound.
@DisplayName("IRC nick storms: names stay unique, every view converges")
@Timeout(60)
class IrcNickStormTest {

    /// Far above the second or so a storm takes on a loaded machine.
    private static final Duration STORM_BOUND = Duration.ofSeconds(20);
    private static final Pattern PLAIN_RENAME = Pattern.compile("\\* (\\S+) is now known as (\\S+)");
    private static final Pattern STRUCTURED_RENAME = Pattern.compile("RENAMED from=(\\S+) to=(\\S+) ts=\\S+");

    private final ServerFixture fixture = new ServerFixture();
    private final LogRecorder severe = LogRecorder.severe();

    @AfterEach
    void stop() {
        closeExpectingNoErrors(fixture, severe);
    }

    /// Sends `payloads.get(i)` from `clients.get(i)`, all released at the same moment, their
    /// threads started in a random order (so that the first started does not always win).
    private static void allAtOnce(List<TestClient> clients, List<String> payloads) {
        var go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        List<Integer> order = new ArrayList<>(IntStream.range(0, clients.size()).boxed().toList());
        Collections.shuffle(order);
        for (int i : order) {
            TestClient client = clients.get(i);
            byte[] bytes = payloads.get(i).getBytes(StandardCharsets.UTF_8);
            senders.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                client.sendRaw(bytes);
            }));
        }
        go.countDown();
        AbuseSupport.join(senders);
    }

    private static void assertWithin(long startNanos, String what) {
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).as(what).isLessThan(STORM_BOUND);
    }

    // ---------------------------------------------------------------- the views

    /// Who the watchers of the three dialects see in `#lobby`.
    private record Watchers(TestClient irc, TestClient plain, TestClient structured) {

        static Watchers join(ServerFixture fixture) {
            var watchers = new Watchers(register(fixture, "ircwatch"), fixture.joinPlain("plainwatch"),
                    fixture.joinVersion2("v2watch"));
            watchers.drain();
            return watchers;
        }

        void drain() {
            sync(irc).forEach(IrcTestSupport::wellFormed);
            AbuseSupport.sync(plain).forEach(IrcTestSupport::printable);
            syncStructured(structured).forEach(IrcTestSupport::printable);
        }

        /// What each lists now: `NAMES`, `/who`, `WHO`; they must agree. Returns the IRC list.
        Set<String> listed() {
            Set<String> names = IrcTestSupport.names(irc, "ircwatch", "#lobby");
            assertThat(plainNames()).as("what /who lists").isEqualTo(names);
            assertThat(structuredNames()).as("what WHO lists").isEqualTo(names);
            return names;
        }

        /// Reads what each was told since the last time, applies every rename, join and leave
        /// to `before`, and checks that each arrives at what the server lists now.
        void converge(Set<String> before) {
            Set<String> irc = new LinkedHashSet<>(before);
            for (String line : sync(this.irc)) {
                IrcMessage message = wellFormed(line);
                switch (message.command()) {
                    case "NICK" -> rename(irc, nickOf(message), message.params().getFirst());
                    case "JOIN" -> irc.add(nickOf(message));
                    case "PART", "QUIT" -> irc.remove(nickOf(message));
                    default -> {
                    }
                }
            }
            Set<String> plain = new LinkedHashSet<>(before);
            for (String line : AbuseSupport.sync(this.plain)) {
                applyRename(plain, PLAIN_RENAME.matcher(line));
            }
            Set<String> structured = new LinkedHashSet<>(before);
            for (String line : syncStructured(this.structured)) {
                applyRename(structured, STRUCTURED_RENAME.matcher(line));
            }
            Set<String> listed = listed();
            assertThat(irc).as("the IRC watcher's view").containsExactlyInAnyOrderElementsOf(listed);
            assertThat(plain).as("the plain watcher's view").containsExactlyInAnyOrderElementsOf(listed);
            assertThat(structured).as("the structured watcher's view").containsExactlyInAnyOrderElementsOf(listed);
        }

        private static void applyRename(Set<String> view, Matcher rename) {
            if (rename.matches()) {
                rename(view, rename.group(1), rename.group(2));
            }
        }

        private static void rename(Set<String> view, String from, String to) {
            assertThat(view.remove(from)).as("%s was in the view when renamed to %s", from, to).isTrue();
            assertThat(view.add(to)).as("%s was not in the view yet", to).isTrue();
        }

        private Set<String> plainNames() {
            plain.send("/who");
            Set<String> names = new LinkedHashSet<>();
            for (int chunk = 0; chunk < 20; chunk++) {
                String line = plain.expectLine(l -> l.startsWith("* In the chat: "), "the answer to /who");
                for (String member : line.substring("* In the chat: ".length()).split(", ")) {
                    if (!member.isBlank()) {
                        names.add(member.replace(",", "").replace(" (away)", "").replaceFirst("^@", ""));
                    }
                }
                if (!line.endsWith(",")) {
                    break;
                }
            }
            return names;
        }

        private Set<String> structuredNames() {
            structured.send("WHO room=#lobby");
            Set<String> names = new LinkedHashSet<>();
            for (int chunk = 0; chunk < 20; chunk++) {
                String line = structured.expectLine("MEMBERS room=#lobby( more=1)? :.*");
                for (String member : line.substring(line.indexOf(" :") + 2).split(" ")) {
                    names.add(member.replaceFirst("^[@~+]+", ""));
                }
                if (!line.contains(" more=1 ")) {
                    break;
                }
            }
            return names;
        }
    }

    // ---------------------------------------------------------------- the storms

    @Test
    @DisplayName("one member renames 300 times in one burst: each rename told once, in order, to every dialect")
    void hundredsOfRenames() {
        fixture.start(abuseConfig().build());
        Watchers watchers = Watchers.join(fixture);
        TestClient storm = register(fixture, "storm");
        Set<String> before = watchers.listed();
        List<String> chain = new ArrayList<>(List.of("storm"));
        var burst = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            chain.add("s" + i);
        }
        chain.add("S300");
        chain.add("s300");
        chain.subList(1, chain.size()).forEach(nick -> burst.append("NICK ").append(nick).append("\r\n"));

        long start = System.nanoTime();
        List<IrcMessage> own = answers(storm, burst.toString().getBytes(StandardCharsets.US_ASCII)).stream()
                .map(IrcTestSupport::wellFormed).toList();
        assertWithin(start, "300 renames");
        List<String> told = new ArrayList<>(List.of(nickOf(own.getFirst())));
        own.forEach(message -> {
            assertThat(message.command()).isEqualTo("NICK");
            told.add(message.params().getFirst());
        });
        assertThat(told).isEqualTo(chain);
        watchers.converge(before);
        System.out.printf("ABUSE irc-nick-burst: renames=%d millis=%d%n", chain.size() - 1,
                (System.nanoTime() - start) / 1_000_000);

        // The names given up are free again; the one kept is not.
        register(fixture, "storm");
        register(fixture, "s150");
        TestClient late = fixture.connect("late");
        late.send("NICK S300\r");
        late.send("USER late 0 * :L\r");
        late.expectLine(line -> line.startsWith(IrcTestSupport.SERVER + "433 * S300 "), "433");
    }

    @Test
    @DisplayName("12 members race for one nick, 20 times: one wins each time, the others get 433")
    void raceForOneNick() {
        fixture.start(abuseConfig().build());
        Watchers watchers = Watchers.join(fixture);
        List<TestClient> racers = new ArrayList<>();
        Map<TestClient, String> nicks = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            TestClient racer = register(fixture, "r" + i);
            racers.add(racer);
            nicks.put(racer, "r" + i);
        }
        racers.forEach(IrcTestSupport::sync);
        Set<String> before = watchers.listed();
        long start = System.nanoTime();
        Map<String, Integer> wins = new HashMap<>();
        for (int round = 1; round <= 20; round++) {
            String prize = "prize" + round;
            allAtOnce(racers, racers.stream().map(racer -> "NICK " + prize + "\r\n").toList());
            List<TestClient> winners = new ArrayList<>();
            // A first round trip from every racer: once each has answered, every NICK has been
            // handled and the winner's rename queued for all. A racer's own round trip alone
            // can come back before the winner's NICK is handled on another connection.
            Map<TestClient, List<String>> first = new HashMap<>();
            racers.forEach(racer -> first.put(racer, sync(racer)));
            for (TestClient racer : racers) {
                List<String> lines = new ArrayList<>(first.get(racer));
                lines.addAll(sync(racer));
                List<IrcMessage> seen = lines.stream().map(IrcTestSupport::wellFormed).toList();
                boolean lost = seen.stream().anyMatch(m -> m.command().equals("433") && m.params().get(1).equals(prize));
                List<IrcMessage> renames = seen.stream().filter(m -> m.command().equals("NICK")).toList();
                assertThat(renames).as("the renames %s saw", racer.label()).singleElement()
                        .satisfies(m -> assertThat(m.params()).containsExactly(prize));
                boolean won = nickOf(renames.getFirst()).equals(nicks.get(racer));
                assertThat(won).as("%s won and lost", racer.label()).isNotEqualTo(lost);
                if (won) {
                    winners.add(racer);
                }
            }
            assertThat(winners).as("the winners of %s", prize).hasSize(1);
            nicks.put(winners.getFirst(), prize);
            wins.merge(winners.getFirst().label(), 1, Integer::sum);
        }
        assertWithin(start, "20 races");
        watchers.converge(before);
        assertThat(watchers.listed()).containsAll(nicks.values()).hasSize(12 + 3);
        System.out.printf("ABUSE irc-nick-race: racers=12 rounds=20 wins=%s millis=%d%n", wins,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    @DisplayName("12 connections register with one nick at once: one 001, eleven 433, and each then registers with another")
    void raceToRegister() {
        fixture.start(abuseConfig().build());
        List<TestClient> fresh = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fresh.add(fixture.connect("fresh" + i));
        }
        allAtOnce(fresh, fresh.stream().map(client -> "NICK same\r\nUSER same 0 * :S\r\n").toList());
        List<TestClient> losers = new ArrayList<>();
        int welcomed = 0;
        for (TestClient client : fresh) {
            List<String> commands = sync(client).stream().map(line -> wellFormed(line).command()).toList();
            if (commands.contains("001")) {
                welcomed++;
            } else {
                assertThat(commands).contains("433");
                losers.add(client);
            }
        }
        assertThat(welcomed).isEqualTo(1);
        for (TestClient loser : losers) {
            loser.send("NICK " + loser.label() + "\r");
            loser.expectLine(line -> line.startsWith(IrcTestSupport.SERVER + "001 " + loser.label() + " "), "001");
        }
    }

    @Test
    @DisplayName("an IRC and a plain client race for one name 25 times, registering and renaming: one wins each time")
    void ircAndPlainRace() {
        fixture.start(abuseConfig().build());
        Watchers watchers = Watchers.join(fixture);
        Map<String, Integer> wins = new HashMap<>();
        for (int round = 0; round < 25; round++) {
            String name = "duo" + round;
            TestClient irc = fixture.connect("irc" + round);
            TestClient plain = fixture.connect("plain" + round);
            allAtOnce(List.of(irc, plain), List.of("NICK " + name + "\r\nUSER d 0 * :D\r\n", name + "\n"));
            List<String> ircCommands = sync(irc).stream().map(line -> wellFormed(line).command()).toList();
            String plainAnswer = plain.expectLine(line -> line.startsWith("* Welcome, " + name + "!")
                    || line.startsWith("* Error: The name " + name + " is already taken"), "welcome or refusal");
            boolean ircWon = ircCommands.contains("001");
            boolean plainWon = plainAnswer.startsWith("* Welcome");
            assertThat(ircWon).as("round %d: both or neither won (IRC saw %s)", round, ircCommands).isNotEqualTo(plainWon);
            assertThat(ircCommands).as("round %d", round).contains(ircWon ? "001" : "433");
            wins.merge(ircWon ? "irc" : "plain", 1, Integer::sum);
            irc.close();
            plain.close();
            ServerFixture.awaitCount("the members", fixture.server()::memberCount, 3);
        }
        watchers.drain();

        TestClient ircRenamer = register(fixture, "ircr");
        TestClient plainRenamer = fixture.joinPlain("plainr");
        TestClient structuredRenamer = fixture.joinVersion2("v2r");
        sync(ircRenamer);
        AbuseSupport.sync(plainRenamer);
        syncStructured(structuredRenamer);
        Set<String> before = watchers.listed();
        String[] current = {"ircr", "plainr", "v2r"};
        for (int round = 0; round < 25; round++) {
            String name = "both" + round;
            allAtOnce(List.of(ircRenamer, plainRenamer, structuredRenamer),
                    List.of("NICK " + name + "\r\n", "/nick " + name + "\n", "NICK name=" + name + "\n"));
            String ircFrom = current[0];
            String plainFrom = current[1];
            String structuredFrom = current[2];
            boolean ircWon = sync(ircRenamer).stream().map(IrcTestSupport::wellFormed)
                    .anyMatch(m -> m.command().equals("NICK") && nickOf(m).equals(ircFrom));
            boolean plainWon = AbuseSupport.sync(plainRenamer).contains("* " + plainFrom + " is now known as " + name);
            boolean structuredWon = syncStructured(structuredRenamer).stream()
                    .anyMatch(line -> line.startsWith("RENAMED from=" + structuredFrom + " to=" + name + " "));
            assertThat(List.of(ircWon, plainWon, structuredWon)).as("round %d: the winners", round)
                    .containsOnlyOnce(true);
            int winner = ircWon ? 0 : plainWon ? 1 : 2;
            current[winner] = name;
            wins.merge(List.of("irc-rename", "plain-rename", "structured-rename").get(winner), 1, Integer::sum);
        }
        watchers.converge(before);
        assertThat(watchers.listed()).contains(current);
        System.out.printf("ABUSE irc-plain-race: rounds=25+25 wins=%s%n", wins);
    }

    @Test
    @DisplayName("8 members of every dialect rename 40 times each at once: every watcher's view converges")
    void concurrentStorms() {
        fixture.start(abuseConfig().build());
        Watchers watchers = Watchers.join(fixture);
        List<TestClient> stormers = new ArrayList<>();
        List<String> bursts = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            stormers.add(register(fixture, "k" + c));
            var burst = new StringBuilder();
            for (int j = 1; j <= 40; j++) {
                burst.append("NICK k").append(c).append('x').append(j).append("\r\n");
            }
            bursts.add(burst.toString());
        }
        TestClient plain = fixture.joinPlain("kplain");
        TestClient structured = fixture.joinVersion2("kv2");
        var plainBurst = new StringBuilder();
        var structuredBurst = new StringBuilder();
        for (int j = 1; j <= 40; j++) {
            plainBurst.append("/nick kplainx").append(j).append('\n');
            structuredBurst.append("NICK name=kv2x").append(j).append('\n');
        }
        stormers.add(plain);
        bursts.add(plainBurst.toString());
        stormers.add(structured);
        bursts.add(structuredBurst.toString());
        stormers.subList(0, 6).forEach(IrcTestSupport::sync);
        AbuseSupport.sync(plain);
        syncStructured(structured);
        Set<String> before = watchers.listed();

        long start = System.nanoTime();
        allAtOnce(stormers, bursts);
        stormers.subList(0, 6).forEach(irc -> sync(irc).forEach(IrcTestSupport::wellFormed));
        AbuseSupport.sync(plain);
        syncStructured(structured);
        assertWithin(start, "8 × 40 renames at once");
        watchers.converge(before);
        Set<String> after = watchers.listed();
        assertThat(after).contains("k0x40", "k5x40", "kplainx40", "kv2x40").hasSize(before.size());
        System.out.printf("ABUSE irc-nick-storms: members=8 renames=320 millis=%d%n",
                (System.nanoTime() - start) / 1_000_000);
    }
}
