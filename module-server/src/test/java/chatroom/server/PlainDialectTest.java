package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static chatroom.server.ServerFixture.awaitCount;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Plain dialect (nc, telnet)")
@Timeout(30)
class PlainDialectTest {

    private final ServerFixture fixture = new ServerFixture();
    private TestClient alice;
    private TestClient bob;

    @BeforeEach
    void startServer() {
        fixture.start(ServerConfig.defaults());
    }

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    private void aliceAndBob() {
        alice = fixture.joinPlain("alice");
        bob = fixture.joinPlain("bob");
        alice.expectExactLine("* bob joined the chat");
    }

    @Nested
    @DisplayName("joining, chatting and leaving")
    class JoinChatLeave {

        @Test
        @DisplayName("a newcomer is welcomed, told who is there, and announced to everybody")
        void newcomerIsWelcomedAndAnnounced() {
            alice = fixture.joinPlain("alice");

            bob = fixture.connect("bob");
            bob.send("bob");

            assertThat(bob.nextLine()).startsWith("* Welcome, bob!");
            assertThat(bob.nextLine()).isEqualTo("* In the chat: alice, bob");
            assertThat(bob.nextLine()).isEqualTo("* bob joined the chat");
            assertThat(alice.nextLine()).isEqualTo("* bob joined the chat");
            assertThat(fixture.server().memberCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("each member sees the other's messages and their own as `name: text`")
        void messagesReachEverybodyIncludingTheSender() {
            aliceAndBob();

            alice.send("hello bob");
            assertThat(alice.nextLine()).isEqualTo("alice: hello bob");
            assertThat(bob.nextLine()).isEqualTo("alice: hello bob");

            bob.send("hi alice, nice: colons stay");
            assertThat(bob.nextLine()).isEqualTo("bob: hi alice, nice: colons stay");
            assertThat(alice.nextLine()).isEqualTo("bob: hi alice, nice: colons stay");
        }

        @Test
        @DisplayName("/quit says goodbye, tells the others and closes the socket")
        void quitSaysGoodbyeAndCloses() {
            aliceAndBob();

            bob.send("/quit");

            assertThat(bob.nextLine()).isEqualTo("* Goodbye, bob!");
            assertThat(bob.awaitClosed()).isEmpty();
            assertThat(alice.nextLine()).isEqualTo("* bob left the chat");
            awaitCount("members", fixture.server()::memberCount, 1);
            awaitCount("connections", fixture.server()::connectionCount, 1);
        }

        @Test
        @DisplayName("a socket closed without /quit is reported as a lost connection")
        void closeWithoutQuitIsConnectionLost() {
            aliceAndBob();

            bob.close();

            assertThat(alice.nextLine()).isEqualTo("* bob left the chat (connection lost)");
            awaitCount("members", fixture.server()::memberCount, 1);
        }

        @Test
        @DisplayName("a reset connection is reported as a lost connection")
        void resetIsConnectionLost() {
            aliceAndBob();

            bob.closeAbruptly();

            assertThat(alice.nextLine()).isEqualTo("* bob left the chat (connection lost)");
            awaitCount("connections", fixture.server()::connectionCount, 1);
        }

        @Test
        @DisplayName("a script that sends its lines and half-closes gets every reply, its last line included")
        void scriptedClientWithHalfClose() {
            alice = fixture.joinPlain("alice");
            TestClient script = fixture.connect("script");

            // As `printf 'bot\nfirst\nlast' | nc -N`: the last line has no line end.
            script.sendRaw("bot\nfirst\nlast".getBytes(StandardCharsets.UTF_8));
            script.shutdownOutput();

            assertThat(script.awaitClosed()).contains("* bot joined the chat", "bot: first", "bot: last");
            assertThat(alice.collectUntil(line -> line.startsWith("* bot left"), "bot's leave", TestClient.TIMEOUT))
                    .containsExactly("* bot joined the chat", "bot: first", "bot: last",
                            "* bot left the chat (connection lost)");
        }

        @Test
        @DisplayName("the name is freed when its owner leaves")
        void nameIsFreedOnLeave() {
            aliceAndBob();
            bob.send("/quit");
            alice.expectExactLine("* bob left the chat");

            TestClient again = fixture.joinPlain("BOB");

            assertThat(alice.nextLine()).isEqualTo("* BOB joined the chat");
            again.send("back");
            assertThat(alice.nextLine()).isEqualTo("BOB: back");
        }
    }

    @Nested
    @DisplayName("choosing a name")
    class Names {

        @Test
        @DisplayName("a name in use (compared case-insensitively) is refused before anybody is told, and another may be chosen")
        void duplicateNameIsRefusedQuietly() {
            alice = fixture.joinPlain("alice");
            TestClient second = fixture.connect("second");

            second.send("Alice");
            List<String> refusal = second.collectUntil(line -> line.startsWith("* "), "a notice", TestClient.TIMEOUT);
            assertThat(refusal).containsExactly("* Error: The name Alice is already taken; type another name and press Enter.");

            second.send("carol");
            assertThat(second.nextLine()).startsWith("* Welcome, carol!");
            // Joins are announced in order: had "Alice" joined, alice would have heard it before carol.
            List<String> seenByAlice = alice.collectUntil("* carol joined the chat"::equals, "carol's join", TestClient.TIMEOUT);
            assertThat(seenByAlice).containsExactly("* carol joined the chat");
            assertThat(fixture.server().memberCount()).isEqualTo(2);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"a b", "abcdefghijklmnopqrstuvwxyz0123456", "", "   ", "ali:ce", "*star*"})
        @DisplayName("an invalid name is refused with an error, nobody is told, and another may be chosen")
        void invalidNameIsRefused(String invalid) {
            alice = fixture.joinPlain("alice");
            TestClient second = fixture.connect("second");

            second.send(invalid);
            String refusal = second.nextLine();
            assertThat(refusal).startsWith("* Error: ").endsWith("; type another name and press Enter.");

            second.send("carol");
            assertThat(second.nextLine()).startsWith("* Welcome, carol!");
            assertThat(alice.nextLine()).isEqualTo("* carol joined the chat");
            assertThat(fixture.server().memberCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("the refusal says what is wrong with the name")
        void refusalExplains() {
            TestClient client = fixture.connect("client");

            client.send("a b");
            assertThat(client.nextLine()).contains("a space");
            client.send("x".repeat(33));
            assertThat(client.nextLine()).contains("at most 32 characters");
            client.send("");
            assertThat(client.nextLine()).contains("at least one character");
            assertThat(fixture.server().memberCount()).isZero();
        }
    }

    @Nested
    @DisplayName("framing")
    class Framing {

        @BeforeEach
        void join() {
            aliceAndBob();
        }

        @Test
        @DisplayName("a line sent one byte at a time arrives whole (multi-byte characters included)")
        void oneByteAtATime() {
            byte[] line = "h\u00e9llo w\u00f6rld \u2713 \uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8);
            for (byte b : line) {
                alice.sendRaw(new byte[] {b});
            }

            assertThat(bob.nextLine()).isEqualTo("alice: h\u00e9llo w\u00f6rld \u2713 \uD83D\uDE00");
            assertThat(alice.nextLine()).isEqualTo("alice: h\u00e9llo w\u00f6rld \u2713 \uD83D\uDE00");
        }

        @Test
        @DisplayName("two lines in one write arrive as two messages, in order")
        void twoLinesInOneWrite() {
            alice.sendRaw("first\nsecond\n".getBytes(StandardCharsets.UTF_8));

            assertThat(bob.nextLine()).isEqualTo("alice: first");
            assertThat(bob.nextLine()).isEqualTo("alice: second");
        }

        @Test
        @DisplayName("a line split across writes in the middle of the next one arrives whole")
        void lineSplitAcrossWrites() {
            alice.sendRaw("fir".getBytes(StandardCharsets.UTF_8));
            alice.sendRaw("st\nsec".getBytes(StandardCharsets.UTF_8));
            alice.sendRaw("ond\n".getBytes(StandardCharsets.UTF_8));

            assertThat(bob.nextLine()).isEqualTo("alice: first");
            assertThat(bob.nextLine()).isEqualTo("alice: second");
        }

        @Test
        @DisplayName("\\r\\n line ends are accepted, for the name too, and never echoed")
        void crlfLineEnds() {
            TestClient carol = fixture.connect("carol");
            carol.sendRaw("carol\r\n".getBytes(StandardCharsets.UTF_8));
            bob.expectExactLine("* carol joined the chat");

            carol.sendRaw("windows line\r\n".getBytes(StandardCharsets.UTF_8));

            assertThat(bob.nextLine()).isEqualTo("carol: windows line");
        }

        @Test
        @DisplayName("blank lines are ignored")
        void blankLinesIgnored() {
            alice.sendRaw("\n   \n\r\nafter blanks\n".getBytes(StandardCharsets.UTF_8));

            assertThat(bob.nextLine()).isEqualTo("alice: after blanks");
        }
    }

    @Nested
    @DisplayName("lines that are too long")
    class TooLong {

        @BeforeEach
        void join() {
            aliceAndBob();
        }

        @Test
        @DisplayName("a line over 8192 bytes gets an error, is not broadcast, and the connection stays usable")
        void lineOverFrameLimit() {
            alice.sendRaw(("x".repeat(8193) + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(alice.nextLine()).startsWith("* Error: ").contains("8192");

            alice.send("still here");

            assertThat(bob.nextLine()).isEqualTo("alice: still here");
            assertThat(alice.nextLine()).isEqualTo("alice: still here");
        }

        @Test
        @DisplayName("1 MB without a line end, then a line end, gets one error and nothing is broadcast")
        void megabyteWithoutLineEnd() {
            alice.sendRaw("y".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII));
            alice.sendRaw("\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(alice.nextLine()).startsWith("* Error: ").contains("8192");

            alice.send("still here");

            assertThat(alice.nextLine()).isEqualTo("alice: still here");
            assertThat(bob.nextLine()).isEqualTo("alice: still here");
        }

        @Test
        @DisplayName("a message over 4096 bytes that fits in a frame is refused with an error")
        void textOverMessageLimit() {
            alice.send("z".repeat(5000));
            assertThat(alice.nextLine()).isEqualTo("* Error: message of 5000 bytes not sent (limit 4096)");

            alice.send("short");

            assertThat(bob.nextLine()).isEqualTo("alice: short");
        }
    }

    @Nested
    @DisplayName("bad bytes")
    class BadBytes {

        @BeforeEach
        void join() {
            aliceAndBob();
        }

        @Test
        @DisplayName("invalid UTF-8 gets an error and the connection stays usable")
        void invalidUtf8() {
            alice.sendRaw(new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'});
            assertThat(alice.nextLine()).isEqualTo("* Error: line is not valid UTF-8");

            alice.send("fine again");

            assertThat(bob.nextLine()).isEqualTo("alice: fine again");
        }

        @Test
        @DisplayName("a lone \\r cannot forge a line from somebody else")
        void carriageReturnInjection() {
            alice.sendRaw("hi\rmallory: forged\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(alice.nextLine()).startsWith("* Error: ").contains("U+000D");

            alice.send("after");

            List<String> seenByBob = bob.collectUntil("alice: after"::equals, "alice's next message", TestClient.TIMEOUT);
            assertThat(seenByBob).containsExactly("alice: after");
            assertThat(seenByBob).noneMatch(line -> line.contains("\r") || line.contains("mallory"));
        }

        @Test
        @DisplayName("a NUL byte is refused")
        void nulByte() {
            alice.sendRaw("nul\0byte\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(alice.nextLine()).startsWith("* Error: ").contains("U+0000");

            alice.send("after");

            assertThat(bob.nextLine()).isEqualTo("alice: after");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"U+001B", "U+007F", "U+0085", "U+2028", "U+2029"})
        @DisplayName("other control characters and line separators are refused")
        void otherControlCharacters(String codePoint) {
            int cp = Integer.parseInt(codePoint.substring(2), 16);
            alice.send("before" + Character.toString(cp) + "after");
            assertThat(alice.nextLine()).startsWith("* Error: ").contains(codePoint);

            alice.send("clean");

            assertThat(bob.nextLine()).isEqualTo("alice: clean");
        }

        @Test
        @DisplayName("a tab is allowed")
        void tabAllowed() {
            alice.send("col1\tcol2");

            assertThat(bob.nextLine()).isEqualTo("alice: col1\tcol2");
        }

        @Test
        @DisplayName("invalid UTF-8 in place of a name is refused and a name can still be chosen")
        void invalidUtf8Name() {
            TestClient carol = fixture.connect("carol");
            carol.sendRaw(new byte[] {(byte) 0xFE, '\n'});
            assertThat(carol.nextLine()).startsWith("* Error: ");

            carol.send("carol");

            assertThat(alice.nextLine()).isEqualTo("* carol joined the chat");
        }
    }
}
