package chatroom.protocol;

import static chatroom.protocol.Outcomes.ok;
import static chatroom.protocol.Outcomes.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("ServerFrames")
class ServerFramesTest {

    private static final String TS = "2026-11-24T10:15:30.123Z";
    private static final Instant TIME = Instant.parse(TS);
    private static final Name ALICE = new Name("alice");
    private static final Name BOB = new Name("bob");

    @Nested
    @DisplayName("encode writes the documented wire form")
    class Encode {

        static Stream<Arguments> examples() {
            return Stream.of(
                    Arguments.of(new ServerFrame.Chat(1, TIME, ALICE, "hi :) there"),
                            "MSG id=1 ts=2026-11-24T10:15:30.123Z from=alice :hi :) there"),
                    Arguments.of(new ServerFrame.Hello(1, "chatroom/0.1", 8192, 4096, 30),
                            "HELLO v=1 server=chatroom/0.1 max-frame=8192 max-text=4096 heartbeat=30"),
                    Arguments.of(new ServerFrame.Hello(1, "chatroom/0.1", 8192, 4096, 30, true),
                            "HELLO v=1 server=chatroom/0.1 max-frame=8192 max-text=4096 heartbeat=30 auth=password"),
                    Arguments.of(new ServerFrame.Welcome(ALICE, "lobby"), "WELCOME name=alice room=lobby"),
                    Arguments.of(ServerFrame.Members.of(List.of(ALICE, BOB), false), "MEMBERS :alice bob"),
                    Arguments.of(ServerFrame.Members.of(List.of(ALICE, BOB), true), "MEMBERS more=1 :alice bob"),
                    Arguments.of(ServerFrame.Members.of(List.of(), false), "MEMBERS :"),
                    Arguments.of(new ServerFrame.History(3), "HISTORY count=3"),
                    Arguments.of(new ServerFrame.Joined(ALICE, TIME), "JOINED name=alice ts=" + TS),
                    Arguments.of(new ServerFrame.Left(ALICE, TIME, LeaveReason.TIMEOUT),
                            "LEFT name=alice ts=" + TS + " reason=timeout"),
                    Arguments.of(new ServerFrame.Left(ALICE, TIME, LeaveReason.KILLED, "Killed (bob (spam))"),
                            "LEFT name=alice ts=" + TS + " reason=killed :Killed (bob (spam))"),
                    Arguments.of(new ServerFrame.Left(ALICE, TIME, LeaveReason.QUIT, "going home"),
                            "LEFT name=alice ts=" + TS + " reason=quit :going home"),
                    Arguments.of(new ServerFrame.Renamed(ALICE, BOB, TIME), "RENAMED from=alice to=bob ts=" + TS),
                    Arguments.of(new ServerFrame.Notice("Server restarts at 10:30"), "NOTICE :Server restarts at 10:30"),
                    Arguments.of(new ServerFrame.Notice(""), "NOTICE :"),
                    Arguments.of(new ServerFrame.Error(ErrorCode.NAME_TAKEN, "alice is taken"),
                            "ERROR code=name-taken :alice is taken"),
                    Arguments.of(new ServerFrame.Ping("42"), "PING token=42"),
                    Arguments.of(new ServerFrame.Pong("42"), "PONG token=42"),
                    Arguments.of(new ServerFrame.Bye(LeaveReason.QUIT, "Goodbye!"), "BYE reason=quit :Goodbye!"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("examples")
        @DisplayName("and decode reads it back")
        void wireForm(ServerFrame frame, String line) {
            assertThat(ServerFrames.encode(frame)).isEqualTo(line);
            assertThat(ServerFrames.decode(line)).isEqualTo(ok(frame));
        }

        @Test
        @DisplayName("HELLO: a server that needs no password writes no auth attribute; an old HELLO decodes as such")
        void helloWithoutPassword() {
            var hello = new ServerFrame.Hello(1, "s", 8192, 4096, 30);

            assertThat(hello.passwordRequired()).isFalse();
            assertThat(ServerFrames.encode(hello)).doesNotContain("auth");
            assertThat(ServerFrames.decode("HELLO v=1 server=s max-frame=8192 max-text=4096 heartbeat=30"))
                    .isEqualTo(ok(hello));
        }

        @Test
        @DisplayName("HELLO: an auth value this version does not know is ignored")
        void helloUnknownAuth() {
            assertThat(ServerFrames.decode("HELLO v=1 server=s max-frame=8192 max-text=4096 heartbeat=30 auth=token"))
                    .isEqualTo(ok(new ServerFrame.Hello(1, "s", 8192, 4096, 30, false)));
        }

        @Test
        @DisplayName("times are kept and written to the millisecond")
        void millisecondTimes() {
            var chat = new ServerFrame.Chat(7, Instant.parse("2026-11-24T10:15:30.123456789Z"), ALICE, "hi");

            assertThat(chat.time()).isEqualTo(TIME);
            assertThat(ServerFrames.encode(chat)).isEqualTo("MSG id=7 ts=" + TS + " from=alice :hi");
        }

        @Test
        @DisplayName("a time on the whole second still has its three digits of milliseconds")
        void wholeSecond() {
            var joined = new ServerFrame.Joined(ALICE, Instant.parse("2026-11-24T10:15:30Z"));
            assertThat(ServerFrames.encode(joined)).isEqualTo("JOINED name=alice ts=2026-11-24T10:15:30.000Z");
        }
    }

    @Nested
    @DisplayName("decode is forward compatible")
    class ForwardCompatible {

        /// `room=` was this test's example of an unknown attribute until version 2 gave it a
        /// meaning (see `ServerFramesV2Test`); any attribute this version does not know will do.
        @Test
        @DisplayName("unknown attributes are ignored: MSG ... colour=x :hi")
        void unknownAttributes() {
            assertThat(ServerFrames.decode("MSG id=3 ts=" + TS + " from=bob colour=x :hi"))
                    .isEqualTo(ok(new ServerFrame.Chat(3, TIME, BOB, "hi")));
        }

        @Test
        @DisplayName("an unknown verb is UNKNOWN_VERB, which a client skips")
        void unknownVerb() {
            assertThat(outcome(ServerFrames.decode("TYPING name=bob"))).isEqualTo(ErrorCode.UNKNOWN_VERB);
        }

        @Test
        @DisplayName("an unknown or missing leave reason reads as CLOSED")
        void unknownLeaveReason() {
            assertThat(ServerFrames.decode("LEFT name=bob ts=" + TS + " reason=vanished"))
                    .isEqualTo(ok(new ServerFrame.Left(BOB, TIME, LeaveReason.CLOSED)));
            assertThat(ServerFrames.decode("LEFT name=bob ts=" + TS))
                    .isEqualTo(ok(new ServerFrame.Left(BOB, TIME, LeaveReason.CLOSED)));
            assertThat(ServerFrames.decode("BYE reason=exploded :bye"))
                    .isEqualTo(ok(new ServerFrame.Bye(LeaveReason.CLOSED, "bye")));
        }

        @Test
        @DisplayName("a LEFT's words that are no valid text are dropped, never the departure")
        void leftWithBadWords() {
            assertThat(ServerFrames.decode("LEFT name=bob ts=" + TS + " reason=quit :" + "x".repeat(391)))
                    .isEqualTo(ok(new ServerFrame.Left(BOB, TIME, LeaveReason.QUIT)));
            assertThat(ServerFrames.decode("LEFT name=bob ts=" + TS + " reason=quit :a\u0007b"))
                    .isEqualTo(ok(new ServerFrame.Left(BOB, TIME, LeaveReason.QUIT)));
        }

        @Test
        @DisplayName("reason=kicked, unknown to version 1 readers, is KICKED since version 2")
        void kickedLeaveReason() {
            assertThat(ServerFrames.decode("LEFT name=bob ts=" + TS + " reason=kicked"))
                    .isEqualTo(ok(new ServerFrame.Left(BOB, TIME, LeaveReason.KICKED)));
        }

        @Test
        @DisplayName("an unknown or missing error code reads as BAD_FRAME")
        void unknownErrorCode() {
            assertThat(ServerFrames.decode("ERROR code=too-sunny :go outside"))
                    .isEqualTo(ok(new ServerFrame.Error(ErrorCode.BAD_FRAME, "go outside")));
            assertThat(ServerFrames.decode("ERROR :oops"))
                    .isEqualTo(ok(new ServerFrame.Error(ErrorCode.BAD_FRAME, "oops")));
        }

        @Test
        @DisplayName("a lower-case verb and runs of spaces are accepted")
        void lenientSyntax() {
            assertThat(ServerFrames.decode("members  more=1   :alice  bob "))
                    .isEqualTo(ok(ServerFrame.Members.of(List.of(ALICE, BOB), true)));
        }

        @Test
        @DisplayName("a timestamp with an offset is read as the same instant")
        void timestampWithOffset() {
            assertThat(ServerFrames.decode("JOINED name=alice ts=2026-11-24T11:15:30.123+01:00"))
                    .isEqualTo(ok(new ServerFrame.Joined(ALICE, TIME)));
        }
    }

    @Nested
    @DisplayName("decode refuses, as a value and never by throwing")
    class DecodeRefuses {

        static Stream<Arguments> refusals() {
            String from = " from=bob :hi";
            return Stream.of(
                    Arguments.of("FOO", ErrorCode.UNKNOWN_VERB),
                    Arguments.of("", ErrorCode.BAD_FRAME),
                    Arguments.of("MSG ts=" + TS + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=1" + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=1 ts=" + TS + " :hi", ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=1 ts=" + TS + " from=bob", ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=1 id=2 ts=" + TS + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=one ts=" + TS + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=0 ts=" + TS + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=-5 ts=" + TS + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=1 ts=yesterday" + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=1 ts=2026-11-24" + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=1 ts=2026-11-24T10:15:30.123" + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=1 ts=2026-13-24T10:15:30Z" + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=1 ts=" + TS + "\t" + from, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG id=1 ts=" + TS + " from=b*b :hi", ErrorCode.NAME_INVALID),
                    Arguments.of("MSG id=1 ts=" + TS + " from=b\tb :hi", ErrorCode.NAME_INVALID),
                    Arguments.of("MSG id=1 ts=" + TS + " from=bob :  ", ErrorCode.EMPTY_TEXT),
                    Arguments.of("MSG id=1 ts=" + TS + " from=bob :" + "x".repeat(Limits.MAX_TEXT_BYTES + 1),
                            ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("HELLO v=1 server=x max-frame=0 max-text=1 heartbeat=0", ErrorCode.BAD_FRAME),
                    Arguments.of("HELLO v=1 server=x max-frame=1 max-text=1", ErrorCode.BAD_FRAME),
                    Arguments.of("HELLO v=1 max-frame=1 max-text=1 heartbeat=0", ErrorCode.BAD_FRAME),
                    Arguments.of("WELCOME name=alice", ErrorCode.BAD_FRAME),
                    Arguments.of("WELCOME name=alice room=a\tb", ErrorCode.BAD_FRAME),
                    Arguments.of("MEMBERS", ErrorCode.BAD_FRAME),
                    Arguments.of("MEMBERS :alice b*b", ErrorCode.NAME_INVALID),
                    Arguments.of("HISTORY count=-1", ErrorCode.BAD_FRAME),
                    Arguments.of("HISTORY", ErrorCode.BAD_FRAME),
                    Arguments.of("JOINED ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("RENAMED from=alice ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("RENAMED from=alice to=b:b ts=" + TS, ErrorCode.NAME_INVALID),
                    Arguments.of("NOTICE", ErrorCode.BAD_FRAME),
                    Arguments.of("NOTICE :" + "x".repeat(Limits.MAX_TEXT_BYTES + 1), ErrorCode.BAD_FRAME),
                    Arguments.of("NOTICE :a\u0000b", ErrorCode.BAD_FRAME),
                    Arguments.of("ERROR code=flood", ErrorCode.BAD_FRAME),
                    Arguments.of("BYE reason=quit", ErrorCode.BAD_FRAME),
                    Arguments.of("PING token=a\tb", ErrorCode.BAD_FRAME));
        }

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @MethodSource("refusals")
        void refusal(String line, ErrorCode expected) {
            Parsed<ServerFrame> parsed = ServerFrames.decode(line);

            assertThat(outcome(parsed)).isEqualTo(expected);
            assertThat(Outcomes.refusal(parsed).detail()).isNotBlank();
        }
    }

    @Nested
    @DisplayName("membersFrames")
    class MembersFrames {

        /// 5,000 distinct names of 32 characters, each 4 bytes of UTF-8 (CJK Extension B).
        private static List<Name> longestNames() {
            String prefix = "\uD840\uDC00".repeat(Limits.MAX_NAME_LENGTH - 1);
            return IntStream.range(0, 5_000)
                    .mapToObj(i -> new Name(prefix + Character.toString(0x20000 + i)))
                    .toList();
        }

        private static List<Name> asciiNames() {
            return IntStream.range(0, 5_000)
                    .mapToObj(i -> new Name("member-%025d".formatted(i)))
                    .toList();
        }

        static Stream<Arguments> manyNames() {
            return Stream.of(
                    Arguments.of("5,000 names of 32 four-byte characters", longestNames()),
                    Arguments.of("5,000 ASCII names of 32 characters", asciiNames()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("manyNames")
        @DisplayName("split a long list into frames that each fit, all but the last with more, all names in order")
        void split(String description, List<Name> names) {
            assertThat(names).allSatisfy(name ->
                    assertThat(name.value().codePointCount(0, name.value().length())).isEqualTo(Limits.MAX_NAME_LENGTH));

            List<ServerFrame.Members> frames = ServerFrames.membersFrames(names.stream().map(Member::plain).toList());

            assertThat(frames).hasSizeGreaterThan(1);
            List<Name> joined = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                ServerFrame.Members frame = frames.get(i);
                String line = ServerFrames.encode(frame);
                assertThat(Text.utf8Length(line)).as("bytes of frame %d", i).isLessThanOrEqualTo(Limits.MAX_FRAME_BYTES);
                assertThat(frame.more()).as("more of frame %d", i).isEqualTo(i < frames.size() - 1);
                assertThat(ServerFrames.decode(line)).as("frame %d read back", i).isEqualTo(ok(frame));
                if (i < frames.size() - 1) {
                    assertThat(Text.utf8Length(line)).as("frame %d is well filled", i)
                            .isGreaterThan(Limits.MAX_FRAME_BYTES / 2);
                }
                joined.addAll(frame.names());
            }
            assertThat(joined).containsExactlyElementsOf(names);
        }

        @Test
        @DisplayName("an empty list gives one frame with no names")
        void empty() {
            assertThat(ServerFrames.membersFrames(List.of()))
                    .containsExactly(ServerFrame.Members.of(List.of(), false));
        }

        @Test
        @DisplayName("a short list gives one frame without more")
        void shortList() {
            assertThat(ServerFrames.membersFrames(List.of(Member.plain(ALICE), Member.plain(BOB))))
                    .containsExactly(ServerFrame.Members.of(List.of(ALICE, BOB), false));
        }
    }

    @Nested
    @DisplayName("records check their invariants")
    class Invariants {

        @Test
        @DisplayName("Chat refuses an id below 1 and a text checkMessage refuses")
        void chat() {
            assertThatThrownBy(() -> new ServerFrame.Chat(0, TIME, ALICE, "hi")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Chat(1, TIME, ALICE, " ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Chat(1, TIME, ALICE, "a\u2028b"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("Hello refuses impossible numbers")
        void hello() {
            assertThatThrownBy(() -> new ServerFrame.Hello(0, "s", 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Hello(1, "s", 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Hello(1, "s", 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Hello(1, "s", 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Hello(1, "s p", 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("History refuses a negative count")
        void history() {
            assertThatThrownBy(() -> new ServerFrame.History(-1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("Notice, Error and Bye allow an empty text but not a forbidden character or too many bytes")
        void serverTexts() {
            String tooLong = "€".repeat(Limits.MAX_TEXT_BYTES / 3 + 1);
            assertThatThrownBy(() -> new ServerFrame.Notice("a\rb")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Notice(tooLong)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Error(ErrorCode.FLOOD, tooLong))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Bye(LeaveReason.QUIT, "\u0085"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(new ServerFrame.Bye(LeaveReason.QUIT, "").text()).isEmpty();
        }

        @Test
        @DisplayName("Members keeps its own copy of the names")
        void membersCopies() {
            List<Name> names = new ArrayList<>(List.of(ALICE));
            var members = ServerFrame.Members.of(names, false);
            names.add(BOB);

            assertThat(members.names()).containsExactly(ALICE);
            assertThatThrownBy(() -> members.names().add(BOB)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("Members keeps its own copy of the members, too")
        void membersCopiesMembers() {
            List<Member> list = new ArrayList<>(List.of(Member.plain(ALICE)));
            var members = new ServerFrame.Members(list, false);
            list.add(Member.plain(BOB));

            assertThat(members.members()).containsExactly(Member.plain(ALICE));
            assertThatThrownBy(() -> members.members().add(Member.plain(BOB)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorCode.class)
    @DisplayName("every error code survives an ERROR frame")
    void everyErrorCode(ErrorCode code) {
        var error = new ServerFrame.Error(code, "detail");
        assertThat(ServerFrames.decode(ServerFrames.encode(error))).isEqualTo(ok(error));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(LeaveReason.class)
    @DisplayName("every leave reason survives LEFT and BYE frames")
    void everyLeaveReason(LeaveReason reason) {
        var left = new ServerFrame.Left(ALICE, TIME, reason);
        var bye = new ServerFrame.Bye(reason, "bye");
        assertThat(ServerFrames.decode(ServerFrames.encode(left))).isEqualTo(ok(left));
        assertThat(ServerFrames.decode(ServerFrames.encode(bye))).isEqualTo(ok(bye));
    }
}
