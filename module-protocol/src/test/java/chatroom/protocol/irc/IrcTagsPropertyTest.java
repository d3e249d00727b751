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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/// IRCv3 message tags as a client may send them: any escaping reads back, any section (bad
/// keys, bad escapes, floods of tags, keys given twice) is answered with a value, and nothing
/// a tag section holds can become a line break.
@Label("IRC tags: escapes read back, any section is a value")
class IrcTagsPropertyTest {

    /// The key grammar of IRCv3, written independently of [IrcTags#isKey]:
    /// `['+'] [vendor '/'] name`, a vendor of letters, digits, `-` and `.`.
    private static final Pattern KEY = Pattern.compile("\\+?(?:[A-Za-z0-9.\\-]+/)?[A-Za-z0-9\\-]+");

    @Property(tries = 1000)
    @Label("unescape(escape(v)) == v, and an escaped value holds no ';', space, CR or LF")
    void escapingReadsBack(@ForAll("values") String value) {
        var escaped = new StringBuilder();
        IrcTags.escape(value, escaped);
        assertThat(escaped.toString()).doesNotContain(";", " ", "\r", "\n");
        assertThat(IrcTags.unescape(escaped.toString())).isEqualTo(value);
    }

    @Property(tries = 1000)
    @Label("isKey agrees with the grammar")
    void keyGrammar(@ForAll("keyish") String key) {
        assertThat(IrcTags.isKey(key)).as(key).isEqualTo(KEY.matcher(key).matches());
    }

    @Property(tries = 1000)
    @Label("any section is a value; what is accepted holds valid keys and no NUL, CR or LF")
    void anySectionIsAValue(@ForAll("sections") String section) {
        switch (IrcTags.parse(section)) {
            case Parsed.Ok<Map<String, String>>(Map<String, String> tags) -> tags.forEach((key, value) -> {
                assertThat(IrcTags.isKey(key)).as("key %s", key).isTrue();
                assertThat(value).doesNotContain("\r", "\n", "\0");
            });
            case Parsed.Invalid<Map<String, String>>(ErrorCode code, String detail) -> {
                assertThat(code).isIn(ErrorCode.BAD_FRAME, ErrorCode.BAD_CHARACTER);
                assertThat(detail).hasSizeLessThan(100);
            }
        }
    }

    @Property(tries = 300)
    @Label("a key given twice keeps its last value, in the place it first had")
    void lastOfARepeatedKeyWins(@ForAll("pairs") List<Tuple.Tuple2<String, String>> pairs) {
        Map<String, String> expected = new LinkedHashMap<>();
        var section = new StringBuilder();
        for (var pair : pairs) {
            expected.put(pair.get1(), pair.get2());
            if (!section.isEmpty()) {
                section.append(';');
            }
            section.append(pair.get1());
            if (!pair.get2().isEmpty()) {
                IrcTags.escape(pair.get2(), section.append('='));
            }
        }
        assertThat(IrcTags.parse(section.toString())).isEqualTo(Parsed.ok(expected));
    }

    @Property(tries = 30)
    @Label("a flood of thousands of tags within 8,191 bytes parses, and one byte more is refused")
    void tagFloods(@ForAll @IntRange(min = 1, max = 4000) int count) {
        // Keys "k0".."kN" with the value "v", cut or padded to exactly 8,191 bytes with the '@'
        // and the space: the most a client may send.
        var section = new StringBuilder();
        for (int i = 0; i < count && section.length() < IrcMessage.MAX_TAGS_BYTES; i++) {
            section.append(i == 0 ? "" : ";").append('k').append(i).append("=v");
        }
        String tags = fit(section.toString(), IrcMessage.MAX_TAGS_BYTES - 2);
        Parsed<IrcMessage> fits = IrcMessage.parse("@" + tags + " PING x\r\n");
        assertThat(fits).isInstanceOf(Parsed.Ok.class);
        assertThat(((Parsed.Ok<IrcMessage>) fits).value().params()).containsExactly("x");
        assertThat(IrcMessage.parse("@" + tags + "0 PING x\r\n")).isInstanceOfSatisfying(Parsed.Invalid.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FRAME_TOO_LONG));
    }

    /// `section` cut to `bytes` (never after a `;` or `=`, so what is left is still tags), or
    /// padded to `bytes` by a last tag `z=zzz…`.
    private static String fit(String section, int bytes) {
        if (section.length() < bytes - 3) {
            return section + ";z=" + "z".repeat(bytes - section.length() - 3);
        }
        String cut = section.substring(0, bytes);
        while (cut.endsWith(";") || cut.endsWith("=")) {
            cut = cut.substring(0, cut.length() - 1) + "x";
        }
        return cut;
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withChars("\\;: srn\r\n=é\0").ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> keyish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("aZ09-./+").ofMaxLength(12),
                Arbitraries.strings().withChars("aZ09-./+ =;\\é_").ofMaxLength(12),
                Arbitraries.of("+", "/", "a/", "/a", "+a/b", "a.b/c-d", "+a.b/c", "a//b", "+/x", "++a", "a+"));
    }

    @Provide
    Arbitrary<String> sections() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4, keyish()),
                Tuple.of(2, Arbitraries.of(";", "=", "\\", "\\\\", "\\:", "\\s", "\\r", "\\n", "\\0", "\\q", "\r", "\n",
                        "\0", " ", "msgid", "+draft/reply", "time", "label")),
                Tuple.of(1, values()));
        return piece.list().ofMaxSize(20).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> pairs() {
        Arbitrary<String> key = Arbitraries.of("a", "b", "+c", "example.com/d", "msgid", "label");
        Arbitrary<String> value = Arbitraries.strings().withChars("ab \\;=é:").ofMaxLength(8);
        return Combinators.combine(key, value).as(Tuple::of).list().ofMinSize(1).ofMaxSize(12);
    }
}
