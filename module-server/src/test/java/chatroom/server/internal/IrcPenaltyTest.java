package chatroom.server.internal;

import chatroom.protocol.Parsed;
import chatroom.protocol.irc.IrcMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("IrcPenalty")
class IrcPenaltyTest {

    private static int extra(String line) {
        return switch (IrcMessage.parse(line)) {
            case Parsed.Ok<IrcMessage>(IrcMessage message) -> IrcPenalty.extraTokens(message);
            case Parsed.Invalid<IrcMessage> invalid -> throw new AssertionError(invalid.detail());
        };
    }

    @Test
    @DisplayName("a message to one target costs its line only; each further target one more")
    void messages() {
        assertThat(extra("PRIVMSG #lobby :hi")).isZero();
        assertThat(extra("privmsg alice,bob,#rust :hi")).isEqualTo(2);
        assertThat(extra("NOTICE alice,bob :hi")).isEqualTo(1);
    }

    @Test
    @DisplayName("joins and parts cost one per channel; renames two; lists and channel changes one")
    void costlyCommands() {
        assertThat(extra("JOIN #a")).isEqualTo(1);
        assertThat(extra("JOIN #a,#b,#c key")).isEqualTo(3);
        assertThat(extra("PART #a,#b :bye")).isEqualTo(2);
        assertThat(extra("NICK bob")).isEqualTo(2);
        assertThat(extra("TOPIC #a :new")).isEqualTo(1);
        assertThat(extra("WHO #a")).isEqualTo(1);
        assertThat(extra("LIST")).isEqualTo(1);
    }

    @Test
    @DisplayName("registration, keep-alives and QUIT cost their line only")
    void cheapCommands() {
        for (String line : new String[] {"CAP LS 302", "USER a 0 * :A", "PASS x", "PING :t", "PONG :t", "QUIT :bye"}) {
            assertThat(extra(line)).as(line).isZero();
        }
    }
}
