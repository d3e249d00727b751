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

@DisplayName("RoomName and Target")
class RoomNameTest {

    private static final String SUPPLEMENTARY_LETTER = "\uD840\uDC00"; // U+20000, a CJK ideograph

    @Nested
    @DisplayName("RoomName accepts")
    class Accepts {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"#rust", "#Rust", "#a", "#007", "#jean-luc.v_2", "#_-.", "#名前", "#Ольга", "#Perché",
                "#abcdefghijklmnopqrstuvwxyz012345"})
        @DisplayName("'#' and 1 to 32 letters (any script), digits, '_', '-' or '.'")
        void valid(String candidate) {
            assertThat(RoomName.parse(candidate)).isEqualTo(ok(new RoomName(candidate)));
            assertThat(new RoomName(candidate).value()).isEqualTo(candidate);
        }

        @Test
        @DisplayName("32 characters after '#' counted as code points, not UTF-16 chars")
        void lengthInCodePoints() {
            String room = "#" + SUPPLEMENTARY_LETTER.repeat(Limits.MAX_NAME_LENGTH);

            assertThat(RoomName.parse(room)).isEqualTo(ok(new RoomName(room)));
        }
    }

    @Nested
    @DisplayName("RoomName refuses with ROOM_INVALID")
    class Refuses {

        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("", "starts with '#'"),
                    Arguments.of("rust", "starts with '#'"),
                    Arguments.of("@rust", "starts with '#'"),
                    Arguments.of(" #rust", "starts with '#'"),
                    Arguments.of("#", "at least one character after '#'"),
                    Arguments.of("##rust", "'#'"),
                    Arguments.of("#a#b", "'#'"),
                    Arguments.of("#" + "a".repeat(Limits.MAX_NAME_LENGTH + 1), "at most 32 characters"),
                    Arguments.of("#" + SUPPLEMENTARY_LETTER.repeat(Limits.MAX_NAME_LENGTH + 1), "this one has 33"),
                    Arguments.of("#rust ", "a space"),
                    Arguments.of("#a b", "a space"),
                    Arguments.of("#a:b", "':'"),
                    Arguments.of("#a*b", "'*'"),
                    Arguments.of("#a\tb", "U+0009"),
                    Arguments.of("#a\u0000b", "U+0000"),
                    Arguments.of("#a\u2028b", "U+2028"),
                    Arguments.of("#😀", "U+1F600"));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @MethodSource("invalid")
        @DisplayName("parse returns ROOM_INVALID with a detail a person can read")
        void parseRefuses(String candidate, String detailMentions) {
            Parsed.Invalid<?> invalid = refusal(RoomName.parse(candidate));

            assertThat(invalid.code()).isEqualTo(ErrorCode.ROOM_INVALID);
            assertThat(invalid.detail()).contains(detailMentions).contains("room name");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @MethodSource("invalid")
        @DisplayName("the constructor throws IllegalArgumentException with the same detail")
        void constructorThrows(String candidate, String detailMentions) {
            assertThatThrownBy(() -> new RoomName(candidate))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(detailMentions);
        }

        @Test
        @DisplayName("the constructor refuses null")
        void nullValue() {
            assertThatNullPointerException().isThrownBy(() -> new RoomName(null));
        }
    }

    @Nested
    @DisplayName("RoomName.of")
    class Of {

        @Test
        @DisplayName("puts '#' before a bare name: of(\"lobby\") is #lobby")
        void bare() {
            assertThat(RoomName.of("lobby")).isEqualTo(new RoomName("#lobby"));
        }

        @Test
        @DisplayName("takes a name that has its '#' already as it is")
        void withHash() {
            assertThat(RoomName.of("#lobby")).isEqualTo(new RoomName("#lobby"));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "#", "##lobby", "a b", "abcdefghijklmnopqrstuvwxyz0123456"})
        @DisplayName("throws for what is no room name even with a '#'")
        void invalid(String name) {
            assertThatThrownBy(() -> RoomName.of(name)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("RoomName comparison and forms")
    class Comparison {

        @Test
        @DisplayName("key() ignores case: #Rust and #RUST are the same room")
        void keyIgnoresCase() {
            var mixed = new RoomName("#Rust");
            var upper = new RoomName("#RUST");

            assertThat(mixed.key()).isEqualTo(upper.key()).isEqualTo("#rust");
            assertThat(mixed.sameAs(upper)).isTrue();
            assertThat(mixed).as("equality keeps the spelling; key() and sameAs are for comparing").isNotEqualTo(upper);
        }

        @Test
        @DisplayName("key() ignores case beyond ASCII")
        void keyIgnoresNonAsciiCase() {
            assertThat(new RoomName("#ÈLISE").sameAs(new RoomName("#èlise"))).isTrue();
            assertThat(new RoomName("#ОЛЬГА").key()).isEqualTo("#ольга");
        }

        @Test
        @DisplayName("different rooms are not the same")
        void different() {
            assertThat(new RoomName("#rust").sameAs(new RoomName("#rusty"))).isFalse();
        }

        @Test
        @DisplayName("value() and toString() keep '#' and the spelling; bare() drops the '#'")
        void forms() {
            var room = new RoomName("#Rust");

            assertThat(room.value()).isEqualTo("#Rust");
            assertThat(room).hasToString("#Rust");
            assertThat(room.bare()).isEqualTo("Rust");
        }

        @Test
        @DisplayName("a room name's bare part is always a valid member name, and never the reverse")
        void neverAName() {
            assertThat(Name.parse(new RoomName("#rust").bare())).isEqualTo(ok(new Name("rust")));
            assertThat(refusal(Name.parse("#rust")).code()).isEqualTo(ErrorCode.NAME_INVALID);
        }
    }

    @Nested
    @DisplayName("Target.parse")
    class TargetParse {

        @Test
        @DisplayName("reads a word starting with '#' as a room")
        void room() {
            assertThat(Target.parse("#rust")).isEqualTo(ok(new RoomName("#rust")));
        }

        @Test
        @DisplayName("reads any other word as a member's name")
        void name() {
            assertThat(Target.parse("bob")).isEqualTo(ok(new Name("bob")));
        }

        @Test
        @DisplayName("refuses a bad room with ROOM_INVALID and a bad name with NAME_INVALID")
        void invalid() {
            assertThat(refusal(Target.parse("#")).code()).isEqualTo(ErrorCode.ROOM_INVALID);
            assertThat(refusal(Target.parse("#a*b")).code()).isEqualTo(ErrorCode.ROOM_INVALID);
            assertThat(refusal(Target.parse("b*b")).code()).isEqualTo(ErrorCode.NAME_INVALID);
            assertThat(refusal(Target.parse("")).code()).isEqualTo(ErrorCode.NAME_INVALID);
        }

        @Test
        @DisplayName("value() is the target as written: the room with its '#'")
        void value() {
            Target room = new RoomName("#rust");
            Target name = new Name("bob");

            assertThat(room.value()).isEqualTo("#rust");
            assertThat(name.value()).isEqualTo("bob");
        }
    }

    @Nested
    @DisplayName("Member")
    class Members {

        private static final Name ALICE = new Name("alice");

        static Stream<Arguments> wireForms() {
            return Stream.of(
                    Arguments.of(new Member(ALICE, false, false, false), "alice"),
                    Arguments.of(new Member(ALICE, true, false, false), "@alice"),
                    Arguments.of(new Member(ALICE, false, true, false), "!alice"),
                    Arguments.of(new Member(ALICE, false, false, true), "~alice"),
                    Arguments.of(new Member(ALICE, true, false, true), "@~alice"),
                    Arguments.of(new Member(ALICE, true, true, true), "@!~alice"),
                    Arguments.of(new Member(new Name("名前"), false, true, true), "!~名前"),
                    Arguments.of(new Member(ALICE, false, false, false, true), "+alice"),
                    Arguments.of(new Member(ALICE, true, true, true, true), "@+!~alice"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("wireForms")
        @DisplayName("wire() writes the flags' prefixes (@ operator, + voiced, ! muted, ~ away) before the name; parse reads it back")
        void wireForm(Member member, String wire) {
            assertThat(member.wire()).isEqualTo(wire);
            assertThat(Member.parse(wire)).isEqualTo(ok(member));
        }

        @Test
        @DisplayName("plain(name) has no flag and is written as the bare name")
        void plain() {
            assertThat(Member.plain(ALICE)).isEqualTo(new Member(ALICE, false, false, false));
            assertThat(Member.plain(ALICE).wire()).isEqualTo("alice");
        }

        @Test
        @DisplayName("parse takes the prefixes in any order, and a repeated one once")
        void lenientPrefixes() {
            assertThat(Member.parse("~@alice")).isEqualTo(ok(new Member(ALICE, true, false, true)));
            assertThat(Member.parse("@@alice")).isEqualTo(ok(new Member(ALICE, true, false, false)));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "@", "@!~", "@a*b", "a@b", "alice~", "@ alice", "#rust", "@#rust"})
        @DisplayName("parse refuses what is no name after the prefixes with NAME_INVALID")
        void invalid(String word) {
            assertThat(refusal(Member.parse(word)).code()).isEqualTo(ErrorCode.NAME_INVALID);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"@", "+", "!", "~"})
        @DisplayName("no prefix can be part of a name, so the name is what follows the last prefix")
        void prefixesAreNoNameCharacters(String prefix) {
            assertThat(refusal(Name.parse(prefix)).code()).isEqualTo(ErrorCode.NAME_INVALID);
            assertThat(refusal(Name.parse("a" + prefix)).code()).isEqualTo(ErrorCode.NAME_INVALID);
        }

        @Test
        @DisplayName("the record refuses a null name")
        void nullName() {
            assertThatNullPointerException().isThrownBy(() -> new Member(null, false, false, false));
        }
    }
}
