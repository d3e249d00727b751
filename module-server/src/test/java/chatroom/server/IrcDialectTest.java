package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static chatroom.server.IrcTestSupport.SERVER;
import static chatroom.server.IrcTestSupport.expect;
import static chatroom.server.IrcTestSupport.expectExact;
import static chatroom.server.IrcTestSupport.ircConfig;
import static chatroom.server.IrcTestSupport.quote;
import static chatroom.server.IrcTestSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("IRC dialect (first slice)")
@Timeout(60)
class IrcDialectTest {

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Nested
    @DisplayName("registration")
    class Registration {

        @Test
        @DisplayName("NICK then USER: the greeting burst 001 to 005, 422, then the default room")
        void nickThenUser() {
            fixture.start(ircConfig().build());
            TestClient client = fixture.connectSilently("alice");
            client.send("NICK alice");
            client.send("USER alice 0 * :Alice");
            List<String> burst = client.collectUntil(line -> line.startsWith(SERVER + "422 "), "422", TestClient.TIMEOUT);
            assertThat(burst.get(0)).isEqualTo(SERVER + "001 alice :Welcome to the chatroom network, alice\r");
            assertThat(burst.get(1)).startsWith(SERVER + "002 alice :Your host is chatroom");
            assertThat(burst.get(2)).startsWith(SERVER + "003 alice ");
            assertThat(burst.get(3)).startsWith(SERVER + "004 alice chatroom ");
            List<String> isupport = burst.stream().filter(line -> line.startsWith(SERVER + "005 alice ")).toList();
            assertThat(isupport).isNotEmpty().allMatch(line -> line.endsWith(":are supported by this server\r"));
            assertThat(String.join(" ", isupport)).contains(" CASEMAPPING=ascii ", " CHANTYPES=# ", " CHANNELLEN=33 ",
                    " NICKLEN=32 ", " PREFIX=(ov)@+ ", " NETWORK=chatroom ", " MAXTARGETS=4 ", " CHANMODES=");
            assertThat(burst.getLast()).startsWith(SERVER + "422 alice ");
            expectExact(client, ":alice!alice@chatroom JOIN #lobby");
            expect(client, quote(SERVER + "353 alice = #lobby :") + "@?alice");
            expectExact(client, SERVER + "366 alice #lobby :End of /NAMES list");
        }

        @Test
        @DisplayName("USER then NICK registers as well")
        void userThenNick() {
            fixture.start(ircConfig().build());
            TestClient client = fixture.connectSilently("bob");
            client.send("USER bob 0 * :Bob");
            client.send("NICK bob");
            expect(client, quote(SERVER + "001 bob ") + ".*");
        }

        @Test
        @DisplayName("CAP LS 302 holds registration until CAP END; CAP REQ is refused with NAK")
        void capNegotiation() {
            fixture.start(ircConfig().build());
            TestClient client = fixture.connectSilently("carol");
            client.send("CAP LS 302");
            expectExact(client, SERVER + "CAP * LS :cap-notify multi-prefix userhost-in-names extended-join away-notify"
                    + " server-time message-tags echo-message batch labeled-response draft/chathistory");
            client.send("NICK carol");
            client.send("USER carol 0 * :Carol");
            client.send("CAP REQ :multi-prefix sasl");
            expectExact(client, SERVER + "CAP * NAK :multi-prefix sasl");
            client.send("PING :before-end");
            List<String> before = client.collectUntil(line -> line.contains("PONG"), "the PONG", TestClient.TIMEOUT);
            assertThat(before).noneMatch(line -> line.contains(" 001 "));
            client.send("CAP REQ :server-time echo-message");
            expectExact(client, SERVER + "CAP * ACK :server-time echo-message");
            client.send("CAP LIST");
            expectExact(client, SERVER + "CAP * LIST :cap-notify server-time echo-message");
            client.send("CAP END");
            expect(client, "@time=\\S+ " + quote(SERVER + "001 carol ") + ".*|" + quote(SERVER + "001 carol ") + ".*");
            client.send("PRIVMSG #lobby :echoed");
            expect(client, "@time=\\S+ :carol!carol@chatroom PRIVMSG #lobby :echoed");
        }

        @Test
        @DisplayName("the right PASS lets the client in; without it registration is refused with 464")
        void password() {
            fixture.start(ircConfig().password(Optional.of(ServerPassword.of("sesame"))).build());
            TestClient right = fixture.connectSilently("right");
            right.send("PASS sesame");
            right.send("NICK right");
            right.send("USER right 0 * :R");
            expect(right, quote(SERVER + "001 right ") + ".*");

            TestClient none = fixture.connectSilently("none");
            none.send("NICK none");
            none.send("USER none 0 * :N");
            expect(none, quote(SERVER + "464 * :Password incorrect"));
            none.awaitClosed();
        }

        @Test
        @DisplayName("a wrong PASS is answered 464 and closes the connection")
        void wrongPassword() {
            fixture.start(ircConfig().password(Optional.of(ServerPassword.of("sesame"))).build());
            TestClient client = fixture.connectSilently("wrong");
            client.send("PASS guess");
            expect(client, quote(SERVER + "464 * :Password incorrect"));
            client.awaitClosed();
        }

        @Test
        @DisplayName("431 for no nick, 432 for an invalid one, 433 for one in use, then a good one registers")
        void nickErrors() {
            fixture.start(ircConfig().build());
            register(fixture, "dave");
            TestClient client = fixture.connectSilently("other");
            // A bare "NICK" as the first line would be a plain member's name: IRC starts with USER here.
            client.send("USER x 0 * :X");
            client.send("NICK");
            expectExact(client, SERVER + "431 * :No nickname given");
            client.send("NICK bad:nick");
            expect(client, quote(SERVER + "432 * bad:nick :Erroneous nickname") + ".*");
            client.send("NICK DAVE");
            expectExact(client, SERVER + "433 * DAVE :Nickname is already in use");
            client.send("NICK erin");
            expect(client, quote(SERVER + "001 erin ") + ".*");
        }

        @Test
        @DisplayName("commands before registration get 451; unknown commands after it 421")
        void notRegisteredAndUnknown() {
            fixture.start(ircConfig().build());
            TestClient client = fixture.connectSilently("early");
            client.send("NICK early");
            client.send("JOIN #rust");
            expectExact(client, SERVER + "451 * :You have not registered");
            client.send("USER early 0 * :E");
            expect(client, quote(SERVER + "001 early ") + ".*");
            client.send("FROBNICATE now");
            expectExact(client, SERVER + "421 early FROBNICATE :Unknown command");
            client.send("JOIN");
            expectExact(client, SERVER + "461 early JOIN :Not enough parameters");
        }
    }

    @Nested
    @DisplayName("after registration")
    class Registered {

        @Test
        @DisplayName("PING is answered with PONG and the same token")
        void ping() {
            fixture.start(ircConfig().build());
            TestClient client = register(fixture, "pinger");
            client.send("PING :abc 123");
            expectExact(client, SERVER + "PONG chatroom :abc 123");
        }

        @Test
        @DisplayName("MODE queries, as clients send on joining: own modes 221, channel 324, ban list 368; unknown modes 472")
        void modeQueries() {
            fixture.start(ircConfig().build());
            TestClient alice = register(fixture, "alice");
            alice.send("MODE alice");
            expectExact(alice, SERVER + "221 alice +");
            alice.send("MODE alice +i");
            expectExact(alice, ":alice MODE alice +i");
            alice.send("MODE alice");
            expectExact(alice, SERVER + "221 alice +i");
            alice.send("MODE alice +x");
            expectExact(alice, SERVER + "501 alice :Unknown MODE flag");
            alice.send("MODE #lobby");
            expectExact(alice, SERVER + "324 alice #lobby +n");
            expect(alice, quote(SERVER + "329 alice #lobby ") + "\\d+");
            alice.send("MODE #lobby b");
            expectExact(alice, SERVER + "368 alice #lobby :End of channel ban list");
            alice.send("MODE #lobby +z");
            expectExact(alice, SERVER + "472 alice z :is unknown mode char to me");
            alice.send("MODE bob");
            expectExact(alice, SERVER + "502 alice :Cannot change mode for other users");
            alice.send("MODE");
            expect(alice, "^:chatroom 461 alice MODE .*");
        }

        @Test
        @DisplayName("JOIN several channels: JOIN echoed, topic 332/333, names 353/366; NAMES and TOPIC answer")
        void joinNamesTopic() {
            fixture.start(ircConfig().build());
            TestClient alice = register(fixture, "alice");
            alice.send("JOIN #rust,#go");
            expectExact(alice, ":alice!alice@chatroom JOIN #rust");
            expectExact(alice, SERVER + "353 alice = #rust :@alice");
            expectExact(alice, SERVER + "366 alice #rust :End of /NAMES list");
            expectExact(alice, ":alice!alice@chatroom JOIN #go");
            expectExact(alice, SERVER + "366 alice #go :End of /NAMES list");
            alice.send("TOPIC #rust");
            expectExact(alice, SERVER + "331 alice #rust :No topic is set");
            alice.send("TOPIC #rust :Ownership and borrowing");
            expectExact(alice, ":alice!alice@chatroom TOPIC #rust :Ownership and borrowing");

            TestClient bob = register(fixture, "bob");
            bob.send("JOIN #rust");
            expectExact(bob, ":bob!bob@chatroom JOIN #rust");
            expectExact(bob, SERVER + "332 bob #rust :Ownership and borrowing");
            expect(bob, quote(SERVER + "333 bob #rust alice!alice@chatroom ") + "\\d+");
            expect(bob, quote(SERVER + "353 bob = #rust :") + "(@alice bob|bob @alice)");
            expectExact(bob, SERVER + "366 bob #rust :End of /NAMES list");
            expectExact(alice, ":bob!bob@chatroom JOIN #rust");

            alice.send("NAMES #rust");
            expect(alice, quote(SERVER + "353 alice = #rust :") + "(@alice bob|bob @alice)");
            expectExact(alice, SERVER + "366 alice #rust :End of /NAMES list");
            alice.send("NAMES #nowhere");
            expectExact(alice, SERVER + "366 alice #nowhere :End of /NAMES list");
            alice.send("TOPIC #nowhere");
            expect(alice, quote(SERVER + "403 alice #nowhere :No such channel") + ".*");
        }

        @Test
        @DisplayName("an IRC, a plain and a structured member talk in one room, each in its own dialect; no echo to the IRC sender")
        void mixedRoom() {
            fixture.start(ircConfig().build());
            TestClient irc = register(fixture, "ircy");
            TestClient plain = fixture.joinPlain("plainy");
            TestClient structured = fixture.joinVersion2("structy");

            irc.send("PRIVMSG #lobby :hello from IRC");
            plain.expectExactLine("ircy: hello from IRC");
            structured.expectLine("MSG room=#lobby id=\\d+ ts=\\S+ from=ircy :hello from IRC");

            plain.send("hello from nc");
            expectExact(irc, ":plainy!plainy@chatroom PRIVMSG #lobby :hello from nc");
            structured.send("SAY room=#lobby :hello from structured");
            expectExact(irc, ":structy!structy@chatroom PRIVMSG #lobby :hello from structured");

            irc.send("PRIVMSG #lobby :\u0001ACTION waves\u0001");
            plain.expectExactLine("* * ircy waves");
            structured.send("SAY room=#lobby action=1 :nods");
            expectExact(irc, ":structy!structy@chatroom PRIVMSG #lobby :\u0001ACTION nods\u0001");
            // The IRC sender never saw its own lines: the next thing it sees is a marker.
            plain.send("marker");
            List<String> seen = irc.collectUntil(line -> line.contains(":marker"), "the marker", TestClient.TIMEOUT);
            assertThat(seen).noneMatch(line -> line.contains("hello from IRC") || line.contains("waves"));
        }

        @Test
        @DisplayName("private messages both ways, 401 for nobody")
        void privateMessages() {
            fixture.start(ircConfig().build());
            TestClient irc = register(fixture, "ircy");
            TestClient plain = fixture.joinPlain("plainy");
            irc.send("PRIVMSG plainy :psst");
            plain.expectLine(line -> line.contains("ircy") && line.contains("psst"), "the private message");
            plain.send("/msg ircy hi back");
            expectExact(irc, ":plainy!plainy@chatroom PRIVMSG ircy :hi back");
            irc.send("PRIVMSG nobody :hello?");
            expectExact(irc, SERVER + "401 ircy nobody :No such nick/channel");
            irc.send("NOTICE nobody :no answer to notices");
            irc.send("PRIVMSG #elsewhere :hi");
            expect(irc, quote(SERVER + "404 ircy #elsewhere :Cannot send to channel") + ".*");
        }

        @Test
        @DisplayName("NICK changes, PART and QUIT are seen by the others, each in its dialect")
        void nickPartQuit() {
            fixture.start(ircConfig().build());
            TestClient irc = register(fixture, "ircy");
            TestClient other = register(fixture, "other");
            TestClient plain = fixture.joinPlain("plainy");
            expectExact(irc, ":other!other@chatroom JOIN #lobby");
            expectExact(irc, ":plainy!plainy@chatroom JOIN #lobby");

            irc.send("NICK renamed");
            expectExact(irc, ":ircy!ircy@chatroom NICK renamed");
            expectExact(other, ":ircy!ircy@chatroom NICK renamed");
            plain.expectLine(line -> line.contains("ircy") && line.contains("renamed"), "the rename");
            other.send("NICK plainy");
            expectExact(other, SERVER + "433 other plainy :Nickname is already in use");

            plain.send("/part");
            expectExact(irc, ":plainy!plainy@chatroom PART #lobby");
            irc.send("PART #lobby :bye now");
            expectExact(irc, ":renamed!renamed@chatroom PART #lobby :bye now");
            expectExact(other, ":renamed!renamed@chatroom PART #lobby :bye now");
            irc.send("PART #lobby");
            expectExact(irc, SERVER + "442 renamed #lobby :You're not on that channel");

            other.send("JOIN #lobby");
            irc.send("JOIN #lobby");
            expectExact(other, ":renamed!renamed@chatroom JOIN #lobby");
            other.send("QUIT :gone");
            expectExact(other, "ERROR :Closing Link: other (Quit: gone)");
            other.awaitClosed();
            expectExact(irc, ":other!other@chatroom QUIT :Quit: gone");
        }

        @Test
        @DisplayName("a KICK by an operator in another dialect reaches the IRC member, who stays connected")
        void kicked() {
            fixture.start(ircConfig().build());
            TestClient op = fixture.joinPlain("oper");
            op.send("/join #ops");
            op.expectLine(line -> line.contains("#ops"), "the join");
            TestClient irc = register(fixture, "ircy");
            irc.send("JOIN #ops");
            expect(irc, quote(SERVER + "366 ircy #ops ") + ".*");
            op.send("/kick #ops ircy behave");
            expectExact(irc, ":oper!oper@chatroom KICK #ops ircy behave");
            irc.send("PING :alive");
            expectExact(irc, SERVER + "PONG chatroom alive");
        }

        @Test
        @DisplayName("a room closed by its operator: the IRC member is told it parted")
        void closed() {
            fixture.start(ircConfig().operatorPassword(Optional.of(ServerPassword.of("open sesame"))).build());
            TestClient op = fixture.joinPlain("oper");
            op.send("/oper open sesame");
            op.expectLine(line -> line.contains("server operator"), "operator status");
            op.send("/join #tmp");
            op.expectLine(line -> line.contains("#tmp"), "the join");
            TestClient irc = register(fixture, "ircy");
            irc.send("JOIN #tmp");
            expect(irc, quote(SERVER + "366 ircy #tmp ") + ".*");
            op.send("/close #tmp");
            expect(irc, quote(SERVER + "NOTICE #tmp :") + ".*");
            expectExact(irc, ":ircy!ircy@chatroom PART #tmp :the room was closed");
            irc.send("PRIVMSG #tmp :anyone?");
            expect(irc, quote(SERVER + "404 ircy #tmp :Cannot send to channel") + ".*");
        }

        @Test
        @DisplayName("a line over 512 bytes is answered 417 and the connection stays up")
        void tooLong() {
            fixture.start(ircConfig().build());
            TestClient irc = register(fixture, "ircy");
            irc.send("PRIVMSG #lobby :" + "x".repeat(600));
            expectExact(irc, SERVER + "417 ircy :Input line was too long");
            irc.send("PRIVMSG #lobby :" + "y".repeat(9000));
            expectExact(irc, SERVER + "417 ircy :Input line was too long");
            irc.send("PING :still-here");
            expectExact(irc, SERVER + "PONG chatroom still-here");
        }

        @Test
        @DisplayName("a long message from another dialect reaches IRC members in lines of at most 512 bytes")
        void longMessagesAreSplit() {
            fixture.start(ircConfig().build());
            TestClient irc = register(fixture, "ircy");
            TestClient plain = fixture.joinPlain("plainy");
            String text = "é".repeat(1500);
            plain.send(text);
            List<String> lines = irc.collectUntil(line -> line.endsWith("é\r") && !line.isEmpty()
                    && lines(line), "the message", TestClient.TIMEOUT);
            String first = lines.getLast();
            assertThat(first.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(511);
            StringBuilder received = new StringBuilder(first.substring(first.indexOf(" :") + 2, first.length() - 1));
            while (received.length() < text.length()) {
                String next = irc.nextLine();
                assertThat(next.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(511);
                received.append(next, next.indexOf(" :") + 2, next.length() - 1);
            }
            assertThat(received.toString()).isEqualTo(text);
        }

        private static boolean lines(String line) {
            return line.startsWith(":plainy!plainy@chatroom PRIVMSG #lobby :");
        }
    }

}
