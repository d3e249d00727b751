package chatroom.client.core;

import chatroom.protocol.Command;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/// The client calls its listener and its trust prompt holding none of its locks: each is
/// called with a direct executor (so on the very thread that published) and calls back into
/// the client from another thread, which could not finish while the publishing thread held
/// the lock. A listener that takes its own lock, or waits on the FX thread, cannot deadlock
/// with the client.
@DisplayName("no listener is called while the client's lock is held")
class ListenerLockTest {

    private static final Duration TIMEOUT = EventRecorder.TIMEOUT;
    /// How long a call into the client from another thread may take while a listener runs:
    /// far longer than a free lock needs, even on a busy machine; a held one is never free
    /// before the listener returns.
    private static final Duration PROBE = Duration.ofSeconds(5);
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 0.5);

    private ChatServer server;
    private final List<ChatClient> clients = new ArrayList<>();
    /// What was running when a call from another thread could not finish: the events or the
    /// question, and the stack of the thread that called.
    private final List<String> underTheLock = new CopyOnWriteArrayList<>();

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

    /// Runs `call` on another thread and waits for it; if it does not finish in time, writes
    /// down `what` was being done and by whom.
    private void fromAnotherThread(Runnable call, Object what) {
        if (!underTheLock.isEmpty()) {
            // One is enough to fail, and each costs the whole wait.
            return;
        }
        var done = new CompletableFuture<Void>();
        Thread.ofVirtual().name("test-lock-probe").start(() -> {
            call.run();
            done.complete(null);
        });
        try {
            done.get(PROBE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            underTheLock.add(what + " on " + Thread.currentThread().getName() + " at\n"
                    + Arrays.stream(Thread.currentThread().getStackTrace()).limit(25)
                    .map(frame -> "  " + frame).collect(Collectors.joining("\n")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /// A listener that asks the client for its name from another thread on every batch,
    /// before the recorder sees it.
    private final class Probing implements Consumer<List<ClientEvent>> {
        final EventRecorder recorder = new EventRecorder();
        volatile ChatClient client;

        @Override
        public void accept(List<ClientEvent> batch) {
            fromAnotherThread(() -> client.name(), batch);
            recorder.accept(batch);
        }
    }

    private ChatClient client(ServerAddress address, String name, Security security, Probing listener) {
        var client = new ChatClient(address, new Name(name), security, Runnable::run, listener, FAST,
                new SplittableRandom(1));
        listener.client = client;
        clients.add(client);
        return client;
    }

    private static LoginOutcome login(ChatClient client) throws Exception {
        return client.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static boolean message(ClientEvent event, String text) {
        return event instanceof ClientEvent.Message message && message.chat().text().equals(text);
    }

    private static boolean waiting(ClientEvent event, boolean automatic) {
        return event instanceof ClientEvent.StateChanged changed
                && changed.state() == ConnectionState.WAITING_TO_RECONNECT
                && changed.retryIn().isPresent() == automatic;
    }

    @Test
    @DisplayName("from logging in, chatting, both ways of waiting to reconnect, to closing")
    void wholeLife() throws Exception {
        try (var proxy = new TcpProxy(server.address())) {
            var listener = new Probing();
            var events = listener.recorder;
            var alice = client(proxy.address(), "alice", Security.plain(), listener);
            var bob = client(new ServerAddress("127.0.0.1", server.address().getPort()), "bob", Security.plain(),
                    new Probing());

            assertThat(login(alice)).isInstanceOf(LoginOutcome.LoggedIn.class);
            assertThat(login(bob)).isInstanceOf(LoginOutcome.LoggedIn.class);
            events.awaitState(0, ConnectionState.CONNECTED);
            // Published by the caller's thread (this one), then by the session thread.
            assertThat(alice.send("hello")).isInstanceOf(Parsed.Ok.class);
            events.await("the echo", event -> message(event, "hello"));
            assertThat(alice.perform(new Command.Join(RoomName.of("rust")))).isInstanceOf(Parsed.Ok.class);
            events.await("the join", event -> event instanceof ClientEvent.Members members
                    && members.room().equals(RoomName.of("rust")));
            bob.send("from bob");
            events.await("bob's message", event -> message(event, "from bob"));

            // Lost: it waits the policy's delay, then reconnects by itself.
            proxy.sever();
            int automatic = events.await("an automatic wait", event -> waiting(event, true));
            int back = events.await(automatic, "welcome back", event -> event instanceof ClientEvent.Welcome w
                    && w.reconnected());
            events.awaitState(back, ConnectionState.CONNECTED);

            // Lost again, told not to reconnect by itself: it waits for the person.
            alice.cancelReconnect();
            proxy.sever();
            int manual = events.await(back, "a manual wait", event -> waiting(event, false));
            alice.reconnectNow();
            events.await(manual, "welcome back again", event -> event instanceof ClientEvent.Welcome w
                    && w.reconnected());

            alice.quit();
            assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
            events.awaitState(0, ConnectionState.CLOSED);
        }

        assertThat(underTheLock).as("calls that could not finish while a listener ran").isEmpty();
    }

    @Nested
    @DisplayName("over TLS")
    class OverTls {

        private static final TestCertificates.Keys FIRST = TestCertificates.first();
        private static final TestCertificates.Keys SECOND = TestCertificates.second();

        @TempDir
        Path data;

        private TlsTerminator front;

        @BeforeEach
        void startFront() throws IOException {
            front = new TlsTerminator(server.address(), FIRST);
        }

        @AfterEach
        void stopFront() {
            front.close();
        }

        private Security security(TrustPrompt prompt) {
            return new Security(true, new TrustSettings(KnownServers.in(data), Optional.empty(), Optional.empty()),
                    Optional.empty(), prompt, Duration.ofSeconds(10));
        }

        @Test
        @DisplayName("the trust question, and the stop when the certificate changes while reconnecting")
        void questionAndStop() throws Exception {
            var listener = new Probing();
            var events = listener.recorder;
            var asked = new CompletableFuture<Fingerprint>();
            TrustPrompt prompt = (address, fingerprint) -> {
                fromAnotherThread(() -> listener.client.name(), "the trust question");
                asked.complete(fingerprint);
                return CompletableFuture.completedFuture(true);
            };
            var alice = client(front.address(), "alice", security(prompt), listener);

            assertThat(login(alice)).isInstanceOf(LoginOutcome.LoggedIn.class);
            assertThat(asked).isCompletedWithValue(FIRST.fingerprint());
            events.awaitState(0, ConnectionState.CONNECTED);

            front.serve(SECOND);
            front.sever();

            events.await("the stop", event -> event instanceof ClientEvent.Stopped(
                    LoginOutcome.CertificateChanged changed) && changed.presented().equals(SECOND.fingerprint()));
            assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
            events.awaitState(0, ConnectionState.CLOSED);
            assertThat(underTheLock).as("calls that could not finish while a listener ran").isEmpty();
        }

        @Test
        @DisplayName("the person may quit while the question is being put, from another thread")
        void quitWhileAsking() throws Exception {
            var listener = new Probing();
            var question = new CompletableFuture<Boolean>();
            TrustPrompt prompt = (address, fingerprint) -> {
                // The dialog's "quit", answered on another thread while this one still asks.
                fromAnotherThread(() -> listener.client.quit(), "the trust question");
                return question;
            };
            var alice = client(front.address(), "alice", security(prompt), listener);

            assertThat(login(alice)).isEqualTo(new LoginOutcome.Cancelled());

            assertThat(underTheLock).as("calls that could not finish while the question was put").isEmpty();
            assertThat(question).as("the question is withdrawn").isCancelled();
            assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
            assertThat(front.applicationBytes()).isZero();
        }
    }
}
