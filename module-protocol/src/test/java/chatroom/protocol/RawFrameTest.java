package chatroom.protocol;

import static chatroom.protocol.Outcomes.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RawFrame (the shared frame syntax)")
class RawFrameTest {

    private static RawFrame parsed(String line) {
        return switch (RawFrame.parse(line)) {
            case Parsed.Ok<RawFrame>(RawFrame frame) -> frame;
            case Parsed.Invalid<RawFrame> invalid -> throw new AssertionError("refused " + line + ": " + invalid);
        };
    }

    @Nested
    @DisplayName("parse")
    class Parse {

        @Test
        @DisplayName("splits verb, attributes and trailing text")
        void allParts() {
            RawFrame frame = parsed("msg id=1 x-y=a=b :text with :colons");

            assertThat(frame.verb()).isEqualTo("MSG");
            assertThat(frame.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("id", "1", "x-y", "a=b"));
            assertThat(frame.trailing()).contains("text with :colons");
        }

        @Test
        @DisplayName("a frame without trailing text has none, and an empty trailing text is present")
        void trailingPresence() {
            assertThat(parsed("QUIT").trailing()).isEmpty();
            assertThat(parsed("NOTICE :").trailing()).contains("");
        }

        @Test
        @DisplayName("a colon inside a value does not start the trailing text")
        void colonInsideValue() {
            RawFrame frame = parsed("JOINED ts=10:15:30 name=a");

            assertThat(frame.attributes()).containsEntry("ts", "10:15:30").containsEntry("name", "a");
            assertThat(frame.trailing()).isEqualTo(Optional.empty());
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", " ", ":text", "  :text"})
        @DisplayName("a line without a verb is BAD_FRAME")
        void noVerb(String line) {
            assertThat(outcome(RawFrame.parse(line))).isEqualTo(ErrorCode.BAD_FRAME);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"1PING", "PI_NG", "PING:", "-PING", "PÎNG"})
        @DisplayName("a first word that is not a verb is UNKNOWN_VERB")
        void notAVerb(String line) {
            assertThat(outcome(RawFrame.parse(line))).isEqualTo(ErrorCode.UNKNOWN_VERB);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"PING token", "PING =x", "PING token=", "PING Token=x", "PING 1a=x", "PING t_k=x",
                "PING a=1 a=2"})
        @DisplayName("a word that is not a fresh key=value is BAD_FRAME")
        void badAttribute(String line) {
            assertThat(outcome(RawFrame.parse(line))).isEqualTo(ErrorCode.BAD_FRAME);
        }
    }

    @Test
    @DisplayName("Writer puts attributes in order and the trailing text last")
    void writer() {
        String line = new RawFrame.Writer("MSG").attribute("id", 7).attribute("from", new Name("bob")).trailing(":)");

        assertThat(line).isEqualTo("MSG id=7 from=bob ::)");
        assertThat(new RawFrame.Writer("QUIT").end()).isEqualTo("QUIT");
    }
}
