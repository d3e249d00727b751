package chatroom.protocol;

import static chatroom.protocol.Outcomes.ok;
import static chatroom.protocol.Outcomes.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/// The frames and attributes a client sends in protocol version 2: rooms, private messages,
/// topics, away, moderation and `OPER`. Version 1 forms are in [ClientFramesTest].
@DisplayName("ClientFrames, version 2")
class ClientFramesV2Test {

    private static final Name BOB = new Name("bob");
    private static final RoomName RUST = new RoomName("#rust");
    private static final String TOO_LONG_TOPIC = "x".repeat(Limits.MAX_TOPIC_BYTES + 1);

    @Nested
    @DisplayName("encode writes the documented wire form")
    class Encode {

        static Stream<Arguments> examples() {
            return Stream.of(
                    Arguments.of(new ClientFrame.Say(Optional.of(RUST), "hi :) there", false), "SAY room=#rust :hi :) there"),
                    Arguments.of(new ClientFrame.Say(Optional.of(BOB), "psst", false), "SAY to=bob :psst"),
                    Arguments.of(new ClientFrame.Say(Optional.empty(), "waves", true), "SAY action=1 :waves"),
                    Arguments.of(new ClientFrame.Say(Optional.of(RUST), "waves", true), "SAY room=#rust action=1 :waves"),
                    Arguments.of(new ClientFrame.Say(Optional.of(BOB), "winks", true), "SAY to=bob action=1 :winks"),
                    Arguments.of(new ClientFrame.Say(Optional.empty(), "hi", false), "SAY :hi"),
                    Arguments.of(new ClientFrame.Join(RUST, OptionalLong.empty()), "JOIN room=#rust"),
                    Arguments.of(new ClientFrame.Join(new RoomName("#Rust"), OptionalLong.of(42)),
                            "JOIN room=#Rust since=42"),
                    Arguments.of(new ClientFrame.Part(RUST, ""), "PART room=#rust"),
                    Arguments.of(new ClientFrame.Part(RUST, "bye all :)"), "PART room=#rust :bye all :)"),
                    Arguments.of(new ClientFrame.Topic(RUST, Optional.empty()), "TOPIC room=#rust"),
                    Arguments.of(new ClientFrame.Topic(RUST, Optional.of("")), "TOPIC room=#rust :"),
                    Arguments.of(new ClientFrame.Topic(RUST, Optional.of("Rust 2.0: out now")),
                            "TOPIC room=#rust :Rust 2.0: out now"),
                    Arguments.of(new ClientFrame.Away(Optional.empty()), "AWAY"),
                    Arguments.of(new ClientFrame.Away(Optional.of("lunch, back at 2")), "AWAY :lunch, back at 2"),
                    Arguments.of(new ClientFrame.ListRooms(), "ROOMS"),
                    Arguments.of(new ClientFrame.Who(RUST), "WHO room=#rust"),
                    Arguments.of(new ClientFrame.History(RUST, OptionalLong.empty()), "HISTORY room=#rust"),
                    Arguments.of(new ClientFrame.History(RUST, OptionalLong.of(7)), "HISTORY room=#rust since=7"),
                    Arguments.of(new ClientFrame.History(BOB, OptionalLong.of(0)), "HISTORY with=bob since=0"),
                    Arguments.of(new ClientFrame.Kick(RUST, BOB, ""), "KICK room=#rust name=bob"),
                    Arguments.of(new ClientFrame.Kick(RUST, BOB, "spamming"), "KICK room=#rust name=bob :spamming"),
                    Arguments.of(moderate(Moderation.OP, "bob"), "OP room=#rust target=bob"),
                    Arguments.of(moderate(Moderation.DEOP, "bob"), "DEOP room=#rust target=bob"),
                    Arguments.of(moderate(Moderation.BAN, "bob"), "BAN room=#rust target=bob"),
                    Arguments.of(moderate(Moderation.BAN, "203.0.113.7"), "BAN room=#rust target=203.0.113.7"),
                    Arguments.of(moderate(Moderation.BAN, "2001:db8::1"), "BAN room=#rust target=2001:db8::1"),
                    Arguments.of(moderate(Moderation.UNBAN, "2001:db8::/64"), "UNBAN room=#rust target=2001:db8::/64"),
                    Arguments.of(moderate(Moderation.MUTE, "bob"), "MUTE room=#rust target=bob"),
                    Arguments.of(moderate(Moderation.UNMUTE, "bob"), "UNMUTE room=#rust target=bob"),
                    Arguments.of(moderate(Moderation.LOCK_TOPIC, null), "LOCK-TOPIC room=#rust"),
                    Arguments.of(moderate(Moderation.UNLOCK_TOPIC, null), "UNLOCK-TOPIC room=#rust"),
                    Arguments.of(moderate(Moderation.CLOSE, null), "CLOSE room=#rust"),
                    Arguments.of(new ClientFrame.Join(RUST, OptionalLong.of(9), Optional.of("s3same!")),
                            "JOIN room=#rust since=9 key=s3same!"),
                    Arguments.of(new ClientFrame.Invite(RUST, BOB), "INVITE room=#rust name=bob"),
                    Arguments.of(moderate(Moderation.VOICE, "bob"), "VOICE room=#rust target=bob"),
                    Arguments.of(moderate(Moderation.MODERATE, null), "MODERATE room=#rust"),
                    Arguments.of(moderate(Moderation.INVITE_ONLY, null), "INVITE-ONLY room=#rust"),
                    Arguments.of(moderate(Moderation.PUBLIC, null), "PUBLIC room=#rust"),
                    Arguments.of(moderate(Moderation.SET_KEY, "sesame"), "SET-KEY room=#rust target=sesame"),
                    Arguments.of(moderate(Moderation.CLEAR_KEY, null), "CLEAR-KEY room=#rust"),
                    Arguments.of(moderate(Moderation.SET_LIMIT, "12"), "SET-LIMIT room=#rust target=12"),
                    Arguments.of(moderate(Moderation.CLEAR_LIMIT, null), "CLEAR-LIMIT room=#rust"),
                    Arguments.of(new ClientFrame.Oper("correct horse :battery"), "OPER :correct horse :battery"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("examples")
        @DisplayName("and decode reads it back")
        void wireForm(ClientFrame frame, String line) {
            assertThat(ClientFrames.encode(frame)).isEqualTo(line);
            assertThat(ClientFrames.decode(line)).isEqualTo(ok(frame));
        }

        @Test
        @DisplayName("the one-argument SAY is the version 1 frame, byte for byte")
        void version1Say() {
            assertThat(new ClientFrame.Say("hi")).isEqualTo(new ClientFrame.Say(Optional.empty(), "hi", false));
            assertThat(ClientFrames.encode(new ClientFrame.Say("hi"))).isEqualTo("SAY :hi");
        }
    }

    @Nested
    @DisplayName("decode accepts")
    class DecodeAccepts {

        @Test
        @DisplayName("lower-case verbs, a moderation verb included")
        void lowerCase() {
            assertThat(ClientFrames.decode("say room=#rust action=1 :hi"))
                    .isEqualTo(ok(new ClientFrame.Say(Optional.of(RUST), "hi", true)));
            assertThat(ClientFrames.decode("lock-topic room=#rust")).isEqualTo(ok(moderate(Moderation.LOCK_TOPIC, null)));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"SAY action=0 :hi", "SAY action=yes :hi", "SAY action=true :hi"})
        @DisplayName("only action=1 makes an action")
        void onlyOneIsAnAction(String line) {
            assertThat(ClientFrames.decode(line)).isEqualTo(ok(new ClientFrame.Say("hi")));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"AWAY", "AWAY :", "AWAY :   ", "AWAY :\t"})
        @DisplayName("AWAY without a text, or with a blank one, says one is back")
        void back(String line) {
            assertThat(ClientFrames.decode(line)).isEqualTo(ok(new ClientFrame.Away(Optional.empty())));
        }

        @Test
        @DisplayName("TOPIC without a text asks for the topic; with an empty one it clears it")
        void askOrClear() {
            assertThat(ClientFrames.decode("TOPIC room=#rust")).isEqualTo(ok(new ClientFrame.Topic(RUST, Optional.empty())));
            assertThat(ClientFrames.decode("TOPIC room=#rust :")).isEqualTo(ok(new ClientFrame.Topic(RUST, Optional.of(""))));
        }

        @Test
        @DisplayName("a topic, reason or away text of exactly MAX_TOPIC_BYTES")
        void atLimit() {
            String text = "é".repeat(Limits.MAX_TOPIC_BYTES / 2);

            assertThat(ClientFrames.decode("TOPIC room=#rust :" + text))
                    .isEqualTo(ok(new ClientFrame.Topic(RUST, Optional.of(text))));
            assertThat(ClientFrames.decode("PART room=#rust :" + text)).isEqualTo(ok(new ClientFrame.Part(RUST, text)));
            assertThat(ClientFrames.decode("AWAY :" + text)).isEqualTo(ok(new ClientFrame.Away(Optional.of(text))));
        }

        @Test
        @DisplayName("room names in any script and case, kept as written")
        void roomSpelling() {
            assertThat(ClientFrames.decode("JOIN room=#名前")).isEqualTo(ok(new ClientFrame.Join(new RoomName("#名前"),
                    OptionalLong.empty())));
            assertThat(ClientFrames.decode("WHO room=#RuSt")).isEqualTo(ok(new ClientFrame.Who(new RoomName("#RuSt"))));
        }

        @Test
        @DisplayName("a target on an action that takes none is ignored, like any unknown attribute")
        void ignoredTarget() {
            assertThat(ClientFrames.decode("CLOSE room=#rust target=bob")).isEqualTo(ok(moderate(Moderation.CLOSE, null)));
        }

        @Test
        @DisplayName("ROOMS with attributes this version does not know")
        void roomsWithAttributes() {
            assertThat(ClientFrames.decode("ROOMS filter=rust")).isEqualTo(ok(new ClientFrame.ListRooms()));
        }
    }

    @Nested
    @DisplayName("decode refuses, as a value and never by throwing")
    class DecodeRefuses {

        static Stream<Arguments> refusals() {
            return Stream.of(
                    Arguments.of("SAY room=#rust to=bob :hi", ErrorCode.BAD_FRAME),
                    Arguments.of("SAY room=rust :hi", ErrorCode.ROOM_INVALID),
                    Arguments.of("SAY room=# :hi", ErrorCode.ROOM_INVALID),
                    Arguments.of("SAY room=#a*b :hi", ErrorCode.ROOM_INVALID),
                    Arguments.of("SAY room=##rust :hi", ErrorCode.ROOM_INVALID),
                    Arguments.of("SAY room=#" + "a".repeat(Limits.MAX_NAME_LENGTH + 1) + " :hi", ErrorCode.ROOM_INVALID),
                    Arguments.of("SAY to=b*b :hi", ErrorCode.NAME_INVALID),
                    Arguments.of("SAY to=#rust :hi", ErrorCode.NAME_INVALID),
                    Arguments.of("SAY room=#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("SAY to=bob :  ", ErrorCode.EMPTY_TEXT),
                    Arguments.of("SAY room=#rust action=1 :", ErrorCode.EMPTY_TEXT),
                    Arguments.of("SAY room= :hi", ErrorCode.BAD_FRAME),
                    Arguments.of("JOIN", ErrorCode.BAD_FRAME),
                    Arguments.of("JOIN :#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("JOIN room=lobby", ErrorCode.ROOM_INVALID),
                    Arguments.of("JOIN room=#rust since=-1", ErrorCode.BAD_FRAME),
                    Arguments.of("JOIN room=#rust since=ten", ErrorCode.BAD_FRAME),
                    Arguments.of("JOIN room=#rust room=#go", ErrorCode.BAD_FRAME),
                    Arguments.of("PART", ErrorCode.BAD_FRAME),
                    Arguments.of("PART room=rust", ErrorCode.ROOM_INVALID),
                    Arguments.of("PART room=#rust :" + TOO_LONG_TOPIC, ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("TOPIC", ErrorCode.BAD_FRAME),
                    Arguments.of("TOPIC :Rust", ErrorCode.BAD_FRAME),
                    Arguments.of("TOPIC room=#rust :" + TOO_LONG_TOPIC, ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("TOPIC room=#rust :" + "é".repeat(Limits.MAX_TOPIC_BYTES / 2 + 1), ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("TOPIC room=#rust :a\u001B[2Jb", ErrorCode.BAD_CHARACTER),
                    Arguments.of("AWAY :" + TOO_LONG_TOPIC, ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("WHO", ErrorCode.BAD_FRAME),
                    Arguments.of("WHO room=rust", ErrorCode.ROOM_INVALID),
                    Arguments.of("HISTORY", ErrorCode.BAD_FRAME),
                    Arguments.of("HISTORY to=bob", ErrorCode.BAD_FRAME),
                    Arguments.of("HISTORY room=#rust with=bob", ErrorCode.BAD_FRAME),
                    Arguments.of("HISTORY with=b*b", ErrorCode.NAME_INVALID),
                    Arguments.of("HISTORY room=rust", ErrorCode.ROOM_INVALID),
                    Arguments.of("HISTORY room=#rust since=-1", ErrorCode.BAD_FRAME),
                    Arguments.of("KICK", ErrorCode.BAD_FRAME),
                    Arguments.of("KICK room=#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("KICK name=bob", ErrorCode.BAD_FRAME),
                    Arguments.of("KICK room=#rust name=b*b", ErrorCode.NAME_INVALID),
                    Arguments.of("KICK room=#rust name=bob :" + TOO_LONG_TOPIC, ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("OP room=#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("OP target=bob", ErrorCode.BAD_FRAME),
                    Arguments.of("OP room=rust target=bob", ErrorCode.ROOM_INVALID),
                    Arguments.of("OP room=#rust target=b*b", ErrorCode.NAME_INVALID),
                    Arguments.of("MUTE room=#rust target=2001:db8::1", ErrorCode.NAME_INVALID),
                    Arguments.of("OP room=#rust name=bob", ErrorCode.BAD_FRAME),
                    Arguments.of("BAN room=#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("BAN room=#rust target=:x", ErrorCode.BAD_FRAME),
                    Arguments.of("BAN room=#rust :203.0.113.7", ErrorCode.BAD_FRAME),
                    Arguments.of("LOCK-TOPIC", ErrorCode.BAD_FRAME),
                    Arguments.of("CLOSE room=#", ErrorCode.ROOM_INVALID),
                    Arguments.of("LOCKTOPIC room=#rust", ErrorCode.UNKNOWN_VERB),
                    Arguments.of("LOCK_TOPIC room=#rust", ErrorCode.UNKNOWN_VERB),
                    Arguments.of("SHUN room=#rust target=bob", ErrorCode.UNKNOWN_VERB),
                    Arguments.of("JOIN room=#rust key=a,b", ErrorCode.BAD_FRAME),
                    Arguments.of("JOIN room=#rust key=" + "k".repeat(Moderation.MAX_KEY_LENGTH + 1), ErrorCode.BAD_FRAME),
                    Arguments.of("INVITE room=#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("INVITE name=bob", ErrorCode.BAD_FRAME),
                    Arguments.of("INVITE room=#rust name=b*b", ErrorCode.NAME_INVALID),
                    Arguments.of("SET-KEY room=#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("SET-KEY room=#rust target=a,b", ErrorCode.BAD_FRAME),
                    Arguments.of("SET-LIMIT room=#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("SET-LIMIT room=#rust target=0", ErrorCode.BAD_FRAME),
                    Arguments.of("SET-LIMIT room=#rust target=07", ErrorCode.BAD_FRAME),
                    Arguments.of("SET-LIMIT room=#rust target=many", ErrorCode.BAD_FRAME),
                    Arguments.of("VOICE room=#rust target=2001:db8::1", ErrorCode.NAME_INVALID),
                    Arguments.of("OPER", ErrorCode.BAD_FRAME),
                    Arguments.of("OPER :", ErrorCode.BAD_FRAME),
                    Arguments.of("OPER :tab\tinside", ErrorCode.BAD_CHARACTER),
                    Arguments.of("OPER :" + "p".repeat(Limits.MAX_PASSWORD_BYTES + 1), ErrorCode.TEXT_TOO_LONG));
        }

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @MethodSource("refusals")
        void refusal(String line, ErrorCode expected) {
            Parsed<ClientFrame> parsed = ClientFrames.decode(line);

            assertThat(outcome(parsed)).isEqualTo(expected);
            assertThat(Outcomes.refusal(parsed).detail()).isNotBlank();
        }

        @Test
        @DisplayName("room= and to= together are refused in words that say so")
        void roomAndTo() {
            assertThat(Outcomes.refusal(ClientFrames.decode("SAY room=#rust to=bob :hi")).detail())
                    .contains("room=").contains("to=");
        }
    }

    @Nested
    @DisplayName("OPER")
    class Oper {

        @Test
        @DisplayName("keeps the password verbatim: spaces, colons and a leading space included")
        void verbatim() {
            assertThat(ClientFrames.decode("oper :  my :secret: ")).isEqualTo(ok(new ClientFrame.Oper("  my :secret: ")));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"OPER hunter2", "oper  hunter2", "OPER\thunter2", "OPER hunter2=x", "OPER Hunter2=x",
                "OPER a=1 a=hunter2", "OPERhunter2 :x", " OPER hunter2 :x", "OPER :hunter2\u0007", "OPER :hunter2\t",
                "OPERATOR hunter2", "OPER name=hunter2 name=x :y"})
        @DisplayName("a malformed OPER line is refused without quoting the password")
        void refusalHidesPassword(String line) {
            var refusal = Outcomes.refusal(ClientFrames.decode(line));

            assertThat(refusal.detail()).doesNotContainIgnoringCase("hunter2").isNotBlank();
        }

        @Test
        @DisplayName("the refusal of a malformed OPER shows OPER's form, not PASS's")
        void ownForm() {
            assertThat(Outcomes.refusal(ClientFrames.decode("OPER hunter2")).detail())
                    .contains("OPER :password").doesNotContain("PASS");
            assertThat(Outcomes.refusal(ClientFrames.decode("PASS hunter2")).detail())
                    .contains("PASS :password").doesNotContain("OPER");
        }

        @Test
        @DisplayName("the record refuses what the decoder refuses, and its toString hides the password")
        void record() {
            assertThatThrownBy(() -> new ClientFrame.Oper("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Oper("a\tb")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Oper("p".repeat(Limits.MAX_PASSWORD_BYTES + 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("ppp");
            assertThat(new ClientFrame.Oper("hunter2").toString()).doesNotContain("hunter2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Moderation.class)
    @DisplayName("every moderation action survives its frame, with a name where it takes one")
    void everyModeration(Moderation action) {
        var frame = moderate(action, switch (action.argument()) {
            case NONE -> null;
            case LIMIT -> "10";
            case NAME, NAME_OR_ADDRESS, KEY -> "bob";
        });

        assertThat(ClientFrames.encode(frame)).startsWith(action.verb() + " room=#rust");
        assertThat(ClientFrames.decode(ClientFrames.encode(frame))).isEqualTo(ok(frame));
    }

    @Nested
    @DisplayName("records check their invariants")
    class Invariants {

        @Test
        @DisplayName("Say refuses a text checkMessage refuses, whatever its target")
        void say() {
            assertThatThrownBy(() -> new ClientFrame.Say(Optional.of(RUST), " ", true))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Say(Optional.of(BOB), "a\rb", false))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Say(null, "hi", false)).isInstanceOf(NullPointerException.class);
        }

        @Test
        @DisplayName("Join and History refuse a negative since, which their decoder would refuse")
        void negativeSince() {
            assertThatThrownBy(() -> new ClientFrame.Join(RUST, OptionalLong.of(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.History(BOB, OptionalLong.of(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("topics, reasons and away texts are at most MAX_TOPIC_BYTES")
        void shortTexts() {
            assertThatThrownBy(() -> new ClientFrame.Part(RUST, TOO_LONG_TOPIC)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Topic(RUST, Optional.of(TOO_LONG_TOPIC)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Away(Optional.of(TOO_LONG_TOPIC)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Kick(RUST, BOB, TOO_LONG_TOPIC))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("Away refuses a blank text: back is an empty one")
        void blankAway() {
            assertThatThrownBy(() -> new ClientFrame.Away(Optional.of(" "))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Away(Optional.of(""))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("Moderate has a target exactly when its action takes one, a name where only a name will do")
        void moderate() {
            assertThatThrownBy(() -> new ClientFrame.Moderate(RUST, Moderation.BAN, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BAN");
            assertThatThrownBy(() -> new ClientFrame.Moderate(RUST, Moderation.CLOSE, Optional.of("bob")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLOSE");
            assertThatThrownBy(() -> new ClientFrame.Moderate(RUST, Moderation.BAN, Optional.of("two words")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ClientFrame.Moderate(RUST, Moderation.OP, Optional.of("b*b")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(new ClientFrame.Moderate(RUST, Moderation.BAN, Optional.of("b*b")).target()).contains("b*b");
        }
    }

    /// A moderation of #rust; `target` is `null` for none.
    private static ClientFrame.Moderate moderate(Moderation action, String target) {
        return new ClientFrame.Moderate(RUST, action, Optional.ofNullable(target));
    }
}
