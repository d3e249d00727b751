package chatroom.protocol;

import static chatroom.protocol.Outcomes.ok;
import static chatroom.protocol.Outcomes.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ClientFrames")
class ClientFramesTest {

    private static final Name ALICE = new Name("alice");

    @Nested
    @DisplayName("encode writes the documented wire form")
    class Encode {

        static Stream<Arguments> examples() {
            return Stream.of(
                    Arguments.of(new ClientFrame.Hello(1, "chatroom-fx/0.1"), "HELLO v=1 client=chatroom-fx/0.1"),
                    Arguments.of(new ClientFrame.Login(ALICE, OptionalLong.empty()), "LOGIN name=alice"),
                    Arguments.of(new ClientFrame.Login(ALICE, OptionalLong.of(42)), "LOGIN name=alice since=42"),
                    Arguments.of(new ClientFrame.Say("hi :) there"), "SAY :hi :) there"),
                    Arguments.of(new ClientFrame.Say(":starts with a colon"), "SAY ::starts with a colon"),
                    Arguments.of(new ClientFrame.Nick(new Name("Luca_V")), "NICK name=Luca_V"),
                    Arguments.of(new ClientFrame.Ping("17"), "PING token=17"),
                    Arguments.of(new ClientFrame.Pong("17"), "PONG token=17"),
                    Arguments.of(new ClientFrame.Pass("open sesame :)"), "PASS :open sesame :)"),
                    Arguments.of(new ClientFrame.Quit(), "QUIT"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("examples")
        @DisplayName("and decode reads it back")
        void wireForm(ClientFrame frame, String line) {
            assertThat(ClientFrames.encode(frame)).isEqualTo(line);
            assertThat(ClientFrames.decode(line)).isEqualTo(ok(frame));
        }
    }

    @Nested
    @DisplayName("decode accepts")
    class DecodeAccepts {

        @Test
        @DisplayName("a lower-case verb: `say :hi`")
        void lowerCaseVerb() {
            assertThat(ClientFrames.decode("say :hi")).isEqualTo(ok(new ClientFrame.Say("hi")));
        }

        @Test
        @DisplayName("the trailing text verbatim, from the first ' :' on")
        void trailingVerbatim() {
            assertThat(ClientFrames.decode("SAY   :  two :: colons :) ")).isEqualTo(ok(new ClientFrame.Say("  two :: colons :) ")));
        }

        @Test
        @DisplayName("HELLO without a client, which is then 'unknown'")
        void helloWithoutClient() {
            assertThat(ClientFrames.decode("HELLO v=1")).isEqualTo(ok(new ClientFrame.Hello(1, "unknown")));
        }

        @Test
        @DisplayName("PING and PONG without a token, which is then '0'")
        void heartbeatsWithoutToken() {
            assertThat(ClientFrames.decode("PING")).isEqualTo(ok(new ClientFrame.Ping("0")));
            assertThat(ClientFrames.decode("PONG")).isEqualTo(ok(new ClientFrame.Pong("0")));
        }

        @Test
        @DisplayName("LOGIN since=0")
        void sinceZero() {
            assertThat(ClientFrames.decode("LOGIN name=alice since=0"))
                    .isEqualTo(ok(new ClientFrame.Login(ALICE, OptionalLong.of(0))));
        }

        @Test
        @DisplayName("unknown attributes, which are ignored (forward compatibility)")
        void unknownAttributes() {
            assertThat(ClientFrames.decode("NICK name=bob colour=red")).isEqualTo(ok(new ClientFrame.Nick(new Name("bob"))));
            assertThat(ClientFrames.decode("HELLO v=1 client=cli features=typing,reactions"))
                    .isEqualTo(ok(new ClientFrame.Hello(1, "cli")));
        }

        @Test
        @DisplayName("a text of tabs and non-ASCII characters")
        void tabsAndNonAscii() {
            assertThat(ClientFrames.decode("SAY :col1\tcol2 è 😀")).isEqualTo(ok(new ClientFrame.Say("col1\tcol2 è 😀")));
        }
    }

    @Nested
    @DisplayName("decode refuses, as a value and never by throwing")
    class DecodeRefuses {

        static Stream<Arguments> refusals() {
            return Stream.of(
                    Arguments.of("FOO", ErrorCode.UNKNOWN_VERB),
                    Arguments.of("TYPING name=alice", ErrorCode.UNKNOWN_VERB),
                    Arguments.of("alice", ErrorCode.UNKNOWN_VERB),
                    Arguments.of("123 x=1", ErrorCode.UNKNOWN_VERB),
                    Arguments.of("S4Y :hi", ErrorCode.UNKNOWN_VERB),
                    Arguments.of("", ErrorCode.BAD_FRAME),
                    Arguments.of("   ", ErrorCode.BAD_FRAME),
                    Arguments.of(":hi", ErrorCode.BAD_FRAME),
                    Arguments.of("LOGIN", ErrorCode.BAD_FRAME),
                    Arguments.of("LOGIN name=alice name=bob", ErrorCode.BAD_FRAME),
                    Arguments.of("LOGIN name=alice since=-1", ErrorCode.BAD_FRAME),
                    Arguments.of("LOGIN name=alice since=ten", ErrorCode.BAD_FRAME),
                    Arguments.of("LOGIN name=alice since=99999999999999999999", ErrorCode.BAD_FRAME),
                    Arguments.of("LOGIN name=alice since", ErrorCode.BAD_FRAME),
                    Arguments.of("LOGIN name=alice since=", ErrorCode.BAD_FRAME),
                    Arguments.of("LOGIN name=alice =5", ErrorCode.BAD_FRAME),
                    Arguments.of("LOGIN name=alice Since=5", ErrorCode.BAD_FRAME),
                    Arguments.of("LOGIN name=a*b", ErrorCode.NAME_INVALID),
                    Arguments.of("LOGIN name=" + "a".repeat(33), ErrorCode.NAME_INVALID),
                    Arguments.of("NICK name=a\tb", ErrorCode.NAME_INVALID),
                    Arguments.of("NICK", ErrorCode.BAD_FRAME),
                    Arguments.of("HELLO", ErrorCode.BAD_FRAME),
                    Arguments.of("HELLO there", ErrorCode.BAD_FRAME),
                    Arguments.of("HELLO v=0", ErrorCode.BAD_FRAME),
                    Arguments.of("HELLO v=one", ErrorCode.BAD_FRAME),
                    Arguments.of("HELLO v=1.0", ErrorCode.BAD_FRAME),
                    Arguments.of("HELLO v=3000000000", ErrorCode.BAD_FRAME),
                    Arguments.of("HELLO v=1 client=:x", ErrorCode.BAD_FRAME),
                    Arguments.of("HELLO v=1 client=" + "c".repeat(257), ErrorCode.BAD_FRAME),
                    Arguments.of("PING token=a\tb", ErrorCode.BAD_FRAME),
                    Arguments.of("PONG token=a\u0000b", ErrorCode.BAD_FRAME),
                    Arguments.of("SAY", ErrorCode.BAD_FRAME),
                    Arguments.of("SAY hi", ErrorCode.BAD_FRAME),
                    Arguments.of("SAY :", ErrorCode.EMPTY_TEXT),
                    Arguments.of("SAY :   ", ErrorCode.EMPTY_TEXT),
                    Arguments.of("SAY :" + "x".repeat(Limits.MAX_TEXT_BYTES + 1), ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("SAY :hi\u001B[2J", ErrorCode.BAD_CHARACTER));
        }

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @MethodSource("refusals")
        void refusal(String line, ErrorCode expected) {
            Parsed<ClientFrame> parsed = ClientFrames.decode(line);

            assertThat(outcome(parsed)).isEqualTo(expected);
            assertThat(Outcomes.refusal(parsed).detail()).isNotBlank();
        }
    }

    @Nested
    @DisplayName("isHello")
    class IsHello {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"HELLO v=1", "HELLO v=1 client=chatroom-fx", "hello v=1", "HELLO v=2"})
        @DisplayName("is true for a valid HELLO frame")
        void hello(String line) {
            assertThat(ClientFrames.isHello(line)).isTrue();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"HELLO there", "alice", "HELLO", "HELLO v=0", "SAY :HELLO v=1", "", "Hello, world"})
        @DisplayName("is false for anything else, names included")
        void notHello(String line) {
            assertThat(ClientFrames.isHello(line)).isFalse();
        }
    }

    @Nested
    @DisplayName("records check their invariants")
    class Invariants {

        @Test
        @DisplayName("Pass never shows the password in its text form")
        void passHidesPassword() {
            assertThat(new ClientFrame.Pass("hunter2").toString()).doesNotContain("hunter2");
        }

        @Test
        @DisplayName("Hello refuses a version below 1 and a client that is not a token")
        void hello() {
            assertThatThrownBy(() -> new ClientFrame.Hello(0, "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Hello(1, "two words")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Hello(1, ":x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Hello(1, "")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("Say refuses what checkMessage refuses")
        void say() {
            assertThatThrownBy(() -> new ClientFrame.Say(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Say("a\rb")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Say("x".repeat(Limits.MAX_TEXT_BYTES + 1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("Ping and Pong refuse tokens with spaces or tabs")
        void heartbeats() {
            assertThatThrownBy(() -> new ClientFrame.Ping("a b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Pong("a\tb")).isInstanceOf(IllegalArgumentException.class);
        }

        /// The decoder refuses `since` below 0 (see "LOGIN name=alice since=-1" above), so a
        /// Login that carries one would encode to a frame the other side rejects. A frame that
        /// exists must be a frame that may be put on the wire.
        @ParameterizedTest(name = "since = {0}")
        @ValueSource(longs = {-1, Long.MIN_VALUE})
        @DisplayName("Login refuses a negative since, which its own decoder would refuse")
        void loginNegativeSince(long since) {
            assertThatThrownBy(() -> new ClientFrame.Login(ALICE, OptionalLong.of(since)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
