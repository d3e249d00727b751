package chatroom.server.internal;

import chatroom.protocol.Parsed;
import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// Replies echo what a client sent (the nick of `NICK`, the channel of `JOIN`, the token of
/// `PING`): whatever that was, the reply is one IRC line of at most 512 bytes, a word that
/// cannot be a middle parameter is shown as `*`, and what fits is shown as sent.
@Label("IrcLines: a reply echoing anything a client sent is one line within 512 bytes")
class IrcLinesEchoPropertyTest {

    private static final IrcLines LINES = new IrcLines(new IrcServer("chatroom", "chatroom", "chatroom/1.0",
            Instant.parse("2026-01-01T00:00:00Z"), List.of(), 50, false), () -> new IrcCensus(0, 0, 0, 1, 0));
    private static final int MAX_WITHOUT_CRLF = IrcMessage.MAX_LINE_BYTES - 2;

    @Property(tries = 1000)
    @Label("a reply echoing any words and text: within 512 bytes, reads back, shows each word as sent, as * or cut")
    void repliesFit(@ForAll("words") List<String> echoed, @ForAll("texts") String text) {
        List<String> params = new ArrayList<>(echoed);
        params.add(text);
        IrcMessage reply = LINES.reply(IrcNumeric.ERR_NOSUCHNICK, "alice", params.toArray(String[]::new));

        String wire = reply.encode();
        assertThat(utf8(wire)).isLessThanOrEqualTo(MAX_WITHOUT_CRLF);
        assertThat(IrcMessage.parse(wire)).isEqualTo(Parsed.ok(reply));
        assertThat(reply.params()).hasSize(params.size() + 1).startsWith("alice");
        List<String> expected = new ArrayList<>(List.of("alice"));
        for (String word : echoed) {
            expected.add(isMiddle(word) ? word : "*");
        }
        expected.add(text);
        for (int i = 1; i < expected.size(); i++) {
            assertThat(expected.get(i)).as("parameter %d", i).startsWith(reply.params().get(i));
        }
        if (utf8(IrcNumeric.ERR_NOSUCHNICK.reply("chatroom", "alice", expected.subList(1, expected.size())
                .toArray(String[]::new)).encode()) <= MAX_WITHOUT_CRLF) {
            assertThat(reply.params()).as("a reply that fits").isEqualTo(expected);
        }
    }

    @Property(tries = 300)
    @Label("a PONG echoing any token: within 512 bytes, the token kept when it fits")
    void pongFits(@ForAll("texts") String token) {
        IrcMessage pong = LINES.fromServer("PONG", "chatroom", token);
        assertThat(utf8(pong.encode())).isLessThanOrEqualTo(MAX_WITHOUT_CRLF);
        assertThat(token).startsWith(pong.params().getLast());
        if (utf8(token) < 400) {
            assertThat(pong.params()).containsExactly("chatroom", token);
        }
    }

    @Example
    @Label("JOIN a,,b, NICK :a b, CAP :, MODE #c :+ x: the word that cannot be one is *")
    void unsendableWords() {
        assertThat(LINES.reply(IrcNumeric.ERR_NOSUCHCHANNEL, "alice", "", "No such channel").encode())
                .isEqualTo(":chatroom 403 alice * :No such channel");
        assertThat(LINES.reply(IrcNumeric.ERR_ERRONEUSNICKNAME, "alice", "a b", "Erroneous nickname").encode())
                .isEqualTo(":chatroom 432 alice * :Erroneous nickname");
        assertThat(LINES.reply(IrcNumeric.ERR_INVALIDCAPCMD, "*", ":", "Invalid CAP command").encode())
                .isEqualTo(":chatroom 410 * * :Invalid CAP command");
        assertThat(LINES.reply(IrcNumeric.ERR_UNKNOWNMODE, "alice", "#ok", "is unknown").encode())
                .isEqualTo(":chatroom 472 alice #ok :is unknown");
    }

    private static boolean isMiddle(String word) {
        return !word.isEmpty() && word.charAt(0) != ':' && word.indexOf(' ') < 0;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /// What a parsed client line can hold: no NUL, CR or LF, no lone surrogate (not UTF-8).
    private static Arbitrary<String> lineSafe(Arbitrary<String> text) {
        return text.map(value -> value.replace("\0", "").replace("\r", "").replace("\n", "")
                .replaceAll("[\\uD800-\\uDFFF]", ""));
    }

    @Provide
    Arbitrary<List<String>> words() {
        Arbitrary<String> word = Arbitraries.frequencyOf(
                Tuple.of(4, lineSafe(Arbitraries.strings().withChars("ab#:, é€").ofMaxLength(12))),
                Tuple.of(2, lineSafe(Arbitraries.strings().ofMaxLength(12))),
                Tuple.of(1, Arbitraries.integers().between(100, 520).map("w"::repeat)),
                Tuple.of(1, Arbitraries.integers().between(50, 200).map("\u20ac"::repeat)));
        return word.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, lineSafe(Arbitraries.strings().ofMaxLength(40))),
                Tuple.of(1, Arbitraries.integers().between(300, 520).map("t"::repeat)),
                Tuple.of(1, Arbitraries.integers().between(100, 200).map("\uD83D\uDE00"::repeat)));
    }
}
