package chatroom.server;

import chatroom.protocol.PlainText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Server password")
@Timeout(60)
class PasswordTest {

    /// Spaces and a colon, as a password may hold; a word no other line contains.
    private static final String PASSWORD = "open sesame: hunter2";
    private static final String WRONG = "close sesame: hunter3";
    /// The server waits 2 s before refusing; measured loosely, as the box may be busy.
    private static final Duration AT_LEAST = Duration.ofMillis(1500);

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    private ChatServer startWithPassword() {
        return fixture.start(ServerConfig.builder().password(Optional.of(ServerPassword.of(PASSWORD))).build());
    }

    /// A connection past the password greeting.
    private TestClient connect(String label) {
        TestClient client = fixture.connectSilently(label);
        assertThat(client.nextLine()).isEqualTo(PlainText.PASSWORD_GREETING);
        return client;
    }

    private TestClient hello(String label) {
        TestClient client = connect(label);
        client.send("HELLO v=1");
        assertThat(client.nextLine())
                .matches("HELLO v=1 server=\\S+ max-frame=8192 max-text=4096 heartbeat=\\d+ auth=password");
        return client;
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Nested
    @DisplayName("plain dialect")
    class Plain {

        @Test
        @DisplayName("the right password as the first line is accepted; the name comes next")
        void rightPassword() {
            startWithPassword();
            TestClient alice = connect("alice");

            alice.send(PASSWORD);
            assertThat(alice.nextLine()).isEqualTo(PlainText.PASSWORD_ACCEPTED);
            alice.send("alice");
            assertThat(alice.nextLine()).startsWith("* Welcome, alice!");
            alice.expectExactLine("* alice joined the chat");
            alice.send("hi");
            alice.expectExactLine("alice: hi");
        }

        @Test
        @DisplayName("a refused name after the password is asked again, not the password")
        void refusedNameAfterPassword() {
            startWithPassword();
            TestClient alice = connect("alice");
            alice.send(PASSWORD);
            alice.expectExactLine(PlainText.PASSWORD_ACCEPTED);

            alice.send("not a name");
            assertThat(alice.nextLine()).startsWith("* Error: A name may hold only");
            alice.send(PASSWORD);
            assertThat(alice.nextLine()).startsWith("* Error: A name may hold only");
            alice.send("alice");
            assertThat(alice.nextLine()).startsWith("* Welcome, alice!");
        }

        @Test
        @DisplayName("a wrong password is answered after a delay with an error, and the connection is closed")
        void wrongPassword() {
            startWithPassword();
            TestClient mallory = connect("mallory");

            long start = System.nanoTime();
            mallory.send(WRONG);
            assertThat(mallory.nextLine()).isEqualTo("* Error: wrong password; goodbye.");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(AT_LEAST.toMillis());
            assertThat(mallory.awaitClosed()).isEmpty();
            ServerFixture.awaitCount("connections", fixture.server()::connectionCount, 0);
        }

        @Test
        @DisplayName("the password is compared as typed: surrounding spaces make it wrong")
        void comparedAsTyped() {
            startWithPassword();
            TestClient mallory = connect("mallory");

            mallory.send(" " + PASSWORD);
            assertThat(mallory.nextLine()).isEqualTo(PlainText.WRONG_PASSWORD);
        }

        @Test
        @DisplayName("/quit instead of the password leaves at once")
        void quitInsteadOfPassword() {
            startWithPassword();
            TestClient client = connect("client");

            client.send("/quit");
            assertThat(client.nextLine()).isEqualTo("* Goodbye!");
            client.awaitClosed();
        }

        @Test
        @DisplayName("a server without a password greets as before and takes the first line as the name")
        void noPassword() {
            fixture.start(ServerConfig.defaults());
            TestClient alice = fixture.connect("alice"); // checks the usual greeting

            alice.send("alice");
            assertThat(alice.nextLine()).startsWith("* Welcome, alice!");
        }
    }

    @Nested
    @DisplayName("structured dialect")
    class Structured {

        @Test
        @DisplayName("HELLO carries auth=password; PASS with the right password is not answered, LOGIN then works")
        void rightPassword() {
            startWithPassword();
            TestClient carol = hello("carol");

            carol.send("PASS :" + PASSWORD);
            carol.send("LOGIN name=carol");
            assertThat(carol.nextLine()).isEqualTo("WELCOME name=carol room=lobby");
            carol.expectLine("JOINED name=carol ts=\\S+");
        }

        @Test
        @DisplayName("LOGIN before PASS is refused with password-required; the connection stays open")
        void loginBeforePass() {
            startWithPassword();
            TestClient carol = hello("carol");

            carol.send("LOGIN name=carol");
            assertThat(carol.nextLine())
                    .isEqualTo("ERROR code=password-required :this server needs a password; send PASS first");
            carol.send("SAY :sneaky");
            assertThat(carol.nextLine()).isEqualTo("ERROR code=wrong-state :LOGIN first");

            carol.send("PASS :" + PASSWORD);
            carol.send("LOGIN name=carol");
            assertThat(carol.nextLine()).isEqualTo("WELCOME name=carol room=lobby");
        }

        @Test
        @DisplayName("a wrong PASS is answered after a delay with bad-password, and the connection is closed")
        void wrongPassword() {
            startWithPassword();
            TestClient mallory = hello("mallory");

            long start = System.nanoTime();
            mallory.send("PASS :" + WRONG);
            mallory.send("PASS :" + PASSWORD); // one attempt per connection: never read
            mallory.send("LOGIN name=mallory");
            assertThat(mallory.nextLine()).isEqualTo("ERROR code=bad-password :wrong password");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(AT_LEAST.toMillis());
            assertThat(mallory.awaitClosed()).isEmpty();
            assertThat(fixture.server().memberCount()).isZero();
        }

        @Test
        @DisplayName("PASS after LOGIN is wrong-state")
        void passAfterLogin() {
            startWithPassword();
            TestClient carol = hello("carol");
            carol.send("PASS :" + PASSWORD);
            carol.send("LOGIN name=carol");
            carol.expectLine("JOINED name=carol ts=\\S+");

            carol.send("PASS :" + PASSWORD);
            assertThat(carol.nextLine()).isEqualTo("ERROR code=wrong-state :already logged in as carol");
        }

        @Test
        @DisplayName("a malformed PASS gets bad-frame without its password quoted, and is not an attempt")
        void malformedPass() {
            startWithPassword();
            TestClient carol = hello("carol");

            carol.send("PASS " + WRONG);
            String error = carol.nextLine();
            assertThat(error).startsWith("ERROR code=bad-frame :").doesNotContain("sesame").doesNotContain("hunter");
            carol.send("PASS :" + PASSWORD);
            carol.send("LOGIN name=carol");
            assertThat(carol.nextLine()).isEqualTo("WELCOME name=carol room=lobby");
        }

        @Test
        @DisplayName("a server without a password: no auth in HELLO, and PASS is ignored")
        void noPassword() {
            fixture.start(ServerConfig.defaults());
            TestClient carol = fixture.connect("carol");
            carol.send("HELLO v=1");
            assertThat(carol.nextLine()).matches("HELLO v=1 server=\\S+ max-frame=8192 max-text=4096 heartbeat=\\d+");

            carol.send("PASS :whatever");
            carol.send("LOGIN name=carol");
            assertThat(carol.nextLine()).isEqualTo("WELCOME name=carol room=lobby");
        }
    }

    @Nested
    @DisplayName("the delay and the log")
    class DelayAndLog {

        @Test
        @DisplayName("shutdown does not wait for a wrong password's delay")
        void shutdownCutsTheDelayShort() {
            try (var log = LogRecorder.info()) {
                ChatServer server = startWithPassword();
                TestClient mallory = hello("mallory");
                mallory.send("PASS :" + WRONG);
                ServerFixture.await("the wrong password is logged", TestClient.TIMEOUT,
                        () -> log.count("gave a wrong password") == 1);

                long start = System.nanoTime();
                server.stop(Duration.ofSeconds(10));

                assertThat(millisSince(start)).as("stop took").isLessThan(AT_LEAST.toMillis());
                assertThat(mallory.awaitClosed()).containsExactly(
                        "BYE reason=shutdown :The server is shutting down. Goodbye!");
            }
        }

        @Test
        @DisplayName("wrong attempts are logged with the peer's address; no password, right or wrong, is ever logged")
        void neverLogged() {
            try (var log = LogRecorder.info()) {
                startWithPassword();
                TestClient plain = connect("plain");
                plain.send(WRONG);
                plain.awaitClosed();
                TestClient structured = hello("structured");
                structured.send("PASS " + WRONG); // malformed
                structured.send("PASS :" + WRONG);
                structured.awaitClosed();
                TestClient good = connect("good");
                good.send(PASSWORD);
                good.send("good");
                good.expectExactLine("* good joined the chat");
                TestClient goodStructured = hello("good2");
                goodStructured.send("PASS :" + PASSWORD);
                goodStructured.send("LOGIN name=good2");
                goodStructured.expectLine("JOINED name=good2 ts=\\S+");
                ServerFixture.await("both wrong passwords and the last join are logged", TestClient.TIMEOUT,
                        () -> log.count("gave a wrong password") == 2 && log.count("joined as good2") == 1);

                String recorded = log.recorded();
                assertThat(log.count("127.0.0.1:")).isPositive();
                assertThat(recorded).doesNotContain("sesame").doesNotContain("hunter");
                assertThat(Pattern.compile("127\\.0\\.0\\.1:\\d+ gave a wrong password").matcher(recorded).results())
                        .hasSize(2);
            }
        }
    }
}
