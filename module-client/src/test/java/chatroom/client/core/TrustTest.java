package chatroom.client.core;

import chatroom.protocol.Name;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("TLS, trust on first use and the server password, against a TLS front on 127.0.0.1")
class TrustTest {

    private static final Duration TIMEOUT = EventRecorder.TIMEOUT;
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 0.5);
    private static final TestCertificates.Keys FIRST = TestCertificates.first();
    private static final TestCertificates.Keys SECOND = TestCertificates.second();

    @TempDir
    Path data;

    private ChatServer server;
    private TlsTerminator front;
    private final List<ChatClient> clients = new ArrayList<>();
    /// Every question the client asked, and what the test answers.
    private final List<Fingerprint> asked = new CopyOnWriteArrayList<>();
    private volatile boolean answer;
    /// Application bytes the front had received when each question was asked.
    private final List<Long> bytesWhenAsked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.builder().maxRate(0).build());
        server.start();
        front = new TlsTerminator(server.address(), FIRST);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (ChatClient client : clients) {
            client.quit();
            assertThat(client.awaitClosed(TIMEOUT)).as("client closed").isTrue();
        }
        front.close();
        server.stop(Duration.ofSeconds(2));
    }

    private final TrustPrompt prompt = (address, fingerprint) -> {
        asked.add(fingerprint);
        bytesWhenAsked.add(front.applicationBytes());
        return CompletableFuture.completedFuture(answer);
    };

    private KnownServers known() {
        return KnownServers.in(data);
    }

    private Security security(boolean tls, Optional<Fingerprint> pinned, Optional<KeyStore> authorities) {
        return new Security(tls, new TrustSettings(known(), pinned, authorities), Optional.empty(), prompt,
                Duration.ofSeconds(10));
    }

    private ChatClient client(ServerAddress address, String name, Security security, EventRecorder events) {
        var client = new ChatClient(address, new Name(name), security, Runnable::run, events, FAST,
                new SplittableRandom(1));
        clients.add(client);
        return client;
    }

    private static LoginOutcome login(ChatClient client) throws Exception {
        return client.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void awaitMembers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (server.memberCount() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.memberCount()).isEqualTo(count);
    }

    @Nested
    @DisplayName("first contact")
    class FirstContact {

        @Test
        @DisplayName("asks before sending anything; trusted, it connects, chats over TLS and remembers the server")
        void trusted() throws Exception {
            answer = true;
            var events = new EventRecorder();
            var alice = client(front.address(), "alice", security(true, Optional.empty(), Optional.empty()), events);

            assertThat(login(alice)).isInstanceOf(LoginOutcome.LoggedIn.class);

            assertThat(asked).containsExactly(FIRST.fingerprint());
            assertThat(bytesWhenAsked).containsExactly(0L);
            assertThat(Files.readAllLines(data.resolve("known_servers")))
                    .containsExactly("127.0.0.1:" + front.address().port() + " " + FIRST.fingerprint().value());
            alice.send("over TLS");
            events.await("the echo", event -> event instanceof ClientEvent.Message message
                    && message.chat().text().equals("over TLS"));
            assertThat(front.applicationBytes()).isPositive();
        }

        @Test
        @DisplayName("not trusted, it refuses with the fingerprint, sends nothing and remembers nothing")
        void refused() throws Exception {
            answer = false;
            var alice = client(front.address(), "alice", security(true, Optional.empty(), Optional.empty()),
                    new EventRecorder());

            assertThat(login(alice)).isEqualTo(new LoginOutcome.NotTrusted(front.address(), FIRST.fingerprint()));

            assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
            assertThat(asked).containsExactly(FIRST.fingerprint());
            assertThat(front.applicationBytes()).isZero();
            assertThat(front.handshakes()).isZero();
            assertThat(data.resolve("known_servers")).doesNotExist();
            assertThat(server.memberCount()).isZero();
        }

        @Test
        @DisplayName("no answer in time is a no")
        void noAnswer() throws Exception {
            var silent = new Security(true, new TrustSettings(known(), Optional.empty(), Optional.empty()),
                    Optional.empty(), (address, fingerprint) -> new CompletableFuture<>(), Duration.ofMillis(300));
            var alice = client(front.address(), "alice", silent, new EventRecorder());

            assertThat(login(alice)).isInstanceOf(LoginOutcome.NotTrusted.class);
            assertThat(front.applicationBytes()).isZero();
        }

        @Test
        @DisplayName("quitting while the question is open cancels the attempt")
        void quitWhileAsking() throws Exception {
            var question = new CompletableFuture<Boolean>();
            var asking = new CompletableFuture<Void>();
            var waiting = new Security(true, new TrustSettings(known(), Optional.empty(), Optional.empty()),
                    Optional.empty(), (address, fingerprint) -> {
                        asking.complete(null);
                        return question;
                    }, Duration.ofMinutes(5));
            var alice = client(front.address(), "alice", waiting, new EventRecorder());
            var outcome = alice.start();
            asking.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            alice.quit();

            assertThat(outcome.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new LoginOutcome.Cancelled());
            assertThat(question).isCancelled();
        }
    }

    @Nested
    @DisplayName("a remembered server")
    class Remembered {

        @Test
        @DisplayName("connects without a question")
        void noQuestion() throws Exception {
            known().remember(front.address(), FIRST.fingerprint());
            var alice = client(front.address(), "alice", security(true, Optional.empty(), Optional.empty()),
                    new EventRecorder());

            assertThat(login(alice)).isInstanceOf(LoginOutcome.LoggedIn.class);
            assertThat(asked).isEmpty();
        }

        @Test
        @DisplayName("with a changed certificate is refused with both fingerprints and the file; nothing is sent")
        void changed() throws Exception {
            known().remember(front.address(), FIRST.fingerprint());
            front.serve(SECOND);
            var alice = client(front.address(), "alice", security(true, Optional.empty(), Optional.empty()),
                    new EventRecorder());

            assertThat(login(alice)).isEqualTo(new LoginOutcome.CertificateChanged(front.address(),
                    FIRST.fingerprint(), SECOND.fingerprint(), LoginOutcome.ExpectedBy.KNOWN_SERVERS,
                    Optional.of(data.resolve("known_servers"))));
            assertThat(asked).isEmpty();
            assertThat(front.applicationBytes()).isZero();
            assertThat(known().lookup(front.address())).as("the old one is kept").contains(FIRST.fingerprint());
        }

        @Test
        @DisplayName("whose certificate changes while reconnecting: the client stops reconnecting with the warning")
        void changedOnReconnect() throws Exception {
            known().remember(front.address(), FIRST.fingerprint());
            var events = new EventRecorder();
            var alice = client(front.address(), "alice", security(true, Optional.empty(), Optional.empty()), events);
            assertThat(login(alice)).isInstanceOf(LoginOutcome.LoggedIn.class);
            awaitMembers(1);
            long sentBefore = front.applicationBytes();

            front.serve(SECOND);
            front.sever();

            events.await("the stop", event -> event instanceof ClientEvent.Stopped(
                    LoginOutcome.CertificateChanged changed)
                    && changed.expected().equals(FIRST.fingerprint()) && changed.presented().equals(SECOND.fingerprint()));
            assertThat(alice.awaitClosed(TIMEOUT)).as("closed by itself, no more attempts").isTrue();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (front.failedHandshakes() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(front.failedHandshakes()).isEqualTo(1);
            assertThat(front.handshakes()).as("only the first connection's").isEqualTo(1);
            assertThat(front.applicationBytes()).isEqualTo(sentBefore);
            events.awaitState(0, ConnectionState.CLOSED);
        }
    }

    @Nested
    @DisplayName("--trust")
    class Pinned {

        @Test
        @DisplayName("a matching fingerprint connects without a question, and is remembered")
        void matches() throws Exception {
            var alice = client(front.address(), "alice", security(true, Optional.of(FIRST.fingerprint()), Optional.empty()),
                    new EventRecorder());

            assertThat(login(alice)).isInstanceOf(LoginOutcome.LoggedIn.class);
            assertThat(asked).isEmpty();
            assertThat(known().lookup(front.address())).contains(FIRST.fingerprint());
        }

        @Test
        @DisplayName("accepts a new certificate the known-servers file does not expect")
        void overridesKnown() throws Exception {
            known().remember(front.address(), SECOND.fingerprint());
            var alice = client(front.address(), "alice", security(true, Optional.of(FIRST.fingerprint()), Optional.empty()),
                    new EventRecorder());

            assertThat(login(alice)).isInstanceOf(LoginOutcome.LoggedIn.class);
            assertThat(known().lookup(front.address())).contains(FIRST.fingerprint());
        }

        @Test
        @DisplayName("a different fingerprint is refused without a question, even for a remembered server")
        void mismatch() throws Exception {
            known().remember(front.address(), FIRST.fingerprint());
            var alice = client(front.address(), "alice", security(true, Optional.of(SECOND.fingerprint()), Optional.empty()),
                    new EventRecorder());

            assertThat(login(alice)).isInstanceOfSatisfying(LoginOutcome.CertificateChanged.class, changed -> {
                assertThat(changed.expected()).isEqualTo(SECOND.fingerprint());
                assertThat(changed.presented()).isEqualTo(FIRST.fingerprint());
                assertThat(changed.expectedBy()).isEqualTo(LoginOutcome.ExpectedBy.TRUST_OPTION);
            });
            assertThat(asked).isEmpty();
            assertThat(front.applicationBytes()).isZero();
        }
    }

    @Nested
    @DisplayName("certificate authorities")
    class Authorities {

        @Test
        @DisplayName("a certificate signed by a trusted authority for the host needs no question and is not written down")
        void signed() throws Exception {
            front.serve(TestCertificates.signed());
            var alice = client(front.address(), "alice",
                    security(true, Optional.empty(), Optional.of(TestCertificates.authority())), new EventRecorder());

            assertThat(login(alice)).isInstanceOf(LoginOutcome.LoggedIn.class);
            assertThat(asked).isEmpty();
            assertThat(data.resolve("known_servers")).doesNotExist();
        }

        @Test
        @DisplayName("a certificate the authority signed for another host is not enough: the person is asked")
        void otherHost() throws Exception {
            front.serve(TestCertificates.signedForOtherHost());
            answer = false;
            var alice = client(front.address(), "alice",
                    security(true, Optional.empty(), Optional.of(TestCertificates.authority())), new EventRecorder());

            assertThat(login(alice)).isInstanceOf(LoginOutcome.NotTrusted.class);
            assertThat(asked).containsExactly(TestCertificates.signedForOtherHost().fingerprint());
        }
    }

    @Nested
    @DisplayName("a server that accepts only TLS")
    class TlsOnly {

        @Test
        @DisplayName("answers a plain client with TLS_REQUIRED, and the client switches to TLS at once, also for reconnects")
        void upgrades() throws Exception {
            known().remember(front.address(), FIRST.fingerprint());
            var events = new EventRecorder();
            var alice = client(front.address(), "alice", security(false, Optional.empty(), Optional.empty()), events);

            assertThat(login(alice)).isInstanceOf(LoginOutcome.LoggedIn.class);
            assertThat(front.plainRefusals()).isEqualTo(1);
            assertThat(front.handshakes()).isEqualTo(1);
            awaitMembers(1);

            front.sever();
            events.await("the reconnect", event -> event instanceof ClientEvent.Welcome welcome && welcome.reconnected());
            assertThat(front.plainRefusals()).as("no plain attempt on reconnect").isEqualTo(1);
            assertThat(front.handshakes()).isEqualTo(2);
        }

        @Test
        @DisplayName("a TLS client meeting a plain server says so")
        void plainServer() throws Exception {
            var plain = new ServerAddress("127.0.0.1", server.address().getPort());
            var alice = client(plain, "alice", security(true, Optional.empty(), Optional.empty()), new EventRecorder());

            assertThat(login(alice)).isInstanceOfSatisfying(LoginOutcome.Unreachable.class,
                    unreachable -> assertThat(unreachable.reason()).contains("TLS"));
            assertThat(asked).isEmpty();
        }
    }

    @Nested
    @DisplayName("a server that needs a password")
    class Password {

        private Security withPassword(Optional<String> password) {
            return new Security(false, TrustSettings.inMemory(), password, TrustPrompt.REFUSE, Duration.ofSeconds(1));
        }

        @Test
        @DisplayName("gets PASS before LOGIN and lets the client in")
        void right() throws Exception {
            try (var guarded = new PasswordServer("open sesame")) {
                var events = new EventRecorder();
                var alice = client(guarded.address(), "alice", withPassword(Optional.of("open sesame")), events);

                assertThat(login(alice)).isInstanceOf(LoginOutcome.LoggedIn.class);
                assertThat(guarded.received()).containsSubsequence("PASS :open sesame", "LOGIN name=alice");
                alice.send("hi");
                events.await("the echo", event -> event instanceof ClientEvent.Message message
                        && message.chat().text().equals("hi"));
            }
        }

        @Test
        @DisplayName("without a password: 'this server needs a password', and no LOGIN is sent")
        void none() throws Exception {
            try (var guarded = new PasswordServer("open sesame")) {
                var alice = client(guarded.address(), "alice", withPassword(Optional.empty()), new EventRecorder());

                assertThat(login(alice)).isEqualTo(new LoginOutcome.PasswordRequired());
                assertThat(guarded.received()).noneMatch(line -> line.startsWith("LOGIN") || line.startsWith("PASS"));
            }
        }

        @Test
        @DisplayName("a password that cannot be sent is refused before connecting, without being shown")
        void unsendable() {
            assertThatThrownBy(() -> withPassword(Optional.of("bad\u0007secret")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the password cannot be sent").hasMessageNotContaining("secret");
            assertThat(withPassword(Optional.of("hunter2")).toString()).doesNotContain("hunter2");
        }

        @Test
        @DisplayName("a wrong password is 'wrong password', tried once")
        void wrong() throws Exception {
            try (var guarded = new PasswordServer("open sesame")) {
                var alice = client(guarded.address(), "alice", withPassword(Optional.of("guess")), new EventRecorder());

                assertThat(login(alice)).isEqualTo(new LoginOutcome.WrongPassword());
                assertThat(alice.awaitClosed(TIMEOUT)).isTrue();
                assertThat(guarded.connections()).isEqualTo(1);
                assertThat(guarded.received().stream().filter(line -> line.startsWith("PASS"))).hasSize(1);
            }
        }
    }
}
