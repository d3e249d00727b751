package chatroom.client.core;

import chatroom.protocol.Command;
import chatroom.protocol.Commands;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("chat client core with rooms (protocol version 2) against a real server")
class ChatClientRoomsTest {

    private static final Duration TIMEOUT = EventRecorder.TIMEOUT;
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 0.5);
    private static final RoomName LOBBY = RoomName.of("lobby");
    private static final RoomName RUST = RoomName.of("rust");

    private ChatServer server;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.builder().maxRate(0).build());
        server.start();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ChatClient client : clients) {
            client.quit();
            assertThat(client.awaitClosed(TIMEOUT)).as("client closed").isTrue();
        }
        server.stop(Duration.ofSeconds(2));
    }

    private ChatClient loggedIn(ServerAddress address, String name, EventRecorder recorder) throws Exception {
        var client = new ChatClient(address, new Name(name), Runnable::run, recorder, FAST, new SplittableRandom(1));
        clients.add(client);
        assertThat(client.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(LoginOutcome.LoggedIn.class);
        recorder.await("own join", ownJoin(name, LOBBY));
        return client;
    }

    private ChatClient loggedIn(String name, EventRecorder recorder) throws Exception {
        return loggedIn(new ServerAddress("127.0.0.1", server.address().getPort()), name, recorder);
    }

    private static void perform(ChatClient client, String line) {
        var command = ((Parsed.Ok<Command>) Commands.parse(line)).value();
        assertThat(client.perform(command)).as(line).isInstanceOf(Parsed.Ok.class);
    }

    private static Predicate<ClientEvent> message(RoomName room, String text) {
        return event -> event instanceof ClientEvent.Message m && m.room().sameAs(room) && m.chat().text().equals(text);
    }

    private static Predicate<ClientEvent> ownJoin(String name, RoomName room) {
        return event -> event instanceof ClientEvent.Presence(Optional<RoomName> in, ServerFrame.Joined joined)
                && in.filter(room::sameAs).isPresent() && joined.name().equals(new Name(name));
    }

    private static Predicate<ClientEvent> allConfirmed() {
        return event -> event instanceof ClientEvent.Unconfirmed u && u.texts().isEmpty();
    }

    @Nested
    @DisplayName("rooms")
    class Rooms {

        @Test
        @DisplayName("logs in to #lobby with version 2, joins a room that becomes the current one, and says where each event happened")
        void joinAndTalk() throws Exception {
            var events = new EventRecorder();
            var alice = loggedIn("alice", events);
            events.await("version 2", event -> event instanceof ClientEvent.Welcome w && w.version() == 2
                    && w.room().equals("lobby") && w.defaultRoom().equals(LOBBY));
            events.await("in the lobby", event -> event instanceof ClientEvent.InRooms in
                    && in.rooms().equals(List.of(LOBBY)) && in.current().equals(Optional.of(LOBBY)));

            perform(alice, "/join #rust");

            int joined = events.await("joined #rust", ownJoin("alice", RUST));
            events.await(joined, "#rust is current", event -> event instanceof ClientEvent.InRooms in
                    && in.rooms().equals(List.of(LOBBY, RUST)) && in.current().equals(Optional.of(RUST)));
            events.await("#rust's members", event -> event instanceof ClientEvent.Members m && m.room().equals(RUST)
                    && m.listed() && m.members().getFirst().operator() && m.names().equals(List.of(new Name("alice"))));

            var bobEvents = new EventRecorder();
            var bob = loggedIn("bob", bobEvents);
            perform(bob, "/join #rust");
            events.await("bob joined #rust", ownJoin("bob", RUST));

            perform(alice, "hello rust");
            perform(alice, "/msg #lobby hello lobby");
            perform(alice, "/me waves");

            bobEvents.await("in #rust", message(RUST, "hello rust"));
            bobEvents.await("in #lobby", message(LOBBY, "hello lobby"));
            bobEvents.await("an action in #rust", event -> event instanceof ClientEvent.Message m
                    && m.room().equals(RUST) && m.chat().action() && m.chat().text().equals("waves"));
            events.await("all confirmed", allConfirmed());

            perform(alice, "/topic Rust talk");
            bobEvents.await("the topic", event -> event instanceof ClientEvent.Topic t && t.room().equals(RUST)
                    && t.topic().text().equals("Rust talk"));
            perform(alice, "/part #rust bye");
            bobEvents.await("alice parted", event -> event instanceof ClientEvent.Presence(Optional<RoomName> in,
                    ServerFrame.Parted parted) && in.equals(Optional.of(RUST)) && parted.reason().equals("bye"));
            events.await("back in the lobby only", event -> event instanceof ClientEvent.InRooms in
                    && in.rooms().equals(List.of(LOBBY)) && in.current().equals(Optional.of(LOBBY)));
        }

        @Test
        @DisplayName("the creator of a room stays listed as its operator after its own join is announced")
        void creatorStaysOperator() throws Exception {
            var events = new EventRecorder();
            var alice = loggedIn("alice", events);

            perform(alice, "/join #rust");
            int joined = events.await("joined #rust", ownJoin("alice", RUST));

            // Every list from the join on (the server's and the client's own after the join) has the flag.
            events.await(joined, "a list after the join", event -> event instanceof ClientEvent.Members list
                    && list.room().equals(RUST) && !list.listed());
            List<ClientEvent> seen = events.events();
            assertThat(seen.subList(joined, seen.size()).stream()
                    .filter(event -> event instanceof ClientEvent.Members list && list.room().equals(RUST))
                    .map(event -> ((ClientEvent.Members) event).members()))
                    .isNotEmpty()
                    .allSatisfy(members -> assertThat(members).containsExactly(
                            new chatroom.protocol.Member(new Name("alice"), true, false, false)));
        }

        @Test
        @DisplayName("lines typed right after /join or /part go where the plain dialect sends them, whatever the delay")
        void typedAhead() throws Exception {
            var bobEvents = new EventRecorder();
            var bob = loggedIn("bob", bobEvents);
            perform(bob, "/join #rust");
            bobEvents.await("bob in #rust", ownJoin("bob", RUST));
            var events = new EventRecorder();
            var alice = loggedIn("alice", events);

            perform(alice, "/join #rust");
            perform(alice, "first in rust");
            perform(alice, "/part");
            perform(alice, "back in the lobby");

            bobEvents.await("in #rust", message(RUST, "first in rust"));
            bobEvents.await("in the lobby", message(LOBBY, "back in the lobby"));
            events.await("all confirmed", allConfirmed());
            assertThat(events.all(ClientEvent.NotSent.class)).isEmpty();
        }

        @Test
        @DisplayName("/join of a room it is in only switches; commands about a room it is not in are refused locally")
        void switchAndRefuse() throws Exception {
            var events = new EventRecorder();
            var alice = loggedIn("alice", events);
            perform(alice, "/join #rust");
            events.await("joined #rust", ownJoin("alice", RUST));

            perform(alice, "/join #lobby");
            events.await("the lobby is current", event -> event instanceof ClientEvent.InRooms in
                    && in.current().equals(Optional.of(LOBBY)));

            assertThat(alice.send(RoomName.of("go"), "hi", false)).isInstanceOfSatisfying(Parsed.Invalid.class,
                    invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.NOT_IN_ROOM));
            assertThat(alice.send(new Name("ALICE"), "hi", false)).isInstanceOfSatisfying(Parsed.Invalid.class,
                    invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.BAD_TARGET));
            assertThat(alice.perform(new Command.Part(Optional.of(RoomName.of("go")), "")))
                    .isInstanceOf(Parsed.Invalid.class);
        }

        @Test
        @DisplayName("the server's refusals arrive as errors, and the member lists follow operator changes")
        void refusalsAndFlags() throws Exception {
            var events = new EventRecorder();
            var alice = loggedIn("alice", events);
            var bobEvents = new EventRecorder();
            var bob = loggedIn("bob", bobEvents);

            perform(bob, "/kick alice");
            bobEvents.await("not an operator", event -> event instanceof ClientEvent.Notice n && n.error()
                    && n.text().contains("only operators"));

            perform(alice, "/join #rust");
            events.await("joined #rust", ownJoin("alice", RUST));
            perform(bob, "/join #rust");
            events.await("bob joined", ownJoin("bob", RUST));
            assertThat(alice.perform(new Command.Moderate(Optional.empty(), Moderation.OP, Optional.of("bob"))))
                    .isInstanceOf(Parsed.Ok.class);
            bobEvents.await("bob is an operator", event -> event instanceof ClientEvent.Members m
                    && m.room().equals(RUST) && m.members().stream().allMatch(member -> member.operator()));
            bobEvents.await("told", event -> event instanceof ClientEvent.Moderated m && m.room().equals(RUST)
                    && m.moderated().action() == Moderation.OP);
        }

        @Test
        @DisplayName("an operator by name who comes back is listed as an operator by those already in the room")
        void operatorByNameRejoins() throws Exception {
            var events = new EventRecorder();
            var alice = loggedIn("alice", events);
            var bob = loggedIn("bob", new EventRecorder());

            perform(alice, "/join #rust");
            events.await("joined #rust", ownJoin("alice", RUST));
            perform(alice, "/op bob");
            events.await("told", event -> event instanceof ClientEvent.Moderated m && m.room().equals(RUST)
                    && m.moderated().action() == Moderation.OP);
            perform(bob, "/join #rust");

            // No member list follows a join: the JOINED itself says bob is an operator.
            int joined = events.await("bob joined", ownJoin("bob", RUST));
            events.await(joined, "bob listed as an operator", event -> event instanceof ClientEvent.Members m
                    && m.room().equals(RUST) && m.names().equals(List.of(new Name("alice"), new Name("bob")))
                    && m.members().stream().allMatch(member -> member.operator()));
        }

        @Test
        @DisplayName("an invitation reaches the invited and the inviter; a voice shows in the member list")
        void invitationAndVoice() throws Exception {
            var events = new EventRecorder();
            var alice = loggedIn("alice", events);
            var bobEvents = new EventRecorder();
            loggedIn("bob", bobEvents);

            perform(alice, "/join #rust");
            events.await("joined #rust", ownJoin("alice", RUST));
            perform(alice, "/invite bob");
            events.await("the inviter told", event -> event instanceof ClientEvent.Invited invited && invited.mine()
                    && invited.invitation().name().value().equals("bob"));
            bobEvents.await("bob invited", event -> event instanceof ClientEvent.Invited invited && !invited.mine()
                    && invited.invitation().room().equals(RUST) && invited.invitation().by().value().equals("alice"));
            perform(alice, "/voice alice");
            events.await("a voice in the list", event -> event instanceof ClientEvent.Members m && m.room().equals(RUST)
                    && m.members().stream().anyMatch(member -> member.name().value().equals("alice") && member.voiced()));
        }
    }

    @Nested
    @DisplayName("private messages and the outbox")
    class Private {

        @Test
        @DisplayName("reach the other member only, both ways, confirmed by their echo")
        void bothWays() throws Exception {
            var events = new EventRecorder();
            var alice = loggedIn("alice", events);
            var bobEvents = new EventRecorder();
            var bob = loggedIn("bob", bobEvents);
            var carolEvents = new EventRecorder();
            loggedIn("carol", carolEvents);

            perform(alice, "/msg bob psst");
            bobEvents.await("from alice", event -> event instanceof ClientEvent.PrivateMessage p
                    && p.with().equals(new Name("alice")) && !p.sent() && p.chat().text().equals("psst"));
            events.await("sent to bob", event -> event instanceof ClientEvent.PrivateMessage p
                    && p.with().equals(new Name("bob")) && p.sent());
            events.await("confirmed", allConfirmed());
            perform(bob, "/msg alice psst back");
            events.await("from bob", event -> event instanceof ClientEvent.PrivateMessage p
                    && p.with().equals(new Name("bob")) && p.chat().text().equals("psst back"));
            perform(bob, "in the open");
            carolEvents.await("bob in the lobby", message(LOBBY, "in the open"));
            assertThat(carolEvents.all(ClientEvent.PrivateMessage.class)).isEmpty();
        }

        @Test
        @DisplayName("refusals are matched to the message they refuse: per target, the others are confirmed")
        void refusedPerTarget() throws Exception {
            var events = new EventRecorder();
            var alice = loggedIn("alice", events);
            var bobEvents = new EventRecorder();
            var bob = loggedIn("bob", bobEvents);
            perform(bob, "/join #rust");
            bobEvents.await("bob in #rust", ownJoin("bob", RUST));
            perform(alice, "/join #rust");
            events.await("alice in #rust", ownJoin("alice", RUST));
            perform(bob, "/mute alice");
            events.await("muted", event -> event instanceof ClientEvent.Members m && m.room().equals(RUST)
                    && m.members().stream().anyMatch(member -> member.name().value().equals("alice") && member.muted()));

            alice.send(RUST, "muted words", false);
            alice.send(LOBBY, "free words", false);
            alice.send(new Name("nobody"), "into the void", false);
            alice.send(new Name("bob"), "still private", false);

            events.await("refused in #rust", event -> event instanceof ClientEvent.NotSent n && n.to().equals(RUST)
                    && n.text().equals("muted words") && n.reason().contains("muted"));
            events.await("nobody there", event -> event instanceof ClientEvent.NotSent n
                    && n.text().equals("into the void") && n.reason().contains("nobody"));
            events.await("all settled", allConfirmed());
            bobEvents.await("free words", message(LOBBY, "free words"));
            bobEvents.await("still private", event -> event instanceof ClientEvent.PrivateMessage p
                    && p.chat().text().equals("still private"));
            assertThat(events.all(ClientEvent.NotSent.class)).hasSize(2);
            assertThat(bobEvents.all(ClientEvent.Message.class)).noneMatch(m -> m.chat().text().equals("muted words"));
        }
    }

    @Nested
    @DisplayName("losing the connection")
    class Reconnecting {

        @Test
        @DisplayName("rejoins every room with what it missed, once; its current room and its unsent messages survive")
        void rejoins() throws Exception {
            try (var proxy = new TcpProxy(server.address())) {
                var events = new EventRecorder();
                var alice = loggedIn(proxy.address(), "alice", events);
                var bobEvents = new EventRecorder();
                var bob = loggedIn("bob", bobEvents);
                perform(alice, "/join #rust");
                events.await("alice in #rust", ownJoin("alice", RUST));
                perform(bob, "/join #rust");
                events.await("bob in #rust", ownJoin("bob", RUST));
                perform(bob, "before in rust");
                perform(bob, "/msg #lobby before in lobby");
                perform(bob, "/msg alice before in private");
                events.await("before", event -> event instanceof ClientEvent.PrivateMessage p
                        && p.chat().text().equals("before in private"));
                events.await("before in rust", message(RUST, "before in rust"));
                alice.cancelReconnect();

                proxy.sever();

                int lost = events.await("lost", event -> event instanceof ClientEvent.StateChanged s
                        && s.state() == ConnectionState.WAITING_TO_RECONNECT && s.retryIn().isEmpty());
                bobEvents.await("alice gone", event -> event instanceof ClientEvent.Presence(var room,
                        ServerFrame.Left left) && left.name().value().equals("alice"));
                perform(bob, "while away in rust");
                perform(bob, "/msg #lobby while away in lobby");
                bobEvents.await("said", message(LOBBY, "while away in lobby"));
                assertThat(alice.send("typed while offline")).isInstanceOf(Parsed.Ok.class);

                alice.reconnectNow();

                events.await(lost, "back in #rust", ownJoin("alice", RUST));
                events.await(lost, "missed in rust", message(RUST, "while away in rust"));
                events.await(lost, "missed in lobby", message(LOBBY, "while away in lobby"));
                bobEvents.await("offline message, to #rust", message(RUST, "typed while offline"));
                events.await(lost, "all confirmed", allConfirmed());
                perform(bob, "after");
                events.await(lost, "after", message(RUST, "after"));

                var texts = events.all(ClientEvent.Message.class).stream().map(m -> m.room() + " " + m.chat().text())
                        .toList();
                assertThat(texts).doesNotHaveDuplicates().contains("#rust before in rust", "#lobby before in lobby",
                        "#rust while away in rust", "#lobby while away in lobby", "#rust typed while offline",
                        "#rust after");
                assertThat(events.all(ClientEvent.PrivateMessage.class)).hasSize(1);
                assertThat(bobEvents.all(ClientEvent.Message.class))
                        .filteredOn(m -> m.chat().text().equals("typed while offline")).hasSize(1);
                assertThat(events.all(ClientEvent.InRooms.class).getLast().current()).contains(RUST);
            }
        }

        @Test
        @DisplayName("a room it had left is not rejoined: the default room is left again after the login")
        void leftRoomStaysLeft() throws Exception {
            try (var proxy = new TcpProxy(server.address())) {
                var events = new EventRecorder();
                var alice = loggedIn(proxy.address(), "alice", events);
                perform(alice, "/join #rust");
                events.await("alice in #rust", ownJoin("alice", RUST));
                perform(alice, "/part #lobby");
                events.await("only #rust", event -> event instanceof ClientEvent.InRooms in
                        && in.rooms().equals(List.of(RUST)));

                proxy.sever();
                int back = events.await("welcome back", event -> event instanceof ClientEvent.Welcome w && w.reconnected());
                events.await(back, "back in #rust", ownJoin("alice", RUST));
                var bobEvents = new EventRecorder();
                var bob = loggedIn("bob", bobEvents);
                perform(bob, "/who");
                bobEvents.await("the lobby without alice", event -> event instanceof ClientEvent.Members m
                        && m.room().equals(LOBBY) && m.listed() && m.names().equals(List.of(new Name("bob"))));
                assertThat(events.all(ClientEvent.Message.class)).isEmpty();
                assertThat(events.events().subList(back, events.events().size()))
                        .noneMatch(event -> event instanceof ClientEvent.Presence p && p.room().equals(Optional.of(LOBBY)));
            }
        }
    }

    @Test
    @DisplayName("a version 1 server gets exactly what it got before: bare SAY, no receipts, no room verbs")
    void versionOne() throws Exception {
        try (var old = new PasswordServer("pw")) {
            var events = new EventRecorder();
            var security = new Security(false, TrustSettings.inMemory(), Optional.of("pw"), TrustPrompt.REFUSE,
                    Duration.ofSeconds(1));
            var alice = new ChatClient(old.address(), new Name("alice"), security, Runnable::run, events, FAST,
                    new SplittableRandom(1));
            try {
                assertThat(alice.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo(new LoginOutcome.LoggedIn(new Name("alice"), "lobby"));
                events.await("version 1", event -> event instanceof ClientEvent.Welcome w && w.version() == 1);
                alice.send("hello");
                events.await("echo", message(LOBBY, "hello"));
                events.await("confirmed", allConfirmed());
                assertThat(alice.perform(new Command.Join(RUST))).isInstanceOfSatisfying(Parsed.Invalid.class,
                        invalid -> assertThat(invalid.detail()).contains("version 1"));
                assertThat(alice.send(new Name("bob"), "psst", false)).isInstanceOf(Parsed.Invalid.class);
                assertThat(old.received()).startsWith("HELLO v=2 client=chatroom-client/1", "PASS :pw",
                        "LOGIN name=alice").contains("SAY :hello").noneMatch(line -> line.startsWith("PING"));
            } finally {
                alice.quit();
                assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
            }
        }
    }
}
