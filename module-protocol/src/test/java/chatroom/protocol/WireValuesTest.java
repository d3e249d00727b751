package chatroom.protocol;

import static chatroom.protocol.Outcomes.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
