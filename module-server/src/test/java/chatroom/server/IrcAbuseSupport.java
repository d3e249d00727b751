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

import static org.assertj.core.api.Assertions.assertThat;

/// What the IRC fuzz and abuse tests share: a server called `chatroom`, registering IRC
/// members, waiting for a `PING`'s `PONG` to know that everything before it was answered, the
/// same for the plain and structured observers, and the check that a line the server sent is
/// one IRC message a client can read.
final class IrcAbuseSupport {

    static final String SERVER = ":chatroom ";

    private static final AtomicInteger TOKENS = new AtomicInteger();

    private IrcAbuseSupport() {
    }

    /// A server called `chatroom` with flood control, the per-address connection rate and the
    /// private-message rate off, so that each refusal is the one the line itself deserves.
    static ServerConfig.Builder config() {
        return ServerConfig.builder().serverName(Optional.of("chatroom")).maxRate(0).connectsPerMinute(0)
                .privateRate(0);
    }

    /// An IRC member called `nick`, registered and past the names of the default room.
    static TestClient register(ServerFixture fixture, String nick) {
        TestClient client = fixture.connect(nick);
        client.send("NICK " + nick + "\r");
        client.send("USER " + nick + " 0 * :" + nick + "\r");
        client.expectLine(line -> line.startsWith(SERVER + "001 " + nick + " "), "001");
        client.expectExactLine(SERVER + "366 " + nick + " #lobby :End of /NAMES list\r");
        return client;
    }

    /// An IRC member called `nick` that negotiated `capabilities` (space-separated) first.
    static TestClient registerWith(ServerFixture fixture, String nick, String capabilities) {
        TestClient client = fixture.connect(nick);
        client.send("CAP LS 302\r");
        client.send("CAP REQ :" + capabilities + "\r");
        client.expectLine(line -> line.startsWith(SERVER + "CAP * ACK "), "the ACK of " + capabilities);
        client.send("NICK " + nick + "\r");
        client.send("USER " + nick + " 0 * :" + nick + "\r");
        client.send("CAP END\r");
        client.expectLine(line -> line.contains(SERVER + "366 " + nick + " #lobby "), "366");
        return client;
    }

    /// `text` with CR LF, as bytes of UTF-8.
    static byte[] crlf(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /// Sends `before` and a `PING` in one write; returns what arrived before its `PONG` (each
    /// line with its CR).
    static List<String> answers(TestClient client, byte[] before) {
        String token = "Z" + TOKENS.incrementAndGet() + "Q";
        byte[] ping = crlf("PING " + token);
        byte[] both = Arrays.copyOf(before, before.length + ping.length);
        System.arraycopy(ping, 0, both, before.length, ping.length);
        client.sendRaw(both);
        String pong = SERVER + "PONG chatroom " + token + "\r";
        // With tags (server-time, labeled-response) the PONG may carry some.
        List<String> lines = client.collectUntil(line -> line.equals(pong)
                || line.startsWith("@") && line.endsWith(" " + pong), "the PONG " + token, TestClient.TIMEOUT);
        return lines.subList(0, lines.size() - 1);
    }

    /// What arrived at an IRC member since the last sync.
    static List<String> sync(TestClient irc) {
        return answers(irc, new byte[0]);
    }

    /// What arrived at a structured (version 2) member since the last sync.
    static List<String> syncStructured(TestClient structured) {
        String token = "Z" + TOKENS.incrementAndGet() + "Q";
        structured.send("PING token=" + token);
        List<String> lines = structured.collectUntil(("PONG token=" + token)::equals, "the PONG", TestClient.TIMEOUT);
        return lines.subList(0, lines.size() - 1);
    }

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

    static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
