package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static chatroom.server.IrcTestSupport.expect;
import static chatroom.server.IrcTestSupport.expectExact;
import static chatroom.server.IrcTestSupport.quote;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("IRC dialect: channel modes and moderation")
@Timeout(60)
class IrcModerationTest {

    private static final String SERVER = ":chatroom ";

    private final ServerFixture fixture = new ServerFixture();

    @BeforeEach
    void start() {
        // Unthrottled: an operator's burst of mode changes would otherwise meet IRC's penalties
        // (IrcConnectionTest covers those), which would make the answers depend on timing.
        fixture.start(IrcTestSupport.unthrottledConfig()
                .operatorPassword(Optional.of(ServerPassword.of("open sesame"))).build());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /// The lines `client` gets up to the answer to a `PING` sent after what it was sent
    /// before: what a command was answered with, and nothing that came later. `token` is one
    /// word.
    private static List<String> answered(TestClient client, String token) {
        client.send("PING :" + token);
        List<String> lines = client.collectUntil(line -> line.equals(SERVER + "PONG chatroom " + token + "\r"),
                "the PONG " + token, TestClient.TIMEOUT);
        return lines.subList(0, lines.size() - 1).stream().map(line -> line.substring(0, line.length() - 1)).toList();
    }

    /// An IRC member called `nick`, registered and past its join of the default room.
    private TestClient register(String nick) {
        return IrcTestSupport.register(fixture, nick);
    }

    /// `client` joins `channel`, past its `366`.
    private static void join(TestClient client, String nick, String channel) {
        client.send("JOIN " + channel);
        expect(client, quote(SERVER + "366 " + nick + " " + channel + " ") + ".*");
    }

    /// alice creates #rust (and is its operator); bob joins it; alice has seen bob's JOIN.
    private TestClient[] aliceAndBobInRust() {
        TestClient alice = register("alice");
        join(alice, "alice", "#rust");
        TestClient bob = register("bob");
        join(bob, "bob", "#rust");
        expectExact(alice, ":bob!bob@chatroom JOIN #rust");
        return new TestClient[] {alice, bob};
    }

    @Nested
    @DisplayName("MODE #channel: the modes, the ban list")
    class Queries {

        @Test
        @DisplayName("324 with the real modes (+n always, t when the topic is locked) and 329 with the creation time")
        void modes() {
            TestClient alice = register("alice");
            join(alice, "alice", "#rust");
            alice.send("MODE #rust");
            expectExact(alice, SERVER + "324 alice #rust +n");
            expect(alice, quote(SERVER + "329 alice #rust ") + "\\d{10}");
            alice.send("MODE #rust +t");
            expectExact(alice, ":alice!alice@chatroom MODE #rust +t");
            alice.send("MODE #rust");
            expectExact(alice, SERVER + "324 alice #rust +nt");
            alice.send("MODE #nowhere");
            expectExact(alice, SERVER + "403 alice #nowhere :No such channel");
            alice.send("MODE #no*where");
            expectExact(alice, SERVER + "403 alice #no*where :No such channel");
        }

        @Test
        @DisplayName("MODE #channel b and +b list the bans (367: mask, set by, time) and end with 368")
        void banList() {
            TestClient alice = register("alice");
            join(alice, "alice", "#rust");
            alice.send("MODE #rust b");
            expectExact(alice, SERVER + "368 alice #rust :End of channel ban list");
            alice.send("MODE #rust +bb dave *!*@203.0.113.9");
            expectExact(alice, ":alice!alice@chatroom MODE #rust +b dave!*@*");
            expectExact(alice, ":alice!alice@chatroom MODE #rust +b *!*@203.0.113.9");
            alice.send("MODE #rust +b");
            assertThat(answered(alice, "bans")).satisfiesExactly(
                    line -> assertThat(line).matches(quote(SERVER + "367 alice #rust dave!*@* alice!alice@chatroom ")
                            + "\\d{10}"),
                    line -> assertThat(line).matches(quote(SERVER + "367 alice #rust *!*@203.0.113.9 alice!alice@chatroom ")
                            + "\\d{10}"),
                    line -> assertThat(line).isEqualTo(SERVER + "368 alice #rust :End of channel ban list"));
        }
    }

    @Nested
    @DisplayName("MODE #channel changes")
    class Changes {

        @Test
        @DisplayName("+o/-o: everyone in the channel sees the MODE line; NAMES shows @; a nick not there is 441")
        void operator() {
            TestClient[] both = aliceAndBobInRust();
            TestClient alice = both[0];
            TestClient bob = both[1];
            alice.send("MODE #rust +o bob");
            expectExact(alice, ":alice!alice@chatroom MODE #rust +o bob");
            expectExact(bob, ":alice!alice@chatroom MODE #rust +o bob");
            bob.send("NAMES #rust");
            expect(bob, quote(SERVER + "353 bob = #rust :") + "(@alice @bob|@bob @alice)");
            bob.send("MODE #rust -o alice");
            expectExact(alice, ":bob!bob@chatroom MODE #rust -o alice");
            alice.send("MODE #rust +t");
            expectExact(alice, SERVER + "482 alice #rust :You're not channel operator");
            bob.send("MODE #rust +o carol");
            expectExact(bob, SERVER + "441 bob carol #rust :They aren't on that channel");
            bob.send("MODE #rust +o bad*nick");
            expectExact(bob, SERVER + "401 bob bad*nick :No such nick/channel");
            // Giving what is there already, or taking what is not, changes nothing and says nothing.
            bob.send("MODE #rust +o bob");
            bob.send("MODE #rust -o carol");
            assertThat(answered(bob, "nothing")).isEmpty();
        }

        @Test
        @DisplayName("several changes in one line, each applied or refused with its own numeric")
        void severalInOneLine() {
            TestClient[] both = aliceAndBobInRust();
            TestClient alice = both[0];
            TestClient bob = both[1];
            alice.send("MODE #rust +tox-n bob");
            assertThat(answered(alice, "several")).containsExactly(
                    ":alice!alice@chatroom MODE #rust +t",
                    ":alice!alice@chatroom MODE #rust +o bob",
                    SERVER + "472 alice x :is unknown mode char to me",
                    SERVER + "NOTICE alice :#rust is always +n: only its members may send to it");
            expectExact(bob, ":alice!alice@chatroom MODE #rust +t");
            expectExact(bob, ":alice!alice@chatroom MODE #rust +o bob");
            alice.send("MODE #rust -t+o");
            assertThat(answered(alice, "missing")).containsExactly(
                    ":alice!alice@chatroom MODE #rust -t",
                    SERVER + "461 alice MODE :Not enough parameters");
        }

        @Test
        @DisplayName("at most MODES= changes with a parameter in one line; the rest are ignored")
        void modesLimit() {
            TestClient alice = register("alice");
            join(alice, "alice", "#rust");
            alice.send("MODE #rust +bbbbb one two three four five");
            assertThat(answered(alice, "limit")).containsExactly(
                    ":alice!alice@chatroom MODE #rust +b one!*@*",
                    ":alice!alice@chatroom MODE #rust +b two!*@*",
                    ":alice!alice@chatroom MODE #rust +b three!*@*",
                    ":alice!alice@chatroom MODE #rust +b four!*@*");
        }

        @Test
        @DisplayName("a member who is not an operator gets one 482 for a whole line")
        void notOperator() {
            TestClient[] both = aliceAndBobInRust();
            TestClient bob = both[1];
            bob.send("MODE #rust +tb-o dave alice");
            assertThat(answered(bob, "refused")).containsExactly(
                    SERVER + "482 bob #rust :You're not channel operator");
            bob.send("MODE #lobby +t");
            expectExact(bob, SERVER + "482 bob #lobby :You're not channel operator");
        }

        @Test
        @DisplayName("+b: a name, nick!*@*, *!nick@server or an address; other masks 696; the banned get 474")
        void bans() {
            TestClient[] both = aliceAndBobInRust();
            TestClient alice = both[0];
            TestClient bob = both[1];
            alice.send("MODE #rust +b *!*@*.example.com");
            expectExact(alice, SERVER + "696 alice #rust b *!*@*.example.com :a ban is of a name (nick or"
                    + " nick!*@*) or of an address (*!*@203.0.113.7); *!*@*.example.com is neither");
            alice.send("MODE #rust +b b*b!*@*");
            expect(alice, quote(SERVER + "696 alice #rust b b*b!*@* :") + ".*");
            alice.send("MODE #rust +b alice");
            expectExact(alice, SERVER + "696 alice #rust b alice :you cannot ban yourself");
            alice.send("MODE #rust +b *!carol@chatroom");
            expectExact(alice, ":alice!alice@chatroom MODE #rust +b carol!*@*");
            TestClient carol = register("carol");
            carol.send("JOIN #rust");
            expectExact(carol, SERVER + "474 carol #rust :Cannot join channel (+b)");

            // A member present is removed by its ban.
            alice.send("MODE #rust +b bob!*@*");
            expectExact(bob, ":alice!alice@chatroom MODE #rust +b bob!*@*");
            expectExact(bob, ":alice!alice@chatroom KICK #rust bob banned");
            bob.send("JOIN #rust");
            expectExact(bob, SERVER + "474 bob #rust :Cannot join channel (+b)");

            alice.send("MODE #rust -b bob!bob@chatroom");
            expectExact(alice, ":alice!alice@chatroom MODE #rust -b bob!*@*");
            join(bob, "bob", "#rust");
            // Lifting a ban that is not there says nothing.
            alice.send("MODE #rust -b nobody");
            assertThat(answered(alice, "unbanned")).containsExactly(":bob!bob@chatroom JOIN #rust");
        }
    }

    @Nested
    @DisplayName("voice, moderated, invite-only, key and limit")
    class Modes {

        @Test
        @DisplayName("+v: + in NAMES (@+ with multi-prefix); +m: 404 for others, the voiced and operators speak")
        void voiceAndModerated() {
            TestClient[] both = aliceAndBobInRust();
            TestClient alice = both[0];
            TestClient bob = both[1];
            TestClient carol = fixture.connect("carol");
            carol.send("CAP LS 302");
            carol.send("CAP REQ :multi-prefix");
            carol.send("NICK carol");
            carol.send("USER carol 0 * :Carol");
            carol.send("CAP END");
            expect(carol, quote(SERVER + "366 carol #lobby ") + ".*");
            join(carol, "carol", "#rust");

            alice.send("MODE #rust +mv bob");
            expectExact(bob, ":alice!alice@chatroom MODE #rust +m");
            expectExact(bob, ":alice!alice@chatroom MODE #rust +v bob");
            carol.send("PRIVMSG #rust :may I?");
            expect(carol, quote(SERVER + "404 carol #rust :Cannot send to channel (#rust is moderated") + ".*");
            bob.send("PRIVMSG #rust :voiced, so yes");
            expectExact(carol, ":bob!bob@chatroom PRIVMSG #rust :voiced, so yes");
            alice.send("PRIVMSG #rust :operators too");
            expectExact(carol, ":alice!alice@chatroom PRIVMSG #rust :operators too");

            alice.send("MODE #rust +v alice");
            bob.send("NAMES #rust");
            expect(bob, quote(SERVER + "353 bob = #rust :") + "(?=.*@alice)(?=.*\\+bob)(?=.*carol).*");
            carol.send("NAMES #rust");
            expect(carol, quote(SERVER + "353 carol = #rust :") + "(?=.*@\\+alice)(?=.*\\+bob).*");
            alice.send("MODE #rust");
            expectExact(alice, SERVER + "324 alice #rust +nm");
            alice.send("MODE #rust -mv bob");
            expectExact(bob, ":alice!alice@chatroom MODE #rust -m");
            expectExact(bob, ":alice!alice@chatroom MODE #rust -v bob");
            carol.send("PRIVMSG #rust :free again");
            expectExact(bob, ":carol!carol@chatroom PRIVMSG #rust :free again");
        }

        @Test
        @DisplayName("+i: 473 uninvited; INVITE: 341 and an INVITE line, then the join; 443, 442, 482, 401, 403")
        void inviteOnly() {
            TestClient[] both = aliceAndBobInRust();
            TestClient alice = both[0];
            TestClient bob = both[1];
            TestClient carol = register("carol");
            alice.send("MODE #rust +i");
            expectExact(bob, ":alice!alice@chatroom MODE #rust +i");
            carol.send("JOIN #rust");
            expectExact(carol, SERVER + "473 carol #rust :Cannot join channel (+i)");
            bob.send("INVITE carol #rust");
            expectExact(bob, SERVER + "482 bob #rust :You're not channel operator");

            alice.send("INVITE carol #rust");
            expectExact(alice, SERVER + "341 alice carol #rust");
            expectExact(carol, ":alice!alice@chatroom INVITE carol #rust");
            join(carol, "carol", "#rust");
            // The invitation was used: after leaving, carol needs another.
            carol.send("PART #rust");
            carol.send("JOIN #rust");
            expectExact(carol, SERVER + "473 carol #rust :Cannot join channel (+i)");

            alice.send("INVITE bob #rust");
            expectExact(alice, SERVER + "443 alice bob #rust :is already on channel");
            carol.send("INVITE bob #rust");
            expectExact(carol, SERVER + "442 carol #rust :You're not on that channel");
            alice.send("INVITE nobody #rust");
            expectExact(alice, SERVER + "401 alice nobody :No such nick/channel");
            alice.send("INVITE carol #nowhere");
            expect(alice, quote(SERVER + "403 alice #nowhere :No such channel") + ".*");
            alice.send("INVITE carol");
            expectExact(alice, SERVER + "461 alice INVITE :Not enough parameters");
            alice.send("MODE #rust +i-i");
            expectExact(bob, ":alice!alice@chatroom MODE #rust -i");
            join(carol, "carol", "#rust");
        }

        @Test
        @DisplayName("+k: 475 without the key or with another; JOIN #a,#b key1,key2; 324 shows the key to members only")
        void key() {
            TestClient alice = register("alice");
            join(alice, "alice", "#rust");
            join(alice, "alice", "#go");
            alice.send("MODE #rust +k s3same!");
            expectExact(alice, ":alice!alice@chatroom MODE #rust +k s3same!");
            alice.send("MODE #go +k gopher");
            expectExact(alice, ":alice!alice@chatroom MODE #go +k gopher");
            alice.send("MODE #rust +k a,b");
            expect(alice, quote(SERVER + "696 alice #rust k a,b :") + ".*");
            alice.send("MODE #rust");
            expectExact(alice, SERVER + "324 alice #rust +nk s3same!");

            TestClient bob = register("bob");
            bob.send("MODE #rust");
            expectExact(bob, SERVER + "324 bob #rust +nk *");
            bob.send("JOIN #rust");
            expectExact(bob, SERVER + "475 bob #rust :Cannot join channel (+k)");
            bob.send("JOIN #rust wrong");
            expectExact(bob, SERVER + "475 bob #rust :Cannot join channel (+k)");
            bob.send("JOIN #rust,#go s3same!,gopher");
            expectExact(bob, ":bob!bob@chatroom JOIN #rust");
            expectExact(bob, ":bob!bob@chatroom JOIN #go");

            alice.send("MODE #rust -k");
            expectExact(bob, ":alice!alice@chatroom MODE #rust -k *");
            alice.send("MODE #go -k *");
            expectExact(bob, ":alice!alice@chatroom MODE #go -k *");
            alice.send("MODE #go");
            expectExact(alice, SERVER + "324 alice #go +n");
        }

        @Test
        @DisplayName("+l: 471 when full; the invited get in all the same; -l lifts it")
        void limit() {
            TestClient[] both = aliceAndBobInRust();
            TestClient alice = both[0];
            alice.send("MODE #rust +l 2");
            expectExact(alice, ":alice!alice@chatroom MODE #rust +l 2");
            alice.send("MODE #rust +l zero");
            expect(alice, quote(SERVER + "696 alice #rust l zero :") + ".*");
            alice.send("MODE #rust +l");
            expectExact(alice, SERVER + "461 alice MODE :Not enough parameters");
            alice.send("MODE #rust");
            expectExact(alice, SERVER + "324 alice #rust +nl 2");
            TestClient carol = register("carol");
            carol.send("JOIN #rust");
            expectExact(carol, SERVER + "471 carol #rust :Cannot join channel (+l)");
            alice.send("INVITE carol #rust");
            expectExact(carol, ":alice!alice@chatroom INVITE carol #rust"); // invited before joining
            join(carol, "carol", "#rust");
            TestClient dave = register("dave");
            dave.send("JOIN #rust");
            expectExact(dave, SERVER + "471 dave #rust :Cannot join channel (+l)");
            alice.send("MODE #rust -l");
            expectExact(alice, ":alice!alice@chatroom MODE #rust -l");
            join(dave, "dave", "#rust");
        }

        @Test
        @DisplayName("the default room takes everyone: no +i, +k or +l there (696), but +m")
        void defaultRoom() {
            TestClient alice = register("alice");
            TestClient oper = fixture.joinPlain("oper");
            oper.send("/oper open sesame");
            oper.expectLine(line -> line.startsWith("* You are a server operator"), "operator status");
            oper.send("/op alice");
            expectExact(alice, ":oper!oper@chatroom MODE #lobby +o alice");
            alice.send("MODE #lobby +iklm key 5");
            assertThat(answered(alice, "lobby")).containsExactly(
                    SERVER + "696 alice #lobby i * :#lobby is where everyone arrives: it cannot be invite-only, have a key"
                            + " or a member limit",
                    SERVER + "696 alice #lobby k key :#lobby is where everyone arrives: it cannot be invite-only, have a"
                            + " key or a member limit",
                    SERVER + "696 alice #lobby l 5 :#lobby is where everyone arrives: it cannot be invite-only, have a"
                            + " key or a member limit",
                    ":alice!alice@chatroom MODE #lobby +m");
        }
    }

    @Nested
    @DisplayName("KICK")
    class Kick {

        @Test
        @DisplayName("KICK #channel nick[,nick] [:reason]: seen by all; 441 for a nick not there, 401 for no nick")
        void kick() {
            TestClient[] both = aliceAndBobInRust();
            TestClient alice = both[0];
            TestClient bob = both[1];
            TestClient carol = register("carol");
            join(carol, "carol", "#rust");
            alice.send("KICK #rust bob :behave");
            expectExact(bob, ":alice!alice@chatroom KICK #rust bob behave");
            expectExact(carol, ":alice!alice@chatroom KICK #rust bob behave");
            expectExact(alice, ":alice!alice@chatroom KICK #rust bob behave");
            alice.send("KICK #rust bob,carol,b*d");
            assertThat(answered(alice, "kicks")).containsExactly(
                    SERVER + "441 alice bob #rust :They aren't on that channel",
                    ":alice!alice@chatroom KICK #rust carol carol",
                    SERVER + "401 alice b*d :No such nick/channel");
            bob.send("PRIVMSG #rust :still here?");
            expect(bob, quote(SERVER + "404 bob #rust :Cannot send to channel") + ".*");
        }

        @Test
        @DisplayName("refused: 461 without a nick, 403 for no channel, 442 when not on it, 482 for a member")
        void refused() {
            TestClient[] both = aliceAndBobInRust();
            TestClient bob = both[1];
            bob.send("KICK #rust");
            expectExact(bob, SERVER + "461 bob KICK :Not enough parameters");
            bob.send("KICK #nowhere alice");
            expect(bob, quote(SERVER + "403 bob #nowhere :No such channel") + ".*");
            bob.send("KICK #rust alice,carol");
            assertThat(answered(bob, "notop")).containsExactly(SERVER + "482 bob #rust :You're not channel operator");
            TestClient carol = register("carol");
            carol.send("KICK #rust alice");
            expectExact(carol, SERVER + "442 carol #rust :You're not on that channel");
        }
    }

    @Nested
    @DisplayName("mixed dialects")
    class Mixed {

        /// plainy, a plain member who created #mix and is its operator.
        private TestClient plainyInMix() {
            TestClient plain = fixture.joinPlain("plainy");
            plain.send("/join #mix");
            plain.expectLine(line -> line.startsWith("* You are in #mix"), "the join");
            return plain;
        }

        @Test
        @DisplayName("moderation by a plain or structured operator reaches IRC as MODE lines; IRC's reaches them in their words")
        void sameModeration() {
            TestClient plain = plainyInMix();
            plain.send("/op structy");
            plain.expectExactLine("* plainy made structy an operator");
            TestClient structured = fixture.joinVersion2("structy");
            structured.send("JOIN room=#mix");
            structured.expectLine("JOINED room=#mix name=structy ts=\\S+ flags=@");
            TestClient irc = register("ircy");
            join(irc, "ircy", "#mix");

            plain.send("/op ircy");
            expectExact(irc, ":plainy!plainy@chatroom MODE #mix +o ircy");
            structured.expectLine("MODERATED room=#mix action=op by=plainy target=ircy ts=\\S+");
            structured.send("LOCK-TOPIC room=#mix");
            expectExact(irc, ":structy!structy@chatroom MODE #mix +t");
            plain.expectExactLine("* structy locked the topic: only operators may change it");
            plain.send("/mute someone");
            expectExact(irc, SERVER + "NOTICE #mix :plainy muted someone");
            structured.send("BAN room=#mix target=203.0.113.50");
            expectExact(irc, ":structy!structy@chatroom MODE #mix +b *!*@203.0.113.50");

            irc.send("MODE #mix -t+b eve");
            plain.expectExactLine("* ircy unlocked the topic: everyone may change it");
            plain.expectExactLine("* ircy banned eve");
            structured.expectLine("MODERATED room=#mix action=unlock-topic by=ircy ts=\\S+");
            structured.expectLine("MODERATED room=#mix action=ban by=ircy target=eve ts=\\S+");
            irc.send("KICK #mix plainy :out");
            plain.expectLine(line -> line.contains("plainy was kicked out by ircy: out"), "the kick");
            structured.expectLine("KICKED room=#mix name=plainy by=ircy ts=\\S+ :out");
        }

        @Test
        @DisplayName("one who joins as an operator by name or voiced comes with the server's MODE, so IRC lists it with its prefix")
        void joinsWithModes() {
            TestClient plain = plainyInMix();
            plain.send("/op structy");
            plain.send("/voice structy");
            plain.send("/voice vee");
            plain.expectExactLine("* plainy gave vee a voice");
            TestClient irc = register("ircy");
            join(irc, "ircy", "#mix");

            TestClient structured = fixture.joinVersion2("structy");
            structured.send("JOIN room=#mix");
            expectExact(irc, ":structy!structy@chatroom JOIN #mix");
            assertThat(irc.nextLine()).isEqualTo(SERVER + "MODE #mix +ov structy structy\r");
            TestClient vee = fixture.joinPlain("vee");
            vee.send("/join #mix");
            expectExact(irc, ":vee!vee@chatroom JOIN #mix");
            assertThat(irc.nextLine()).isEqualTo(SERVER + "MODE #mix +v vee\r");
            irc.send("NAMES #mix");
            expectExact(irc, SERVER + "353 ircy = #mix :@plainy ircy @structy +vee");
        }

        @Test
        @DisplayName("voice, moderated, invite-only, key and limit are the same room settings in every dialect")
        void sameModes() {
            TestClient plain = plainyInMix();
            TestClient structured = fixture.joinVersion2("structy");
            structured.send("JOIN room=#mix");
            structured.expectLine("JOINED room=#mix name=structy ts=\\S+");
            TestClient irc = register("ircy");
            join(irc, "ircy", "#mix");
            plain.send("/op ircy");
            expectExact(irc, ":plainy!plainy@chatroom MODE #mix +o ircy");

            plain.send("/moderate");
            expectExact(irc, ":plainy!plainy@chatroom MODE #mix +m");
            structured.expectLine("MODERATED room=#mix action=moderate by=plainy ts=\\S+");
            structured.send("SAY room=#mix :silenced?");
            structured.expectLine("ERROR code=voice-needed :#mix is moderated: .*");
            irc.send("MODE #mix +v structy");
            plain.expectExactLine("* ircy gave structy a voice");
            structured.expectLine("MODERATED room=#mix action=voice by=ircy target=structy ts=\\S+");
            structured.send("WHO room=#mix");
            structured.expectLine("MEMBERS room=#mix :(?=.*@plainy)(?=.*\\+structy)(?=.*@ircy).*");
            structured.send("SAY room=#mix :voiced now");
            expectExact(irc, ":structy!structy@chatroom PRIVMSG #mix :voiced now");

            structured.send("SET-KEY room=#mix target=k3y");
            structured.expectLine("ERROR code=not-operator .*");
            irc.send("MODE #mix +kl k3y 10");
            plain.expectExactLine("* ircy set the room's key to k3y: joining needs it");
            plain.expectExactLine("* ircy limited the room to 10 members");
            structured.expectLine("MODERATED room=#mix action=set-key by=ircy target=k3y ts=\\S+");
            structured.expectLine("MODERATED room=#mix action=set-limit by=ircy target=10 ts=\\S+");
            plain.send("/inviteonly");
            expectExact(irc, ":plainy!plainy@chatroom MODE #mix +i");

            TestClient late = fixture.joinVersion2("late");
            late.send("JOIN room=#mix key=k3y");
            late.expectLine("ERROR code=invite-only :#mix is invite-only: .*");
            irc.send("INVITE late #mix");
            late.expectLine("INVITED room=#mix by=ircy name=late ts=\\S+");
            late.send("JOIN room=#mix");
            late.expectLine("JOINED room=#mix name=late ts=\\S+");
            TestClient newcomer = fixture.joinPlain("newcomer");
            plain.send("/invite newcomer");
            plain.expectExactLine("* You invited newcomer to #mix");
            newcomer.expectExactLine("* plainy invites you to #mix: /join #mix to go in");
            expectExact(irc, ":late!late@chatroom JOIN #mix");
            newcomer.send("/join #mix");
            expectExact(irc, ":newcomer!newcomer@chatroom JOIN #mix");
        }
    }
}
