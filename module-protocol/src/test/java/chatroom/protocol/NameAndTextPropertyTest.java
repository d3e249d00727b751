package chatroom.protocol;

import static chatroom.protocol.Outcomes.ok;
import static chatroom.protocol.Outcomes.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

@Label("Name and Text properties")
class NameAndTextPropertyTest {

    @Group
    @Label("Text")
    class TextProperties {

        @Property
        @Label("utf8Length equals getBytes(UTF_8).length for every well-formed string")
        void utf8LengthOfWellFormed(@ForAll("wellFormedStrings") String text) {
            assertThat(Text.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }

        @Property
        @Label("utf8Length never under-counts, even for strings with unpaired surrogates")
        void utf8LengthNeverUnderCounts(@ForAll String text) {
            assertThat(Text.utf8Length(text)).isGreaterThanOrEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }

        @Property
        @Label("checkMessage accepts exactly the non-blank texts of allowed characters within the byte limit")
        void checkMessageModel(@ForAll("textsAroundTheLimit") String text) {
            Object expected;
            if (text.codePoints().anyMatch(Text::isForbidden)) {
                expected = ErrorCode.BAD_CHARACTER;
            } else if (text.isBlank()) {
                expected = ErrorCode.EMPTY_TEXT;
            } else if (text.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_TEXT_BYTES) {
                expected = ErrorCode.TEXT_TOO_LONG;
            } else {
                expected = ok(text);
            }

            assertThat(outcome(Text.checkMessage(text))).isEqualTo(expected);
        }

        @Provide
        Arbitrary<String> wellFormedStrings() {
            return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                    .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                    .map(cp -> Character.toString((int) cp))
                    .list().ofMaxSize(50)
                    .map(characters -> String.join("", characters));
        }

        @Provide
        Arbitrary<String> textsAroundTheLimit() {
            Arbitrary<String> nearLimit = Arbitraries.of("a", "é", "€", "😀", " ")
                    .list().ofMinSize(1).ofMaxSize(3)
                    .map(characters -> String.join("", characters))
                    .flatMap(unit -> Arbitraries.integers()
                            .between(Math.max(1, Limits.MAX_TEXT_BYTES / Text.utf8Length(unit) - 2),
                                    Limits.MAX_TEXT_BYTES / Text.utf8Length(unit) + 2)
                            .map(unit::repeat));
            return Arbitraries.oneOf(nearLimit, FrameArbitraries.allowedLines(20), Arbitraries.strings().ofMaxLength(20));
        }
    }

    @Group
    @Label("Name")
    class NameProperties {

        @Property
        @Label("every name from the valid-name generator is accepted")
        void validNamesAccepted(@ForAll("validNames") String value) {
            assertThat(Name.parse(value)).isEqualTo(ok(new Name(value)));
        }

        @Property
        @Label("parse never throws, and accepts exactly what the constructor accepts")
        void parseAgreesWithConstructor(@ForAll String candidate) {
            Parsed<Name> parsed = Name.parse(candidate);
            Throwable thrown = catchThrowable(() -> new Name(candidate));

            if (parsed instanceof Parsed.Invalid<Name> invalid) {
                assertThat(invalid.code()).isEqualTo(ErrorCode.NAME_INVALID);
                assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage(invalid.detail());
            } else {
                assertThat(thrown).isNull();
            }
        }

        @Property
        @Label("names that differ only in ASCII case have the same key")
        void keyIgnoresAsciiCase(@ForAll("asciiNames") String value) {
            var lower = new Name(value.toLowerCase(Locale.ROOT));
            var upper = new Name(value.toUpperCase(Locale.ROOT));

            assertThat(lower.key()).isEqualTo(upper.key()).isEqualTo(new Name(value).key());
        }

        @Provide
        Arbitrary<String> validNames() {
            return FrameArbitraries.nameValues();
        }

        @Provide
        Arbitrary<String> asciiNames() {
            return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                    .withChars('_', '-', '.').ofMinLength(1).ofMaxLength(Limits.MAX_NAME_LENGTH);
        }
    }

    @Group
    @Label("RoomName and Member")
    class RoomNameAndMemberProperties {

        @Property
        @Label("a room name is '#' and a valid name: parse agrees with Name.parse and with the constructor")
        void roomIsHashAndName(@ForAll("roomCandidates") String candidate) {
            Parsed<RoomName> parsed = RoomName.parse(candidate);
            Throwable thrown = catchThrowable(() -> new RoomName(candidate));
            boolean valid = candidate.startsWith("#") && Name.parse(candidate.substring(1)) instanceof Parsed.Ok<Name>;

            if (parsed instanceof Parsed.Invalid<RoomName> invalid) {
                assertThat(valid).isFalse();
                assertThat(invalid.code()).isEqualTo(ErrorCode.ROOM_INVALID);
                assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage(invalid.detail());
            } else {
                assertThat(valid).isTrue();
                assertThat(thrown).isNull();
                assertThat(parsed).isEqualTo(ok(RoomName.of(candidate.substring(1))));
            }
        }

        @Property
        @Label("Member.parse reads back what wire() writes, for every combination of flags")
        void memberRoundTrip(@ForAll("members") Member member) {
            assertThat(Member.parse(member.wire())).isEqualTo(ok(member));
            assertThat(member.wire()).endsWith(member.name().value());
        }

        @Property
        @Label("Member.parse never throws")
        void memberParseNeverThrows(@ForAll String word) {
            assertThat(Member.parse(word)).isNotNull();
        }

        @Provide
        Arbitrary<String> roomCandidates() {
            return Arbitraries.oneOf(
                    FrameArbitraries.nameValues().map(name -> "#" + name),
                    Arbitraries.strings().ofMaxLength(40).map(text -> "#" + text),
                    Arbitraries.strings().ofMaxLength(40));
        }

        @Provide
        Arbitrary<Member> members() {
            return FrameArbitraries.members();
        }
    }
}
