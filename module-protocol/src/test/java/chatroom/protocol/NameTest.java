package chatroom.protocol;

import static chatroom.protocol.Outcomes.ok;
import static chatroom.protocol.Outcomes.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Name")
class NameTest {

    private static final String SUPPLEMENTARY_LETTER = "\uD840\uDC00"; // U+20000, a CJK ideograph

    @Nested
    @DisplayName("accepts")
    class Accepts {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"alice", "Luca_V", "jean-luc", "a.b", "È", "名前", "Ольга", "x", "007", "_-.",
                "abcdefghijklmnopqrstuvwxyz012345"})
        @DisplayName("letters, digits, '_', '-' and '.' up to 32 characters")
        void valid(String candidate) {
            assertThat(Name.parse(candidate)).isEqualTo(ok(new Name(candidate)));
            assertThat(new Name(candidate).value()).isEqualTo(candidate);
        }

        @Test
        @DisplayName("32 characters counted as code points, not UTF-16 chars")
        void lengthInCodePoints() {
            String name = SUPPLEMENTARY_LETTER.repeat(Limits.MAX_NAME_LENGTH);
            assertThat(name).hasSize(2 * Limits.MAX_NAME_LENGTH);

            assertThat(Name.parse(name)).isEqualTo(ok(new Name(name)));
        }
    }

    @Nested
    @DisplayName("refuses with NAME_INVALID")
    class Refuses {

        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("", "at least one character"),
                    Arguments.of("a".repeat(33), "at most 32 characters"),
                    Arguments.of(SUPPLEMENTARY_LETTER.repeat(33), "this one has 33"),
                    Arguments.of("alice smith", "a space"),
                    Arguments.of(" alice", "a space"),
                    Arguments.of("alice:", "':'"),
                    Arguments.of("a*b", "'*'"),
                    Arguments.of("a/b", "'/'"),
                    Arguments.of("a\u0000b", "U+0000"),
                    Arguments.of("a\tb", "U+0009"),
                    Arguments.of("a\rb", "U+000D"),
                    Arguments.of("a\u001Bb", "U+001B"),
                    Arguments.of("a\u0085b", "U+0085"),
                    Arguments.of("a\u2028b", "U+2028"),
                    Arguments.of("HELLO v=1", "a space"),
                    Arguments.of("e\u0301", "U+0301"),
                    Arguments.of("😀", "U+1F600"));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @MethodSource("invalid")
        @DisplayName("parse returns NAME_INVALID with a detail a person can read")
        void parseRefuses(String candidate, String detailMentions) {
            Parsed.Invalid<?> invalid = refusal(Name.parse(candidate));

            assertThat(invalid.code()).isEqualTo(ErrorCode.NAME_INVALID);
            assertThat(invalid.detail()).contains(detailMentions);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @MethodSource("invalid")
        @DisplayName("the constructor throws IllegalArgumentException with the same detail")
        void constructorThrows(String candidate, String detailMentions) {
            assertThatThrownBy(() -> new Name(candidate))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(detailMentions);
        }

        @Test
        @DisplayName("the detail of a control character does not contain the character itself")
        void controlCharacterNotEchoed() {
            assertThat(refusal(Name.parse("a\u001B[2Jb")).detail()).doesNotContain("\u001B");
        }

        @Test
        @DisplayName("the constructor refuses null")
        void nullValue() {
            assertThatNullPointerException().isThrownBy(() -> new Name(null));
        }
    }

    @Nested
    @DisplayName("comparison")
    class Comparison {

        @Test
        @DisplayName("key() ignores case: \"Alice\" and \"ALICE\" are the same name")
        void keyIgnoresCase() {
            var mixed = new Name("Alice");
            var upper = new Name("ALICE");

            assertThat(mixed.key()).isEqualTo(upper.key()).isEqualTo("alice");
            assertThat(mixed).as("equality keeps the spelling; key() is for comparing").isNotEqualTo(upper);
        }

        @Test
        @DisplayName("key() ignores case beyond ASCII")
        void keyIgnoresNonAsciiCase() {
            assertThat(new Name("ÈLISE").key()).isEqualTo(new Name("èlise").key());
        }

        @Test
        @DisplayName("the name keeps its spelling: value() and toString() as typed")
        void keepsSpelling() {
            var name = new Name("Luca_V");

            assertThat(name.value()).isEqualTo("Luca_V");
            assertThat(name).hasToString("Luca_V");
        }
    }
}
