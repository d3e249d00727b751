package chatroom.client.core;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.ServerFrame;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("chat client core against a real server")
class ChatClientTest {

    private static final Duration TIMEOUT = EventRecorder.TIMEOUT;
    /// Reconnects quickly so that tests do not wait, but still through the policy.
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 0.5);

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

    private ServerAddress serverAddress() {
        return new ServerAddress("127.0.0.1", server.address().getPort());
    }

    private ChatClient client(ServerAddress address, String name, EventRecorder recorder) {
        var client = new ChatClient(address, new Name(name), Runnable::run, recorder, FAST, new SplittableRandom(1));
        clients.add(client);
        return client;
    }

    private static LoginOutcome login(ChatClient client) throws Exception {
        return client.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Predicate message(String text) {
        return event -> event instanceof ClientEvent.Message message && message.chat().text().equals(text);
    }

    private interface Predicate extends java.util.function.Predicate<ClientEvent> {
    }

    private void awaitMembers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (server.memberCount() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.memberCount()).isEqualTo(count);
    }

    @Nested
    @DisplayName("logging in")
    class LoggingIn {

        @Test
        @DisplayName("reports connecting, welcome, connected, and the member list with itself")
        void welcome() throws Exception {
            var events = new EventRecorder();
            var alice = client(serverAddress(), "alice", events);

            assertThat(login(alice)).isEqualTo(new LoginOutcome.LoggedIn(new Name("alice"), "lobby"));

            int connecting = events.awaitState(0, ConnectionState.CONNECTING);
            int welcome = events.await("welcome", event -> event instanceof ClientEvent.Welcome w
                    && w.name().equals(new Name("alice")) && w.room().equals("lobby") && !w.reconnected());
            int connected = events.awaitState(0, ConnectionState.CONNECTED);
            events.await("members", event -> event instanceof ClientEvent.Members m
                    && m.names().equals(List.of(new Name("alice"))));
            events.await("own join", event -> event instanceof ClientEvent.Presence(var room, ServerFrame.Joined joined)
                    && joined.name().equals(new Name("alice")));
            assertThat(connecting).isLessThan(welcome);
            assertThat(welcome).isLessThan(connected);
        }

        @Test
        @DisplayName("the welcome is told before the login completes, so a command given then comes after it")
        void welcomeBeforeLoggedIn() throws Exception {
            // The window rejoins its rooms once the login completes; events told after that
            // (the room list caught up at login) were stale and marked the joined room as left.
            var login = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<LoginOutcome>>();
            var loginDoneAtWelcome = new java.util.concurrent.CompletableFuture<Boolean>();
            var alice = new ChatClient(serverAddress(), new Name("alice"), Runnable::run, batch -> {
                if (batch.stream().anyMatch(ClientEvent.Welcome.class::isInstance)) {
                    loginDoneAtWelcome.complete(login.get() != null && login.get().isDone());
                }
            }, FAST, new SplittableRandom(1));
            clients.add(alice);
            login.set(alice.start());

            assertThat(login.get().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(LoginOutcome.LoggedIn.class);
            assertThat(loginDoneAtWelcome.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("the login had completed when the welcome was told").isFalse();
        }

        @Test
        @DisplayName("a taken name is refused, and the client closes")
        void nameTaken() throws Exception {
            assertThat(login(client(serverAddress(), "alice", new EventRecorder()))).isInstanceOf(LoginOutcome.LoggedIn.class);
            var events = new EventRecorder();
            var second = client(serverAddress(), "ALICE", events);

            var outcome = login(second);

            assertThat(outcome).isInstanceOfSatisfying(LoginOutcome.NameRefused.class,
                    refused -> assertThat(refused.code()).isEqualTo(ErrorCode.NAME_TAKEN));
            assertThat(second.awaitClosed(TIMEOUT)).isTrue();
            events.awaitState(0, ConnectionState.CLOSED);
        }

        @Test
        @DisplayName("an unreachable server is reported with the reason")
        void unreachable() throws Exception {
            int freePort;
            try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                freePort = probe.getLocalPort();
            }
            var client = client(new ServerAddress("127.0.0.1", freePort), "alice", new EventRecorder());

            assertThat(login(client)).isInstanceOfSatisfying(LoginOutcome.Unreachable.class,
                    unreachable -> assertThat(unreachable.reason()).containsIgnoringCase("refused"));
        }

        @Test
        @DisplayName("a full server's refusal line is the reason")
        void serverFull() throws Exception {
            server.stop(Duration.ofSeconds(1));
            server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.builder().maxClients(1).build());
            server.start();
            assertThat(login(client(serverAddress(), "alice", new EventRecorder()))).isInstanceOf(LoginOutcome.LoggedIn.class);

            var outcome = login(client(serverAddress(), "bob", new EventRecorder()));

            assertThat(outcome).isInstanceOfSatisfying(LoginOutcome.Unreachable.class,
                    unreachable -> assertThat(unreachable.reason()).contains("server is full"));
        }

        @Test
        @DisplayName("gets the history from before it joined, marked as history, in order")
        void history() throws Exception {
            var bobEvents = new EventRecorder();
            var bob = client(serverAddress(), "bob", bobEvents);
            login(bob);
            bob.send("one");
            bob.send("two");
            bobEvents.await("two", message("two"));

            var events = new EventRecorder();
            login(client(serverAddress(), "alice", events));
            events.await("two", message("two"));

            var messages = events.all(ClientEvent.Message.class);
            assertThat(messages).extracting(m -> m.chat().text()).containsExactly("one", "two");
            assertThat(messages).allMatch(ClientEvent.Message::fromHistory);
        }
    }

    @Nested
    @DisplayName("chatting")
    class Chatting {

        @Test
        @DisplayName("a message goes to everyone and is confirmed when it comes back")
        void sendAndConfirm() throws Exception {
            var aliceEvents = new EventRecorder();
            var bobEvents = new EventRecorder();
            var alice = client(serverAddress(), "alice", aliceEvents);
            login(alice);
            login(client(serverAddress(), "bob", bobEvents));

            assertThat(alice.send("ciao, bob")).isInstanceOf(chatroom.protocol.Parsed.Ok.class);

            int shown = aliceEvents.await("own message", message("ciao, bob"));
            aliceEvents.await(shown, "confirmation", event -> event instanceof ClientEvent.Unconfirmed u && u.texts().isEmpty());
            bobEvents.await("alice's message", event -> event instanceof ClientEvent.Message m
                    && m.chat().from().equals(new Name("alice")) && !m.fromHistory());
            assertThat(aliceEvents.all(ClientEvent.Unconfirmed.class).getFirst().texts()).containsExactly("ciao, bob");
        }

        @Test
        @DisplayName("a message sent the moment the welcome arrives (before the history) is sent once")
        void sendBeforeHistory() throws Exception {
            var bobEvents = new EventRecorder();
            login(client(serverAddress(), "bob", bobEvents));
            var events = new EventRecorder();
            var holder = new java.util.concurrent.atomic.AtomicReference<ChatClient>();
            var alice = new ChatClient(serverAddress(), new Name("alice"), Runnable::run, batch -> {
                events.accept(batch);
                if (batch.stream().anyMatch(ClientEvent.Welcome.class::isInstance)) {
                    holder.get().send("first words");
                }
            }, FAST, new SplittableRandom(1));
            holder.set(alice);
            clients.add(alice);
            login(alice);

            bobEvents.await("alice's first words", message("first words"));
            events.await("confirmed", event -> event instanceof ClientEvent.Unconfirmed u && u.texts().isEmpty());
        }

        @Test
        @DisplayName("a message the server could not save is handed back and not sent again; later ones are confirmed")
        void notSaved() throws Exception {
            try (var failing = new PasswordServer("open sesame")) {
                failing.refuseSays(true);
                var events = new EventRecorder();
                var security = new Security(false, TrustSettings.inMemory(), Optional.of("open sesame"),
                        TrustPrompt.REFUSE, Duration.ofSeconds(1));
                var alice = new ChatClient(failing.address(), new Name("alice"), security, Runnable::run, events, FAST,
                        new SplittableRandom(1));
                try {
                    login(alice);
                    alice.send("lost words");
                    int refused = events.await("the refusal", event -> event instanceof ClientEvent.NotSent notSent
                            && notSent.text().equals("lost words") && notSent.reason().contains("could not save"));
                    events.await(refused, "nothing unconfirmed",
                            event -> event instanceof ClientEvent.Unconfirmed u && u.texts().isEmpty());

                    failing.refuseSays(false);
                    alice.send("kept words");
                    int echoed = events.await("the echo", message("kept words"));
                    events.await(echoed, "confirmed", event -> event instanceof ClientEvent.Unconfirmed u && u.texts().isEmpty());
                    assertThat(failing.received()).filteredOn(line -> line.startsWith("SAY"))
                            .containsExactly("SAY :lost words", "SAY :kept words");
                    assertThat(events.all(ClientEvent.Notice.class)).isEmpty();
                } finally {
                    alice.quit();
                    assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
                }
            }
        }

        @Test
        @DisplayName("an invalid text is refused and not queued")
        void invalidText() throws Exception {
            var events = new EventRecorder();
            var alice = client(serverAddress(), "alice", events);
            login(alice);

            assertThat(alice.send("   ")).isInstanceOf(chatroom.protocol.Parsed.Invalid.class);
            assertThat(alice.send("x".repeat(5000))).isInstanceOf(chatroom.protocol.Parsed.Invalid.class);
            assertThat(events.all(ClientEvent.Unconfirmed.class)).isEmpty();
        }

        @Test
        @DisplayName("the member list follows joins and leaves")
        void members() throws Exception {
            var events = new EventRecorder();
            login(client(serverAddress(), "alice", events));
            var bob = client(serverAddress(), "bob", new EventRecorder());
            login(bob);
            int both = events.await("both", event -> event instanceof ClientEvent.Members m && m.names().size() == 2);

            bob.quit();

            events.await(both, "bob left", event -> event instanceof ClientEvent.Presence(var room, ServerFrame.Left left)
                    && left.name().equals(new Name("bob")));
            events.await(both, "alone", event -> event instanceof ClientEvent.Members m
                    && m.names().equals(List.of(new Name("alice"))));
        }

        @Test
        @DisplayName("events are batched when the listener's executor is busy")
        void batching() throws Exception {
            var queue = new ConcurrentLinkedQueue<Runnable>();
            Executor deferred = queue::add;
            var events = new EventRecorder();
            var alice = new ChatClient(serverAddress(), new Name("alice"), deferred, events, FAST, new SplittableRandom(1));
            clients.add(alice);
            var bobEvents = new EventRecorder();
            var bob = client(serverAddress(), "bob", bobEvents);
            alice.start();
            login(bob);
            for (int i = 0; i < 500; i++) {
                bob.send("burst " + i);
            }
            bobEvents.await("last of the burst", message("burst 499"));

            // Run what the "FX thread" was given; each task delivers everything pending.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (events.all(ClientEvent.Message.class).size() < 500 && System.nanoTime() < deadline) {
                Runnable task = queue.poll();
                if (task == null) {
                    Thread.sleep(5);
                } else {
                    task.run();
                }
            }
            assertThat(events.all(ClientEvent.Message.class)).hasSize(500);
            assertThat(events.batches()).as("batches for %d events", events.events().size()).isLessThan(50);
        }
    }

    @Nested
    @DisplayName("losing the connection")
    class Reconnecting {

        @Test
        @DisplayName("reconnects by itself; missed messages arrive once; typed messages are not lost")
        void reconnectsWithoutLossOrDuplicates() throws Exception {
            try (var proxy = new TcpProxy(server.address())) {
                var events = new EventRecorder();
                var alice = client(proxy.address(), "alice", events);
                var bobEvents = new EventRecorder();
                var bob = client(serverAddress(), "bob", bobEvents);
                login(alice);
                login(bob);
                bob.send("before");
                events.await("before", message("before"));
                // Stop alice reconnecting so that bob can talk while she is away.
                alice.cancelReconnect();

                proxy.sever();

                int lost = events.await("lost", event -> event instanceof ClientEvent.StateChanged s
                        && s.state() == ConnectionState.WAITING_TO_RECONNECT && s.retryIn().isEmpty());
                awaitMembers(1);
                bob.send("while you were away");
                bobEvents.await("away message", message("while you were away"));
                alice.send("typed while offline");

                alice.reconnectNow();

                events.await(lost, "welcome back", event -> event instanceof ClientEvent.Welcome w && w.reconnected());
                events.await(lost, "missed message", message("while you were away"));
                bobEvents.await("offline message delivered", message("typed while offline"));
                events.await(lost, "all confirmed", event -> event instanceof ClientEvent.Unconfirmed u && u.texts().isEmpty());
                bob.send("after");
                events.await(lost, "after", message("after"));

                var texts = events.all(ClientEvent.Message.class).stream().map(m -> m.chat().text()).toList();
                assertThat(texts).containsExactly("before", "while you were away", "typed while offline", "after");
                var ids = events.all(ClientEvent.Message.class).stream().map(m -> m.chat().id()).toList();
                assertThat(ids).doesNotHaveDuplicates().isSorted();
                assertThat(bobEvents.all(ClientEvent.Message.class)).filteredOn(m -> m.chat().text().equals("typed while offline"))
                        .hasSize(1);
            }
        }

        @Test
        @DisplayName("announces the automatic retry with its delay, and keeps trying until the server is back")
        void automaticRetry() throws Exception {
            var events = new EventRecorder();
            var alice = client(serverAddress(), "alice", events);
            login(alice);
            int port = server.address().getPort();

            server.stop(Duration.ofSeconds(2));
            int waiting = events.await("waiting", event -> event instanceof ClientEvent.StateChanged s
                    && s.state() == ConnectionState.WAITING_TO_RECONNECT && s.retryIn().isPresent()
                    && s.reason().orElse("").contains("shutting down"));
            events.await(waiting, "a failed retry", event -> event instanceof ClientEvent.StateChanged s
                    && s.state() == ConnectionState.WAITING_TO_RECONNECT && s.reason().orElse("").contains("refused"));

            server = ChatServer.create(new InetSocketAddress("127.0.0.1", port), ServerConfig.defaults());
            server.start();

            events.await(waiting, "welcome back", event -> event instanceof ClientEvent.Welcome w && w.reconnected());
            events.awaitState(waiting, ConnectionState.CONNECTED);
            awaitMembers(1);
        }

        @Test
        @DisplayName("quitting while waiting closes the client")
        void quitWhileWaiting() throws Exception {
            var events = new EventRecorder();
            var alice = client(serverAddress(), "alice", events);
            login(alice);
            alice.cancelReconnect();
            server.stop(Duration.ofSeconds(2));
            events.await("waiting", event -> event instanceof ClientEvent.StateChanged s
                    && s.state() == ConnectionState.WAITING_TO_RECONNECT);

            alice.quit();

            assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
            var states = events.all(ClientEvent.StateChanged.class);
            assertThat(states.getLast().state()).isEqualTo(ConnectionState.CLOSED);
        }
    }

    @Nested
    @DisplayName("quitting")
    class Quitting {

        @Test
        @DisplayName("says goodbye: the server sees the member leave, and the client closes")
        void quit() throws Exception {
            var bobEvents = new EventRecorder();
            login(client(serverAddress(), "bob", bobEvents));
            var events = new EventRecorder();
            var alice = client(serverAddress(), "alice", events);
            login(alice);

            alice.quit();

            assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
            bobEvents.await("alice left by quitting", event -> event instanceof ClientEvent.Presence(var room, ServerFrame.Left left)
                    && left.name().equals(new Name("alice")) && left.reason() == chatroom.protocol.LeaveReason.QUIT);
            assertThat(events.all(ClientEvent.StateChanged.class).getLast())
                    .isEqualTo(new ClientEvent.StateChanged(ConnectionState.CLOSED, Optional.empty(), Optional.empty()));
        }

        @Test
        @DisplayName("cancels a connection attempt in progress")
        void cancelWhileConnecting() throws Exception {
            // A listener that accepts but never answers: the handshake waits until cancelled.
            try (var silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                var client = client(new ServerAddress("127.0.0.1", silent.getLocalPort()), "alice", new EventRecorder());
                var outcome = client.start();
                try (var accepted = silent.accept()) {
                    client.quit();
                    assertThat(outcome.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new LoginOutcome.Cancelled());
                }
            }
        }
    }
}
