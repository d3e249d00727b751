package chatroom.protocol;

import static chatroom.protocol.Outcomes.ok;
import static chatroom.protocol.Outcomes.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/// The frames the server sends in protocol version 2: room events with `room=`, private
/// messages, topics, moderation, away and room lists. Version 1 forms are in [ServerFramesTest].
@DisplayName("ServerFrames, version 2")
class ServerFramesV2Test {

    private static final String TS = "2026-11-24T10:15:30.123Z";
    private static final Instant TIME = Instant.parse(TS);
    private static final Name ALICE = new Name("alice");
    private static final Name BOB = new Name("bob");
    private static final RoomName RUST = new RoomName("#rust");
    private static final String TOO_LONG_TOPIC = "x".repeat(Limits.MAX_TOPIC_BYTES + 1);

    private static ServerFrame inRust(ServerFrame.RoomEvent event) {
        return new ServerFrame.InRoom(RUST, event);
    }

    @Nested
    @DisplayName("encode writes the documented wire form")
    class Encode {

        static Stream<Arguments> examples() {
            var chat = new ServerFrame.Chat(1, TIME, ALICE, "hi :) there");
            var action = new ServerFrame.Chat(2, TIME, ALICE, "waves", true);
            var flagged = List.of(new Member(ALICE, true, false, false), new Member(BOB, false, false, true),
                    Member.plain(new Name("carol")), new Member(new Name("dave"), true, true, true));
            return Stream.of(
                    Arguments.of(inRust(chat), "MSG room=#rust id=1 ts=" + TS + " from=alice :hi :) there"),
                    Arguments.of(inRust(action), "MSG room=#rust id=2 ts=" + TS + " from=alice action=1 :waves"),
                    Arguments.of(action, "MSG id=2 ts=" + TS + " from=alice action=1 :waves"),
                    Arguments.of(new ServerFrame.Private(BOB, new ServerFrame.Chat(3, TIME, ALICE, "psst")),
                            "MSG id=3 ts=" + TS + " from=alice to=bob :psst"),
                    Arguments.of(new ServerFrame.Private(BOB, new ServerFrame.Chat(4, TIME, ALICE, "winks", true)),
                            "MSG id=4 ts=" + TS + " from=alice to=bob action=1 :winks"),
                    Arguments.of(inRust(new ServerFrame.Joined(ALICE, TIME)), "JOINED room=#rust name=alice ts=" + TS),
                    Arguments.of(inRust(new ServerFrame.Joined(new Member(ALICE, true, false, true, true), TIME)),
                            "JOINED room=#rust name=alice ts=" + TS + " flags=@+~"),
                    Arguments.of(new ServerFrame.Parted(ALICE, TIME, ""), "PARTED name=alice ts=" + TS),
                    Arguments.of(inRust(new ServerFrame.Parted(ALICE, TIME, "bye all :)")),
                            "PARTED room=#rust name=alice ts=" + TS + " :bye all :)"),
                    Arguments.of(inRust(new ServerFrame.Kicked(BOB, ALICE, TIME, "")),
                            "KICKED room=#rust name=bob by=alice ts=" + TS),
                    Arguments.of(inRust(new ServerFrame.Kicked(BOB, ALICE, TIME, "spamming")),
                            "KICKED room=#rust name=bob by=alice ts=" + TS + " :spamming"),
                    Arguments.of(new ServerFrame.Kicked(BOB, ALICE, TIME, "spamming"),
                            "KICKED name=bob by=alice ts=" + TS + " :spamming"),
                    Arguments.of(inRust(new ServerFrame.Members(flagged, false)), "MEMBERS room=#rust :@alice ~bob carol @!~dave"),
                    Arguments.of(inRust(new ServerFrame.Members(flagged, true)),
                            "MEMBERS room=#rust more=1 :@alice ~bob carol @!~dave"),
                    Arguments.of(inRust(new ServerFrame.Members(List.of(), false)), "MEMBERS room=#rust :"),
                    Arguments.of(inRust(new ServerFrame.History(3)), "HISTORY room=#rust count=3"),
                    Arguments.of(new ServerFrame.PrivateHistory(BOB, 2), "HISTORY with=bob count=2"),
                    Arguments.of(inRust(new ServerFrame.Topic("Rust 2.0: out", Optional.of(ALICE), Optional.of(TIME))),
                            "TOPIC room=#rust by=alice ts=" + TS + " :Rust 2.0: out"),
                    Arguments.of(inRust(new ServerFrame.Topic("Rust", Optional.empty(), Optional.empty())),
                            "TOPIC room=#rust :Rust"),
                    Arguments.of(inRust(new ServerFrame.Topic("", Optional.empty(), Optional.empty())), "TOPIC room=#rust :"),
                    Arguments.of(inRust(new ServerFrame.Topic("", Optional.of(ALICE), Optional.of(TIME))),
                            "TOPIC room=#rust by=alice ts=" + TS + " :"),
                    Arguments.of(inRust(moderated(Moderation.BAN, "bob")),
                            "MODERATED room=#rust action=ban by=alice target=bob ts=" + TS),
                    Arguments.of(inRust(moderated(Moderation.BAN, "203.0.113.7")),
                            "MODERATED room=#rust action=ban by=alice target=203.0.113.7 ts=" + TS),
                    Arguments.of(inRust(moderated(Moderation.UNBAN, "2001:db8::1")),
                            "MODERATED room=#rust action=unban by=alice target=2001:db8::1 ts=" + TS),
                    Arguments.of(inRust(moderated(Moderation.OP, "bob")),
                            "MODERATED room=#rust action=op by=alice target=bob ts=" + TS),
                    Arguments.of(inRust(moderated(Moderation.LOCK_TOPIC, null)),
                            "MODERATED room=#rust action=lock-topic by=alice ts=" + TS),
                    Arguments.of(inRust(moderated(Moderation.CLOSE, null)),
                            "MODERATED room=#rust action=close by=alice ts=" + TS),
                    Arguments.of(new ServerFrame.Away(BOB, Optional.of("lunch, back at 2")), "AWAY name=bob :lunch, back at 2"),
                    Arguments.of(new ServerFrame.Away(BOB, Optional.empty()), "AWAY name=bob"),
                    Arguments.of(new ServerFrame.Invited(RUST, ALICE, BOB, TIME),
                            "INVITED room=#rust by=alice name=bob ts=" + TS),
                    Arguments.of(inRust(moderated(Moderation.SET_LIMIT, "12")),
                            "MODERATED room=#rust action=set-limit by=alice target=12 ts=" + TS),
                    Arguments.of(inRust(moderated(Moderation.VOICE, "bob")),
                            "MODERATED room=#rust action=voice by=alice target=bob ts=" + TS),
                    Arguments.of(new ServerFrame.RoomList(2), "ROOMS count=2"),
                    Arguments.of(new ServerFrame.RoomList(0), "ROOMS count=0"),
                    Arguments.of(new ServerFrame.RoomInfo(RUST, 3, "Rust 2.0: out"), "ROOM room=#rust members=3 :Rust 2.0: out"),
                    Arguments.of(new ServerFrame.RoomInfo(new RoomName("#Go"), 1, ""), "ROOM room=#Go members=1 :"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("examples")
        @DisplayName("and decode reads it back")
        void wireForm(ServerFrame frame, String line) {
            assertThat(ServerFrames.encode(frame)).isEqualTo(line);
            assertThat(ServerFrames.decode(line)).isEqualTo(ok(frame));
        }

        @Test
        @DisplayName("a bare member list is version 1's: names only, whatever the flags")
        void bareMembersDropFlags() {
            var members = new ServerFrame.Members(List.of(new Member(ALICE, true, true, true), Member.plain(BOB)), false);

            assertThat(ServerFrames.encode(members)).isEqualTo("MEMBERS :alice bob");
            assertThat(ServerFrames.decode("MEMBERS :alice bob")).isEqualTo(ok(ServerFrame.Members.of(List.of(ALICE, BOB),
                    false)));
        }

        @Test
        @DisplayName("the four-argument Chat is version 1's message, byte for byte")
        void version1Chat() {
            var chat = new ServerFrame.Chat(1, TIME, ALICE, "hi");

            assertThat(chat).isEqualTo(new ServerFrame.Chat(1, TIME, ALICE, "hi", false));
            assertThat(ServerFrames.encode(chat)).isEqualTo("MSG id=1 ts=" + TS + " from=alice :hi");
        }

        @Test
        @DisplayName("every bare room event is the InRoom form without its room= attribute")
        void bareIsInRoomWithoutRoom() {
            Stream.of(new ServerFrame.Chat(1, TIME, ALICE, "hi", true), new ServerFrame.Joined(ALICE, TIME),
                            new ServerFrame.Parted(ALICE, TIME, "bye"), new ServerFrame.Kicked(BOB, ALICE, TIME, "x"),
                            ServerFrame.Members.of(List.of(ALICE), true), new ServerFrame.History(1),
                            new ServerFrame.Topic("t", Optional.of(ALICE), Optional.of(TIME)),
                            moderated(Moderation.MUTE, "bob"))
                    .forEach(event -> assertThat(ServerFrames.encode(inRust(event)).replace(" room=#rust", ""))
                            .as(event.toString()).isEqualTo(ServerFrames.encode(event)));
        }
    }

    @Nested
    @DisplayName("decode")
    class Decode {

        @Test
        @DisplayName("a room event with room= is an InRoom, without it the bare event")
        void inRoomOrBare() {
            assertThat(ServerFrames.decode("JOINED room=#rust name=alice ts=" + TS))
                    .isEqualTo(ok(inRust(new ServerFrame.Joined(ALICE, TIME))));
            assertThat(ServerFrames.decode("JOINED name=alice ts=" + TS)).isEqualTo(ok(new ServerFrame.Joined(ALICE, TIME)));
        }

        @Test
        @DisplayName("JOINED's flags= in any order; a flag this version does not know is ignored, the others kept")
        void joinedFlags() {
            assertThat(ServerFrames.decode("JOINED room=#rust name=alice ts=" + TS + " flags=!@?"))
                    .isEqualTo(ok(inRust(new ServerFrame.Joined(new Member(ALICE, true, true, false, false), TIME))));
            assertThat(ServerFrames.decode("JOINED room=#rust name=alice ts=" + TS + " flags=?"))
                    .isEqualTo(ok(inRust(new ServerFrame.Joined(ALICE, TIME))));
        }

        @Test
        @DisplayName("a bare JOINED (version 1) carries no flags: its readers know names only")
        void bareJoinedWithoutFlags() {
            assertThat(ServerFrames.encode(new ServerFrame.Joined(new Member(ALICE, true, true, true, true), TIME)))
                    .isEqualTo("JOINED name=alice ts=" + TS);
        }

        @Test
        @DisplayName("MSG with to= is a private message, HISTORY with with= a private history")
        void privateForms() {
            assertThat(ServerFrames.decode("MSG id=3 ts=" + TS + " from=alice to=bob :psst"))
                    .isEqualTo(ok(new ServerFrame.Private(BOB, new ServerFrame.Chat(3, TIME, ALICE, "psst"))));
            assertThat(ServerFrames.decode("HISTORY with=bob count=0")).isEqualTo(ok(new ServerFrame.PrivateHistory(BOB, 0)));
        }

        @Test
        @DisplayName("a moderation action is read in any case")
        void actionCase() {
            assertThat(ServerFrames.decode("MODERATED room=#rust action=BAN by=alice target=bob ts=" + TS))
                    .isEqualTo(ok(inRust(moderated(Moderation.BAN, "bob"))));
            assertThat(ServerFrames.decode("MODERATED action=Unlock-Topic by=alice ts=" + TS))
                    .isEqualTo(ok(moderated(Moderation.UNLOCK_TOPIC, null)));
        }

        @Test
        @DisplayName("a target on an action that takes none is ignored, like any unknown attribute")
        void ignoredTarget() {
            assertThat(ServerFrames.decode("MODERATED room=#rust action=close by=alice target=bob ts=" + TS))
                    .isEqualTo(ok(inRust(moderated(Moderation.CLOSE, null))));
        }

        @Test
        @DisplayName("TOPIC without a text is no topic; ROOM without a text a room without a topic")
        void noText() {
            assertThat(ServerFrames.decode("TOPIC room=#rust"))
                    .isEqualTo(ok(inRust(new ServerFrame.Topic("", Optional.empty(), Optional.empty()))));
            assertThat(ServerFrames.decode("ROOM room=#rust members=2")).isEqualTo(ok(new ServerFrame.RoomInfo(RUST, 2, "")));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"AWAY name=bob", "AWAY name=bob :", "AWAY name=bob :   "})
        @DisplayName("AWAY without a text, or with a blank one, says the member is back")
        void back(String line) {
            assertThat(ServerFrames.decode(line)).isEqualTo(ok(new ServerFrame.Away(BOB, Optional.empty())));
        }

        @Test
        @DisplayName("a topic of exactly MAX_TOPIC_BYTES")
        void topicAtLimit() {
            String topic = "€".repeat(Limits.MAX_TOPIC_BYTES / 3);

            assertThat(ServerFrames.decode("TOPIC room=#rust :" + topic))
                    .isEqualTo(ok(inRust(new ServerFrame.Topic(topic, Optional.empty(), Optional.empty()))));
        }

        @Test
        @DisplayName("member flags are read in the bare form too")
        void bareFlags() {
            assertThat(ServerFrames.decode("MEMBERS :@alice ~bob")).isEqualTo(ok(new ServerFrame.Members(
                    List.of(new Member(ALICE, true, false, false), new Member(BOB, false, false, true)), false)));
        }
    }

    @Nested
    @DisplayName("decode refuses, as a value and never by throwing")
    class DecodeRefuses {

        static Stream<Arguments> refusals() {
            String msg = " id=1 ts=" + TS + " from=alice";
            return Stream.of(
                    Arguments.of("MSG room=rust" + msg + " :hi", ErrorCode.ROOM_INVALID),
                    Arguments.of("MSG room=#" + msg + " :hi", ErrorCode.ROOM_INVALID),
                    Arguments.of("MSG room=#rust" + msg, ErrorCode.BAD_FRAME),
                    Arguments.of("MSG room=#rust" + msg + " : ", ErrorCode.EMPTY_TEXT),
                    Arguments.of("MSG room=#rust to=bob" + msg + " :hi", ErrorCode.BAD_FRAME),
                    Arguments.of("MSG to=b*b" + msg + " :hi", ErrorCode.NAME_INVALID),
                    Arguments.of("MSG to=bob id=1 ts=" + TS + " :hi", ErrorCode.BAD_FRAME),
                    Arguments.of("JOINED room=#rust ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("JOINED room=rust name=alice ts=" + TS, ErrorCode.ROOM_INVALID),
                    Arguments.of("PARTED room=#rust name=alice", ErrorCode.BAD_FRAME),
                    Arguments.of("PARTED room=#rust ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("PARTED room=#rust name=alice ts=" + TS + " :" + TOO_LONG_TOPIC, ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("KICKED room=#rust name=bob ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("KICKED room=#rust by=alice ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("KICKED room=#rust name=bob by=a*a ts=" + TS, ErrorCode.NAME_INVALID),
                    Arguments.of("KICKED room=#rust name=bob by=alice ts=" + TS + " :" + TOO_LONG_TOPIC,
                            ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("MEMBERS room=#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("MEMBERS room=#rust :@", ErrorCode.NAME_INVALID),
                    Arguments.of("MEMBERS room=#rust :@alice ~", ErrorCode.NAME_INVALID),
                    Arguments.of("MEMBERS room=#rust :alice a*b", ErrorCode.NAME_INVALID),
                    Arguments.of("MEMBERS room=#rust :alice #rust", ErrorCode.NAME_INVALID),
                    Arguments.of("HISTORY room=#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("HISTORY with=bob", ErrorCode.BAD_FRAME),
                    Arguments.of("HISTORY with=bob count=-1", ErrorCode.BAD_FRAME),
                    Arguments.of("HISTORY with=b*b count=1", ErrorCode.NAME_INVALID),
                    Arguments.of("HISTORY room=#rust with=bob count=1", ErrorCode.BAD_FRAME),
                    Arguments.of("TOPIC room=#rust :" + TOO_LONG_TOPIC, ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("TOPIC room=#rust by=a*a :x", ErrorCode.NAME_INVALID),
                    Arguments.of("TOPIC room=#rust ts=yesterday :x", ErrorCode.BAD_FRAME),
                    Arguments.of("MODERATED room=#rust by=alice ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("MODERATED room=#rust action=shun by=alice target=bob ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("MODERATED room=#rust action=lock_topic by=alice ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("MODERATED room=#rust action=ban target=bob ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("MODERATED room=#rust action=ban by=alice target=bob", ErrorCode.BAD_FRAME),
                    Arguments.of("MODERATED room=#rust action=ban by=alice ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("MODERATED room=#rust action=ban by=alice target=:x ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("MODERATED room=#rust action=op by=alice target=b*b ts=" + TS, ErrorCode.NAME_INVALID),
                    Arguments.of("MODERATED room=#rust action=op by=alice ts=" + TS, ErrorCode.BAD_FRAME),
                    Arguments.of("AWAY", ErrorCode.BAD_FRAME),
                    Arguments.of("AWAY :lunch", ErrorCode.BAD_FRAME),
                    Arguments.of("AWAY name=b*b", ErrorCode.NAME_INVALID),
                    Arguments.of("AWAY name=bob :" + TOO_LONG_TOPIC, ErrorCode.TEXT_TOO_LONG),
                    Arguments.of("ROOMS", ErrorCode.BAD_FRAME),
                    Arguments.of("ROOMS count=-1", ErrorCode.BAD_FRAME),
                    Arguments.of("ROOMS count=many", ErrorCode.BAD_FRAME),
                    Arguments.of("ROOM room=#rust", ErrorCode.BAD_FRAME),
                    Arguments.of("ROOM members=1 :x", ErrorCode.BAD_FRAME),
                    Arguments.of("ROOM room=rust members=1 :x", ErrorCode.ROOM_INVALID),
                    Arguments.of("ROOM room=#rust members=-1 :x", ErrorCode.BAD_FRAME),
                    Arguments.of("ROOM room=#rust members=1 :" + TOO_LONG_TOPIC, ErrorCode.TEXT_TOO_LONG));
        }

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @MethodSource("refusals")
        void refusal(String line, ErrorCode expected) {
            Parsed<ServerFrame> parsed = ServerFrames.decode(line);

            assertThat(outcome(parsed)).isEqualTo(expected);
            assertThat(Outcomes.refusal(parsed).detail()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Moderation.class)
    @DisplayName("every moderation action survives MODERATED, bare and in a room")
    void everyModeration(Moderation action) {
        var event = moderated(action, switch (action.argument()) {
            case NONE -> null;
            case LIMIT -> "10";
            case NAME, NAME_OR_ADDRESS, KEY -> "bob";
        });

        assertThat(ServerFrames.encode(event)).startsWith("MODERATED action=" + action.verb().toLowerCase(java.util.Locale.ROOT)
                + " ");
        assertThat(ServerFrames.decode(ServerFrames.encode(event))).isEqualTo(ok(event));
        assertThat(ServerFrames.decode(ServerFrames.encode(inRust(event)))).isEqualTo(ok(inRust(event)));
    }

    @Nested
    @DisplayName("the longest frames still fit in MAX_FRAME_BYTES")
    class LongestFrames {

        private static final String LONGEST_NAME = "\uD840\uDC00".repeat(Limits.MAX_NAME_LENGTH);
        private static final Name NAME = new Name(LONGEST_NAME);
        private static final RoomName ROOM = new RoomName("#" + LONGEST_NAME);
        private static final String TEXT = "😀".repeat(Limits.MAX_TEXT_BYTES / 4);
        private static final String TOPIC = "😀".repeat(Limits.MAX_TOPIC_BYTES / 4);

        static Stream<ServerFrame> longest() {
            var chat = new ServerFrame.Chat(Long.MAX_VALUE, Tokens.LATEST, NAME, TEXT, true);
            return Stream.of(
                    new ServerFrame.InRoom(ROOM, chat),
                    new ServerFrame.Private(NAME, chat),
                    new ServerFrame.InRoom(ROOM, new ServerFrame.Kicked(NAME, NAME, Tokens.LATEST, TOPIC)),
                    new ServerFrame.InRoom(ROOM, new ServerFrame.Topic(TOPIC, Optional.of(NAME), Optional.of(Tokens.LATEST))),
                    new ServerFrame.RoomInfo(ROOM, Integer.MAX_VALUE, TOPIC),
                    new ServerFrame.Away(NAME, Optional.of(TOPIC)));
        }

        @ParameterizedTest(name = "{index}")
        @MethodSource("longest")
        void fits(ServerFrame frame) {
            String line = ServerFrames.encode(frame);

            assertThat(Text.utf8Length(line)).isLessThanOrEqualTo(Limits.MAX_FRAME_BYTES);
            assertThat(ServerFrames.decode(line)).isEqualTo(ok(frame));
        }

        @Test
        @DisplayName("membersFrames splits members with every flag, and each frame fits with the longest room name")
        void flaggedMembers() {
            String prefix = "\uD840\uDC00".repeat(Limits.MAX_NAME_LENGTH - 1);
            List<Member> members = IntStream.range(0, 5_000)
                    .mapToObj(i -> new Member(new Name(prefix + Character.toString(0x20000 + i)), true, true, true))
                    .toList();

            List<ServerFrame.Members> frames = ServerFrames.membersFrames(members);

            assertThat(frames).hasSizeGreaterThan(1);
            List<Member> joined = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                var frame = new ServerFrame.InRoom(ROOM, frames.get(i));
                String line = ServerFrames.encode(frame);
                assertThat(Text.utf8Length(line)).as("bytes of frame %d", i).isLessThanOrEqualTo(Limits.MAX_FRAME_BYTES);
                assertThat(frames.get(i).more()).as("more of frame %d", i).isEqualTo(i < frames.size() - 1);
                assertThat(ServerFrames.decode(line)).as("frame %d read back", i).isEqualTo(ok(frame));
                joined.addAll(frames.get(i).members());
            }
            assertThat(joined).containsExactlyElementsOf(members);
        }
    }

    @Nested
    @DisplayName("records check their invariants")
    class Invariants {

        @Test
        @DisplayName("InRoom, Private and PrivateHistory refuse nulls; counts are not negative")
        void wrappers() {
            assertThatThrownBy(() -> new ServerFrame.InRoom(null, new ServerFrame.History(1)))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new ServerFrame.InRoom(RUST, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new ServerFrame.Private(BOB, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new ServerFrame.PrivateHistory(BOB, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.RoomList(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.RoomInfo(RUST, -1, "")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("topics, reasons and away texts are at most MAX_TOPIC_BYTES")
        void shortTexts() {
            assertThatThrownBy(() -> new ServerFrame.Parted(ALICE, TIME, TOO_LONG_TOPIC))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Kicked(BOB, ALICE, TIME, TOO_LONG_TOPIC))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Topic(TOO_LONG_TOPIC, Optional.empty(), Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.RoomInfo(RUST, 1, TOO_LONG_TOPIC))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Away(BOB, Optional.of(TOO_LONG_TOPIC)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("Away refuses a blank text: back is an empty one, as in the client's AWAY")
        void blankAway() {
            assertThatThrownBy(() -> new ServerFrame.Away(BOB, Optional.of(""))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ServerFrame.Away(BOB, Optional.of("  "))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("Moderated has a target exactly when its action takes one")
        void moderated() {
            assertThatThrownBy(() -> new ServerFrame.Moderated(Moderation.BAN, ALICE, Optional.empty(), TIME))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BAN");
            assertThatThrownBy(() -> new ServerFrame.Moderated(Moderation.CLOSE, ALICE, Optional.of("bob"), TIME))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLOSE");
            assertThatThrownBy(() -> new ServerFrame.Moderated(Moderation.MUTE, ALICE, Optional.of("b b"), TIME))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("times are kept to the millisecond")
        void millis() {
            var parted = new ServerFrame.Parted(ALICE, Instant.parse("2026-11-24T10:15:30.123456Z"), "");
            var topic = new ServerFrame.Topic("t", Optional.empty(), Optional.of(Instant.parse("2026-11-24T10:15:30.123999Z")));

            assertThat(parted.time()).isEqualTo(TIME);
            assertThat(topic.time()).contains(TIME);
        }
    }

    /// A moderation by alice; `target` is `null` for none.
    private static ServerFrame.Moderated moderated(Moderation action, String target) {
        return new ServerFrame.Moderated(action, ALICE, Optional.ofNullable(target), TIME);
    }
}
