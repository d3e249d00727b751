package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Private messages")
@Timeout(30)
class PrivateMessagesTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Test
    @DisplayName("reach the recipient and the sender only, each told from its side")
    void bothSidesOnly() {
        fixture.start(ServerConfig.defaults());
        TestClient alice = fixture.joinPlain("alice");
        TestClient bob = fixture.joinPlain("bob");
        TestClient carol = fixture.joinPlain("carol");
        alice.expectExactLine("* carol joined the chat");

        alice.send("/msg Bob psst, bob");
        alice.send("/msg bob and a second one");

        assertThat(bob.expectLine(line -> line.startsWith("* [from"), "the message")).isEqualTo("* [from alice] psst, bob");
        assertThat(bob.nextLine()).isEqualTo("* [from alice] and a second one");
        assertThat(alice.nextLine()).isEqualTo("* [to bob] psst, bob");
        assertThat(alice.nextLine()).isEqualTo("* [to bob] and a second one");
        carol.send("public");
        assertThat(carol.nextLine()).isEqualTo("carol: public");
    }

    @Test
    @DisplayName("once the sender sees its echo, the recipient has the message: what the recipient is sent next comes after it")
    void echoAfterDelivery() {
        fixture.start(ServerConfig.builder().maxRate(0).privateRate(0).build());
        TestClient alice = fixture.joinPlain("alice");
        TestClient carol = fixture.joinPlain("carol");
        alice.expectExactLine("* carol joined the chat");

        // The echo is queued on alice's reader thread; carol's answer to /who on carol's. A
        // server queuing the echo before the delivery lets carol's answer overtake the message
        // now and then, more often on a busy machine, so many rounds give it the chance.
        for (int round = 0; round < 300; round++) {
            alice.send("/msg carol round " + round);
            alice.expectExactLine("* [to carol] round " + round);
            carol.send("/who #after-" + round);
            assertThat(carol.nextLine()).as("carol's next line in round %d", round)
                    .isEqualTo("* [from alice] round " + round);
            carol.expectExactLine("* Error: there is no room #after-" + round);
        }
    }

    @Test
    @DisplayName("to oneself, to nobody, or without text: one error line")
    void refused() {
        fixture.start(ServerConfig.defaults());
        TestClient alice = fixture.joinPlain("alice");

        alice.send("/msg alice hi me");
        alice.send("/msg zed hi");
        alice.send("/msg #nowhere hi");

        assertThat(alice.nextLine()).isEqualTo("* Error: you cannot send a private message to yourself");
        assertThat(alice.nextLine()).isEqualTo("* Error: nobody called zed is here");
        assertThat(alice.nextLine()).isEqualTo("* Error: you are not in #nowhere");
    }

    @Test
    @DisplayName("to an away member, the sender is told the away text")
    void awayReply() {
        fixture.start(ServerConfig.defaults());
        TestClient alice = fixture.joinPlain("alice");
        TestClient bob = fixture.joinPlain("bob");
        bob.send("/away at lunch");
        bob.expectExactLine("* bob is away: at lunch");

        alice.send("/msg bob are you there?");

        alice.expectExactLine("* [to bob] are you there?");
        assertThat(alice.nextLine()).isEqualTo("* bob is away: at lunch");
        assertThat(bob.nextLine()).isEqualTo("* [from alice] are you there?");
    }

    @Test
    @DisplayName("beyond the private rate, a message is refused with an error and not sent")
    void rate() {
        fixture.start(ServerConfig.builder().privateRate(1).build());
        TestClient alice = fixture.joinPlain("alice");
        TestClient bob = fixture.joinPlain("bob");
        alice.expectExactLine("* bob joined the chat");

        for (int i = 1; i <= 3; i++) {
            alice.send("/msg bob number " + i);
        }

        assertThat(alice.nextLine()).isEqualTo("* [to bob] number 1");
        assertThat(alice.nextLine()).isEqualTo("* [to bob] number 2");
        assertThat(alice.nextLine())
                .isEqualTo("* Error: you send private messages faster than 1 a second; this one was not sent");
        bob.expectExactLine("* [from alice] number 2");
    }

    @Test
    @DisplayName("refused messages do not use up the private rate")
    void refusalsCostNothing() {
        fixture.start(ServerConfig.builder().privateRate(1).build());
        TestClient alice = fixture.joinPlain("alice");
        TestClient bob = fixture.joinPlain("bob");
        alice.expectExactLine("* bob joined the chat");

        for (int i = 0; i < 5; i++) {
            alice.send("/msg nobody hello");
        }
        alice.send("/msg bob one");
        alice.send("/msg bob two");

        for (int i = 0; i < 5; i++) {
            assertThat(alice.nextLine()).isEqualTo("* Error: nobody called nobody is here");
        }
        assertThat(alice.nextLine()).isEqualTo("* [to bob] one");
        assertThat(alice.nextLine()).isEqualTo("* [to bob] two");
    }

    @Test
    @DisplayName("structured clients of version 2 get MSG with to=, version 1 clients cannot be sent one")
    void structured() {
        fixture.start(ServerConfig.defaults());
        TestClient alice = fixture.joinPlain("alice");
        TestClient carol = fixture.joinVersion2("carol");
        TestClient old = fixture.joinStructured("old");

        alice.send("/msg carol hello carol");
        carol.expectLine("MSG id=\\d+ ts=\\S+ from=alice to=carol :hello carol");
        carol.send("SAY to=alice action=1 :waves back");
        carol.expectLine("MSG id=\\d+ ts=\\S+ from=carol to=alice action=1 :waves back");
        alice.expectExactLine("* [to carol] hello carol");
        alice.expectExactLine("* [from carol] * carol waves back");
        alice.send("/msg old hello");
        assertThat(alice.nextLine())
                .isEqualTo("* Error: old's client (protocol version 1) cannot receive private messages");
    }
}
