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
import static chatroom.server.IrcTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

/// The IRC commands that ask about members, channels and the server (`WHO`, `WHOIS`, `WHOWAS`,
/// `ISON`, `USERHOST`, `LIST`, `AWAY`, `MOTD`, `LUSERS`, `VERSION`, `TIME`, `ADMIN`, `INFO`),
/// `OPER` and `KILL`, and messages to several targets; members of every dialect in one
/// community.
@DisplayName("IRC queries and server commands")
@Timeout(60)
class IrcQueriesTest {

    private static final ServerPassword OPERATOR_PASSWORD = ServerPassword.of("open sesame");

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    /// Sends `command` and returns the server's lines from then up to the first numeric
    /// `last` to `nick`, without their CRs; lines from members (others' joins) are left out.
    private static List<String> ask(TestClient client, String nick, String command, String last) {
        client.send(command);
        return client.collectUntil(line -> line.startsWith(SERVER + last + " " + nick + " "), "the " + last,
                        TestClient.TIMEOUT).stream()
                .filter(line -> line.startsWith(SERVER))
                .map(line -> line.substring(0, line.length() - 1))
                .toList();
    }

    @Nested
    @DisplayName("WHO")
    class Who {

        @Test
        @DisplayName("WHO #channel: a 352 for each member of every dialect (H/G, * for server operators,"
                + " @ for channel operators), then 315")
        void channel() {
            fixture.start(ircConfig().operatorPassword(Optional.of(OPERATOR_PASSWORD)).build());
            TestClient alice = register(fixture, "alice");
            alice.send("JOIN #rust");
            expect(alice, quote(SERVER + "366 alice #rust ") + ".*");
            TestClient plain = fixture.joinPlain("plainy");
            plain.send("/oper open sesame");
            plain.expectLine(line -> line.contains("server operator"), "operator status");
            plain.send("/join #rust");
            expectExact(alice, ":plainy!plainy@chatroom JOIN #rust");
            TestClient structured = fixture.joinVersion2("structy");
            structured.send("JOIN room=#rust");
            expectExact(alice, ":structy!structy@chatroom JOIN #rust");
            structured.send("AWAY :lunch");
            structured.expectLine("AWAY name=structy :lunch");

            assertThat(ask(alice, "alice", "WHO #rust", "315")).containsExactly(
                    SERVER + "352 alice #rust alice chatroom chatroom alice H@ :0 alice",
                    SERVER + "352 alice #rust plainy chatroom chatroom plainy H*@ :0 plainy",
                    SERVER + "352 alice #rust structy chatroom chatroom structy G :0 structy",
                    SERVER + "315 alice #rust :End of WHO list");
            assertThat(ask(alice, "alice", "WHO #nowhere", "315"))
                    .containsExactly(SERVER + "315 alice #nowhere :End of WHO list");
            assertThat(ask(alice, "alice", "WHO #rust o", "315")).containsExactly(
                    SERVER + "352 alice #rust plainy chatroom chatroom plainy H*@ :0 plainy",
                    SERVER + "315 alice #rust :End of WHO list");
            assertThat(ask(alice, "alice", "WHO", "461"))
                    .containsExactly(SERVER + "461 alice WHO :Not enough parameters");
        }

        @Test
        @DisplayName("WHO nick and WHO mask: the channel is *, no channel prefix; nobody matched is 315 alone")
        void nicksAndMasks() {
            fixture.start(ircConfig().build());
            TestClient alice = register(fixture, "alice");
            fixture.joinPlain("plainy");
            fixture.joinVersion2("planner");
            expectExact(alice, ":planner!planner@chatroom JOIN #lobby");

            assertThat(ask(alice, "alice", "WHO PLAINY", "315")).containsExactly(
                    SERVER + "352 alice * plainy chatroom chatroom plainy H :0 plainy",
                    SERVER + "315 alice PLAINY :End of WHO list");
            assertThat(ask(alice, "alice", "WHO pl*", "315")).containsExactlyInAnyOrder(
                    SERVER + "352 alice * plainy chatroom chatroom plainy H :0 plainy",
                    SERVER + "352 alice * planner chatroom chatroom planner H :0 planner",
                    SERVER + "315 alice pl* :End of WHO list");
            assertThat(ask(alice, "alice", "WHO nobody", "315"))
                    .containsExactly(SERVER + "315 alice nobody :End of WHO list");
            assertThat(ask(alice, "alice", "WHO *", "315")).hasSize(4);
        }

        @Test
        @DisplayName("WHOX: WHO #chan %tcuhnfar,123 answers 354 with the fields in WHOX's order; 005 says WHOX")
        void whox() {
            fixture.start(ircConfig().build());
            TestClient client = fixture.connect("alice");
            client.send("NICK alice");
            client.send("USER alice 0 * :Alice");
            List<String> burst = client.collectUntil(line -> line.contains(" 422 "), "the burst", TestClient.TIMEOUT);
            assertThat(burst).anyMatch(line -> line.startsWith(SERVER + "005 alice ") && line.contains(" WHOX "));
            expect(client, quote(SERVER + "366 alice #lobby ") + ".*");
            fixture.joinPlain("plainy");
            expectExact(client, ":plainy!plainy@chatroom JOIN #lobby");

            assertThat(ask(client, "alice", "WHO #lobby %tcuhnfar,123", "315")).containsExactly(
                    SERVER + "354 alice 123 #lobby alice chatroom alice H 0 alice",
                    SERVER + "354 alice 123 #lobby plainy chatroom plainy H 0 plainy",
                    SERVER + "315 alice #lobby :End of WHO list");
            // The order asked in does not matter; a missing query type is 0; idle is seconds.
            assertThat(ask(client, "alice", "WHO plainy %rnlt", "315")).hasSize(2).first().asString()
                    .matches(quote(SERVER + "354 alice 0 plainy ") + "\\d+ plainy");
        }
    }

    @Nested
    @DisplayName("WHOIS and WHOWAS")
    class Whois {

        @Test
        @DisplayName("WHOIS: 311, 319 with @ for channel operators, 312, 313 for server operators, 301 when away,"
                + " 317, 318")
        void whois() {
            fixture.start(ircConfig().operatorPassword(Optional.of(OPERATOR_PASSWORD)).build());
            TestClient alice = register(fixture, "alice");
            alice.send("JOIN #rust");
            expect(alice, quote(SERVER + "366 alice #rust ") + ".*");
            TestClient structured = fixture.joinVersion2("structy");
            structured.send("JOIN room=#rust");
            expectExact(alice, ":structy!structy@chatroom JOIN #rust");
            structured.send("AWAY :lunch");
            structured.expectLine("AWAY name=structy :lunch");
            TestClient plain = fixture.joinPlain("plainy");
            plain.send("/oper open sesame");
            plain.expectLine(line -> line.contains("server operator"), "operator status");

            List<String> self = ask(alice, "alice", "WHOIS alice", "318");
            assertThat(self.get(0)).isEqualTo(SERVER + "311 alice alice alice chatroom * alice");
            assertThat(self.get(1)).isEqualTo(SERVER + "319 alice alice :#lobby @#rust");
            assertThat(self.get(2)).matches(quote(SERVER + "312 alice alice chatroom chatroom/") + "\\S+");
            assertThat(self.get(3)).matches(quote(SERVER + "317 alice alice ") + "\\d+ \\d+"
                    + quote(" :seconds idle, signon time"));
            assertThat(self.get(4)).isEqualTo(SERVER + "318 alice alice :End of /WHOIS list");

            List<String> away = ask(alice, "alice", "WHOIS Structy", "318");
            assertThat(away).contains(SERVER + "319 alice structy :#lobby #rust", SERVER + "301 alice structy lunch",
                    SERVER + "318 alice structy :End of /WHOIS list");
            List<String> operator = ask(alice, "alice", "WHOIS plainy plainy", "318");
            assertThat(operator).contains(SERVER + "313 alice plainy :is an IRC operator",
                    SERVER + "319 alice plainy @#lobby");
        }

        @Test
        @DisplayName("WHOIS errors: 401 then 318 for nobody, 402 for another server, 431 for no nick")
        void whoisErrors() {
            fixture.start(ircConfig().build());
            TestClient alice = register(fixture, "alice");
            assertThat(ask(alice, "alice", "WHOIS nobody", "318")).containsExactly(
                    SERVER + "401 alice nobody :No such nick/channel",
                    SERVER + "318 alice nobody :End of /WHOIS list");
            assertThat(ask(alice, "alice", "WHOIS elsewhere.example alice", "402"))
                    .containsExactly(SERVER + "402 alice elsewhere.example :No such server");
            assertThat(ask(alice, "alice", "WHOIS", "431")).containsExactly(SERVER + "431 alice :No nickname given");
        }

        @Test
        @DisplayName("WHOWAS remembers nicks given up by renaming or leaving, newest first: 314, 312, 369; 406 else")
        void whowas() {
            fixture.start(ircConfig().build());
            TestClient alice = register(fixture, "alice");
            TestClient bob = register(fixture, "bob");
            bob.send("NICK robert");
            expectExact(bob, ":bob!bob@chatroom NICK robert");
            TestClient plain = fixture.joinPlain("bob");
            plain.send("/quit");
            plain.awaitClosed();
            sync(alice);

            List<String> both = ask(alice, "alice", "WHOWAS bob", "369");
            assertThat(both).hasSize(5);
            assertThat(both.get(0)).isEqualTo(SERVER + "314 alice bob bob chatroom * bob");
            assertThat(both.get(1)).matches(quote(SERVER + "312 alice bob chatroom :") + ".*GMT");
            assertThat(both.get(2)).isEqualTo(SERVER + "314 alice bob bob chatroom * bob");
            assertThat(both.getLast()).isEqualTo(SERVER + "369 alice bob :End of WHOWAS");
            assertThat(ask(alice, "alice", "WHOWAS bob 1", "369")).hasSize(3);
            assertThat(ask(alice, "alice", "WHOWAS robert", "369")).containsExactly(
                    SERVER + "406 alice robert :There was no such nickname",
                    SERVER + "369 alice robert :End of WHOWAS");
            assertThat(ask(alice, "alice", "WHOWAS", "431")).containsExactly(SERVER + "431 alice :No nickname given");
        }
    }

    @Nested
    @DisplayName("ISON, USERHOST and AWAY")
    class Presence {

        @Test
        @DisplayName("ISON: 303 with the nicks that are here, as they spell them")
        void ison() {
            fixture.start(ircConfig().build());
            TestClient alice = register(fixture, "alice");
            fixture.joinPlain("plainy");
            fixture.joinVersion2("Structy");
            assertThat(ask(alice, "alice", "ISON plainy nobody structy", "303"))
                    .containsExactly(SERVER + "303 alice :plainy Structy");
            assertThat(ask(alice, "alice", "ISON :nobody bad:nick", "303")).containsExactly(SERVER + "303 alice :");
            assertThat(ask(alice, "alice", "ISON", "461"))
                    .containsExactly(SERVER + "461 alice ISON :Not enough parameters");
        }

        @Test
        @DisplayName("USERHOST: 302 with nick[*]=±nick@server: * for a server operator, - when away")
        void userhost() {
            fixture.start(ircConfig().operatorPassword(Optional.of(OPERATOR_PASSWORD)).build());
            TestClient alice = register(fixture, "alice");
            TestClient plain = fixture.joinPlain("plainy");
            plain.send("/oper open sesame");
            plain.expectLine(line -> line.contains("server operator"), "operator status");
            TestClient structured = fixture.joinVersion2("structy");
            structured.send("AWAY :lunch");
            structured.expectLine("AWAY name=structy :lunch");
            assertThat(ask(alice, "alice", "USERHOST plainy structy nobody", "302"))
                    .containsExactly(SERVER + "302 alice :plainy*=+plainy@chatroom structy=-structy@chatroom");
            assertThat(ask(alice, "alice", "USERHOST", "461"))
                    .containsExactly(SERVER + "461 alice USERHOST :Not enough parameters");
        }

        @Test
        @DisplayName("AWAY :text is 306 and shows in WHOIS and to whoever messages the member; AWAY alone is 305")
        void away() {
            fixture.start(ircConfig().build());
            TestClient alice = register(fixture, "alice");
            TestClient bob = register(fixture, "bob");
            alice.send("AWAY :at lunch");
            expectExact(alice, SERVER + "306 alice :You have been marked as being away");
            bob.send("PRIVMSG alice :are you there?");
            expectExact(bob, SERVER + "301 bob alice :at lunch");
            assertThat(ask(bob, "bob", "WHOIS alice", "318")).contains(SERVER + "301 bob alice :at lunch");
            assertThat(ask(bob, "bob", "WHO alice", "315")).first().asString().contains(" G ");

            alice.send("AWAY :" + "z".repeat(450));
            expectExact(alice, SERVER + "306 alice :You have been marked as being away");
            assertThat(ask(bob, "bob", "WHOIS alice", "318"))
                    .contains(SERVER + "301 bob alice " + "z".repeat(390)); // cut to AWAYLEN

            alice.send("AWAY");
            expectExact(alice, SERVER + "305 alice :You are no longer marked as being away");
            assertThat(ask(bob, "bob", "WHOIS alice", "318")).noneMatch(line -> line.contains(" 301 "));
        }
    }

    @Test
    @DisplayName("LIST: 321, a 322 per room (rooms of every dialect), 323; masks and member counts filter")
    void list() {
        fixture.start(ircConfig().build());
        TestClient alice = register(fixture, "alice");
        alice.send("JOIN #rust");
        expect(alice, quote(SERVER + "366 alice #rust ") + ".*");
        alice.send("TOPIC #rust :Ownership and borrowing");
        expectExact(alice, ":alice!alice@chatroom TOPIC #rust :Ownership and borrowing");
        TestClient plain = fixture.joinPlain("plainy");
        plain.send("/join #go");
        plain.expectLine(line -> line.contains("#go"), "the join");
        TestClient structured = fixture.joinVersion2("structy");
        structured.send("JOIN room=#rust");
        expectExact(alice, ":structy!structy@chatroom JOIN #rust");

        assertThat(ask(alice, "alice", "LIST", "323")).containsExactly(
                SERVER + "321 alice Channel :Users  Name",
                SERVER + "322 alice #go 1 :",
                SERVER + "322 alice #lobby 3 :",
                SERVER + "322 alice #rust 2 :Ownership and borrowing",
                SERVER + "323 alice :End of /LIST");
        assertThat(ask(alice, "alice", "LIST #R*,#go", "323")).containsExactly(
                SERVER + "321 alice Channel :Users  Name",
                SERVER + "322 alice #go 1 :",
                SERVER + "322 alice #rust 2 :Ownership and borrowing",
                SERVER + "323 alice :End of /LIST");
        assertThat(ask(alice, "alice", "LIST >1,<3", "323")).containsExactly(
                SERVER + "321 alice Channel :Users  Name",
                SERVER + "322 alice #rust 2 :Ownership and borrowing",
                SERVER + "323 alice :End of /LIST");
        assertThat(ask(alice, "alice", "LIST #nothing*", "323")).hasSize(2);
    }

    @Nested
    @DisplayName("about the server")
    class AboutTheServer {

        @Test
        @DisplayName("LUSERS counts members of every dialect, operators, connections without a name and rooms;"
                + " the registration burst has the same lines before the MOTD")
        void lusers() {
            fixture.start(ircConfig().operatorPassword(Optional.of(OPERATOR_PASSWORD)).build());
            TestClient plain = fixture.joinPlain("plainy");
            plain.send("/oper open sesame");
            plain.expectLine(line -> line.contains("server operator"), "operator status");
            fixture.joinVersion2("structy");
            fixture.connect("unnamed");

            TestClient alice = fixture.connect("alice");
            alice.send("NICK alice");
            alice.send("USER alice 0 * :Alice");
            List<String> burst = alice.collectUntil(line -> line.startsWith(SERVER + "422 "), "the MOTD",
                    TestClient.TIMEOUT).stream().map(line -> line.substring(0, line.length() - 1)).toList();
            List<String> counts = List.of(
                    SERVER + "251 alice :There are 3 users and 0 invisible on 1 servers",
                    SERVER + "252 alice 1 :operator(s) online",
                    SERVER + "253 alice 1 :unknown connection(s)",
                    SERVER + "254 alice 1 :channels formed",
                    SERVER + "255 alice :I have 3 clients and 0 servers",
                    SERVER + "265 alice 3 3 :Current local users 3, max 3",
                    SERVER + "266 alice 3 3 :Current global users 3, max 3");
            assertThat(burst).containsSubsequence(counts);
            // After the last 005, before the MOTD's 422 (the burst's last line).
            assertThat(burst.subList(burst.indexOf(counts.getFirst()), burst.size()))
                    .noneMatch(line -> line.contains(" 005 ")).hasSize(counts.size() + 1);
            expect(alice, quote(SERVER + "366 alice #lobby ") + ".*");

            assertThat(ask(alice, "alice", "LUSERS", "266")).containsExactlyElementsOf(counts);
        }

        @Test
        @DisplayName("MOTD (375/372/376), VERSION (351 and 005), TIME (391), ADMIN (256-259), INFO (371/374);"
                + " 402 for another server")
        void serverInformation() {
            fixture.start(ircConfig().motd(List.of("Be kind.")).build());
            TestClient alice = register(fixture, "alice");
            fixture.joinPlain("plainy");

            assertThat(ask(alice, "alice", "MOTD", "376")).containsExactly(
                    SERVER + "375 alice :- chatroom Message of the day - ",
                    SERVER + "372 alice :- Be kind.",
                    SERVER + "376 alice :End of /MOTD command.");
            assertThat(ask(alice, "alice", "MOTD elsewhere.example", "402"))
                    .containsExactly(SERVER + "402 alice elsewhere.example :No such server");

            alice.send("VERSION chatroom");
            List<String> version = alice.collectUntil(line -> line.contains(" WHOX "), "the 005", TestClient.TIMEOUT);
            assertThat(version.getFirst()).matches(quote(SERVER + "351 alice chatroom/") + "\\S+ chatroom :.*\r");
            assertThat(version.subList(1, version.size())).allMatch(line -> line.startsWith(SERVER + "005 alice "));

            assertThat(ask(alice, "alice", "TIME plainy", "391")).singleElement().asString()
                    .matches(quote(SERVER + "391 alice chatroom :") + "\\w{3}, \\d{1,2} \\w{3} \\d{4} .* GMT");
            List<String> admin = ask(alice, "alice", "ADMIN", "259");
            assertThat(admin).hasSize(4);
            assertThat(admin.getFirst()).isEqualTo(SERVER + "256 alice chatroom :Administrative info");
            assertThat(admin.getLast()).isEqualTo(SERVER + "259 alice :No administrator contact is configured");
            List<String> info = ask(alice, "alice", "INFO", "374");
            assertThat(info.getFirst()).startsWith(SERVER + "371 alice chatroom/");
            assertThat(info.getLast()).isEqualTo(SERVER + "374 alice :End of INFO list");
        }
    }

    @Nested
    @DisplayName("OPER and KILL")
    class Operators {

        @Test
        @DisplayName("OPER: 491 on a server without operators, 461 without a password")
        void noOperators() {
            fixture.start(ircConfig().build());
            TestClient alice = register(fixture, "alice");
            assertThat(ask(alice, "alice", "OPER alice :open sesame", "491"))
                    .containsExactly(SERVER + "491 alice :No O-lines for your host");
            assertThat(ask(alice, "alice", "OPER alice", "461"))
                    .containsExactly(SERVER + "461 alice OPER :Not enough parameters");
        }

        @Test
        @DisplayName("OPER: 464 for a wrong password (the connection stays), 381 for the right one;"
                + " then WHOIS says 313")
        void oper() {
            fixture.start(ircConfig().operatorPassword(Optional.of(OPERATOR_PASSWORD)).build());
            TestClient alice = register(fixture, "alice");
            assertThat(ask(alice, "alice", "OPER alice guess", "464"))
                    .containsExactly(SERVER + "464 alice :Password incorrect");
            assertThat(ask(alice, "alice", "OPER alice :open sesame", "381"))
                    .contains(SERVER + "381 alice :You are now an IRC operator");
            assertThat(ask(alice, "alice", "WHOIS alice", "318"))
                    .contains(SERVER + "313 alice alice :is an IRC operator");
        }

        @Test
        @DisplayName("KILL: 481 for members who are not server operators, 461 without a reason, 401 for nobody")
        void killRefused() {
            fixture.start(ircConfig().operatorPassword(Optional.of(OPERATOR_PASSWORD)).build());
            TestClient alice = register(fixture, "alice");
            register(fixture, "bob");
            assertThat(ask(alice, "alice", "KILL bob :go away", "481"))
                    .containsExactly(SERVER + "481 alice :Permission Denied- You're not an IRC operator");
            assertThat(ask(alice, "alice", "KILL bob", "461"))
                    .containsExactly(SERVER + "461 alice KILL :Not enough parameters");
            alice.send("OPER alice :open sesame");
            expectExact(alice, SERVER + "381 alice :You are now an IRC operator");
            assertThat(ask(alice, "alice", "KILL nobody :go away", "401"))
                    .containsExactly(SERVER + "401 alice nobody :No such nick/channel");
        }

        @Test
        @DisplayName("KILL by a server operator: ERROR :Killed (oper (reason)) and the close for the member;"
                + " QUIT with the same words for IRC, LEFT reason=killed for structured, a line for plain members")
        void kill() {
            fixture.start(ircConfig().operatorPassword(Optional.of(OPERATOR_PASSWORD)).build());
            TestClient alice = register(fixture, "alice");
            TestClient bob = register(fixture, "bob");
            TestClient carol = register(fixture, "carol");
            TestClient plain = fixture.joinPlain("plainy");
            TestClient structured = fixture.joinVersion2("structy");
            expectExact(carol, ":structy!structy@chatroom JOIN #lobby");
            alice.send("OPER alice :open sesame");
            expectExact(alice, SERVER + "381 alice :You are now an IRC operator");

            alice.send("KILL bob :spamming");
            expectExact(bob, "ERROR :Killed (alice (spamming))");
            bob.awaitClosed();
            expectExact(carol, ":bob!bob@chatroom QUIT :Killed (alice (spamming))");
            expectExact(alice, ":bob!bob@chatroom QUIT :Killed (alice (spamming))");
            expectExact(alice, SERVER + "NOTICE alice :You removed bob from the chat.");
            plain.expectExactLine("* bob left the chat (removed by a server operator): Killed (alice (spamming))");
            structured.expectLine("LEFT name=bob ts=\\S+ reason=killed :" + quote("Killed (alice (spamming))"));
            assertThat(ask(alice, "alice", "WHOWAS bob", "369")).first().asString()
                    .isEqualTo(SERVER + "314 alice bob bob chatroom * bob");

            alice.send("KILL plainy :enough");
            plain.expectExactLine("* Killed (alice (enough))");
            plain.awaitClosed();
            expectExact(carol, ":plainy!plainy@chatroom QUIT :Killed (alice (enough))");
        }
    }

    @Nested
    @DisplayName("several targets")
    class Targets {

        @Test
        @DisplayName("PRIVMSG to up to MAXTARGETS (4) targets reaches each; the rest are not sent, with one 407")
        void maxTargets() {
            fixture.start(ircConfig().build());
            TestClient alice = register(fixture, "alice");
            TestClient bob = register(fixture, "bob");
            TestClient carol = register(fixture, "carol");
            TestClient plain = fixture.joinPlain("plainy");
            TestClient structured = fixture.joinVersion2("structy");
            alice.send("JOIN #rust");
            expect(alice, quote(SERVER + "366 alice #rust ") + ".*");
            expectExact(bob, ":structy!structy@chatroom JOIN #lobby");

            alice.send("PRIVMSG #lobby,#rust,plainy,structy,bob,carol :hello all");
            expectExact(alice, SERVER + "407 alice bob :Too many targets: sent to the first 4 only");
            expectExact(bob, ":alice!alice@chatroom PRIVMSG #lobby :hello all");
            plain.expectExactLine("alice: hello all");
            plain.expectLine(line -> line.contains("[from alice] hello all"), "the private message");
            structured.expectLine("MSG room=#lobby id=\\d+ ts=\\S+ from=alice :hello all");
            structured.expectLine("MSG id=\\d+ ts=\\S+ from=alice to=structy :hello all");
            bob.send("PING :after");
            List<String> toBob = bob.collectUntil(line -> line.contains("PONG"), "the PONG", TestClient.TIMEOUT);
            assertThat(toBob).noneMatch(line -> line.contains("PRIVMSG bob"));

            // NOTICE is never answered, not even with 407.
            alice.send("NOTICE #lobby,#rust,plainy,structy,bob :quietly");
            alice.send("PING :notice");
            assertThat(alice.collectUntil(line -> line.contains("PONG"), "the PONG", TestClient.TIMEOUT))
                    .noneMatch(line -> line.contains(" 407 "));
            expectExact(carol, ":alice!alice@chatroom PRIVMSG #lobby :quietly");
        }
    }
}
