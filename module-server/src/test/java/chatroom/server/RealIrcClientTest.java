package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/// The IRC dialect against a real IRC client: WeeChat's headless client from Debian's packages
/// (installed by `.ci/run`; see [HeadlessWeechat]), in one room with a plain member (a raw
/// socket speaking the `nc` dialect) and a structured member (protocol version 2).
///
/// The story, every step checked on the side that should see it:
/// 1. a chatroom server starts on loopback; `plainy` (plain) and `structy` (structured) log in;
/// 2. WeeChat starts with a private home folder, connects as `wee` and registers (it sends
///    `CAP LS 302`, `NICK`, `USER`, then `CAP END`); the server puts it in `#lobby`, which
///    WeeChat shows and the others see;
/// 3. all three join `#test`: WeeChat by its `/join` command, typed through its FIFO plugin;
/// 4. the plain and the structured member each say something, and the structured one acts
///    (`/me`): WeeChat must show all three in its `#test` buffer, read from its logger file;
/// 5. WeeChat says something and acts (`/me`): the plain member reads `wee: …` and `* * wee …`,
///    the structured one `MSG … from=wee …`;
/// 6. WeeChat leaves `#test` with `/part` and a reason, which both others see and WeeChat
///    shows; then it `/quit`s with a reason, which the others see as `wee` leaving the chat
///    with those words, and WeeChat exits with 0; its server buffer never showed the plain
///    greeting.
///
/// Waits are generous (30 s each) because a real client's start-up takes its own time; the
/// client is always ended after the test. A machine without `weechat-headless` fails this test,
/// saying to run `.ci/run`: it is never skipped.
@DisplayName("A real IRC client (WeeChat) with a plain and a structured member")
@Timeout(180)
class RealIrcClientTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NICK = "wee";
    private static final String SERVER_BUFFER = "irc.server." + HeadlessWeechat.SERVER;
    private static final String LOBBY_BUFFER = "irc." + HeadlessWeechat.SERVER + ".#lobby";
    private static final String TEST_BUFFER = "irc." + HeadlessWeechat.SERVER + ".#test";

    private final ServerFixture fixture = new ServerFixture();
    private HeadlessWeechat weechat;

    @AfterEach
    void stop() {
        try {
            if (weechat != null) {
                weechat.close();
            }
        } finally {
            fixture.close();
        }
    }

    @Test
    @DisplayName("WeeChat connects, joins #test, talks both ways with nc and structured members, parts and quits")
    void talksWithTheOtherDialects(@TempDir Path home) {
        fixture.start(ServerConfig.defaults());
        TestClient plain = fixture.joinPlain("plainy");
        TestClient structured = fixture.joinVersion2("structy");
        structured.answerPings();

        // 2. Registration, and the server's own join of the default room.
        weechat = HeadlessWeechat.connect(home, fixture.address(), NICK);
        structured.expectLine("JOINED room=#lobby name=" + NICK + " ts=\\S+", WAIT);
        plain.expectExactLine("* " + NICK + " joined the chat", WAIT);
        weechat.awaitLogged(LOBBY_BUFFER, logged("-->", NICK + " .*has joined #lobby"), "its join of #lobby", WAIT);

        // 3. Everyone in #test.
        plain.send("/join #test");
        plain.expectLine(Pattern.quote("* You are in #test now") + ".*", WAIT);
        structured.send("JOIN room=#test");
        structured.expectLine("JOINED room=#test name=structy ts=\\S+", WAIT);
        weechat.type(SERVER_BUFFER, "/join #test", WAIT);
        structured.expectLine("JOINED room=#test name=" + NICK + " ts=\\S+", WAIT);
        plain.expectExactLine("* " + NICK + " joined the chat", WAIT);
        weechat.awaitLogged(TEST_BUFFER, logged("-->", NICK + " .*has joined #test"), "its join of #test", WAIT);

        // 4. WeeChat receives the others.
        plain.send("hello from nc");
        weechat.awaitLogged(TEST_BUFFER, logged("[@+]?plainy", "hello from nc"), "the plain member's message", WAIT);
        structured.send("SAY room=#test :hello from structured");
        weechat.awaitLogged(TEST_BUFFER, logged("[@+]?structy", "hello from structured"),
                "the structured member's message", WAIT);
        structured.send("SAY room=#test action=1 :nods");
        weechat.awaitLogged(TEST_BUFFER, logged(" ?\\*", "[@+]?structy nods"), "the structured member's action", WAIT);

        // 5. The others receive WeeChat.
        weechat.type(TEST_BUFFER, "hello from weechat", WAIT);
        plain.expectExactLine(NICK + ": hello from weechat", WAIT);
        structured.expectLine("MSG room=#test id=\\d+ ts=\\S+ from=" + NICK + " :hello from weechat", WAIT);
        weechat.type(TEST_BUFFER, "/me waves", WAIT);
        plain.expectExactLine("* * " + NICK + " waves", WAIT);
        structured.expectLine("MSG room=#test id=\\d+ ts=\\S+ from=" + NICK + " action=1 :waves", WAIT);

        // 6. WeeChat leaves the room, then the chat.
        weechat.type(TEST_BUFFER, "/part #test bye from weechat", WAIT);
        plain.expectExactLine("* " + NICK + " left the room: bye from weechat", WAIT);
        structured.expectLine("PARTED room=#test name=" + NICK + " ts=\\S+ :bye from weechat", WAIT);
        weechat.awaitLogged(TEST_BUFFER, logged("<--", NICK + " .*has left #test \\(bye from weechat\\)"),
                "its part of #test", WAIT);
        List<String> shown = weechat.logged(TEST_BUFFER);
        weechat.type(SERVER_BUFFER, "/quit see you", WAIT);
        structured.expectLine("LEFT name=" + NICK + " ts=\\S+ reason=quit :see you", WAIT);
        plain.expectExactLine("* " + NICK + " left the chat: see you", WAIT);
        assertThat(weechat.awaitExit(WAIT)).as("WeeChat's exit code after /quit").isZero();
        // It spoke at once, so it was never sent the plain greeting (which it would show as
        // `irc: command "*" not found`).
        assertThat(weechat.logged(SERVER_BUFFER)).isNotEmpty()
                .noneMatch(line -> line.contains("Welcome to chatroom") || line.contains("not found"));
        // What the others said was shown once each, in the order they said it.
        List<String> fromOthers = List.of("hello from nc", "hello from structured", "structy nods");
        assertThat(shown).extracting(RealIrcClientTest::message).filteredOn(fromOthers::contains)
                .containsExactlyElementsOf(fromOthers);
    }

    /// A logger line (`date time TAB prefix TAB message`) whose prefix and message match.
    private static Pattern logged(String prefixRegex, String messageRegex) {
        return Pattern.compile("\t" + prefixRegex + "\t" + messageRegex + "$");
    }

    /// The message of a logger line.
    private static String message(String loggedLine) {
        return loggedLine.substring(loggedLine.lastIndexOf('\t') + 1);
    }
}
