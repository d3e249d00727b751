package chatroom.protocol;

import static chatroom.protocol.Outcomes.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Wire values")
class WireValuesTest {

    @Nested
    @DisplayName("ErrorCode")
    class ErrorCodes {

        @ParameterizedTest(name = "{0}")
        @EnumSource(ErrorCode.class)
        @DisplayName("fromWire(wire()) gives the code back; the wire form is lower-case kebab")
        void roundTrip(ErrorCode code) {
            assertThat(ErrorCode.fromWire(code.wire())).contains(code);
            assertThat(code.wire()).matches("[a-z]+(-[a-z]+)*");
        }

        @Test
        @DisplayName("wire forms are distinct, and an unknown one is empty")
        void unknown() {
            assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wire)).doesNotHaveDuplicates();
            assertThat(ErrorCode.fromWire("too-sunny")).isEmpty();
            assertThat(ErrorCode.fromWire("BAD-FRAME")).isEmpty();
        }
    }

    @Nested
    @DisplayName("LeaveReason")
    class LeaveReasons {

        @ParameterizedTest(name = "{0}")
        @EnumSource(LeaveReason.class)
        @DisplayName("fromWire(wire()) gives the reason back")
        void roundTrip(LeaveReason reason) {
            assertThat(LeaveReason.fromWire(reason.wire())).contains(reason);
        }

        @Test
        @DisplayName("an unknown reason is empty")
        void unknown() {
            assertThat(LeaveReason.fromWire("vanished")).isEmpty();
            assertThat(LeaveReason.fromWire("QUIT")).isEmpty();
        }

        @Test
        @DisplayName("kicked, new in version 2, is known")
        void kicked() {
            assertThat(LeaveReason.fromWire("kicked")).contains(LeaveReason.KICKED);
        }

        @Test
        @DisplayName("killed (a server operator's removal, IRC's KILL) is known")
        void killed() {
            assertThat(LeaveReason.fromWire("killed")).contains(LeaveReason.KILLED);
            assertThat(LeaveReason.KILLED.plainSuffix()).isEqualTo(" (removed by a server operator)");
        }
    }

    @Nested
    @DisplayName("Moderation")
    class Moderations {

        @ParameterizedTest(name = "{0}")
        @EnumSource(Moderation.class)
        @DisplayName("fromVerb(verb()) gives the action back, in any case; the verb is a frame verb")
        void roundTrip(Moderation action) {
            assertThat(Moderation.fromVerb(action.verb())).contains(action);
            assertThat(Moderation.fromVerb(action.verb().toLowerCase(Locale.ROOT))).contains(action);
            assertThat(action.verb()).matches("[A-Z]+(-[A-Z]+)*");
        }

        @Test
        @DisplayName("the verbs are the enum's names with '-' for '_'")
        void verbs() {
            assertThat(Arrays.stream(Moderation.values()).map(Moderation::verb)).containsExactly(
                    "OP", "DEOP", "BAN", "UNBAN", "MUTE", "UNMUTE", "LOCK-TOPIC", "UNLOCK-TOPIC", "CLOSE", "VOICE",
                    "DEVOICE", "MODERATE", "UNMODERATE", "INVITE-ONLY", "PUBLIC", "SET-KEY", "CLEAR-KEY", "SET-LIMIT",
                    "CLEAR-LIMIT");
        }

        @Test
        @DisplayName("an unknown verb, or the enum's own spelling with '_', is empty")
        void unknown() {
            assertThat(Moderation.fromVerb("SHUN")).isEmpty();
            assertThat(Moderation.fromVerb("LOCK_TOPIC")).isEmpty();
            assertThat(Moderation.fromVerb("locktopic")).isEmpty();
            assertThat(Moderation.fromVerb("")).isEmpty();
        }

        @Test
        @DisplayName("each action says what it applies to")
        void arguments() {
            assertThat(Arrays.stream(Moderation.values()).filter(action -> action.argument() == Moderation.Argument.NAME))
                    .containsExactly(Moderation.OP, Moderation.DEOP, Moderation.MUTE, Moderation.UNMUTE, Moderation.VOICE,
                            Moderation.DEVOICE);
            assertThat(Arrays.stream(Moderation.values())
                    .filter(action -> action.argument() == Moderation.Argument.NAME_OR_ADDRESS))
                    .containsExactly(Moderation.BAN, Moderation.UNBAN);
            assertThat(Arrays.stream(Moderation.values()).filter(action -> action.argument() == Moderation.Argument.NONE))
                    .containsExactly(Moderation.LOCK_TOPIC, Moderation.UNLOCK_TOPIC, Moderation.CLOSE,
                            Moderation.MODERATE, Moderation.UNMODERATE, Moderation.INVITE_ONLY, Moderation.PUBLIC,
                            Moderation.CLEAR_KEY, Moderation.CLEAR_LIMIT);
            assertThat(Arrays.stream(Moderation.values()).filter(action -> action.argument() == Moderation.Argument.KEY))
                    .containsExactly(Moderation.SET_KEY);
            assertThat(Arrays.stream(Moderation.values()).filter(action -> action.argument() == Moderation.Argument.LIMIT))
                    .containsExactly(Moderation.SET_LIMIT);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Moderation.class)
        @DisplayName("no moderation verb is another client verb, so the decoder can tell them apart")
        void noClash(Moderation action) {
            assertThat(action.verb()).isNotIn("HELLO", "LOGIN", "PASS", "SAY", "NICK", "PING", "PONG", "QUIT", "JOIN",
                    "PART", "TOPIC", "AWAY", "ROOMS", "WHO", "HISTORY", "KICK", "OPER", "INVITE");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"s", "sesame", "k3y!#=", "ключ", "12345678901234567890123456789012"})
        @DisplayName("a key is 1 to 32 characters of one word")
        void keys(String key) {
            assertThat(Moderation.checkKey(key)).isEqualTo(Parsed.ok(key));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "two words", "a,b", ":colon", "tab\there", "123456789012345678901234567890123",
                "bell\u0007"})
        @DisplayName("no key is empty, longer than 32 characters, or holds a space, a comma or a control character")
        void badKeys(String key) {
            assertThat(Moderation.checkKey(key)).isInstanceOf(Parsed.Invalid.class);
        }

        @Test
        @DisplayName("a limit is 1 to 1000000, written one way only")
        void limits() {
            assertThat(Moderation.checkLimit("1")).isEqualTo(Parsed.ok(1));
            assertThat(Moderation.checkLimit("1000000")).isEqualTo(Parsed.ok(1_000_000));
            for (String bad : List.of("", "0", "007", "-3", "1000001", "ten", "1e3", " 5")) {
                assertThat(Moderation.checkLimit(bad)).as(bad).isInstanceOf(Parsed.Invalid.class);
            }
        }
    }

    @Nested
    @DisplayName("version 2 numbers")
    class Version2 {

        @Test
        @DisplayName("the protocol version is 2 and a topic is at most 390 bytes (IRC's TOPICLEN)")
        void limits() {
            assertThat(Limits.PROTOCOL_VERSION).isEqualTo(2);
            assertThat(Limits.MAX_TOPIC_BYTES).isEqualTo(390);
        }

        @Test
        @DisplayName("the error codes of version 2 have their documented wire forms")
        void errorCodes() {
            assertThat(Stream.of(ErrorCode.ROOM_INVALID, ErrorCode.NO_SUCH_ROOM, ErrorCode.NO_SUCH_NAME,
                    ErrorCode.NOT_IN_ROOM, ErrorCode.BANNED, ErrorCode.MUTED, ErrorCode.NOT_OPERATOR, ErrorCode.ROOM_LIMIT,
                    ErrorCode.CREATION_RESTRICTED, ErrorCode.BAD_TARGET, ErrorCode.UNKNOWN_COMMAND, ErrorCode.BAD_COMMAND,
                    ErrorCode.BAD_OPERATOR_PASSWORD, ErrorCode.PRIVATE_FLOOD).map(ErrorCode::wire))
                    .containsExactly("room-invalid", "no-such-room", "no-such-name", "not-in-room", "banned", "muted",
                            "not-operator", "room-limit", "creation-restricted", "bad-target", "unknown-command",
                            "bad-command", "bad-operator-password", "private-flood");
        }

        @Test
        @DisplayName("KICKED's plain suffix says what happened")
        void kickedSuffix() {
            assertThat(LeaveReason.KICKED.wire()).isEqualTo("kicked");
            assertThat(LeaveReason.KICKED.plainSuffix()).isEqualTo(" (kicked out)");
        }
    }

    @Nested
    @DisplayName("Parsed")
    class ParsedValues {

        @Test
        @DisplayName("then applies the next step to a value")
        void thenOnOk() {
            assertThat(Parsed.ok("12").then(text -> Parsed.ok(Integer.parseInt(text)))).isEqualTo(ok(12));
        }

        @Test
        @DisplayName("then passes a refusal through without calling the next step")
        void thenOnInvalid() {
            Parsed<String> refused = Parsed.invalid(ErrorCode.BAD_FRAME, "nope");

            Parsed<Integer> next = refused.then(text -> {
                throw new AssertionError("must not be called");
            });

            assertThat(next).isEqualTo(new Parsed.Invalid<Integer>(ErrorCode.BAD_FRAME, "nope"));
        }

        @Test
        @DisplayName("neither Ok nor Invalid holds null")
        void noNulls() {
            assertThatNullPointerException().isThrownBy(() -> Parsed.ok(null));
            assertThatNullPointerException().isThrownBy(() -> Parsed.invalid(null, "detail"));
            assertThatNullPointerException().isThrownBy(() -> Parsed.invalid(ErrorCode.FLOOD, null));
        }
    }
}
