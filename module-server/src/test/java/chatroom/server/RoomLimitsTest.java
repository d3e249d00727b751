package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Limits on rooms")
@Timeout(30)
class RoomLimitsTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    @Test
    @DisplayName("a member in the most rooms allowed is refused another, and may join once it left one")
    void roomsPerMember() {
        fixture.start(ServerConfig.builder().maxRoomsPerMember(2).build());
        TestClient alice = fixture.joinPlain("alice");
        alice.send("/join #one");
        alice.expectExactLine("* alice joined the chat");

        alice.send("/join #two");
        assertThat(alice.nextLine()).isEqualTo("* Error: you are in 2 rooms, the most allowed; leave one first");
        alice.send("/part #one");
        alice.expectExactLine("* Your messages now go to #lobby.");
        alice.send("/join #two");

        alice.expectExactLine("* alice joined the chat");
    }

    @Test
    @DisplayName("a server with the most rooms allowed refuses to create another; existing rooms may be joined")
    void roomsPerServer() {
        fixture.start(ServerConfig.builder().maxRooms(2).build());
        TestClient alice = fixture.joinPlain("alice");
        alice.send("/join #one");
        alice.expectExactLine("* alice joined the chat");
        TestClient bob = fixture.joinPlain("bob");

        bob.send("/join #two");
        assertThat(bob.nextLine())
                .isEqualTo("* Error: there is no room #two, and the server holds as many rooms as it may (2)");
        bob.send("/join #one");
        bob.expectExactLine("* bob joined the chat");
    }

    @Test
    @DisplayName("one address creates at most so many rooms a minute")
    void creationsPerAddress() {
        fixture.start(ServerConfig.builder().roomCreationsPerMinute(2).build());
        TestClient alice = fixture.joinPlain("alice");
        for (String room : new String[] {"#one", "#two"}) {
            alice.send("/join " + room);
            alice.expectExactLine("* alice joined the chat");
        }

        alice.send("/join #three");

        assertThat(alice.nextLine()).isEqualTo(
                "* Error: there is no room #three, and your address created 2 rooms in the last minute; try again in a minute");
        TestClient other = fixture.joinPlainFrom("127.0.0.3", "other");
        other.send("/join #three");
        other.expectExactLine("* other joined the chat");
    }

    @Test
    @DisplayName("with --room-creation operators, only server operators create rooms")
    void operatorsOnly() {
        fixture.start(ServerConfig.builder().roomCreation(RoomCreation.OPERATORS)
                .operatorPassword(Optional.of(ServerPassword.of("op"))).build());
        TestClient alice = fixture.joinPlain("alice");

        alice.send("/join #mine");
        assertThat(alice.nextLine())
                .isEqualTo("* Error: there is no room #mine, and only server operators may create rooms here");
        alice.send("/oper op");
        alice.expectLine(line -> line.startsWith("* You are a server operator"), "the operator's welcome");
        alice.send("/join #mine");

        alice.expectExactLine("* In the chat: @alice");
    }
}
