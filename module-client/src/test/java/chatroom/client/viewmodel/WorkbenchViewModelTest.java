package chatroom.client.viewmodel;

import chatroom.client.core.ClientEvent;
import chatroom.client.core.ConnectionState;
import chatroom.protocol.Member;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static chatroom.client.viewmodel.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

/// The workbench's view-model fed with a version 2 server's events on the test's thread (no
/// toolkit; its client is never started, so it is never connected and commands that need the
/// server are refused, while messages wait in its outbox).
class WorkbenchViewModelTest {

    private static final RoomName LOBBY = RoomName.of("lobby");
    private static final RoomName RUST = RoomName.of("rust");
    private static final Name ALICE = new Name("alice");
    private static final Name BOB = new Name("bob");

    private final Fixtures.Clock clock = new Fixtures.Clock(Instant.parse("2026-01-10T09:00:00Z"));
    private ChatViewModel chat;
    private long ids = 100;

    @BeforeEach
    void open() {
        chat = ChatViewModel.open(Fixtures.context(Runnable::run, Fixtures.english(), clock), Fixtures.SERVER, ALICE);
    }

    private void login() {
        chat.apply(List.of(state(ConnectionState.CONNECTING),
                new ClientEvent.Welcome(ALICE, "lobby", Fixtures.SERVER, false, 2),
                new ClientEvent.InRooms(List.of(LOBBY), Optional.of(LOBBY)),
                new ClientEvent.Members(LOBBY, List.of(Member.plain(ALICE), Member.plain(BOB)), true),
                state(ConnectionState.CONNECTED)));
    }

    /// As after the person joined #rust (opening it is the view's part: a real join is tested with a server).
    private void joinRust() {
        chat.apply(List.of(new ClientEvent.InRooms(List.of(LOBBY, RUST), Optional.of(RUST)),
                new ClientEvent.Members(RUST, List.of(new Member(ALICE, true, false, false), Member.plain(BOB)), true)));
        chat.conversations().open(conversation("#rust"));
    }

    private ClientEvent said(RoomName room, Name from, String text) {
        return new ClientEvent.Message(room, new ServerFrame.Chat(++ids, clock.instant(), from, text), false);
    }

    private ClientEvent privately(Name with, Name from, String text) {
        return new ClientEvent.PrivateMessage(with, new ServerFrame.Chat(++ids, clock.instant(), from, text), false);
    }

    private ConversationViewModel conversation(String title) {
        return chat.conversations().all().stream().filter(c -> c.titleProperty().get().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no conversation " + title + " in " + chat.conversations().all()));
    }

    private static List<String> texts(ConversationViewModel conversation) {
        return conversation.items().stream().map(item -> switch (item) {
            case ChatItem.Message message -> message.sender() + ": " + message.text();
            case ChatItem.Action action -> "* " + action.sender() + " " + action.text();
            case ChatItem.Notice notice -> "* " + notice.text();
            case ChatItem.DaySeparator day -> "-- " + day.label();
            case ChatItem.UnreadMarker marker -> "-- " + marker.label() + " --";
        }).toList();
    }

    @Nested
    @DisplayName("the sidebar")
    class Sidebar {

        @Test
        @DisplayName("lists the rooms the person is in; a room joined again quietly does not take the focus")
        void roomsAndOpen() {
            login();
            assertThat(chat.conversations().rooms()).extracting(c -> c.titleProperty().get()).containsExactly("#lobby");
            assertThat(chat.conversations().openProperty().get().titleProperty().get()).isEqualTo("#lobby");

            chat.apply(List.of(new ClientEvent.InRooms(List.of(LOBBY, RUST), Optional.of(RUST))));

            assertThat(chat.conversations().rooms()).extracting(c -> c.titleProperty().get())
                    .containsExactly("#lobby", "#rust");
            assertThat(chat.conversations().openProperty().get().titleProperty().get()).isEqualTo("#lobby");
        }

        @Test
        @DisplayName("counts unread messages of other conversations, with mentions apart, and clears them when opened")
        void unreadAndMentions() {
            login();
            joinRust();
            chat.apply(List.of(said(LOBBY, BOB, "hello"), said(LOBBY, BOB, "alice, look"), said(RUST, BOB, "here")));

            var lobby = conversation("#lobby");
            assertThat(lobby.unreadProperty().get()).isEqualTo(2);
            assertThat(lobby.mentionsProperty().get()).isEqualTo(1);
            assertThat(conversation("#rust").unreadProperty().get()).isZero();
            assertThat(chat.titleProperty().get()).startsWith("(2) ");

            chat.conversations().open(lobby);

            assertThat(lobby.unreadProperty().get()).isZero();
            assertThat(lobby.mentionsProperty().get()).isZero();
            assertThat(chat.titleProperty().get()).doesNotStartWith("(");
        }

        @Test
        @DisplayName("counts the open conversation's messages as unread while the window is not focused")
        void unfocusedWindow() {
            login();
            chat.conversations().setWindowFocused(false);
            chat.apply(List.of(said(LOBBY, BOB, "anyone?")));

            assertThat(conversation("#lobby").unreadProperty().get()).isEqualTo(1);

            chat.conversations().setWindowFocused(true);

            assertThat(conversation("#lobby").unreadProperty().get()).isZero();
        }

        @Test
        @DisplayName("puts an unread marker above the first unread message, and moves it the next time")
        void unreadMarker() {
            login();
            chat.apply(List.of(said(LOBBY, BOB, "seen")));
            chat.conversations().setWindowFocused(false);
            chat.apply(List.of(said(LOBBY, BOB, "first unread"), said(LOBBY, BOB, "second unread")));

            List<String> rows = texts(conversation("#lobby"));
            int marker = rows.indexOf("-- New --");
            assertThat(marker).isPositive();
            assertThat(rows.get(marker + 1)).isEqualTo("bob: first unread");

            chat.conversations().setWindowFocused(true);
            chat.conversations().setWindowFocused(false);
            chat.apply(List.of(said(LOBBY, BOB, "later")));

            rows = texts(conversation("#lobby"));
            assertThat(rows).containsOnlyOnce("-- New --");
            assertThat(rows.get(rows.indexOf("-- New --") + 1)).isEqualTo("bob: later");
        }

        @Test
        @DisplayName("Alt+Down and Alt+Up walk the conversations, wrapping; the next unread goes to mentions first")
        void walking() {
            login();
            joinRust();
            chat.apply(List.of(privately(BOB, BOB, "psst")));
            chat.conversations().open(conversation("#lobby"));

            chat.conversations().move(1);
            assertThat(chat.conversations().openProperty().get().titleProperty().get()).isEqualTo("#rust");
            chat.conversations().move(1);
            assertThat(chat.conversations().openProperty().get().titleProperty().get()).isEqualTo("bob");
            chat.conversations().move(1);
            assertThat(chat.conversations().openProperty().get().titleProperty().get()).isEqualTo("#lobby");
            chat.conversations().move(-1);
            assertThat(chat.conversations().openProperty().get().titleProperty().get()).isEqualTo("bob");

            chat.conversations().open(conversation("#lobby"));
            chat.apply(List.of(said(RUST, BOB, "plain"), privately(BOB, BOB, "needs you")));
            chat.conversations().openNextUnread();
            assertThat(chat.conversations().openProperty().get().titleProperty().get()).isEqualTo("bob");
        }

        @Test
        @DisplayName("keeps a room the person was kicked out of, marked as left, until they close it")
        void kickedRoomStays() {
            login();
            joinRust();
            chat.apply(List.of(new ClientEvent.InRooms(List.of(LOBBY), Optional.of(LOBBY))));

            assertThat(conversation("#rust").joinedProperty().get()).isFalse();

            chat.conversations().open(conversation("#rust"));
            chat.inputProperty().set("still here?");
            chat.send();

            assertThat(chat.inputErrorProperty().get()).contains("no longer in #rust");
            assertThat(chat.pending()).isEmpty();

            chat.inputProperty().set("/part");
            chat.send();

            assertThat(chat.conversations().rooms()).extracting(c -> c.titleProperty().get()).containsExactly("#lobby");
        }
    }

    @Nested
    @DisplayName("private conversations")
    class Private {

        @Test
        @DisplayName("a private message, sent or received, lands in the conversation with that person")
        void ownConversation() {
            login();
            chat.apply(List.of(privately(BOB, BOB, "psst"), privately(BOB, ALICE, "yes?")));

            var bob = conversation("bob");
            assertThat(texts(bob)).containsSubsequence("bob: psst", "alice: yes?");
            assertThat(bob.unreadProperty().get()).isEqualTo(1);
            assertThat(bob.mentionsProperty().get()).isEqualTo(1);
            assertThat(texts(conversation("#lobby"))).noneMatch(row -> row.contains("psst"));
        }

        @Test
        @DisplayName("follows the person when they change their name")
        void renamed() {
            login();
            chat.apply(List.of(privately(BOB, BOB, "psst")));
            chat.apply(List.of(new ClientEvent.Presence(Optional.empty(),
                    new ServerFrame.Renamed(BOB, new Name("robert"), clock.instant()))));

            assertThat(chat.conversations().people()).extracting(c -> c.titleProperty().get()).containsExactly("robert");
            assertThat(texts(conversation("robert"))).contains("bob: psst");
        }

        @Test
        @DisplayName("opening one from the member list opens it without sending anything")
        void openFromMembers() {
            login();
            chat.actions().openPrivate(BOB);

            assertThat(chat.conversations().openProperty().get().titleProperty().get()).isEqualTo("bob");
            assertThat(chat.pending()).isEmpty();
        }
    }

    @Test
    @DisplayName("a listener on a read-only list keeps hearing after garbage collection (the view's pending rows, the saved rooms)")
    void listenersSurviveCollection() {
        login();
        List<String> heard = new java.util.ArrayList<>();
        chat.pending().addListener((javafx.collections.ListChangeListener<String>) change -> heard.add("pending"));
        chat.conversations().rooms().addListener(
                (javafx.collections.ListChangeListener<ConversationViewModel>) change -> heard.add("rooms"));
        chat.conversations().people().addListener(
                (javafx.collections.ListChangeListener<ConversationViewModel>) change -> heard.add("people"));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        chat.apply(List.of(new ClientEvent.Unconfirmed(List.of("waiting")),
                new ClientEvent.InRooms(List.of(LOBBY, RUST), Optional.of(LOBBY)), privately(BOB, BOB, "psst")));

        assertThat(heard).contains("pending", "rooms", "people");
    }

    @Nested
    @DisplayName("attention")
    class Notifications {

        @Test
        @DisplayName("a mention or a private message while the window is not focused notifies, unless its conversation is muted")
        void mentionsAndPrivate() {
            List<Notification> told = new java.util.ArrayList<>();
            var attention = new Attention(Fixtures.context(Runnable::run, Fixtures.english(), clock), told::add,
                    chat::isMuted);
            chat.attendWith(attention);
            login();
            joinRust();
            attention.windowFocusedProperty().set(false);

            chat.apply(List.of(said(LOBBY, BOB, "nothing for alice's eyes... alice!")));
            chat.apply(List.of(said(LOBBY, BOB, "plain chatter")));
            assertThat(told).extracting(Notification::conversation).containsExactly(LOBBY);

            clock.advance(java.time.Duration.ofMinutes(1));
            chat.conversations().open(conversation("#rust"));
            chat.actions().toggleMuted();
            chat.apply(List.of(said(RUST, BOB, "alice: muted room")));
            assertThat(told).hasSize(1);

            chat.apply(List.of(privately(BOB, BOB, "psst")));
            assertThat(told).extracting(Notification::conversation).containsExactly(LOBBY, BOB);
        }
    }

    @Nested
    @DisplayName("the input")
    class Input {

        @Test
        @DisplayName("a /command is a command, never chat text (fault 4)")
        void commandsAreNotChat() {
            login();
            chat.apply(List.of(Fixtures.lost("reset", null)));

            chat.inputProperty().set("/nick bobby");
            chat.send();

            assertThat(chat.pending()).isEmpty();
            assertThat(chat.inputErrorProperty().get()).startsWith("Not connected");
            assertThat(chat.inputProperty().get()).isEqualTo("/nick bobby");

            chat.inputProperty().set("/frobnicate");
            chat.send();
            assertThat(chat.pending()).isEmpty();
            assertThat(chat.inputErrorProperty().get()).contains("/help");
        }

        @Test
        @DisplayName("each conversation keeps its own draft")
        void drafts() {
            login();
            joinRust();
            chat.inputProperty().set("for rust");
            chat.conversations().open(conversation("#lobby"));
            assertThat(chat.inputProperty().get()).isEmpty();
            chat.inputProperty().set("for lobby");

            chat.conversations().open(conversation("#rust"));
            assertThat(chat.inputProperty().get()).isEqualTo("for rust");
            chat.conversations().open(conversation("#lobby"));
            assertThat(chat.inputProperty().get()).isEqualTo("for lobby");
        }
    }

    @Nested
    @DisplayName("members")
    class Members {

        @Test
        @DisplayName("each room has its own list, and the person's operator status in it")
        void perRoom() {
            login();
            joinRust();

            assertThat(conversation("#rust").members()).extracting(Member::name).containsExactly(ALICE, BOB);
            assertThat(conversation("#rust").operatorProperty().get()).isTrue();
            assertThat(conversation("#lobby").operatorProperty().get()).isFalse();
        }

        @Test
        @DisplayName("say they are not up to date while disconnected (fault 3)")
        void staleWhileDisconnected() {
            login();
            assertThat(chat.connectedProperty().get()).isTrue();

            chat.apply(List.of(Fixtures.lost("reset", null)));

            assertThat(chat.connectedProperty().get()).isFalse();
            assertThat(conversation("#lobby").members()).hasSize(2);
        }

        @Test
        @DisplayName("a member who leaves the chat is told in each room they were in and in their private conversation")
        void leftEverywhere() {
            login();
            joinRust();
            chat.apply(List.of(privately(BOB, BOB, "bye soon")));
            chat.apply(List.of(new ClientEvent.Presence(Optional.empty(),
                    new ServerFrame.Left(BOB, clock.instant(), chatroom.protocol.LeaveReason.QUIT))));

            assertThat(texts(conversation("#lobby"))).last().isEqualTo("* bob left the chat");
            assertThat(texts(conversation("#rust"))).last().isEqualTo("* bob left the chat");
            assertThat(texts(conversation("bob"))).last().isEqualTo("* bob left the chat");
        }

        @Test
        @DisplayName("a room's moderation is told in that room, also while another conversation is open, and voices show")
        void moderationToldInItsRoom() {
            login();
            joinRust();
            chat.conversations().open(conversation("#lobby"));
            chat.apply(List.of(
                    new ClientEvent.Moderated(RUST, new ServerFrame.Moderated(Moderation.MODERATE, ALICE,
                            Optional.empty(), clock.instant())),
                    new ClientEvent.Moderated(RUST, new ServerFrame.Moderated(Moderation.VOICE, ALICE,
                            Optional.of("bob"), clock.instant())),
                    new ClientEvent.Members(RUST, List.of(new Member(ALICE, true, false, false),
                            new Member(BOB, false, false, false, true)), false)));

            assertThat(texts(conversation("#rust"))).endsWith(
                    "* alice made the room moderated: only operators and voiced members may speak",
                    "* alice gave bob a voice");
            assertThat(texts(conversation("#lobby"))).noneMatch(text -> text.contains("moderated")
                    || text.contains("voice"));
            assertThat(conversation("#rust").members()).filteredOn(Member::voiced).extracting(Member::name)
                    .containsExactly(BOB);
        }

        @Test
        @DisplayName("what a member said as it left (an IRC QUIT :reason) is shown after the departure")
        void leftWithWords() {
            login();
            chat.apply(List.of(new ClientEvent.Presence(Optional.empty(),
                    new ServerFrame.Left(BOB, clock.instant(), chatroom.protocol.LeaveReason.QUIT, "going home"))));

            assertThat(texts(conversation("#lobby"))).last().isEqualTo("* bob left the chat: going home");
        }
    }
}
