package chatroom.protocol.irc;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Parsed;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/// What [IrcMessagePropertyTest] leaves out: messages of any Unicode text, the byte limits
/// (512 with the line end, 8,191 of tags, counted in UTF-8), the fifteen-parameter rule, and
/// that a message is either refused at construction or encodes to one safe line.
@Label("IRC messages: limits in bytes, any text round-trips, nothing builds a second line")
class IrcMessageLimitsPropertyTest {

    @Property(tries = 1000)
    @Label("parse(encode(m)) == m for any text within the limits; refused as too long otherwise")
    void anyMessageRoundTrips(@ForAll("messages") IrcMessage message) {
        String wire = message.encode();
        assertThat(wire).doesNotContain("\r", "\n", "\0");
        Parsed<IrcMessage> read = IrcMessage.parse(wire + "\r\n");
        if (fitsTheLimits(wire)) {
            assertThat(read).isEqualTo(Parsed.ok(message));
        } else {
            assertThat(read).isInstanceOfSatisfying(Parsed.Invalid.class,
                    refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FRAME_TOO_LONG));
        }
    }

    @Property(tries = 1000)
    @Label("a message is refused at construction, or its wire form is one line that reads back")
    void constructionIsSafe(@ForAll("parts") Parts parts) {
        IrcMessage message;
        try {
            message = new IrcMessage(parts.tags(), parts.source(), parts.command(), parts.params());
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        String wire = message.encode();
        assertThat(wire).doesNotContain("\r", "\n", "\0");
        if (fitsTheLimits(wire)) {
            assertThat(IrcMessage.parse(wire)).isEqualTo(Parsed.ok(message));
        }
    }

    @Property(tries = 500)
    @Label("what parsing accepts re-encodes to a line that parses to the same message")
    void parsedMessagesAreCanonical(@ForAll("clientLines") String line) {
        if (IrcMessage.parse(line) instanceof Parsed.Ok<IrcMessage>(IrcMessage message)) {
            String wire = message.encode();
            assertThat(wire).doesNotContain("\r", "\n", "\0");
            if (fitsTheLimits(wire)) {
                assertThat(IrcMessage.parse(wire)).isEqualTo(Parsed.ok(message));
            }
        }
    }

    @Property(tries = 500)
    @Label("a line is refused as too long exactly when its untagged part and CR LF pass 512 bytes of UTF-8")
    void lineLimitInBytes(@ForAll("texts") String text, @ForAll("tagSections") String tags) {
        String rest = "PRIVMSG #c :" + text;
        Parsed<IrcMessage> read = IrcMessage.parse(tags + rest + "\r\n");
        boolean tooLong = utf8(rest) + 2 > IrcMessage.MAX_LINE_BYTES || utf8(tags) > IrcMessage.MAX_TAGS_BYTES;
        if (tooLong) {
            assertThat(read).isInstanceOfSatisfying(Parsed.Invalid.class,
                    refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FRAME_TOO_LONG));
        } else {
            assertThat(read).isInstanceOfSatisfying(Parsed.Ok.class,
                    ok -> assertThat(((IrcMessage) ok.value()).params()).containsExactly("#c", text));
        }
    }

    @Property(tries = 200)
    @Label("the fifteenth parameter takes the rest of the line, however many words follow")
    void fifteenParameters(@ForAll @IntRange(min = 0, max = 40) int words) {
        List<String> all = IntStream.range(0, words).mapToObj(i -> "w" + i).toList();
        String line = "CMD" + all.stream().map(word -> " " + word).collect(Collectors.joining());
        IrcMessage message = ((Parsed.Ok<IrcMessage>) IrcMessage.parse(line)).value();
        assertThat(message.params()).hasSize(Math.min(words, IrcMessage.MAX_PARAMS));
        if (words > IrcMessage.MAX_PARAMS) {
            assertThat(message.params().getLast()).isEqualTo(String.join(" ", all.subList(IrcMessage.MAX_PARAMS - 1,
                    words)));
        }
        assertThat(IrcMessage.parse(message.encode())).isEqualTo(Parsed.ok(message));
    }

    @Property(tries = 1000)
    @Label("opensIrc never throws and is true exactly for CAP, PASS, NICK and USER followed by a space")
    void opensIrc(@ForAll("firstLines") String line) {
        int space = line.indexOf(' ');
        boolean expected = space >= 0 && List.of("CAP", "PASS", "NICK", "USER")
                .contains(line.substring(0, space).toUpperCase(Locale.ROOT));
        assertThat(IrcMessage.opensIrc(line)).as(line).isEqualTo(expected);
    }

    private static boolean fitsTheLimits(String wire) {
        int afterTags = wire.startsWith("@") ? wire.indexOf(' ') + 1 : 0;
        return utf8(wire.substring(afterTags)) + 2 <= IrcMessage.MAX_LINE_BYTES
                && utf8(wire.substring(0, afterTags)) <= IrcMessage.MAX_TAGS_BYTES;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    // ---------------------------------------------------------------- generators

    /// Any text but NUL, CR and LF, now and then long or wide (two-, three- and four-byte characters).
    private static Arbitrary<String> anyText(int maxLength) {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(maxLength),
                Arbitraries.strings().withChars("a :;\\@!é€\uD83D\uDE00\t\u0001").ofMaxLength(maxLength),
                Arbitraries.strings().withCharRange('\u0080', '\uFFFF').ofMaxLength(maxLength))
                .map(text -> text.replace("\0", "").replace("\r", "").replace("\n", ""));
    }

    @Provide
    Arbitrary<IrcMessage> messages() {
        Arbitrary<String> middle = anyText(20).map(text -> text.replace(" ", "")).filter(text -> !text.isEmpty()
                && !text.startsWith(":"));
        Arbitrary<String> last = Arbitraries.frequencyOf(Tuple.of(3, anyText(60)), Tuple.of(1, anyText(600)));
        Arbitrary<String> command = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.integers().between(0, 999).map(n -> String.format(Locale.ROOT, "%03d", n)));
        Arbitrary<Map<String, String>> tags = Arbitraries.maps(
                Arbitraries.strings().withChars("aZ09-").ofMinLength(1).ofMaxLength(6)
                        .flatMap(name -> Arbitraries.of(name, "+" + name, "example.com/" + name, "+a.b/" + name)),
                Arbitraries.frequencyOf(Tuple.of(4, anyText(12)), Tuple.of(1, anyText(3000)))).ofMaxSize(5);
        Arbitrary<Optional<String>> source = middle.optional();
        Arbitrary<List<String>> params = Combinators.combine(middle.list().ofMaxSize(IrcMessage.MAX_PARAMS - 1),
                last.optional()).as((middles, trailing) -> {
                    var all = new ArrayList<>(middles);
                    trailing.ifPresent(all::add);
                    return all;
                });
        return Combinators.combine(tags, source, command, params).as(IrcMessage::new);
    }

    /// The parts of a message, any of them invalid.
    record Parts(Map<String, String> tags, Optional<String> source, String command, List<String> params) {
    }

    @Provide
    Arbitrary<Parts> parts() {
        Arbitrary<String> hostile = Arbitraries.strings().withChars("a:; \r\n\0\\@#é").ofMaxLength(8);
        Arbitrary<Map<String, String>> tags = Arbitraries.maps(hostile, hostile).ofMaxSize(3);
        Arbitrary<String> command = Arbitraries.oneOf(hostile, Arbitraries.of("PRIVMSG", "001", "1", "0001", "PRIV MSG"));
        return Combinators.combine(tags, hostile.optional(), command, hostile.list().ofMaxSize(17)).as(Parts::new);
    }

    @Provide
    Arbitrary<String> clientLines() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("@", ":", " ", "  ", ";", "=", "\\", "PRIVMSG", "privmsg", "001", "#c", "a",
                        "+k", "example.com/", "\\s", "\\:", "é", "€", "\t", "\u0001", "\r", "\r\n")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(10)),
                Tuple.of(1, Arbitraries.integers().between(100, 600).map("x"::repeat)));
        return piece.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> texts() {
        // Around the limit: "PRIVMSG #c :" is 12 bytes, so 498 bytes of text fill the line.
        Arbitrary<String> unit = Arbitraries.of("a", "é", "€", "\uD83D\uDE00", " ", ":");
        return Arbitraries.integers().between(480, 500).flatMap(bytes -> unit.list().ofMinSize(bytes / 4)
                .ofMaxSize(bytes).map(list -> fill(list, bytes)));
    }

    /// The units of `list` from the start, as many as fit in `bytes` bytes of UTF-8.
    private static String fill(List<String> list, int bytes) {
        var text = new StringBuilder();
        for (String unit : list) {
            if (utf8(text.toString()) + utf8(unit) > bytes) {
                break;
            }
            text.append(unit);
        }
        return text.toString();
    }

    @Provide
    Arbitrary<String> tagSections() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.integers().between(8180, 8200).map(bytes -> "@a=" + "v".repeat(bytes - 4) + " ")));
    }

    @Provide
    Arbitrary<String> firstLines() {
        Arbitrary<String> word = Arbitraries.of("CAP", "cap", "Pass", "NICK", "user", "USERS", "NICKS", "HELLO", "CA",
                "", "nick\t", "PASS:", "é");
        Arbitrary<String> rest = Arbitraries.of("", " ", " x", "  ", " LS 302", "\tx", ":x");
        return Arbitraries.oneOf(Combinators.combine(word, rest).as(String::concat), Arbitraries.strings().ofMaxLength(12));
    }
}
