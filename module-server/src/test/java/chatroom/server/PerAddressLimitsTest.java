package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static chatroom.server.ServerFixture.awaitCount;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Per-address limits (every test client connects from 127.0.0.1)")
@Timeout(60)
class PerAddressLimitsTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Nested
    @DisplayName("connections open at once (3)")
    class OpenConnections {

        @Test
        @DisplayName("the fourth is refused with the documented line and closed; the others chat on; a closed one frees a slot")
        void fourthRefused() {
            fixture.start(ServerConfig.builder().maxPerAddress(3).connectsPerMinute(0).build());
            TestClient alice = fixture.joinPlain("alice");
            TestClient bob = fixture.joinPlain("bob");
            TestClient unnamed = fixture.connect("unnamed");

            TestClient fourth = fixture.connectSilently("fourth");
            assertThat(fourth.nextLine())
                    .isEqualTo("* Sorry, too many connections from your address (limit 3); try again later.");
            assertThat(fourth.awaitClosed()).isEmpty();

            alice.send("still here");
            bob.expectExactLine("alice: still here");
            assertThat(fixture.server().connectionCount()).isEqualTo(3);

            unnamed.close();
            awaitCount("connections", fixture.server()::connectionCount, 2);
            TestClient fifth = fixture.connect("fifth"); // checks the greeting
            fifth.send("carol");
            assertThat(fifth.nextLine()).startsWith("* Welcome, carol!");
        }
    }

    @Nested
    @DisplayName("new connections a minute (3)")
    class Rate {

        @Test
        @DisplayName("a burst of three is let in; the fourth is refused with the documented line; the three are not affected")
        void burstThenRefused() {
            fixture.start(ServerConfig.builder().maxPerAddress(0).connectsPerMinute(3).build());
            TestClient alice = fixture.joinPlain("alice");
            fixture.connect("second").close();
            TestClient third = fixture.connect("third");

            TestClient fourth = fixture.connectSilently("fourth");
            assertThat(fourth.nextLine()).isEqualTo(
                    "* Sorry, your address opens connections too often (limit 3 a minute); try again in a minute.");
            assertThat(fourth.awaitClosed()).isEmpty();

            third.send("bob");
            assertThat(third.nextLine()).startsWith("* Welcome, bob!");
            alice.expectExactLine("* bob joined the chat");
        }

        @Test
        @DisplayName("repeated refusals are logged once, not once each")
        void refusalsLoggedOnce() {
            try (var log = LogRecorder.info()) {
                fixture.start(ServerConfig.builder().maxPerAddress(0).connectsPerMinute(1).build());
                fixture.connect("admitted");
                List<TestClient> refused = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    TestClient client = fixture.connectSilently("refused" + i);
                    assertThat(client.nextLine()).startsWith("* Sorry, your address opens connections too often");
                    refused.add(client);
                }
                refused.forEach(TestClient::awaitClosed);

                assertThat(log.count("127.0.0.1 refused: over its limit of 1 new connections a minute")).isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("the defaults: 50 at once and 60 a minute from one address")
    void defaults() {
        assertThat(ServerConfig.defaults().maxPerAddress()).isEqualTo(50);
        assertThat(ServerConfig.defaults().connectsPerMinute()).isEqualTo(60);
    }
}
