package chatroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/// The plain dialect's lines for version 2 events, as a [PlainText.Viewer] sees them. The lines
/// of version 1 are in [PlainTextTest]; here, events of the viewer's current room must look
/// exactly like them.
@DisplayName("PlainText, rooms and version 2 events")
class PlainTextRoomsTest {

    private static final Instant TIME = Instant.parse("2026-11-24T10:15:30.123Z");
    private static final Name ALICE = new Name("alice");
    private static final Name BOB = new Name("bob");
    private static final RoomName LOBBY = new RoomName("#lobby");
    private static final RoomName RUST = new RoomName("#rust");

    /// alice, whose current room is #lobby.
    private static final PlainText.Viewer ALICE_IN_LOBBY = new PlainText.Viewer(Optional.of(ALICE), Optional.of(LOBBY));
    /// bob, whose current room is #lobby.
    private static final PlainText.Viewer BOB_IN_LOBBY = new PlainText.Viewer(Optional.of(BOB), Optional.of(LOBBY));

    private static Optional<String> inLobby(ServerFrame frame) {
        return PlainText.render(frame, ALICE_IN_LOBBY);
    }

    private static ServerFrame lobby(ServerFrame.RoomEvent event) {
        return new ServerFrame.InRoom(LOBBY, event);
    }

    private static ServerFrame rust(ServerFrame.RoomEvent event) {
        return new ServerFrame.InRoom(RUST, event);
    }

    @Nested
    @DisplayName("events of the current room look exactly like version 1's lines")
    class CurrentRoom {

        @Test
        @DisplayName("a message is NAME: TEXT")
        void chat() {
            assertThat(inLobby(lobby(new ServerFrame.Chat(1, TIME, BOB, "hi: there")))).contains("bob: hi: there");
        }

        @Test
        @DisplayName("a join is '* NAME joined the chat'")
        void joined() {
            assertThat(inLobby(lobby(new ServerFrame.Joined(BOB, TIME)))).contains("* bob joined the chat");
        }

        @Test
        @DisplayName("a member list without flags is '* In the chat: a, b', with a trailing comma when more follows")
        void members() {
            assertThat(inLobby(lobby(ServerFrame.Members.of(List.of(ALICE, BOB), false))))
                    .contains("* In the chat: alice, bob");
            assertThat(inLobby(lobby(ServerFrame.Members.of(List.of(ALICE, BOB), true))))
                    .contains("* In the chat: alice, bob,");
            assertThat(inLobby(lobby(ServerFrame.Members.of(List.of(), false)))).isEmpty();
        }

        @Test
        @DisplayName("the current room is compared without case: #LOBBY is #lobby")
        void caseInsensitive() {
            var viewer = new PlainText.Viewer(Optional.of(ALICE), Optional.of(new RoomName("#LOBBY")));

            assertThat(PlainText.render(lobby(new ServerFrame.Chat(1, TIME, BOB, "hi")), viewer)).contains("bob: hi");
        }

        @Test
        @DisplayName("a bare event is shown as one of the current room, whoever looks")
        void bare() {
            var chat = new ServerFrame.Chat(1, TIME, BOB, "hi");

            assertThat(inLobby(chat)).contains("bob: hi");
            assertThat(PlainText.render(chat, PlainText.Viewer.NOBODY)).contains("bob: hi");
            assertThat(PlainText.render(chat)).contains("bob: hi");
        }
    }

    @Nested
    @DisplayName("events of other rooms carry '[#room] ' right after '* '")
    class OtherRooms {

        @Test
        @DisplayName("a message: '* [#rust] bob: hi'")
        void chat() {
            assertThat(inLobby(rust(new ServerFrame.Chat(1, TIME, BOB, "hi")))).contains("* [#rust] bob: hi");
        }

        @Test
        @DisplayName("a join: '* [#rust] alice joined the chat'")
        void joined() {
            assertThat(inLobby(rust(new ServerFrame.Joined(ALICE, TIME)))).contains("* [#rust] alice joined the chat");
        }

        @Test
        @DisplayName("an action: '* [#rust] * bob waves'")
        void action() {
            assertThat(inLobby(rust(new ServerFrame.Chat(1, TIME, BOB, "waves", true)))).contains("* [#rust] * bob waves");
        }

        @Test
        @DisplayName("a member list: '* [#rust] In the chat: @alice, bob'")
        void members() {
            var members = new ServerFrame.Members(List.of(new Member(ALICE, true, false, false), Member.plain(BOB)), false);

            assertThat(inLobby(rust(members))).contains("* [#rust] In the chat: @alice, bob");
        }

        @Test
        @DisplayName("the room is named as it is spelt in the event")
        void spelling() {
            assertThat(inLobby(new ServerFrame.InRoom(new RoomName("#Rust"), new ServerFrame.Joined(BOB, TIME))))
                    .contains("* [#Rust] bob joined the chat");
        }

        @Test
        @DisplayName("a viewer in no room, or nobody in particular, sees every room event with its room")
        void noCurrentRoom() {
            var nowhere = new PlainText.Viewer(Optional.of(ALICE), Optional.empty());
            var event = lobby(new ServerFrame.Chat(1, TIME, BOB, "hi"));

            assertThat(PlainText.render(event, nowhere)).contains("* [#lobby] bob: hi");
            assertThat(PlainText.render(event, PlainText.Viewer.NOBODY)).contains("* [#lobby] bob: hi");
            assertThat(PlainText.render(event)).contains("* [#lobby] bob: hi");
        }

        @Test
        @DisplayName("history markers render nothing, in any room")
        void history() {
            assertThat(inLobby(rust(new ServerFrame.History(3)))).isEmpty();
            assertThat(inLobby(lobby(new ServerFrame.History(3)))).isEmpty();
            assertThat(inLobby(new ServerFrame.PrivateHistory(BOB, 3))).isEmpty();
        }
    }

    @Nested
    @DisplayName("actions")
    class Actions {

        @Test
        @DisplayName("an action is '* * NAME TEXT', which no notice can look like")
        void action() {
            assertThat(inLobby(lobby(new ServerFrame.Chat(1, TIME, ALICE, "waves", true)))).contains("* * alice waves");
            assertThat(PlainText.render(new ServerFrame.Chat(1, TIME, ALICE, "waves", true))).contains("* * alice waves");
        }
    }

    @Nested
    @DisplayName("private messages")
    class PrivateMessages {

        private final ServerFrame.Private psst = new ServerFrame.Private(BOB, new ServerFrame.Chat(1, TIME, ALICE, "psst"));
        private final ServerFrame.Private wink =
                new ServerFrame.Private(BOB, new ServerFrame.Chat(2, TIME, ALICE, "winks", true));

        @Test
        @DisplayName("the recipient sees '* [from SENDER] TEXT'")
        void received() {
            assertThat(PlainText.render(psst, BOB_IN_LOBBY)).contains("* [from alice] psst");
        }

        @Test
        @DisplayName("the sender sees '* [to RECIPIENT] TEXT', whatever the case of its own name")
        void sent() {
            assertThat(PlainText.render(psst, ALICE_IN_LOBBY)).contains("* [to bob] psst");
            var upper = new PlainText.Viewer(Optional.of(new Name("ALICE")), Optional.empty());
            assertThat(PlainText.render(psst, upper)).contains("* [to bob] psst");
        }

        @Test
        @DisplayName("a private action reads '* [from alice] * alice winks' and '* [to bob] * alice winks'")
        void action() {
            assertThat(PlainText.render(wink, BOB_IN_LOBBY)).contains("* [from alice] * alice winks");
            assertThat(PlainText.render(wink, ALICE_IN_LOBBY)).contains("* [to bob] * alice winks");
        }

        @Test
        @DisplayName("nobody in particular reads it as received")
        void nobody() {
            assertThat(PlainText.render(psst)).contains("* [from alice] psst");
        }

        @Test
        @DisplayName("the current room does not change how it reads")
        void roomless() {
            var elsewhere = new PlainText.Viewer(Optional.of(BOB), Optional.of(RUST));

            assertThat(PlainText.render(psst, elsewhere)).isEqualTo(PlainText.render(psst, BOB_IN_LOBBY));
        }
    }

    @Nested
    @DisplayName("away, topics, parting and kicks")
    class Notices {

        @Test
        @DisplayName("'* bob is away: TEXT' and '* bob is back'")
        void away() {
            assertThat(inLobby(new ServerFrame.Away(BOB, Optional.of("lunch, back at 2")))).contains(
                    "* bob is away: lunch, back at 2");
            assertThat(inLobby(new ServerFrame.Away(BOB, Optional.empty()))).contains("* bob is back");
        }

        @Test
        @DisplayName("a topic with and without its setter, no topic, and a cleared topic")
        void topic() {
            assertThat(inLobby(lobby(new ServerFrame.Topic("Rust 2.0", Optional.of(ALICE), Optional.of(TIME)))))
                    .contains("* Topic: Rust 2.0 (set by alice)");
            assertThat(inLobby(lobby(new ServerFrame.Topic("Rust 2.0", Optional.empty(), Optional.empty()))))
                    .contains("* Topic: Rust 2.0");
            assertThat(inLobby(lobby(new ServerFrame.Topic("", Optional.empty(), Optional.empty()))))
                    .contains("* No topic is set");
            assertThat(inLobby(lobby(new ServerFrame.Topic("", Optional.of(ALICE), Optional.of(TIME)))))
                    .contains("* The topic was cleared by alice");
            assertThat(inLobby(rust(new ServerFrame.Topic("Rust 2.0", Optional.of(ALICE), Optional.empty()))))
                    .contains("* [#rust] Topic: Rust 2.0 (set by alice)");
        }

        @Test
        @DisplayName("'* NAME left the room', with the reason if there is one")
        void parted() {
            assertThat(inLobby(lobby(new ServerFrame.Parted(BOB, TIME, "")))).contains("* bob left the room");
            assertThat(inLobby(lobby(new ServerFrame.Parted(BOB, TIME, "bye all")))).contains("* bob left the room: bye all");
            assertThat(inLobby(rust(new ServerFrame.Parted(BOB, TIME, "")))).contains("* [#rust] bob left the room");
        }

        @Test
        @DisplayName("'* NAME was kicked out by OP', with the reason if there is one")
        void kicked() {
            assertThat(inLobby(lobby(new ServerFrame.Kicked(BOB, ALICE, TIME, "")))).contains(
                    "* bob was kicked out by alice");
            assertThat(inLobby(lobby(new ServerFrame.Kicked(BOB, ALICE, TIME, "spamming"))))
                    .contains("* bob was kicked out by alice: spamming");
        }

        @Test
        @DisplayName("leaving the chat kicked out has its own suffix")
        void leftKicked() {
            assertThat(inLobby(new ServerFrame.Left(BOB, TIME, LeaveReason.KICKED)))
                    .contains("* bob left the chat (kicked out)");
        }
    }

    @Nested
    @DisplayName("member lists")
    class MemberLists {

        @Test
        @DisplayName("'@' before an operator, '(away)' and '(muted)' after")
        void flags() {
            var members = new ServerFrame.Members(List.of(new Member(ALICE, true, false, false),
                    new Member(BOB, false, false, true), new Member(new Name("carol"), false, true, false),
                    new Member(new Name("dave"), true, true, true)), false);

            assertThat(inLobby(lobby(members)))
                    .contains("* In the chat: @alice, bob (away), carol (muted), @dave (away) (muted)");
        }

        @Test
        @DisplayName("'+' before a voiced member, after '@'")
        void voiced() {
            var members = new ServerFrame.Members(List.of(new Member(ALICE, true, false, false, true),
                    new Member(BOB, false, false, false, true)), false);

            assertThat(inLobby(lobby(members))).contains("* In the chat: @+alice, +bob");
        }
    }

    @Nested
    @DisplayName("invitations")
    class Invitations {

        @Test
        @DisplayName("the invited read who invites them and how to go in; the inviter that it invited")
        void invited() {
            var invitation = new ServerFrame.Invited(RUST, ALICE, BOB, TIME);

            assertThat(PlainText.render(invitation, BOB_IN_LOBBY))
                    .contains("* alice invites you to #rust: /join #rust to go in");
            assertThat(inLobby(invitation)).contains("* You invited bob to #rust");
        }
    }

    @Nested
    @DisplayName("moderation")
    class Moderated {

        static Stream<Arguments> lines() {
            return Stream.of(
                    Arguments.of(Moderation.OP, "bob", "* alice made bob an operator"),
                    Arguments.of(Moderation.DEOP, "bob", "* alice took operator status from bob"),
                    Arguments.of(Moderation.BAN, "bob", "* alice banned bob"),
                    Arguments.of(Moderation.BAN, "203.0.113.7", "* alice banned 203.0.113.7"),
                    Arguments.of(Moderation.UNBAN, "2001:db8::1", "* alice lifted the ban on 2001:db8::1"),
                    Arguments.of(Moderation.MUTE, "bob", "* alice muted bob"),
                    Arguments.of(Moderation.UNMUTE, "bob", "* alice unmuted bob"),
                    Arguments.of(Moderation.LOCK_TOPIC, null, "* alice locked the topic: only operators may change it"),
                    Arguments.of(Moderation.UNLOCK_TOPIC, null, "* alice unlocked the topic: everyone may change it"),
                    Arguments.of(Moderation.CLOSE, null, "* alice closed the room"),
                    Arguments.of(Moderation.VOICE, "bob", "* alice gave bob a voice"),
                    Arguments.of(Moderation.DEVOICE, "bob", "* alice took the voice from bob"),
                    Arguments.of(Moderation.MODERATE, null,
                            "* alice made the room moderated: only operators and voiced members may speak"),
                    Arguments.of(Moderation.UNMODERATE, null, "* alice made the room unmoderated: everyone may speak"),
                    Arguments.of(Moderation.INVITE_ONLY, null,
                            "* alice made the room invite-only: only invited members may join"),
                    Arguments.of(Moderation.PUBLIC, null, "* alice made the room public: anyone may join"),
                    Arguments.of(Moderation.SET_KEY, "sesame", "* alice set the room's key to sesame: joining needs it"),
                    Arguments.of(Moderation.CLEAR_KEY, null, "* alice removed the room's key"),
                    Arguments.of(Moderation.SET_LIMIT, "12", "* alice limited the room to 12 members"),
                    Arguments.of(Moderation.CLEAR_LIMIT, null, "* alice removed the room's member limit"));
        }

        @ParameterizedTest(name = "{2}")
        @MethodSource("lines")
        @DisplayName("each action has its sentence, tagged with the room when it is another")
        void line(Moderation action, String target, String line) {
            var event = new ServerFrame.Moderated(action, ALICE, Optional.ofNullable(target), TIME);

            assertThat(inLobby(lobby(event))).contains(line);
            assertThat(inLobby(rust(event))).contains("* [#rust] " + line.substring(2));
        }
    }

    @Nested
    @DisplayName("room lists")
    class RoomLists {

        @Test
        @DisplayName("'* N rooms:', '* 1 room:'")
        void count() {
            assertThat(inLobby(new ServerFrame.RoomList(0))).contains("* 0 rooms:");
            assertThat(inLobby(new ServerFrame.RoomList(1))).contains("* 1 room:");
            assertThat(inLobby(new ServerFrame.RoomList(12))).contains("* 12 rooms:");
        }

        @Test
        @DisplayName("'* #r (N members): topic', '(1 member)', and no ': ' without a topic")
        void room() {
            assertThat(inLobby(new ServerFrame.RoomInfo(RUST, 3, "Rust 2.0"))).contains("* #rust (3 members): Rust 2.0");
            assertThat(inLobby(new ServerFrame.RoomInfo(RUST, 1, "Rust 2.0"))).contains("* #rust (1 member): Rust 2.0");
            assertThat(inLobby(new ServerFrame.RoomInfo(RUST, 0, ""))).contains("* #rust (0 members)");
        }
    }

    @Test
    @DisplayName("Viewer refuses nulls")
    void viewerNulls() {
        assertThatNullPointerException().isThrownBy(() -> new PlainText.Viewer(null, Optional.empty()));
        assertThatNullPointerException().isThrownBy(() -> new PlainText.Viewer(Optional.empty(), null));
    }
}
