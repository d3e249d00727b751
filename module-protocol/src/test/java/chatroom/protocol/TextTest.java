package chatroom.protocol;

import static chatroom.protocol.Outcomes.ok;
import static chatroom.protocol.Outcomes.outcome;
import static chatroom.protocol.Outcomes.refusal;
import static chatroom.protocol.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Text")
class TextTest {

    private static final int MAX = Limits.MAX_TEXT_BYTES;

    @Nested
    @DisplayName("checkMessage")
    class CheckMessage {

        @Test
        @DisplayName("an ordinary message is accepted unchanged, spaces and colons included")
        void ordinary() {
            assertThat(Text.checkMessage("  hi :) there\t")).isEqualTo(ok("  hi :) there\t"));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", " ", "   ", "\t", " \t ", "\u2003"})
        @DisplayName("a blank message gives EMPTY_TEXT")
        void blank(String text) {
            assertThat(outcome(Text.checkMessage(text))).isEqualTo(ErrorCode.EMPTY_TEXT);
        }

        static Stream<Arguments> atLimit() {
            return Stream.of(
                    Arguments.of("1-byte", "a"), Arguments.of("2-byte", "é"),
                    Arguments.of("3-byte", "€"), Arguments.of("4-byte", "😀"));
        }

        @ParameterizedTest(name = "{0} characters")
        @MethodSource("atLimit")
        @DisplayName("exactly MAX_TEXT_BYTES bytes is accepted, one character more is TEXT_TOO_LONG")
        void limitInBytes(String description, String character) {
            int perCharacter = utf8(character).length;
            String atLimit = character.repeat(MAX / perCharacter);
            String over = atLimit + character;

            assertThat(Text.checkMessage(atLimit)).isEqualTo(ok(atLimit));
            assertThat(outcome(Text.checkMessage(over))).isEqualTo(ErrorCode.TEXT_TOO_LONG);
        }

        @Test
        @DisplayName("the limit is in bytes: 2,049 two-byte characters are too long though far fewer than 4,096 chars")
        void limitIsBytesNotChars() {
            String text = "è".repeat(MAX / 2 + 1);
            assertThat(text.length()).isLessThan(MAX);

            Parsed.Invalid<?> invalid = refusal(Text.checkMessage(text));

            assertThat(invalid.code()).isEqualTo(ErrorCode.TEXT_TOO_LONG);
            assertThat(invalid.detail()).contains(String.valueOf(MAX + 2)).contains(String.valueOf(MAX));
        }

        @Test
        @DisplayName("a forbidden character gives BAD_CHARACTER, even in a blank or over-long text")
        void forbiddenFirst() {
            assertThat(outcome(Text.checkMessage("hi\rforged"))).isEqualTo(ErrorCode.BAD_CHARACTER);
            assertThat(outcome(Text.checkMessage(" \u0000 "))).isEqualTo(ErrorCode.BAD_CHARACTER);
            assertThat(outcome(Text.checkMessage("a".repeat(MAX) + "\u0007"))).isEqualTo(ErrorCode.BAD_CHARACTER);
        }
    }

    @Nested
    @DisplayName("checkShortText (topics, reasons, away texts)")
    class CheckShortText {

        private static final int TOPIC = Limits.MAX_TOPIC_BYTES;

        static Stream<Arguments> atLimit() {
            return Stream.of(
                    Arguments.of("1-byte", "a"), Arguments.of("2-byte", "é"),
                    Arguments.of("3-byte", "€"), Arguments.of("4-byte", "😀"));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", " ", "\t", "Rust 2.0: out now :)", "  kept as typed  "})
        @DisplayName("accepts any text of allowed characters, empty and blank included, unchanged")
        void accepted(String text) {
            assertThat(Text.checkShortText(text)).isEqualTo(ok(text));
        }

        @ParameterizedTest(name = "{0} characters")
        @MethodSource("atLimit")
        @DisplayName("exactly MAX_TOPIC_BYTES bytes (or the most whole characters below) is accepted, one more is TEXT_TOO_LONG")
        void limitInBytes(String description, String character) {
            int perCharacter = utf8(character).length;
            String atLimit = character.repeat(TOPIC / perCharacter);
            String over = atLimit + character;

            assertThat(Text.checkShortText(atLimit)).isEqualTo(ok(atLimit));
            Parsed.Invalid<?> invalid = refusal(Text.checkShortText(over));
            assertThat(invalid.code()).isEqualTo(ErrorCode.TEXT_TOO_LONG);
            assertThat(invalid.detail()).contains(String.valueOf(TOPIC));
        }

        @Test
        @DisplayName("a forbidden character gives BAD_CHARACTER, even in an over-long text")
        void forbidden() {
            assertThat(outcome(Text.checkShortText("topic\rforged"))).isEqualTo(ErrorCode.BAD_CHARACTER);
            assertThat(outcome(Text.checkShortText("a".repeat(TOPIC + 1) + "\u2028"))).isEqualTo(ErrorCode.BAD_CHARACTER);
        }
    }

    @Nested
    @DisplayName("forbidden characters")
    class Forbidden {

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(ints = {0x00, 0x07, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F, 0x2028, 0x2029})
        @DisplayName("C0, DEL, C1 and the Unicode line and paragraph separators are forbidden")
        void forbidden(int codePoint) {
            assertThat(Text.isForbidden(codePoint)).isTrue();
            assertThat(outcome(Text.checkCharacters("ok" + Character.toString(codePoint)).orElseThrow()))
                    .isEqualTo(ErrorCode.BAD_CHARACTER);
        }

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(ints = {0x09, 0x20, 0x3A, 0x7E, 0xA0, 0xE8, 0x200B, 0xFEFF, 0x1F600})
        @DisplayName("TAB, space, printable and format characters are allowed")
        void allowed(int codePoint) {
            assertThat(Text.isForbidden(codePoint)).isFalse();
            assertThat(Text.checkCharacters("ok" + Character.toString(codePoint))).isEmpty();
        }

        @Test
        @DisplayName("the refusal names the first forbidden character and its position")
        void detail() {
            Parsed.Invalid<String> invalid = Text.checkCharacters("ab\u0085c\u0000").orElseThrow();

            assertThat(invalid.code()).isEqualTo(ErrorCode.BAD_CHARACTER);
            assertThat(invalid.detail()).contains("U+0085").contains("2");
        }
    }

    @Nested
    @DisplayName("byte counting and framing")
    class Bytes {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "a", "é", "€", "😀", "🇮🇹", "Perché è così? 名前 😀"})
        @DisplayName("utf8Length equals the length of the UTF-8 encoding")
        void utf8Length(String text) {
            assertThat(Text.utf8Length(text)).isEqualTo(utf8(text).length);
        }

        @Test
        @DisplayName("frameBytes is the UTF-8 of the line followed by one \\n")
        void frameBytes() {
            assertThat(Text.frameBytes("SAY :è")).containsExactly('S', 'A', 'Y', ' ', ':', 0xC3, 0xA8, '\n');
            assertThat(Text.frameBytes("")).containsExactly('\n');
        }
    }
}
