package chatroom.protocol.irc;

import chatroom.protocol.Parsed;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/// Whatever a client sends, parsing answers with a value; whatever the server builds, its wire
/// form is one line that reads back as the same message.
class IrcMessagePropertyTest {

    @Property(tries = 2000)
    void parsingNeverThrows(@ForAll String line) {
        assertThat(IrcMessage.parse(line)).isNotNull();
    }

    @Property(tries = 2000)
    void hostileLinesNeverThrow(@ForAll("hostile") String line) {
        Parsed<IrcMessage> parsed = IrcMessage.parse(line);
        if (parsed instanceof Parsed.Ok<IrcMessage> ok) {
            assertThat(ok.value().encode()).doesNotContain("\r", "\n", "\0");
        }
    }

    @Property(tries = 2000)
    void encodedMessagesReadBack(@ForAll("messages") IrcMessage message) {
        String wire = message.encode();
        assertThat(wire).doesNotContain("\r", "\n");
        assertThat(IrcMessage.parse(wire + "\r\n")).isEqualTo(Parsed.ok(message));
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.of("@", ":", " ", ";", "=", "\\", "\r", "\n", "\0", "PRIVMSG", "#c",
                "a", "é", "001", "+k", "/", "\\s", "\\:", "\r\n");
        return pieces.list().ofMaxSize(30).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<IrcMessage> messages() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcXYZ09#&!@.-_[]{}|^é").ofMinLength(1).ofMaxLength(8)
                .filter(text -> !text.startsWith(":"));
        Arbitrary<String> trailing = Arbitraries.strings().withChars("ab :;\\é!@#").ofMaxLength(20);
        Arbitrary<String> command = Arbitraries.oneOf(Arbitraries.strings().withChars("ABCdef").ofMinLength(1)
                .ofMaxLength(8), Arbitraries.integers().between(0, 999).map(n -> String.format("%03d", n)));
        Arbitrary<Map<String, String>> tags = Arbitraries.maps(
                Arbitraries.of("msgid", "time", "+example.com/x", "label", "batch", "a-b"),
                Arbitraries.strings().withChars("ab ;\\=é").ofMaxLength(10)).ofMaxSize(4);
        Arbitrary<Optional<String>> source = Arbitraries.of("irc.example", "nick!user@host", "x").optional();
        Arbitrary<List<String>> params = Combinators.combine(word.list().ofMaxSize(5), trailing.optional())
                .as((middle, last) -> {
                    var all = new java.util.ArrayList<>(middle);
                    last.ifPresent(all::add);
                    return all;
                });
        return Combinators.combine(tags, source, command, params).as(IrcMessage::new);
    }
}
