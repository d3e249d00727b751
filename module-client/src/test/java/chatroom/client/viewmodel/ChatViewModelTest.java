package chatroom.client.viewmodel;

import chatroom.client.core.ClientEvent;
import chatroom.client.core.ConnectionState;
import chatroom.client.core.Fingerprint;
import chatroom.client.core.LoginOutcome;
import chatroom.protocol.LeaveReason;
import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.ServerFrame;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static chatroom.client.viewmodel.Fixtures.joined;
import static chatroom.client.viewmodel.Fixtures.left;
import static chatroom.client.viewmodel.Fixtures.lost;
import static chatroom.client.viewmodel.Fixtures.message;
import static chatroom.client.viewmodel.Fixtures.renamed;
import static chatroom.client.viewmodel.Fixtures.state;
import static chatroom.client.viewmodel.Fixtures.welcome;
import static org.assertj.core.api.Assertions.assertThat;

/// The chat view-model fed with client events directly, on the test's thread (no toolkit, no
/// network: its client is never started).
class ChatViewModelTest {

    private final Fixtures.Clock clock = new Fixtures.Clock(Instant.parse("2026-01-10T09:00:00Z"));
    private ChatViewModel chat;

    @BeforeEach
    void open() {
        chat = ChatViewModel.open(Fixtures.context(Runnable::run, Fixtures.english(), clock), Fixtures.SERVER,
                new Name("alice"));
    }

    private void connect() {
        chat.apply(List.of(state(ConnectionState.CONNECTING), welcome("alice", false),
                Fixtures.members(List.of(new Name("alice"), new Name("bob"))),
                state(ConnectionState.CONNECTED)));
    }

    private List<ChatItem.Message> messages() {
        return chat.items().stream()
                .filter(ChatItem.Message.class::isInstance).map(ChatItem.Message.class::cast).toList();
    }

    private List<String> notices() {
        return chat.items().stream()
                .filter(ChatItem.Notice.class::isInstance).map(item -> ((ChatItem.Notice) item).text()).toList();
    }

    @Nested
    @DisplayName("messages")
    class Messages {

        @Test
        @DisplayName("an action is a row of its own; a private message goes to the conversation with its person")
        void actionsAndPrivateMessages() {
            connect();
            var waves = new ServerFrame.Chat(7, Instant.parse("2026-01-10T09:02:00Z"), new Name("bob"), "waves", true);
            var psst = new ServerFrame.Chat(8, Instant.parse("2026-01-10T09:03:00Z"), new Name("bob"), "psst", false);
            var back = new ServerFrame.Chat(9, Instant.parse("2026-01-10T09:04:00Z"), new Name("alice"), "yes?", false);

            chat.apply(List.of(new ClientEvent.Message(chatroom.protocol.RoomName.of("lobby"), waves, false),
                    new ClientEvent.PrivateMessage(new Name("bob"), psst, false),
                    new ClientEvent.PrivateMessage(new Name("bob"), back, false)));

            assertThat(chat.items()).contains(new ChatItem.Action(7, "10:02", "bob", "waves", false, false));
            assertThat(messages()).noneMatch(message -> message.text().equals("waves") || message.text().equals("psst"));
            var bob = chat.conversations().people().getFirst();
            assertThat(bob.titleProperty().get()).isEqualTo("bob");
            assertThat(bob.items()).filteredOn(ChatItem.Message.class::isInstance)
                    .extracting(item -> ((ChatItem.Message) item).sender() + ": " + ((ChatItem.Message) item).text())
                    .containsExactly("bob: psst", "alice: yes?");
        }

        @Test
        @DisplayName("show local time, sender and text; history first; a day separator opens each day")
        void historyThenLive() {
            chat.apply(List.of(welcome("alice", false),
                    message(1, "2026-01-09T22:30:00Z", "bob", "late night", true),
                    message(2, "2026-01-10T08:15:00Z", "bob", "morning", true),
                    joined("alice", "2026-01-10T09:00:00Z"),
                    message(3, "2026-01-10T09:01:00Z", "carol", "hi all", false)));

            assertThat(chat.items()).hasSize(6);
            assertThat(((ChatItem.DaySeparator) chat.items().get(0)).label()).isEqualTo("Friday, January 9, 2026");
            assertThat(chat.items().get(1)).isEqualTo(new ChatItem.Message(1, "23:30", "bob", "late night", false, false));
            assertThat(((ChatItem.DaySeparator) chat.items().get(2)).label()).isEqualTo("Saturday, January 10, 2026");
            assertThat(chat.items().get(4)).isEqualTo(new ChatItem.Notice("10:00", "Welcome, alice! You are in lobby.",
                    ChatItem.NoticeKind.CONNECTION));
            assertThat(messages()).extracting(ChatItem.Message::text).containsExactly("late night", "morning", "hi all");
            assertThat(messages().get(1).time()).isEqualTo("09:15");
        }

        @Test
        @DisplayName("are never shown twice, in one batch or across batches")
        void noDuplicates() {
            chat.apply(List.of(message(5, "2026-01-10T09:01:00Z", "bob", "one", true),
                    message(5, "2026-01-10T09:01:00Z", "bob", "one", true)));
            chat.apply(List.of(message(5, "2026-01-10T09:01:00Z", "bob", "one", true),
                    message(6, "2026-01-10T09:02:00Z", "bob", "two", false)));

            assertThat(messages()).extracting(ChatItem.Message::id).containsExactly(5L, 6L);
        }

        @Test
        @DisplayName("mark own messages and whole-word mentions of the name, ignoring case")
        void ownAndMentions() {
            connect();
            chat.apply(List.of(
                    message(1, "2026-01-10T09:01:00Z", "alice", "hello alice", false),
                    message(2, "2026-01-10T09:02:00Z", "bob", "hey ALICE, welcome", false),
                    message(3, "2026-01-10T09:03:00Z", "bob", "@Alice!", false),
                    message(4, "2026-01-10T09:04:00Z", "bob", "malice and alice_2 and alices", false)));

            assertThat(messages()).extracting(ChatItem.Message::own).containsExactly(true, false, false, false);
            assertThat(messages()).extracting(ChatItem.Message::mention).containsExactly(false, true, true, false);
        }

        @Test
        @DisplayName("lose their invisible direction overrides")
        void directionOverridesRemoved() {
            chat.apply(List.of(message(1, "2026-01-10T09:01:00Z", "bob", "abc\u202Edef", false)));

            assertThat(messages().getFirst().text()).isEqualTo("abcdef");
        }

        @Test
        @DisplayName("a batch of thousands is one change of the list")
        void oneChangePerBatch() {
            connect();
            List<ListChangeListener.Change<? extends ChatItem>> changes = new ArrayList<>();
            chat.items().addListener((ListChangeListener<ChatItem>) changes::add);

            chat.apply(IntStream.rangeClosed(1, 3_000)
                    .mapToObj(i -> message(i, "2026-01-10T09:01:00Z", "bob", "m" + i, false)).toList());

            assertThat(changes).hasSize(1);
            assertThat(messages()).hasSize(3_000);
            assertThat(chat.conversations().all()).hasSize(1);
        }

        @Test
        @DisplayName("keep at most the last 10,000 rows")
        void capped() {
            for (int batch = 0; batch < 3; batch++) {
                int first = batch * 4_000 + 1;
                chat.apply(IntStream.range(first, first + 4_000)
                        .mapToObj(i -> message(i, "2026-01-10T09:01:00Z", "bob", "m" + i, false)).toList());
            }
            chat.apply(IntStream.rangeClosed(20_001, 31_000)
                    .mapToObj(i -> message(i, "2026-01-10T09:01:00Z", "bob", "m" + i, false)).toList());

            assertThat(chat.items()).hasSize(ConversationViewModel.MAX_ITEMS);
            assertThat(messages().getLast().text()).isEqualTo("m31000");
        }
    }

    @Nested
    @DisplayName("notices")
    class Notices {

        @Test
        @DisplayName("say who joined, left (and why) or was renamed")
        void presence() {
            connect();
            // As the client does: a member list after each change, the event first.
            chat.apply(List.of(Fixtures.members(List.of(new Name("alice"), new Name("bob"), new Name("dave"))),
                    joined("alice", "2026-01-10T09:00:00Z"), joined("carol", "2026-01-10T09:01:00Z"),
                    Fixtures.members(List.of(new Name("alice"), new Name("bob"), new Name("carol"), new Name("dave"))),
                    left("carol", "2026-01-10T09:02:00Z", LeaveReason.QUIT),
                    left("bob", "2026-01-10T09:03:00Z", LeaveReason.CLOSED),
                    renamed("dave", "Dave", "2026-01-10T09:04:00Z")));

            assertThat(notices()).containsExactly("Welcome, alice! You are in lobby.", "carol joined the chat", "carol left the chat", "bob left the chat (connection lost)",
                    "dave is now known as Dave");
        }

        @Test
        @DisplayName("are in Italian with the Italian bundle")
        void italian() {
            var italian = ChatViewModel.open(Fixtures.context(Runnable::run, Fixtures.italian(), clock),
                    Fixtures.SERVER, new Name("alice"));
            italian.apply(List.of(welcome("alice", false), Fixtures.members(List.of(new Name("alice"), new Name("carol"))),
                    joined("alice", "2026-01-10T09:00:00Z"), left("carol", "2026-01-10T09:02:00Z", LeaveReason.TIMEOUT)));

            assertThat(italian.items()).filteredOn(ChatItem.Notice.class::isInstance)
                    .extracting(item -> ((ChatItem.Notice) item).text())
                    .containsExactly("Benvenuto, alice! Sei in lobby.", "carol ha abbandonato la chat (tempo scaduto)");
            assertThat(((ChatItem.DaySeparator) italian.items().getFirst()).label()).isEqualTo("sabato 10 gennaio 2026");
        }

        @Test
        @DisplayName("a message the server could not save is an error quoting it, and goes back into an empty input")
        void notSaved() {
            connect();
            chat.apply(List.of(new ClientEvent.NotSent(Fixtures.LOBBY, "hello bob", "the server could not save your message")));

            assertThat(chat.items().getLast()).isEqualTo(new ChatItem.Notice("10:00",
                    "Not sent: \u201chello bob\u201d (the server could not save your message). It is back in the input box "
                            + "if that was empty.", ChatItem.NoticeKind.ERROR));
            assertThat(chat.inputProperty().get()).isEqualTo("hello bob");

            chat.inputProperty().set("something new");
            chat.apply(List.of(new ClientEvent.NotSent(Fixtures.LOBBY, "second", "the server could not save your message")));
            assertThat(chat.inputProperty().get()).isEqualTo("something new");
            assertThat(notices()).last().asString().startsWith("Not sent: \u201csecond\u201d");
        }

        @Test
        @DisplayName("report errors from the server as errors; one before the login waits for the default room")
        void errors() {
            chat.apply(List.of(new ClientEvent.Notice("you are sending too fast", true)));
            assertThat(chat.conversations().all()).isEmpty();
            chat.apply(List.of(welcome("alice", false)));

            assertThat(chat.items().get(1)).isEqualTo(new ChatItem.Notice("10:00", "Error: you are sending too fast",
                    ChatItem.NoticeKind.ERROR));
        }
    }

    @Nested
    @DisplayName("members, input and status")
    class State {

        @Test
        @DisplayName("the member list is always the client's latest list")
        void members() {
            connect();
            chat.apply(List.of(Fixtures.members(List.of(new Name("alice"))),
                    Fixtures.members(List.of(new Name("alice"), new Name("Bob"), new Name("carol")))));

            assertThat(chat.members()).extracting(m -> m.name().value()).containsExactly("alice", "Bob", "carol");
        }

        @Test
        @DisplayName("sending needs a text, not a connection (a message typed offline waits); typing is kept")
        void sendingNeedsText() {
            connect();
            chat.inputProperty().set("hello");
            assertThat(chat.canSendProperty().get()).isTrue();

            chat.apply(List.of(lost("the server closed the connection", Duration.ofSeconds(5))));
            assertThat(chat.canSendProperty().get()).isTrue();
            assertThat(chat.inputProperty().get()).isEqualTo("hello");

            chat.apply(List.of(state(ConnectionState.CONNECTED)));
            chat.inputProperty().set("   ");
            assertThat(chat.canSendProperty().get()).isFalse();
        }

        @Test
        @DisplayName("a sent message clears the input and waits as pending until confirmed")
        void send() {
            connect();
            chat.inputProperty().set("hello bob");

            chat.send();

            assertThat(chat.inputProperty().get()).isEmpty();
            assertThat(chat.pending()).containsExactly("hello bob");
            chat.apply(List.of(new ClientEvent.Unconfirmed(List.of())));
            assertThat(chat.pending()).isEmpty();
        }

        @Test
        @DisplayName("a message that is too long stays in the input with the reason")
        void tooLong() {
            connect();
            String text = "x".repeat(Limits.MAX_TEXT_BYTES + 1);
            chat.inputProperty().set(text);

            chat.send();

            assertThat(chat.inputProperty().get()).isEqualTo(text);
            assertThat(chat.inputErrorProperty().get()).isEqualTo("Not sent: too long (at most 4096 bytes).");
            assertThat(chat.pending()).isEmpty();
            chat.inputProperty().set("shorter");
            assertThat(chat.inputErrorProperty().get()).isEmpty();
        }

        @Test
        @DisplayName("title and status show room, server and state")
        void titleAndStatus() {
            assertThat(chat.titleProperty().get()).isEqualTo("chatroom — 127.0.0.1:5999 (connecting…)");
            connect();
            assertThat(chat.titleProperty().get()).isEqualTo("chatroom — #lobby @ 127.0.0.1:5999 (connected)");
            assertThat(chat.statusProperty().get()).isEqualTo("alice · #lobby @ 127.0.0.1:5999 · connected");
            chat.apply(List.of(lost("reset", Duration.ofSeconds(1))));
            assertThat(chat.titleProperty().get()).endsWith("(connection lost)");
        }
    }

    @Nested
    @DisplayName("while the connection is lost")
    class Reconnecting {

        @Test
        @DisplayName("a banner gives the reason and counts down to the next attempt")
        void countdown() {
            connect();
            var banner = chat.reconnect();
            assertThat(banner.visibleProperty().get()).isFalse();

            chat.apply(List.of(lost("the server closed the connection", Duration.ofMillis(4_500))));

            assertThat(banner.visibleProperty().get()).isTrue();
            assertThat(banner.reasonProperty().get()).isEqualTo("Connection lost: the server closed the connection");
            assertThat(banner.promptProperty().get()).isEqualTo("Reconnecting in 5 s…");
            assertThat(banner.reconnectLabelProperty().get()).isEqualTo("Reconnect now");
            assertThat(banner.canStopProperty().get()).isTrue();
            clock.advance(Duration.ofSeconds(2));
            banner.tick();
            assertThat(banner.promptProperty().get()).isEqualTo("Reconnecting in 3 s…");
            clock.advance(Duration.ofSeconds(3));
            banner.tick();
            assertThat(banner.promptProperty().get()).isEqualTo("Reconnecting…");
            assertThat(notices()).containsOnlyOnce("Connection lost: the server closed the connection");
        }

        @Test
        @DisplayName("after stopping, the banner asks whether to reconnect; reconnecting hides it")
        void askThenReconnect() {
            connect();
            var banner = chat.reconnect();
            chat.apply(List.of(lost("reset", Duration.ofSeconds(1)), state(ConnectionState.CONNECTING),
                    lost("refused", Duration.ofSeconds(2))));

            chat.apply(List.of(lost("refused", null)));

            assertThat(banner.modeProperty().get()).isEqualTo(ReconnectViewModel.Mode.ASK);
            assertThat(banner.promptProperty().get()).isEqualTo("Reconnect?");
            assertThat(banner.reconnectLabelProperty().get()).isEqualTo("Reconnect");
            assertThat(banner.canStopProperty().get()).isFalse();
            assertThat(notices()).filteredOn(text -> text.startsWith("Connection lost")).hasSize(1);

            chat.apply(List.of(state(ConnectionState.CONNECTING)));
            assertThat(banner.promptProperty().get()).isEqualTo("Reconnecting…");
            chat.apply(List.of(welcome("alice", true), joined("alice", "2026-01-10T09:10:00Z"),
                    state(ConnectionState.CONNECTED)));

            assertThat(banner.visibleProperty().get()).isFalse();
            assertThat(notices().getLast()).isEqualTo("Reconnected to 127.0.0.1:5999.");
        }
    }

    @Nested
    @DisplayName("stopped for good")
    class Stopped {

        private final Fingerprint old = Fingerprint.parse("11".repeat(32));
        private final Fingerprint presented = Fingerprint.parse("22".repeat(32));

        @Test
        @DisplayName("a certificate changed on reconnect keeps the chat open with the loud warning")
        void changedCertificate() {
            connect();
            chat.apply(List.of(lost("the server closed the connection", Duration.ofSeconds(1)),
                    state(ConnectionState.CONNECTING),
                    new ClientEvent.Stopped(new LoginOutcome.CertificateChanged(Fixtures.SERVER, old, presented,
                            LoginOutcome.ExpectedBy.KNOWN_SERVERS, Optional.of(Path.of("/data/known_servers")))),
                    state(ConnectionState.CLOSED)));

            assertThat(chat.endedProperty().get()).as("the window stays, so the warning can be read").isFalse();
            assertThat(chat.reconnect().visibleProperty().get()).isFalse();
            assertThat(chat.securityWarningProperty().get()).contains(
                    "WARNING: the certificate of " + Fixtures.SERVER + " is not the one expected!",
                    "man-in-the-middle", "Expected fingerprint: " + old, "Presented fingerprint: " + presented,
                    "/data/known_servers", "--trust " + presented.value().replace(":", ""));
        }

        @Test
        @DisplayName("a password refused on reconnect says so")
        void wrongPassword() {
            connect();
            chat.apply(List.of(new ClientEvent.Stopped(new LoginOutcome.WrongPassword()), state(ConnectionState.CLOSED)));

            assertThat(chat.securityWarningProperty().get()).isEqualTo("Wrong password for " + Fixtures.SERVER + ".");
            assertThat(chat.endedProperty().get()).isFalse();
        }

        @Test
        @DisplayName("an ordinary close still ends the chat, with no warning")
        void ordinaryClose() {
            connect();
            chat.apply(List.of(state(ConnectionState.CLOSED)));
            assertThat(chat.endedProperty().get()).isTrue();
            assertThat(chat.securityWarningProperty().get()).isEmpty();
        }
    }
}
