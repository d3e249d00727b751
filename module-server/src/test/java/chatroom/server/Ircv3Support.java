package chatroom.server;

import chatroom.protocol.Parsed;
import chatroom.protocol.irc.IrcMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/// Helpers for the tests of the IRC dialect's IRCv3 parts: IRC members registered with
/// capabilities, and what they receive read as [IrcMessage]s (so tags can be checked one by
/// one, whatever their order).
final class Ircv3Support {

    /// The server's name in every prefix.
    static final String SERVER = "chatroom";

    private static final AtomicInteger TOKENS = new AtomicInteger();

    private Ircv3Support() {
    }

    /// A server called `chatroom` that never slows a test's members down.
    static ServerConfig.Builder ircConfig() {
        return ServerConfig.builder().serverName(Optional.of(SERVER)).maxRate(0).privateRate(0);
    }

    /// An IRC member called `nick` with `capabilities` (none: no negotiation), registered and
    /// past its join of the default room (its `366`).
    static TestClient register(ServerFixture fixture, String nick, String... capabilities) {
        TestClient client = fixture.connect(nick);
        if (capabilities.length > 0) {
            client.send("CAP LS 302");
        }
        client.send("NICK " + nick);
        client.send("USER " + nick + " 0 * :" + nick);
        if (capabilities.length > 0) {
            String wanted = String.join(" ", capabilities);
            client.send("CAP REQ :" + wanted);
            expect(client, message -> message.command().equals("CAP") && message.params().equals(
                    List.of("*", "ACK", wanted)), "the CAP ACK of " + wanted);
            client.send("CAP END");
        }
        expect(client, message -> message.command().equals("001"), "001");
        expect(client, message -> message.command().equals("366"), "the 366 of its join");
        return client;
    }

    /// `raw` (as [TestClient] gives it, with its CR) as a message.
    static IrcMessage parse(String raw) {
        assertThat(raw).endsWith("\r");
        Parsed<IrcMessage> parsed = IrcMessage.parse(raw.substring(0, raw.length() - 1));
        assertThat(parsed).as(raw).isInstanceOf(Parsed.Ok.class);
        return ((Parsed.Ok<IrcMessage>) parsed).value();
    }

    /// Skips lines until a message matches `wanted`; returns it.
    static IrcMessage expect(TestClient client, Predicate<IrcMessage> wanted, String description) {
        return parse(client.expectLine(line -> wanted.test(parse(line)), description));
    }

    /// Everything `client` receives until the server answers a `PING` sent now: what the
    /// server had queued for it before (each member's lines are sent in order).
    static List<IrcMessage> drain(TestClient client) {
        String token = "drain" + TOKENS.incrementAndGet();
        client.send("PING " + token);
        List<IrcMessage> received = new ArrayList<>();
        for (String line : client.collectUntil(line -> line.endsWith(" PONG " + SERVER + " " + token + "\r"),
                "the PONG " + token, TestClient.TIMEOUT)) {
            received.add(parse(line));
        }
        received.removeLast();
        return received;
    }

    /// The next batch `client` receives: from its `BATCH +ref` line to its `BATCH -ref` line,
    /// both included (lines outside it are skipped).
    static List<IrcMessage> batch(TestClient client) {
        IrcMessage opening = expect(client, message -> message.command().equals("BATCH")
                && message.param(0).orElse("").startsWith("+"), "a BATCH +");
        String reference = opening.params().getFirst().substring(1);
        List<IrcMessage> batch = new ArrayList<>();
        batch.add(opening);
        for (String line : client.collectUntil(line -> {
            IrcMessage message = parse(line);
            return message.command().equals("BATCH") && message.params().equals(List.of("-" + reference));
        }, "the BATCH -" + reference, TestClient.TIMEOUT)) {
            IrcMessage message = parse(line);
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
}
