package chatroom.server;

import chatroom.protocol.Parsed;
import chatroom.protocol.Text;
import chatroom.protocol.irc.IrcMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/// What the tests of the IRC dialect share, over raw loopback sockets ([TestClient]): a server
/// called `chatroom`, registering IRC members (with capabilities or without), waiting for a
/// line by pattern, exactly or as a parsed [IrcMessage], knowing that everything sent before
/// now has arrived (a `PING`'s `PONG`, for IRC and structured members), IRCv3 batches, and the
/// check that a line the server sent is one IRC message a client can read.
///
/// IRC lines arrive with their CR, which [TestClient] keeps: the string helpers add it to what
/// they wait for, so tests write lines without it.
final class IrcTestSupport {

    /// The server's name, as in every prefix and `PONG`.
    static final String SERVER_NAME = "chatroom";
    /// The prefix of the server's own lines.
    static final String SERVER = ":" + SERVER_NAME + " ";

    private static final AtomicInteger TOKENS = new AtomicInteger();

    private IrcTestSupport() {
    }

    // ---------------------------------------------------------------- servers

    /// The server called `chatroom` (by default it takes the host's name).
    static ServerConfig.Builder ircConfig() {
        return ServerConfig.builder().serverName(Optional.of(SERVER_NAME));
    }

    /// The server called `chatroom` that never slows a test's members down (flood control and
    /// the private-message rate off).
    static ServerConfig.Builder unthrottledConfig() {
        return ircConfig().maxRate(0).privateRate(0);
    }

    /// [#unthrottledConfig] with the per-address connection rate off too, so that each refusal
    /// an abuse test sees is the one the line itself deserves.
    static ServerConfig.Builder abuseConfig() {
        return unthrottledConfig().connectsPerMinute(0);
    }

    /// Closes `fixture`'s server and clients, then checks that the server logged no error while
    /// `severe` recorded; closes `severe` in any case.
    static void closeExpectingNoErrors(ServerFixture fixture, LogRecorder severe) {
        try {
            fixture.close();
            assertThat(severe.recorded()).as("what the server logged at SEVERE/ERROR").isEmpty();
        } finally {
            severe.close();
        }
    }

    // ---------------------------------------------------------------- members

    /// An IRC member called `nick` that speaks at once, as IRC clients do (so it is sent no plain
    /// greeting), having negotiated `capabilities` (none: no `CAP` at all); registered and past
    /// its join of the default room (its `366`). Every line up to there is checked
    /// [well-formed][#wellFormed], the welcome `001`, the end of the MOTD and the `JOIN` on the way.
    static TestClient register(ServerFixture fixture, String nick, String... capabilities) {
        TestClient client = fixture.connectSilently(nick);
        String user = "USER " + nick + " 0 * :Real Name";
        if (capabilities.length == 0) {
            sendIrc(client, "NICK " + nick, user);
        } else {
            String wanted = String.join(" ", capabilities);
            sendIrc(client, "CAP LS 302", "NICK " + nick, user, "CAP REQ :" + wanted);
            expectMessage(client, message -> message.command().equals("CAP")
                    && message.params().equals(List.of("*", "ACK", wanted)), "the CAP ACK of " + wanted);
            sendIrc(client, "CAP END");
        }
        expectMessage(client, message -> fromServer(message, "001", nick)
                && message.params().getLast().startsWith("Welcome"), "001");
        expectMessage(client, message -> fromServer(message, "422", nick) || fromServer(message, "376", nick),
                "the end of the MOTD (422 or 376)");
        expectMessage(client, message -> message.command().equals("JOIN")
                && message.source().equals(Optional.of(nick + "!" + nick + "@" + SERVER_NAME))
                && message.params().getFirst().equals("#lobby"), "its JOIN of #lobby");
        expectMessage(client, message -> fromServer(message, "366", nick)
                && message.params().equals(List.of(nick, "#lobby", "End of /NAMES list")), "the 366 of its join");
        return client;
    }

    /// Whether `message` is the server's `command` to `nick`.
    private static boolean fromServer(IrcMessage message, String command, String nick) {
        return message.source().equals(Optional.of(SERVER_NAME)) && message.command().equals(command)
                && message.param(0).equals(Optional.of(nick));
    }

    /// `irc` (an IRC member whose nick is its label) joins `channel`, up to its own `JOIN`.
    static void joinChannel(TestClient irc, String channel) {
        sendIrc(irc, "JOIN " + channel);
        irc.expectLine(line -> line.contains("!" + irc.label() + "@" + SERVER_NAME + " JOIN " + channel), "its JOIN");
    }

    /// `plain` (a plain member whose name is its label) joins `channel` too, and goes back to
    /// talking in `#lobby`.
    static void alsoJoinPlain(TestClient plain, String channel) {
        plain.send("/join " + channel);
        plain.expectExactLine("* " + plain.label() + " joined the chat");
        plain.send("/join #lobby");
        plain.expectExactLine("* Your messages now go to #lobby.");
    }

    /// Sends `lines`, each ended by CR LF, in one write.
    static void sendIrc(TestClient client, String... lines) {
        var text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        client.sendRaw(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /// `text` with CR LF, as bytes of UTF-8.
    static byte[] crlf(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- waiting for lines

    /// Skips lines until one matches `regex` (without its CR) as a whole; returns it without its CR.
    static String expect(TestClient client, String regex) {
        Pattern pattern = Pattern.compile(regex + "\r");
        String line = client.expectLine(l -> pattern.matcher(l).matches(), "an IRC line /" + regex + "/");
        return line.substring(0, line.length() - 1);
    }

    /// Skips lines until one is `expected` (and its CR).
    static void expectExact(TestClient client, String expected) {
        client.expectExactLine(expected + "\r");
    }

    /// `text` as a regular expression that matches it literally.
    static String quote(String text) {
        return Pattern.quote(text);
    }

    /// Skips messages (each line checked [well-formed][#wellFormed]) until one matches `wanted`;
    /// returns it.
    static IrcMessage expectMessage(TestClient client, Predicate<IrcMessage> wanted, String description) {
        return wellFormed(client.expectLine(line -> wanted.test(wellFormed(line)), description));
    }

    // ---------------------------------------------------------------- what arrived before now

    /// Sends `before` and a `PING` in one write; returns what arrived before its `PONG` (each
    /// line with its CR).
    static List<String> answers(TestClient client, byte[] before) {
        String token = "Z" + TOKENS.incrementAndGet() + "Q";
        byte[] ping = crlf("PING " + token);
        byte[] both = Arrays.copyOf(before, before.length + ping.length);
        System.arraycopy(ping, 0, both, before.length, ping.length);
        client.sendRaw(both);
        String pong = SERVER + "PONG " + SERVER_NAME + " " + token + "\r";
        // With tags (server-time, labeled-response) the PONG may carry some.
        List<String> lines = client.collectUntil(line -> line.equals(pong)
                || line.startsWith("@") && line.endsWith(" " + pong), "the PONG " + token, TestClient.TIMEOUT);
        return lines.subList(0, lines.size() - 1);
    }

    /// What arrived at an IRC member since the last sync (each line with its CR).
    static List<String> sync(TestClient irc) {
        return answers(irc, new byte[0]);
    }

    /// [#sync] as messages, each line checked [well-formed][#wellFormed].
    static List<IrcMessage> drain(TestClient irc) {
        return sync(irc).stream().map(IrcTestSupport::wellFormed).toList();
    }

    /// What arrived at a structured (version 2) member since the last sync.
    static List<String> syncStructured(TestClient structured) {
        String token = "Z" + TOKENS.incrementAndGet() + "Q";
        structured.send("PING token=" + token);
        List<String> lines = structured.collectUntil(("PONG token=" + token)::equals, "the PONG", TestClient.TIMEOUT);
        return lines.subList(0, lines.size() - 1);
    }

    // ---------------------------------------------------------------- batches

    /// The next batch `client` receives: from its `BATCH +ref` line to its `BATCH -ref` line,
    /// both included (lines outside it are skipped).
    static List<IrcMessage> batch(TestClient client) {
        IrcMessage opening = expectMessage(client, message -> message.command().equals("BATCH")
                && message.param(0).orElse("").startsWith("+"), "a BATCH +");
        String reference = opening.params().getFirst().substring(1);
        List<IrcMessage> batch = new ArrayList<>();
        batch.add(opening);
        for (String line : client.collectUntil(line -> {
            IrcMessage message = wellFormed(line);
            return message.command().equals("BATCH") && message.params().equals(List.of("-" + reference));
        }, "the BATCH -" + reference, TestClient.TIMEOUT)) {
            IrcMessage message = wellFormed(line);
            if (message.tags().containsKey("batch") || message.command().equals("BATCH")) {
                batch.add(message);
            }
        }
        return batch;
    }

    /// The messages of `batch` (from [#batch]) that belong to it directly, without its
    /// opening and closing lines; checks that each carries the batch's tag.
    static List<IrcMessage> inside(List<IrcMessage> batch) {
        String reference = batch.getFirst().params().getFirst().substring(1);
        List<IrcMessage> inner = batch.subList(1, batch.size() - 1);
        assertThat(inner).allSatisfy(message -> assertThat(message.tags()).containsEntry("batch", reference));
        return inner;
    }

    /// The texts of `messages`' `PRIVMSG`s.
    static List<String> texts(List<IrcMessage> messages) {
        return messages.stream().filter(message -> message.command().equals("PRIVMSG"))
                .map(message -> message.params().get(1)).toList();
    }

    // ---------------------------------------------------------------- reading lines

    /// Asserts that `line` (as received, with its CR) is one IRC message that a client can
    /// read: CR LF ended, within 512 bytes without its tags and 8,191 of tags, no control
    /// character but CTCP's marker; returns the message.
    static IrcMessage wellFormed(String line) {
        assertThat(line).as("a line from the server").endsWith("\r");
        String body = line.substring(0, line.length() - 1);
        assertThat(body.replace('\u0001', ' ').codePoints().noneMatch(Text::isForbidden))
                .as("no control character in %s", body).isTrue();
        Parsed<IrcMessage> parsed = IrcMessage.parse(body);
        assertThat(parsed).as("the IRC line %s", shorten(body)).isInstanceOf(Parsed.Ok.class);
        return ((Parsed.Ok<IrcMessage>) parsed).value();
    }

    /// Asserts that `line` (from a plain or structured member) holds no control character.
    static void printable(String line) {
        assertThat(line.codePoints().noneMatch(Text::isForbidden)).as("no control character in %s", shorten(line))
                .isTrue();
    }

    /// The nicks that `NAMES channel` lists now, without their prefixes.
    static Set<String> names(TestClient irc, String nick, String channel) {
        irc.send("NAMES " + channel + "\r");
        List<String> lines = irc.collectUntil(line -> line.contains(" 366 " + nick + " " + channel + " "),
                "the end of NAMES " + channel, TestClient.TIMEOUT);
        Set<String> names = new LinkedHashSet<>();
        List<String> shown = new ArrayList<>();
        for (String line : lines) {
            IrcMessage message = wellFormed(line);
            if (message.command().equals("353") && message.params().get(2).equals(channel)) {
                for (String name : message.params().get(3).split(" ")) {
                    shown.add(name.replaceFirst("^[@+]+", ""));
                }
            }
        }
        names.addAll(shown);
        assertThat(shown).as("NAMES %s lists each nick once", channel).hasSameSizeAs(names);
        return names;
    }

    /// The nick part of a message's source (`nick!user@host`).
    static String nickOf(IrcMessage message) {
        String source = message.source().orElseThrow();
        int bang = source.indexOf('!');
        return bang < 0 ? source : source.substring(0, bang);
    }

    /// `text`, cut to 200 characters for a failure message.
    static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
