package chatroom.bench;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineHandlingTest {

    static byte[] bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("bench message tail")
    class Tail {
        final BenchMessage message = new BenchMessage();

        boolean parse(String line) {
            byte[] b = bytes(line);
            return message.parse(b, 0, b.length);
        }

        @Test
        void everyDialect() {
            for (String line : List.of("m3: b 7 42 123456789",
                    "MSG id=5 ts=2026-11-24T00:55:38.559Z from=m3 :b 7 42 123456789",
                    ":m3!m3@127.0.0.2 PRIVMSG #bench :b 7 42 123456789")) {
                assertThat(parse(line)).as(line).isTrue();
                assertThat(message.sender).isEqualTo(7);
                assertThat(message.seq).isEqualTo(42);
                assertThat(message.scheduled).isEqualTo(123456789L);
            }
        }

        @Test
        void notBenchLines() {
            assertThat(parse("* m3 joined the chat")).isFalse();
            assertThat(parse("m3: b 7 42")).isFalse();
            assertThat(parse("m3: xb 7 42 1")).isFalse();
            assertThat(parse("b 7 42 1")).isFalse();
            assertThat(parse("")).isFalse();
            assertThat(parse("m3: b 7 42 12345678901234567890")).isFalse();
        }

        @Test
        @DisplayName("rooms: other rooms' lines and private messages parse too, private ones marked")
        void roomsAndPrivate() {
            for (String line : List.of("* [#r5] m3: b 7 42 123456789",
                    "MSG room=#r5 id=5 ts=2026-11-24T00:55:38.559Z from=m3 :b 7 42 123456789",
                    ":m3!m3@127.0.0.2 PRIVMSG #r5 :b 7 42 123456789")) {
                assertThat(parse(line)).as(line).isTrue();
                assertThat(message.direct).as(line).isFalse();
                assertThat(message.sender).isEqualTo(7);
            }
            for (String line : List.of("* [from m3] p 7 42 123456789", "* [to m9] p 7 42 123456789",
                    "MSG id=5 ts=2026-11-24T00:55:38.559Z from=m3 to=m9 :p 7 42 123456789",
                    ":m3!m3@127.0.0.2 PRIVMSG m9 :p 7 42 123456789")) {
                assertThat(parse(line)).as(line).isTrue();
                assertThat(message.direct).as(line).isTrue();
                assertThat(message.seq).isEqualTo(42);
                assertThat(message.scheduled).isEqualTo(123456789L);
            }
            assertThat(parse("* [#lobby] m3 joined the chat")).isFalse();
            assertThat(parse("m3: q 7 42 1")).isFalse();
            assertThat(parse("m1: " + BenchMessage.directText(3, 9, 11))).isTrue();
            assertThat(message.direct).isTrue();
        }

        @Test
        void textRoundTrips() {
            assertThat(parse("m1: " + BenchMessage.text(3, 9, 1_000_000_000_123L))).isTrue();
            assertThat(message.scheduled).isEqualTo(1_000_000_000_123L);
        }
    }

    @Nested
    @DisplayName("IRC")
    class Irc {
        final BenchDialect irc = BenchDialect.IRC;

        @Test
        @DisplayName("registers, joins #bench after 001, and knows its own JOIN")
        void registration() {
            assertThat(irc.login("m1")).containsExactly("NICK m1", "USER m1 0 * :m1");
            assertThat(irc.react(":irc.local NOTICE * :*** Looking up your hostname...", "m1", false))
                    .isEqualTo(BenchDialect.Reaction.NONE);
            assertThat(irc.react(":irc.local 001 m1 :Welcome to the network", "m1", false).send())
                    .containsExactly("JOIN #bench");
            assertThat(irc.react(":m2!m2@127.0.0.2 JOIN :#bench", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.NONE);
            assertThat(irc.react(":m1!~m1@127.0.0.2 JOIN :#bench", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.JOINED);
            assertThat(irc.react(":M1!m1@localhost JOIN #bench", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.JOINED);
        }

        @Test
        @DisplayName("answers PING with PONG, before and after joining")
        void ping() {
            assertThat(irc.react("PING :irc.local", "m1", false).send()).containsExactly("PONG :irc.local");
            byte[] ping = bytes("PING :12345");
            assertThat(irc.needsAttentionWhenJoined(ping, 0, ping.length)).isTrue();
            assertThat(irc.react("PING :12345", "m1", true).send()).containsExactly("PONG :12345");
            byte[] chat = bytes(":m2!m2@h PRIVMSG #bench :hello");
            assertThat(irc.needsAttentionWhenJoined(chat, 0, chat.length)).isFalse();
        }

        @Test
        @DisplayName("a taken nick or a server ERROR before joining is a refusal")
        void refusals() {
            assertThat(irc.react(":irc.local 433 * m1 :Nickname is already in use", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.REFUSED);
            assertThat(irc.react("ERROR :Closing link: (m1@127.0.0.2) [Too many connections]", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.REFUSED);
        }

        @Test
        @DisplayName("sees another member's QUIT, whatever the reason")
        void departed() {
            assertThat(irc.departed(":m5!~m5@127.0.0.2 QUIT :SendQ exceeded")).contains("m5");
            assertThat(irc.departed(":m5 QUIT :Quit: bye")).contains("m5");
            assertThat(irc.departed(":m5!m5@h PRIVMSG #bench :QUIT")).isEmpty();
            assertThat(irc.departed("ERROR :Closing link: (m5@127.0.0.2) [SendQ exceeded]")).isEmpty();
        }

        @Test
        @DisplayName("rooms: its own JOIN of a channel it asked for counts, of another not; rooms and nicks are PRIVMSG targets")
        void rooms() {
            List<String> rooms = List.of("#r7", "#r9");
            assertThat(irc.react(":m1!~m1@127.0.0.2 JOIN :#r7", "m1", rooms, false).event())
                    .isEqualTo(BenchDialect.Event.JOINED);
            assertThat(irc.react(":m1!~m1@127.0.0.2 JOIN #R9", "m1", rooms, false).event())
                    .isEqualTo(BenchDialect.Event.JOINED);
            assertThat(irc.react(":m1!~m1@127.0.0.2 JOIN #r9 * :real name", "m1", rooms, false).event())
                    .as("extended-join").isEqualTo(BenchDialect.Event.JOINED);
            assertThat(irc.react(":m1!~m1@127.0.0.2 JOIN :#r8", "m1", rooms, false).event())
                    .isEqualTo(BenchDialect.Event.NONE);
            assertThat(irc.react(":m1!~m1@127.0.0.2 JOIN :#r7", "m1", false).event())
                    .as("a member of #bench only").isEqualTo(BenchDialect.Event.NONE);
            assertThat(irc.react(":m2!~m2@127.0.0.2 JOIN :#r7", "m1", rooms, false).event())
                    .isEqualTo(BenchDialect.Event.NONE);
            assertThat(irc.react(":irc.local 405 m1 #r7 :You are on too many channels", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.REFUSED);
            assertThat(irc.joinRoom("#r7")).isEqualTo("JOIN #r7");
            assertThat(irc.sayIn("#r7", "b 1 2 3")).isEqualTo("PRIVMSG #r7 :b 1 2 3");
            assertThat(irc.sayTo("m9", "p 1 2 3")).isEqualTo("PRIVMSG m9 :p 1 2 3");
            assertThat(irc.login("m1", true)).isEqualTo(irc.login("m1"));
        }

        @Test
        @DisplayName("chatroom: its plain greeting is ignored, and the lobby it joins every member to unasked "
                + "does not count as the member's join of #bench")
        void chatroom() {
            assertThat(irc.react("* Welcome to chatroom! Type your name and press Enter.", "m1", false))
                    .isEqualTo(BenchDialect.Reaction.NONE);
            assertThat(irc.react(":chatroom 001 m1 :Welcome to the chatroom network, m1", "m1", false).send())
                    .containsExactly("JOIN #bench");
            assertThat(irc.react(":chatroom 422 m1 :MOTD File is missing", "m1", false))
                    .isEqualTo(BenchDialect.Reaction.NONE);
            assertThat(irc.react(":m1!m1@chatroom JOIN #lobby", "m1", List.of("#r1"), false).event())
                    .isEqualTo(BenchDialect.Event.NONE);
            assertThat(irc.react(":chatroom 353 m1 = #lobby :m1", "m1", false)).isEqualTo(BenchDialect.Reaction.NONE);
            assertThat(irc.react(":m1!m1@chatroom JOIN #bench", "m1", List.of("#r1"), false).event())
                    .isEqualTo(BenchDialect.Event.JOINED);
            assertThat(irc.react(":m1!m1@chatroom JOIN #r1", "m1", List.of("#r1"), false).event())
                    .isEqualTo(BenchDialect.Event.JOINED);
            assertThat(irc.react("PING 1234", "m1", true).send()).containsExactly("PONG 1234");
            assertThat(irc.departed(":m5!m5@chatroom QUIT Quit")).contains("m5");
            assertThat(irc.departed(":m5!m5@chatroom QUIT :SendQ exceeded")).contains("m5");
        }

        @Test
        void sayAndQuit() {
            assertThat(irc.say("b 1 2 3")).isEqualTo("PRIVMSG #bench :b 1 2 3");
            assertThat(irc.quit()).startsWith("QUIT");
        }
    }

    @Nested
    @DisplayName("chatroom dialects")
    class Chatroom {
        @Test
        void plainJoin() {
            assertThat(BenchDialect.PLAIN.react("* m1 joined the chat", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.JOINED);
            assertThat(BenchDialect.PLAIN.react("* m10 joined the chat", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.NONE);
            assertThat(BenchDialect.PLAIN.react("* Error: The name m1 is already taken", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.REFUSED);
        }

        @Test
        @DisplayName("rooms: a member's own join of another room counts, in either plain form and in version 2")
        void roomJoins() {
            assertThat(BenchDialect.PLAIN.react("* [#r4] m1 joined the chat", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.JOINED);
            assertThat(BenchDialect.PLAIN.react("* [#r4] m11 joined the chat", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.NONE);
            assertThat(BenchDialect.PLAIN.react("m2: * [#r4] m1 joined the chat", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.NONE);
            assertThat(BenchDialect.STRUCTURED.react("JOINED room=#r4 name=m1 ts=2026-11-24T00:55:38.559Z", "m1",
                    false).event()).isEqualTo(BenchDialect.Event.JOINED);
            assertThat(BenchDialect.STRUCTURED.react("JOINED room=#r4 name=m11 ts=2026-11-24T00:55:38.559Z", "m1",
                    false).event()).isEqualTo(BenchDialect.Event.NONE);
            assertThat(BenchDialect.STRUCTURED.login("m1", true)).startsWith("HELLO v=2 client=chatroom-bench");
            assertThat(BenchDialect.STRUCTURED.login("m1")).startsWith("HELLO v=1 client=chatroom-bench");
            assertThat(BenchDialect.PLAIN.joinRoom("#r4")).isEqualTo("/join #r4");
            assertThat(BenchDialect.PLAIN.sayIn("#r4", "b 1 2 3")).isEqualTo("/msg #r4 b 1 2 3");
            assertThat(BenchDialect.PLAIN.sayTo("m9", "p 1 2 3")).isEqualTo("/msg m9 p 1 2 3");
            assertThat(BenchDialect.STRUCTURED.joinRoom("#r4")).isEqualTo("JOIN room=#r4");
            assertThat(BenchDialect.STRUCTURED.sayIn("#r4", "b 1 2 3")).isEqualTo("SAY room=#r4 :b 1 2 3");
            assertThat(BenchDialect.STRUCTURED.sayTo("m9", "p 1 2 3")).isEqualTo("SAY to=m9 :p 1 2 3");
        }

        @Test
        @DisplayName("plain and structured departures name the member that left")
        void departed() {
            assertThat(BenchDialect.PLAIN.departed("* m5 left the chat (too slow to keep up: SendQ exceeded)"))
                    .contains("m5");
            assertThat(BenchDialect.PLAIN.departed("* m5 joined the chat")).isEmpty();
            assertThat(BenchDialect.PLAIN.departed("m2: * m5 left the chat")).isEmpty();
            assertThat(BenchDialect.STRUCTURED.departed("LEFT name=m5 ts=2026-11-24T00:55:38.559Z reason=sendq"))
                    .contains("m5");
            assertThat(BenchDialect.STRUCTURED.departed("JOINED name=m5 ts=2026-11-24T00:55:38.559Z")).isEmpty();
        }

        @Test
        void structuredPing() {
            assertThat(BenchDialect.STRUCTURED.react("PING token=abc", "m1", true).send())
                    .containsExactly("PONG token=abc");
            assertThat(BenchDialect.STRUCTURED.react("JOINED name=m1 ts=2026-11-24T00:55:38.559Z", "m1", false).event())
                    .isEqualTo(BenchDialect.Event.JOINED);
        }
    }
}
