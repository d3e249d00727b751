package chatroom.server;

import chatroom.protocol.PlainText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static chatroom.server.AbuseSupport.LATENCY_BOUND;
import static chatroom.server.IrcTestSupport.SERVER;
import static chatroom.server.IrcTestSupport.expectExact;
import static chatroom.server.IrcTestSupport.ircConfig;
import static chatroom.server.IrcTestSupport.register;
import static chatroom.server.IrcTestSupport.sendIrc;
import static chatroom.server.IrcTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

/// The IRC dialect's connection: the plain greeting it is never sent, the length of its lines,
/// `PING` both ways with the idle timeout, `QUIT` with a reason, and flood control in IRC's
/// way (penalties that slow a client down, then `ERROR :… (Excess Flood)`). Over raw loopback
/// sockets; timing bounds are generous, and where a test shows that something is slowed it
/// bounds it from below, which no slow machine can break.
@DisplayName("IRC dialect: the connection")
@Timeout(90)
class IrcConnectionTest {

    /// A little more than the server holds the greeting back (`Connection.GREETING_DELAY`, 0.4 s).
    private static final Duration PAST_GREETING_DELAY = Duration.ofMillis(1_000);

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /// Waits until `duration` has passed since `start`: to show that something does *not* come.
    private static void sleepUntil(long start, Duration duration) throws InterruptedException {
        long left = duration.toMillis() - millisSince(start);
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    @Nested
    @DisplayName("the plain greeting")
    class Greeting {

        @Test
        @DisplayName("an IRC client that speaks at once is never sent it, not even later")
        void notSentToIrc() throws InterruptedException {
            fixture.start(ircConfig().build());
            long start = System.nanoTime();
            TestClient client = fixture.connectSilently("wee");
            sendIrc(client, "CAP LS 302", "NICK wee", "USER wee 0 * :Wee");
            sendIrc(client, "CAP END");
            List<String> lines = new ArrayList<>(client.collectUntil(line -> line.startsWith(SERVER + "366 wee "),
                    "the end of the names", TestClient.TIMEOUT));
            sleepUntil(start, PAST_GREETING_DELAY);
            lines.addAll(sync(client));

            assertThat(lines.getFirst()).startsWith(SERVER + "CAP * LS ");
            assertThat(lines).noneMatch(line -> line.contains("Welcome to chatroom"))
                    .anyMatch(line -> line.startsWith(SERVER + "001 wee "));
        }

        @Test
        @DisplayName("nor is the password greeting, to an IRC client that gives PASS at once")
        void passwordGreetingNotSentToIrc() {
            fixture.start(ircConfig().password(Optional.of(ServerPassword.of("sesame"))).build());
            TestClient client = fixture.connectSilently("ircy");
            sendIrc(client, "PASS sesame", "NICK ircy", "USER ircy 0 * :I");
            List<String> lines = client.collectUntil(line -> line.startsWith(SERVER + "001 ircy "), "001",
                    TestClient.TIMEOUT);
            assertThat(lines).hasSize(1);

            TestClient waiting = fixture.connectSilently("nc");
            assertThat(waiting.nextLine()).isEqualTo(PlainText.PASSWORD_GREETING);
        }

        @Test
        @DisplayName("a person who waits with nc is greeted after a moment; a script that sends at once, first")
        void plainClientsStillGreeted() {
            fixture.start(ircConfig().build());
            long start = System.nanoTime();
            TestClient waiting = fixture.connectSilently("nc");
            assertThat(waiting.nextLine()).isEqualTo(ServerFixture.GREETING);
            assertThat(millisSince(start)).as("the greeting was held back").isGreaterThanOrEqualTo(350);
            waiting.send("carol");
            waiting.expectLine(line -> line.startsWith("* Welcome, carol!"), "the welcome");

            TestClient script = fixture.connectSilently("script");
            script.sendRaw("dave\nhello from a script\n".getBytes(StandardCharsets.US_ASCII));
            List<String> lines = script.collectUntil("dave: hello from a script"::equals, "its message",
                    TestClient.TIMEOUT);
            assertThat(lines.getFirst()).isEqualTo(ServerFixture.GREETING);
            assertThat(lines.get(1)).startsWith("* Welcome, dave!");
        }

        @Test
        @DisplayName("a structured client that says HELLO at once gets HELLO first; a refused first line, the greeting first")
        void structuredAndRefusedFirstLines() {
            fixture.start(ircConfig().build());
            TestClient structured = fixture.connectSilently("structy");
            structured.send("HELLO v=2");
            assertThat(structured.nextLine()).matches("HELLO v=2 server=\\S+ max-frame=8192 .*");

            TestClient garbled = fixture.connectSilently("garbled");
            garbled.sendRaw(new byte[] {'a', (byte) 0xFF, '\n'});
            assertThat(garbled.nextLine()).isEqualTo(ServerFixture.GREETING);
            assertThat(garbled.nextLine()).isEqualTo("* Error: line is not valid UTF-8");
        }
    }

    @Nested
    @DisplayName("line length: 512 bytes and 8191 bytes of tags; 417 for more, and the connection stays up")
    class LineLength {

        private static final String HEAD = "PRIVMSG #lobby :";

        /// A tag section (`@`, the tags, the space) of exactly `bytes` bytes.
        private static String tags(int bytes) {
            return "@+chatroom.test/pad=" + "t".repeat(bytes - "@+chatroom.test/pad=".length() - 1) + " ";
        }

        @Test
        @DisplayName("512 bytes with CR LF are a message; 513 are answered 417")
        void classicEdge() {
            fixture.start(ircConfig().build());
            TestClient irc = register(fixture, "ircy");
            TestClient plain = fixture.joinPlain("plainy");
            String text = "a".repeat(510 - HEAD.length());
            assertThat((HEAD + text + "\r\n").length()).isEqualTo(512);
            sendIrc(irc, HEAD + text);
            plain.expectExactLine("ircy: " + text);
            sendIrc(irc, HEAD + text + "b");
            expectExact(irc, SERVER + "417 ircy :Input line was too long");
            sendIrc(irc, HEAD + "still here");
            plain.expectExactLine("ircy: still here");
        }

        @Test
        @DisplayName("8191 bytes of tags on a full 512-byte line are a message; one byte more of either, 417")
        void tagEdges() {
            fixture.start(ircConfig().build());
            TestClient irc = register(fixture, "ircy");
            TestClient plain = fixture.joinPlain("plainy");
            String text = "c".repeat(510 - HEAD.length());
            assertThat(tags(8191)).hasSize(8191);

            sendIrc(irc, tags(8191) + HEAD + text);
            plain.expectExactLine("ircy: " + text);
            sendIrc(irc, tags(8192) + HEAD + "too many tags");
            expectExact(irc, SERVER + "417 ircy :Input line was too long");
            sendIrc(irc, tags(8191) + HEAD + text + "d");
            expectExact(irc, SERVER + "417 ircy :Input line was too long");
            sendIrc(irc, HEAD + "after the tags");
            List<String> seen = plain.collectUntil("ircy: after the tags"::equals, "the last message",
                    TestClient.TIMEOUT);
            assertThat(seen).noneMatch(line -> line.contains("too many tags"));
        }

        @Test
        @DisplayName("a line far longer than any IRC line is discarded up to its LF, even sent in pieces, with one 417")
        void farTooLong() {
            fixture.start(ircConfig().build());
            TestClient irc = register(fixture, "ircy");
            TestClient plain = fixture.joinPlain("plainy");
            // If its end were read as a line of its own, it would be a message.
            String huge = "x".repeat(20_000) + " " + HEAD + "the tail";
            byte[] bytes = (huge + "\r\n").getBytes(StandardCharsets.US_ASCII);
            int third = bytes.length / 3;
            irc.sendRaw(java.util.Arrays.copyOfRange(bytes, 0, third));
            irc.sendRaw(java.util.Arrays.copyOfRange(bytes, third, 2 * third));
            irc.sendRaw(java.util.Arrays.copyOfRange(bytes, 2 * third, bytes.length));
            List<String> answers = sync(irc);
            assertThat(answers.stream().filter(line -> line.contains(" 417 "))).hasSize(1);
            sendIrc(irc, HEAD + "marker");
            List<String> seen = plain.collectUntil("ircy: marker"::equals, "the marker", TestClient.TIMEOUT);
            assertThat(seen).noneMatch(line -> line.contains("the tail"));
        }
    }

    @Nested
    @DisplayName("PING both ways, and the idle timeout")
    class Heartbeat {

        private static final Pattern PING = Pattern.compile("PING :?(\\S+)\r");

        @Test
        @DisplayName("the server pings an idle member, a PONG keeps it, silence drops it with a Ping timeout")
        void pingPongTimeout() {
            fixture.start(ircConfig().heartbeat(Duration.ofSeconds(1)).build());
            TestClient structured = fixture.joinVersion2("structy");
            structured.answerPings();
            TestClient plain = fixture.joinPlain("plainy");
            TestClient idle = register(fixture, "idle");
            for (int i = 0; i < 3; i++) {
                String ping = idle.expectLine(line -> PING.matcher(line).matches(), "the server's PING");
                Matcher token = PING.matcher(ping);
                assertThat(token.matches()).isTrue();
                sendIrc(idle, "PONG :" + token.group(1));
            }
            // Now it answers no more.
            List<String> last = idle.awaitClosed(Duration.ofSeconds(15));
            assertThat(last).anyMatch(line -> line.matches("ERROR :Closing Link: idle \\(Ping timeout: \\d+ seconds\\)\r"));
            structured.expectLine("LEFT name=idle ts=\\S+ reason=timeout");
            plain.expectExactLine("* idle left the chat (timed out)");
        }

        @Test
        @DisplayName("any line counts as alive: a member that talks is never dropped for its unanswered PINGs")
        void anyLineIsLiveness() throws InterruptedException {
            fixture.start(ircConfig().heartbeat(Duration.ofSeconds(1)).build());
            TestClient talker = register(fixture, "talker");
            // 3.2 s, over three heartbeats, never answering a PING.
            for (int i = 0; i < 8; i++) {
                sendIrc(talker, "PRIVMSG #lobby :tick " + i);
                Thread.sleep(400);
            }
            sync(talker);
        }

        @Test
        @DisplayName("the client's PING is answered with its token, before registration too")
        void clientPings() {
            fixture.start(ircConfig().build());
            TestClient early = fixture.connectSilently("early");
            sendIrc(early, "NICK early", "PING :before registration");
            expectExact(early, SERVER + "PONG chatroom :before registration");
        }
    }

    @Nested
    @DisplayName("QUIT with a reason")
    class Quit {

        @Test
        @DisplayName("QUIT :going home reaches every dialect with its words; the leaver gets ERROR :Closing Link")
        void withReason() {
            fixture.start(ircConfig().build());
            TestClient watcher = register(fixture, "watcher");
            TestClient plain = fixture.joinPlain("plainy");
            TestClient structured = fixture.joinVersion2("structy");
            TestClient leaver = register(fixture, "leaver");
            expectExact(watcher, ":leaver!leaver@chatroom JOIN #lobby");

            sendIrc(leaver, "QUIT :going home");
            assertThat(leaver.awaitClosed()).contains("ERROR :Closing Link: leaver (Quit: going home)\r");
            expectExact(watcher, ":leaver!leaver@chatroom QUIT :Quit: going home");
            plain.expectExactLine("* leaver left the chat: going home");
            structured.expectLine("LEFT name=leaver ts=\\S+ reason=quit :going home");
        }

        @Test
        @DisplayName("a bare QUIT says just Quit; a reason too long for a topic is cut to 390 bytes")
        void bareAndLong() {
            fixture.start(ircConfig().build());
            TestClient watcher = register(fixture, "watcher");
            TestClient structured = fixture.joinVersion2("structy");
            TestClient quiet = register(fixture, "quiet");
            sendIrc(quiet, "QUIT");
            assertThat(quiet.awaitClosed()).contains("ERROR :Closing Link: quiet (Quit)\r");
            expectExact(watcher, ":quiet!quiet@chatroom QUIT Quit");
            structured.expectLine("LEFT name=quiet ts=\\S+ reason=quit");

            TestClient talkative = register(fixture, "talkative");
            sendIrc(talkative, "QUIT :" + "é".repeat(240));
            expectExact(watcher, ":talkative!talkative@chatroom QUIT :Quit: " + "é".repeat(195));
        }
    }

    @Nested
    @DisplayName("flood control: penalties slow a client down, a hostile flood ends in Excess Flood")
    class Flood {

        private static final String TOO_FAST = "NOTICE %s :you are sending too fast; your messages are being slowed down";

        private static String messages(String prefix, int from, int to) {
            var lines = new StringBuilder();
            for (int i = from; i < to; i++) {
                lines.append("PRIVMSG #lobby :").append(prefix).append(' ').append(i).append("\r\n");
            }
            return lines.toString();
        }

        @Test
        @DisplayName("a burst within the allowance is served at once, without a notice")
        void burstServedAtOnce() {
            // One line a second beyond a burst of 20: twelve lines held back would take 12 s.
            fixture.start(ircConfig().maxRate(1).maxBurst(20).build());
            TestClient plain = fixture.joinPlain("plainy");
            TestClient irc = register(fixture, "bursty");
            long start = System.nanoTime();
            irc.sendRaw(messages("burst", 0, 12).getBytes(StandardCharsets.US_ASCII));
            plain.expectExactLine("bursty: burst 11");
            assertThat(millisSince(start)).as("twelve lines within the allowance").isLessThan(4_000);
            assertThat(sync(irc)).noneMatch(line -> line.contains("sending too fast"));
        }

        @Test
        @DisplayName("a sustained flood is slowed to the rate, told once, and loses nothing")
        void sustainedFloodSlowed() {
            fixture.start(ircConfig().maxRate(10).maxBurst(5).build());
            TestClient plain = fixture.joinPlain("plainy");
            TestClient irc = register(fixture, "steady");
            long start = System.nanoTime();
            irc.sendRaw(messages("flood", 0, 40).getBytes(StandardCharsets.US_ASCII));
            List<String> seen = plain.collectUntil("steady: flood 39"::equals, "the last of the flood",
                    Duration.ofSeconds(30));
            // At most 5 at once, then 10 a second: 3.5 s at the least for the last one.
            assertThat(millisSince(start)).as("forty lines beyond a burst of five").isGreaterThanOrEqualTo(2_000);
            List<String> flood = seen.stream().filter(line -> line.startsWith("steady: flood ")).toList();
            assertThat(flood).hasSize(40);
            for (int i = 0; i < flood.size(); i++) {
                assertThat(flood.get(i)).isEqualTo("steady: flood " + i);
            }
            List<String> told = sync(irc);
            assertThat(told.stream().filter(line -> line.equals(SERVER + TOO_FAST.formatted("steady") + "\r")))
                    .hasSize(1);
        }

        @Test
        @DisplayName("renames cost more than messages: ten NICKs at once are slowed more than ten lines would be")
        void nickStormPenalty() {
            fixture.start(ircConfig().maxRate(10).maxBurst(5).build());
            TestClient watcher = register(fixture, "watcher");
            TestClient storm = register(fixture, "n0");
            expectExact(watcher, ":n0!n0@chatroom JOIN #lobby");
            long start = System.nanoTime();
            var nicks = new StringBuilder();
            for (int i = 1; i <= 10; i++) {
                nicks.append("NICK n").append(i).append("\r\n");
            }
            storm.sendRaw(nicks.toString().getBytes(StandardCharsets.US_ASCII));
            expectExact(watcher, ":n9!n9@chatroom NICK n10");
            // As ten plain lines they would take 0.5 s beyond the burst; as three tokens each, 2.5 s.
            assertThat(millisSince(start)).as("ten renames").isGreaterThanOrEqualTo(1_500);
        }

        @Test
        @DisplayName("a hostile flood ends in ERROR :Closing Link (Excess Flood); the others keep chatting")
        void hostileFlood() throws InterruptedException {
            fixture.start(ircConfig().build());
            var pair = AbuseSupport.Pair.join(fixture);
            TestClient carol = fixture.joinPlain("carol");
            TestClient watcher = register(fixture, "watcher");
            TestClient flooder = register(fixture, "flooder");
            expectExact(watcher, ":flooder!flooder@chatroom JOIN #lobby");
            long start = System.nanoTime();
            byte[] thousand = messages("spam", 0, 1_000).getBytes(StandardCharsets.US_ASCII);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        flooder.sendRaw(thousand);
                    }
                } catch (UncheckedIOException e) {
                    // The server cut the connection while the buffers were full.
                }
            });
            long worst = 0;
            for (int i = 0; i < 5; i++) {
                worst = Math.max(worst, pair.roundTripMillis("flood " + i));
            }
            List<String> rest = flooder.awaitClosed(Duration.ofSeconds(20));
            long droppedMillis = millisSince(start);
            assertThat(writer.join(TestClient.TIMEOUT)).isTrue();
            assertThat(rest).contains("ERROR :Closing Link: flooder (Excess Flood)\r");
            List<String> watched = watcher.collectUntil(":flooder!flooder@chatroom QUIT :Excess Flood\r"::equals,
                    "the flooder's end", TestClient.TIMEOUT);
            carol.expectExactLine("* flooder left the chat (excess flood)");
            worst = Math.max(worst, pair.roundTripMillis("after"));

            long delivered = watched.stream().filter(line -> line.contains(" PRIVMSG #lobby :spam ")).count();
            assertThat(delivered).as("spam delivered in %d ms", droppedMillis)
                    .isLessThanOrEqualTo(20 + 10 * (droppedMillis / 1000 + 1));
            assertThat(worst).as("the others' worst round trip, ms").isLessThan(LATENCY_BOUND.toMillis());
        }

        @Test
        @DisplayName("a client held back by flood control is let go at once when the server stops")
        void shutdownCutsTheWaitShort() {
            fixture.start(ircConfig().maxRate(1).maxBurst(5).build());
            TestClient slow = register(fixture, "slow");
            slow.sendRaw(messages("slow", 0, 30).getBytes(StandardCharsets.US_ASCII));
            slow.expectLine(line -> line.contains("sending too fast"), "the flood notice");
            long start = System.nanoTime();
            fixture.server().stop(ServerFixture.STOP_GRACE);
            assertThat(millisSince(start)).as("stopping while a reader waits").isLessThan(4_000);
            assertThat(slow.awaitClosed()).anyMatch(line -> line.startsWith("ERROR :"));
        }
    }
}
