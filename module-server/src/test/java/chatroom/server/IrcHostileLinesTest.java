package chatroom.server;

import chatroom.protocol.irc.IrcMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static chatroom.server.IrcTestSupport.SERVER;
import static chatroom.server.IrcTestSupport.abuseConfig;
import static chatroom.server.IrcTestSupport.answers;
import static chatroom.server.IrcTestSupport.closeExpectingNoErrors;
import static chatroom.server.IrcTestSupport.crlf;
import static chatroom.server.IrcTestSupport.nickOf;
import static chatroom.server.IrcTestSupport.register;
import static chatroom.server.IrcTestSupport.sync;
import static chatroom.server.IrcTestSupport.syncStructured;
import static chatroom.server.IrcTestSupport.wellFormed;
import static org.assertj.core.api.Assertions.assertThat;

/// Hostile IRC lines, one kind per test, from a registered member (`hostile`) and, where it
/// matters, from a connection that has not registered: each is answered as its kind deserves,
/// every reply is one IRC line of at most 512 bytes, nothing the line should not do reaches
/// `watcher`, the connection stays up, and nothing is logged as an error.
@DisplayName("IRC hostile lines: each refused or bounded, the connection and the others unharmed")
@Timeout(60)
class IrcHostileLinesTest {

    private final ServerFixture fixture = new ServerFixture();
    private final LogRecorder severe = LogRecorder.severe();

    @AfterEach
    void stop() {
        closeExpectingNoErrors(fixture, severe);
    }

    /// The replies to `line` (the server's own lines), each well-formed; none is `ERROR`.
    private static List<IrcMessage> replies(TestClient client, byte[] line) {
        List<IrcMessage> replies = answers(client, line).stream().map(IrcTestSupport::wellFormed)
                .filter(message -> message.source().filter("chatroom"::equals).isPresent()).toList();
        assertThat(replies).as("the replies to %s", IrcTestSupport.shorten(new String(line, StandardCharsets.UTF_8)))
                .noneMatch(reply -> reply.command().equals("ERROR"));
        return replies;
    }

    private static List<IrcMessage> replies(TestClient client, String line) {
        return replies(client, crlf(line));
    }

    /// The commands of `messages`, in order.
    private static List<String> commands(List<IrcMessage> messages) {
        return messages.stream().map(IrcMessage::command).toList();
    }

    private static byte[] bytes(String before, int[] bad, String after) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : bad) {
            out.write(b);
        }
        out.writeBytes((after + "\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    @DisplayName("NUL, invalid and over-long UTF-8, surrogates: one NOTICE each, nothing reaches the others")
    void nulAndInvalidUtf8() {
        fixture.start(abuseConfig().build());
        TestClient watcher = register(fixture, "watcher");
        TestClient hostile = register(fixture, "hostile");
        List<byte[]> lines = List.of(
                crlf("PRIVMSG #lobby :a\0b mark"), crlf("\0"), crlf("\0\0\0"), crlf("NICK \0"), crlf("JOIN #a\0b"),
                crlf("@a=\0 PRIVMSG #lobby :mark"), crlf(":\0 PRIVMSG #lobby :mark"),
                bytes("PRIVMSG #lobby :", new int[]{0xFF}, " mark"),
                bytes("PRIVMSG #lobby :", new int[]{0xC3, 0x28}, " mark"),
                bytes("PRIVMSG #lobby :", new int[]{0xC0, 0xAF}, " mark"),
                bytes("PRIVMSG #lobby :", new int[]{0xED, 0xA0, 0x80}, " mark"),
                bytes("PRIVMSG #lobby :", new int[]{0xF4, 0x90, 0x80, 0x80}, " mark"),
                bytes("PRIVMSG #lobby :", new int[]{0xE9}, "t\u00e9 latin-1 mark"),
                bytes("NICK ", new int[]{0xFF, 0xFE}, ""),
                bytes("", new int[]{0xEF, 0xBB, 0xBF}, "PRIVMSG #lobby :byte order mark"));
        for (byte[] line : lines) {
            assertThat(commands(replies(hostile, line))).as(new String(line, StandardCharsets.UTF_8))
                    .containsExactly("NOTICE");
        }
        assertThat(sync(watcher)).noneMatch(line -> line.contains("mark"));
    }

    /// Found by IrcFuzzTest: a topic with a control character was kept, and then every frame
    /// of it failed, the setter's connection first, then every member who joined the room.
    @Test
    @DisplayName("TOPIC with mIRC formatting, another control character or more than the limit: one NOTICE, the topic kept, joiners unharmed")
    void topicsNoDialectCanCarry() {
        fixture.start(abuseConfig().build());
        TestClient hostile = register(fixture, "hostile");
        IrcTestSupport.joinChannel(hostile, "#den");
        sync(hostile);
        assertThat(replies(hostile, "TOPIC #den :plain words")).isEmpty();
        for (String topic : List.of("\u0002bold\u0002 words", "\u0003" + "4red", "\u0001ACTION x\u0001",
                "a\u007fdel", "x".repeat(400))) {
            assertThat(commands(replies(hostile, "TOPIC #den :" + topic))).as(IrcTestSupport.shorten(topic))
                    .containsExactly("NOTICE");
        }
        assertThat(replies(hostile, "TOPIC #den")).extracting(IrcMessage::command).contains("332");
        assertThat(replies(hostile, "TOPIC #den").stream().filter(reply -> reply.command().equals("332")))
                .extracting(reply -> reply.params().getLast()).containsExactly("plain words");

        TestClient joiner = register(fixture, "joiner");
        joiner.send("JOIN #den\r");
        IrcTestSupport.expect(joiner, ".* 332 joiner #den :plain words");
        TestClient structured = fixture.joinVersion2("structy");
        structured.send("JOIN room=#den");
        structured.expectLine("TOPIC room=#den by=hostile ts=\\S+ :plain words");
    }

    @Test
    @DisplayName("a client's source is ignored; one with spaces or nothing after it is refused")
    void sources() {
        fixture.start(abuseConfig().build());
        TestClient watcher = register(fixture, "watcher");
        TestClient hostile = register(fixture, "hostile");
        sync(watcher);
        assertThat(replies(hostile, ":fake!u@h PRIVMSG #lobby :mark1")).isEmpty();
        assertThat(replies(hostile, ":watcher PRIVMSG #lobby :mark2")).isEmpty();
        assertThat(replies(hostile, ":chatroom PRIVMSG #lobby :mark3")).isEmpty();
        assertThat(replies(hostile, "   PRIVMSG   #lobby   :mark4")).isEmpty();
        assertThat(commands(replies(hostile, ": PRIVMSG #lobby :mark5"))).containsExactly("NOTICE");
        assertThat(commands(replies(hostile, ":  PRIVMSG #lobby :mark6"))).containsExactly("NOTICE");
        assertThat(commands(replies(hostile, ":a b PRIVMSG #lobby :mark7"))).containsExactly("421");
        assertThat(commands(replies(hostile, "PRIVMSG\t#lobby :mark8"))).containsExactly("NOTICE");
        assertThat(commands(replies(hostile, ":x"))).containsExactly("NOTICE");
        assertThat(commands(replies(hostile, ":"))).containsExactly("NOTICE");
        List<IrcMessage> seen = sync(watcher).stream().map(IrcTestSupport::wellFormed).toList();
        assertThat(seen).extracting(message -> message.params().getLast())
                .containsExactly("mark1", "mark2", "mark3", "mark4");
        assertThat(seen).allSatisfy(message -> assertThat(message.source()).contains("hostile!hostile@chatroom"));
    }

    @Test
    @DisplayName("15 and more parameters: the fifteenth takes the rest, each command uses what it needs")
    void manyParameters() {
        fixture.start(abuseConfig().build());
        TestClient watcher = register(fixture, "watcher");
        TestClient hostile = register(fixture, "hostile");
        sync(watcher);
        String twenty = IntStream.rangeClosed(3, 22).mapToObj(Integer::toString).collect(Collectors.joining(" "));
        assertThat(replies(hostile, "PRIVMSG #lobby mark1 " + twenty)).isEmpty();
        assertThat(answers(hostile, crlf("JOIN #many k " + twenty)))
                .anyMatch(line -> line.equals(":hostile!hostile@chatroom JOIN #many\r"));
        assertThat(replies(hostile, "NICK many " + twenty)).isEmpty();
        replies(hostile, "TOPIC #many mark2 " + twenty);
        replies(hostile, "MODE #lobby " + twenty);
        replies(hostile, "CAP " + twenty);

        TestClient newcomer = fixture.connect("newcomer");
        assertThat(replies(newcomer, "NICK newcomer " + twenty)).isEmpty();
        assertThat(commands(replies(newcomer, "USER newcomer 0 * " + twenty))).contains("001");

        List<IrcMessage> seen = sync(watcher).stream().map(IrcTestSupport::wellFormed).toList();
        assertThat(seen).filteredOn(message -> message.command().equals("PRIVMSG")).singleElement()
                .satisfies(message -> assertThat(message.params()).containsExactly("#lobby", "mark1"));
        assertThat(seen).anyMatch(message -> message.command().equals("NICK") && nickOf(message).equals("hostile")
                && message.params().equals(List.of("many")));
    }

    @Test
    @DisplayName("numerics sent as commands: 421 from a member, 451 before registration")
    void numericsAsCommands() {
        fixture.start(abuseConfig().build());
        TestClient hostile = register(fixture, "hostile");
        TestClient stranger = fixture.connect("stranger");
        assertThat(replies(stranger, "NICK stranger")).isEmpty();
        for (String line : List.of("001 hostile :Welcome", "433 * hostile :in use", "005 a b c", "999", "000",
                "372 hostile :- motd", "PONG")) {
            String numeric = line.split(" ")[0];
            if (!numeric.equals("PONG")) {
                assertThat(replies(hostile, line)).as(line).singleElement().satisfies(reply -> {
                    assertThat(reply.command()).isEqualTo("421");
                    assertThat(reply.params()).startsWith("hostile", numeric);
                });
                assertThat(commands(replies(stranger, line))).as(line).containsExactly("451");
            } else {
                assertThat(replies(hostile, line)).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("CAP garbage before and after registration: answered without ERROR; registration still completes")
    void capGarbage() {
        fixture.start(abuseConfig().build());
        TestClient member = register(fixture, "member");
        TestClient capper = fixture.connect("capper");
        List<String> garbage = List.of("CAP LS 302", "CAP", "CAP :", "CAP ::", "CAP  ", "CAP LS :x y",
                "CAP LS 99999999999999999999", "CAP LS -1", "CAP REQ", "CAP REQ :", "CAP REQ ::x", "CAP REQ :-",
                "CAP REQ :--x", "CAP REQ :" + "multi-prefix ".repeat(38), "CAP REQ :cap-notify=1", "CAP REQ :sasl",
                "CAP REQ :" + "x ".repeat(250), "CAP FOO", "CAP ls", "CAP list", "CAP * LS", "CAP NEW :x",
                "CAP DEL :x", "CAP ACK :x", "@a=b CAP LS", "cap req :MULTI-PREFIX", "CAP END END");
        int answered = 0;
        for (String line : garbage) {
            for (TestClient client : List.of(capper, member)) {
                List<IrcMessage> replies = replies(client, line);
                assertThat(replies).as(line).hasSizeLessThanOrEqualTo(1);
                answered += replies.size();
            }
        }
        assertThat(answered).isGreaterThan(garbage.size());
        capper.send("NICK capper\r");
        capper.send("USER capper 0 * :C\r");
        capper.send("CAP END\r");
        capper.expectLine(line -> line.contains(SERVER + "001 capper "), "001");
        capper.expectLine(line -> line.contains(":capper!capper@chatroom JOIN #lobby"), "the JOIN");
    }

    @Test
    @DisplayName("very long nicks, channels, targets and tokens: refused with replies that fit in 512 bytes")
    void longWords() {
        fixture.start(abuseConfig().build());
        TestClient hostile = register(fixture, "hostile");
        Map<String, String> expected = new TreeMap<>(Map.of(
                "NICK " + "n".repeat(505), "432",
                "JOIN #" + "c".repeat(500), "403",
                "PART #" + "c".repeat(500), "403",
                "TOPIC #" + "c".repeat(500) + " :x", "403",
                "NAMES #" + "c".repeat(500), "366",
                "MODE #" + "c".repeat(500), "403",
                "PRIVMSG " + "t".repeat(495) + " :x", "401",
                "PRIVMSG #" + "t".repeat(495) + " :x", "404",
                "PING :" + "p".repeat(500), "PONG",
                "CAP REQ :" + "x ".repeat(250), "CAP"));
        expected.put("CAP " + "y".repeat(505), "410");
        expected.put("WHATEVER" + "w".repeat(500), "421");
        expected.forEach((line, command) -> {
            assertThat(crlf(line).length).as(line).isLessThanOrEqualTo(IrcMessage.MAX_LINE_BYTES);
            assertThat(commands(replies(hostile, line))).as(line).containsExactly(command);
        });
    }

    @Test
    @DisplayName("JOIN of 1,000 channels: 417; of as many as fit in a line: each answered once, the room limits hold")
    void joinManyChannels() {
        fixture.start(abuseConfig().build());
        TestClient joiner = register(fixture, "joiner");
        String thousand = IntStream.range(0, 1_000).mapToObj(i -> "#c" + i).collect(Collectors.joining(","));
        assertThat(commands(replies(joiner, "JOIN " + thousand))).containsExactly("417");

        List<String> channels = new ArrayList<>();
        var line = new StringBuilder("JOIN ");
        for (int i = 0; line.length() + 1 + ("#j" + i).length() <= 510; i++) {
            line.append(i == 0 ? "" : ",").append("#j").append(i);
            channels.add("#j" + i);
        }
        long start = System.nanoTime();
        List<IrcMessage> answer = answers(joiner, crlf(line.toString())).stream().map(IrcTestSupport::wellFormed).toList();
        Map<String, List<String>> fates = new TreeMap<>();
        for (IrcMessage message : answer) {
            switch (message.command()) {
                case "JOIN" -> fates.computeIfAbsent(message.params().getFirst(), c -> new ArrayList<>()).add("JOIN");
                case "403", "405" -> fates.computeIfAbsent(message.params().get(1), c -> new ArrayList<>())
                        .add(message.command());
                default -> assertThat(message.command()).as(message.toString()).isIn("353", "366", "331", "332", "333");
            }
        }
        assertThat(fates.keySet()).containsExactlyInAnyOrderElementsOf(channels);
        assertThat(fates.values()).allSatisfy(fate -> assertThat(fate).hasSize(1));
        // Ten rooms a minute from one address may be made (the default); the rest are refused.
        assertThat(fates.values().stream().filter(fate -> fate.equals(List.of("JOIN")))).hasSize(10);
        System.out.printf("ABUSE irc-join-many: channels=%d joined=10 answer_lines=%d millis=%d%n", channels.size(),
                answer.size(), (System.nanoTime() - start) / 1_000_000);

        String lobbies = "JOIN " + String.join(",", java.util.Collections.nCopies(60, "#lobby"));
        assertThat(replies(joiner, lobbies)).isEmpty();
        List<String> parted = answers(joiner, crlf("JOIN 0")).stream().map(IrcTestSupport::wellFormed)
                .filter(message -> message.command().equals("PART")).map(message -> message.params().getFirst()).toList();
        assertThat(parted).hasSize(11).contains("#lobby");
    }

    @Test
    @DisplayName("PRIVMSG to 1,000 targets: 417; to more than MAXTARGETS: the first 4 only, 407 for the rest")
    void privmsgManyTargets() {
        fixture.start(abuseConfig().build());
        TestClient watcher = register(fixture, "watcher");
        TestClient plain = fixture.joinPlain("plainwatch");
        TestClient structured = fixture.joinVersion2("v2watch");
        TestClient sender = register(fixture, "sender");
        sync(watcher);
        AbuseSupport.sync(plain);
        syncStructured(structured);
        String thousand = IntStream.range(0, 1_000).mapToObj(i -> "t" + i).collect(Collectors.joining(","));
        assertThat(commands(replies(sender, "PRIVMSG " + thousand + " :x"))).containsExactly("417");

        List<String> targets = new ArrayList<>(List.of("nobody1", "nobody2", "nobody3", "nobody4", "watcher",
                "plainwatch", "v2watch", "#lobby"));
        for (int i = 0; String.join(",", targets).length() < 480; i++) {
            targets.add(i % 2 == 0 ? "watcher" : "#lobby");
            targets.add("x" + i);
        }
        List<IrcMessage> answer = replies(sender, "PRIVMSG " + String.join(",", targets) + " :mark");
        assertThat(commands(answer)).containsExactly("401", "401", "401", "401", "407");
        assertThat(answer.getLast().params()).startsWith("sender", "watcher");
        assertThat(replies(sender, "NOTICE " + String.join(",", targets) + " :mark")).isEmpty();
        assertThat(replies(sender, "PRIVMSG #lobby,watcher :both")).isEmpty();
        // Only commas: no target at all, 411 (NOTICE: still never answered).
        assertThat(commands(replies(sender, "PRIVMSG ,,, :x"))).containsExactly("411");
        assertThat(replies(sender, "NOTICE , :x")).isEmpty();

        List<String> seen = sync(watcher);
        assertThat(seen).noneMatch(line -> line.contains("mark"));
        assertThat(seen).filteredOn(line -> line.contains(":both")).hasSize(2);
        assertThat(AbuseSupport.sync(plain)).noneMatch(line -> line.contains("mark"))
                .anyMatch(line -> line.contains("both"));
        assertThat(syncStructured(structured)).noneMatch(line -> line.contains("mark"))
                .anyMatch(line -> line.contains("both"));
    }
}
