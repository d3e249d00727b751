package chatroom.server;

import chatroom.protocol.Parsed;
import chatroom.protocol.irc.IrcMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static chatroom.server.IrcTestSupport.abuseConfig;
import static chatroom.server.IrcTestSupport.alsoJoinPlain;
import static chatroom.server.IrcTestSupport.answers;
import static chatroom.server.IrcTestSupport.closeExpectingNoErrors;
import static chatroom.server.IrcTestSupport.crlf;
import static chatroom.server.IrcTestSupport.joinChannel;
import static chatroom.server.IrcTestSupport.register;
import static chatroom.server.IrcTestSupport.sync;
import static chatroom.server.IrcTestSupport.syncStructured;
import static chatroom.server.IrcTestSupport.wellFormed;
import static org.assertj.core.api.Assertions.assertThat;

/// IRC lines at and past the limits, and lines that try to smuggle a second line in: tag
/// sections of 8,191 bytes, thousands of tags, keys given thousands of times and bad escapes;
/// lines of 510 to 513 bytes with CR LF, LF or no line end; CR, LF, NUL and their look-alikes
/// inside the text of members of every dialect. Watchers of every dialect check what reached
/// them; nothing is logged as an error.
@DisplayName("IRC abuse: limits and line smuggling")
@Timeout(60)
class IrcAbuseTest {

    private final ServerFixture fixture = new ServerFixture();
    private final LogRecorder severe = LogRecorder.severe();

    @AfterEach
    void stop() {
        closeExpectingNoErrors(fixture, severe);
    }

    /// The markers (`mark12`) in `lines`.
    private static Set<String> markers(List<String> lines) {
        Set<String> found = new TreeSet<>();
        for (String line : lines) {
            Matcher marker = Pattern.compile("mark\\d+").matcher(line);
            while (marker.find()) {
                found.add(marker.group());
            }
        }
        return found;
    }

    /// A tag section (its `@` and space included) of exactly `bytes` bytes.
    private static String tagSection(int bytes) {
        return "@a=" + "v".repeat(bytes - 4) + " ";
    }

    @Nested
    @DisplayName("tags")
    class Tags {

        @Test
        @DisplayName("8,191 bytes of tags pass, 8,192 get 417; thousands of tags and of one key parse;"
                + " none is relayed as sent")
        void tagFloods() {
            fixture.start(abuseConfig().build());
            TestClient watcher = register(fixture, "watcher", "message-tags server-time");
            TestClient tagger = register(fixture, "tagger");
            sync(watcher);
            var thousands = new StringBuilder("@");
            for (int i = 0; i < 1_800; i++) {
                thousands.append(i == 0 ? "" : ";").append('a').append(Integer.toString(i, 36));
            }
            Map<String, Boolean> lines = new LinkedHashMap<>();
            lines.put(tagSection(IrcMessage.MAX_TAGS_BYTES) + "PRIVMSG #lobby :mark1", true);
            lines.put(tagSection(IrcMessage.MAX_TAGS_BYTES + 1) + "PRIVMSG #lobby :mark2", false);
            lines.put(thousands + " PRIVMSG #lobby :mark3", true);
            lines.put("@" + "+x=1;".repeat(1_600) + "+x=last PRIVMSG #lobby :mark4", true);
            lines.put("@" + ";".repeat(8_000) + " PRIVMSG #lobby :mark5", true);
            lines.put(tagSection(IrcMessage.MAX_TAGS_BYTES) + "PRIVMSG #lobby :mark6" + "x".repeat(510 - 21), true);
            lines.put(tagSection(IrcMessage.MAX_TAGS_BYTES) + "PRIVMSG #lobby :mark7" + "x".repeat(511 - 21), false);
            assertThat(thousands.length() + 1).isLessThanOrEqualTo(IrcMessage.MAX_TAGS_BYTES);
            Set<String> accepted = new TreeSet<>();
            lines.forEach((line, fits) -> {
                List<String> answer = answers(tagger, crlf(line));
                String marker = markers(List.of(line)).iterator().next();
                if (fits) {
                    assertThat(answer).as("the answer to %s", marker).isEmpty();
                    accepted.add(marker);
                } else {
                    assertThat(answer).as("the answer to %s", marker).singleElement()
                            .satisfies(reply -> assertThat(wellFormed(reply).command()).isEqualTo("417"));
                }
            });
            List<String> seen = sync(watcher);
            for (String line : seen) {
                // Only the server's own tags, or client-only ones (`+…`) if ever relayed, each once.
                assertThat(wellFormed(line).tags()).as(line).allSatisfy((key, value) -> {
                    assertThat(key).matches("msgid|time|\\+.*");
                    if (key.equals("+x")) {
                        assertThat(value).isEqualTo("last");
                    }
                });
            }
            assertThat(markers(seen)).isEqualTo(accepted);
        }

        @Test
        @DisplayName("bad escapes and bad keys: what the parser refuses gets one NOTICE and reaches nobody")
        void badEscapesAndKeys() {
            fixture.start(abuseConfig().build());
            TestClient watcher = register(fixture, "watcher");
            TestClient tagger = register(fixture, "tagger");
            sync(watcher);
            List<String> sections = List.of("@a=\\", "@a=\\q", "@a=x\\ny", "@a=\\r", "@a=\\0", "@=x", "@a/=x", "@/a=x",
                    "@;;;", "@+draft/reply=\\:\\s\\\\", "@\u00e9=x", "@a=b;a=c;a", "@+", "@a=\\\\r\\\\n",
                    "@+x=hello\\r\\nPRIVMSG\\s#lobby\\s:smuggled", "@a=;=b", "@a\tb=c");
            Set<String> accepted = new TreeSet<>();
            for (int i = 0; i < sections.size(); i++) {
                String line = sections.get(i) + " PRIVMSG #lobby :mark" + i;
                List<String> answer = answers(tagger, crlf(line));
                if (IrcMessage.parse(line) instanceof Parsed.Ok<IrcMessage>) {
                    assertThat(answer).as("the answer to %s", line).isEmpty();
                    accepted.add("mark" + i);
                } else {
                    assertThat(answer).as("the answer to %s", line).singleElement()
                            .satisfies(reply -> assertThat(wellFormed(reply).command()).isEqualTo("NOTICE"));
                }
            }
            List<String> seen = sync(watcher);
            seen.forEach(IrcTestSupport::wellFormed);
            assertThat(markers(seen)).isEqualTo(accepted);
            assertThat(seen).noneMatch(line -> line.contains("smuggled"));
            System.out.printf("ABUSE irc-tag-escapes: sections=%d accepted=%d%n", sections.size(), accepted.size());
        }
    }

    @Nested
    @DisplayName("512-byte edges")
    class LineLengths {

        /// `PRIVMSG #lobby :markN …` of exactly `bytes` bytes, ending in a two-byte letter if `wide`.
        private static String privmsg(int marker, int bytes, boolean wide) {
            String head = "PRIVMSG #lobby :mark" + marker + " ";
            int fill = bytes - head.length();
            return head + (wide ? "x".repeat(fill - 2) + "\u00e9" : "x".repeat(fill));
        }

        @Test
        @DisplayName("lines of 510 to 513 bytes with CR LF or LF: up to 510 bytes before the line end pass, longer get 417")
        void withLineEnds() {
            fixture.start(abuseConfig().build());
            TestClient watcher = register(fixture, "watcher");
            TestClient sender = register(fixture, "sender");
            sync(watcher);
            Set<String> accepted = new TreeSet<>();
            int marker = 0;
            for (String end : List.of("\r\n", "\n")) {
                for (int total = 510; total <= 513; total++) {
                    for (boolean wide : List.of(false, true)) {
                        String text = privmsg(++marker, total - end.length(), wide);
                        byte[] line = (text + end).getBytes(StandardCharsets.UTF_8);
                        assertThat(line).hasSize(total);
                        boolean fits = text.getBytes(StandardCharsets.UTF_8).length <= 510;
                        List<String> answer = answers(sender, line);
                        String what = total + " bytes ending " + (end.length() == 2 ? "CR LF" : "LF")
                                + (wide ? " and é" : "");
                        if (fits) {
                            assertThat(answer).as(what).isEmpty();
                            accepted.add("mark" + marker);
                        } else {
                            assertThat(answer).as(what).singleElement()
                                    .satisfies(reply -> assertThat(wellFormed(reply).command()).isEqualTo("417"));
                        }
                    }
                }
            }
            List<String> seen = sync(watcher);
            seen.forEach(IrcTestSupport::wellFormed);
            assertThat(markers(seen)).isEqualTo(accepted);
            assertThat(accepted).hasSize(10);
        }

        @Test
        @DisplayName("a last line without a line end, of 510 to 513 bytes: only 510 pass")
        void withoutLineEnd() {
            fixture.start(abuseConfig().build());
            TestClient watcher = register(fixture, "watcher");
            sync(watcher);
            List<String> seen = new ArrayList<>();
            for (int total = 510; total <= 513; total++) {
                String quit = ":eof" + total + "!eof" + total + "@chatroom QUIT ";
                TestClient sender = register(fixture, "eof" + total);
                sender.sendRaw(privmsg(total, total, false).getBytes(StandardCharsets.UTF_8));
                sender.shutdownOutput();
                sender.awaitClosed();
                seen.addAll(watcher.collectUntil(line -> line.startsWith(quit), "the QUIT", TestClient.TIMEOUT));
            }
            seen.addAll(sync(watcher));
            seen.forEach(IrcTestSupport::wellFormed);
            assertThat(markers(seen)).containsExactly("mark510");
        }
    }

    @Nested
    @DisplayName("line smuggling")
    class Smuggling {

        /// What goes between `hello` and the smuggled line, and whether the server lets it through.
        private record Separator(byte[] bytes, boolean allowed) {
            static Separator text(String text, boolean allowed) {
                return new Separator(text.getBytes(StandardCharsets.UTF_8), allowed);
            }

            static Separator raw(int... bytes) {
                byte[] out = new byte[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    out[i] = (byte) bytes[i];
                }
                return new Separator(out, false);
            }
        }

        private static final List<Separator> SEPARATORS = List.of(
                Separator.text("\r", false), Separator.text("\r\r", false), Separator.text("\0", false),
                Separator.text("\u000B", false), Separator.text("\u000C", false), Separator.text("\u001B", false),
                Separator.text("\u0085", false), Separator.text("\u2028", false), Separator.text("\u2029", false),
                Separator.raw(0xC0, 0x8D), Separator.raw(0xC0, 0x8A), Separator.raw(0xE0, 0x80, 0x8D),
                Separator.raw(0xC0, 0x8D, 0xC0, 0x8A), Separator.raw(0xF0, 0x80, 0x80, 0x8A),
                Separator.text("\\r\\n", true), Separator.text("%0D%0A", true), Separator.text("&#13;&#10;", true),
                Separator.text(" ", true));

        /// `before` + `hello` and a marker + the separator + `after`, as bytes (with `end`).
        private static byte[] attack(String before, int marker, Separator separator, String after, String end) {
            var out = new ByteArrayOutputStream();
            out.writeBytes((before + "hello mark" + marker).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(separator.bytes());
            out.writeBytes((after + end).getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }

        @Test
        @DisplayName("CR, NUL, NEL, U+2028 and over-long UTF-8 inside a text from any dialect:"
                + " no second line reaches anyone")
        void noSecondLine() {
            fixture.start(abuseConfig().build());
            TestClient v2Watch = fixture.joinVersion2("v2watch");
            v2Watch.send("JOIN room=#x");
            v2Watch.expectLine("JOINED room=#x name=v2watch ts=\\S+");
            TestClient ircWatch = register(fixture, "ircwatch");
            TestClient tagWatch = register(fixture, "tagwatch", "message-tags server-time echo-message");
            TestClient plainWatch = fixture.joinPlain("plainwatch");
            TestClient ircBad = register(fixture, "ircbad");
            TestClient plainBad = fixture.joinPlain("plainbad");
            TestClient v2Bad = fixture.joinVersion2("v2bad");
            for (TestClient irc : List.of(ircWatch, tagWatch, ircBad)) {
                joinChannel(irc, "#x");
            }
            for (TestClient plain : List.of(plainWatch, plainBad)) {
                alsoJoinPlain(plain, "#x");
            }
            v2Bad.send("JOIN room=#x");
            v2Bad.expectLine("JOINED room=#x name=v2bad ts=\\S+");
            drain(ircWatch, tagWatch, plainWatch, v2Watch);

            String smuggled = "PRIVMSG #x :smuggled";
            int marker = 0;
            Set<String> allowed = new TreeSet<>();
            for (Separator separator : SEPARATORS) {
                List<byte[]> irc = List.of(
                        attack("PRIVMSG #lobby :", ++marker, separator, smuggled, "\r\n"),
                        attack("NOTICE #lobby :", ++marker, separator, smuggled, "\r\n"),
                        attack("PRIVMSG #lobby :\u0001ACTION ", ++marker, separator, smuggled + "\u0001", "\r\n"),
                        attack("TOPIC #lobby :", ++marker, separator, smuggled, "\r\n"));
                List<byte[]> plain = List.of(
                        attack("", ++marker, separator, smuggled, "\n"),
                        attack("/me ", ++marker, separator, smuggled, "\n"),
                        attack("/topic #lobby ", ++marker, separator, smuggled, "\n"));
                List<byte[]> structured = List.of(
                        attack("SAY room=#lobby :", ++marker, separator, smuggled, "\n"),
                        attack("TOPIC room=#lobby :", ++marker, separator, smuggled, "\n"));
                if (separator.allowed()) {
                    for (int m = marker - 8; m <= marker; m++) {
                        allowed.add("mark" + m);
                    }
                }
                irc.forEach(line -> answers(ircBad, line).forEach(IrcTestSupport::wellFormed));
                plain.forEach(plainBad::sendRaw);
                AbuseSupport.sync(plainBad);
                structured.forEach(v2Bad::sendRaw);
                syncStructured(v2Bad);
            }

            Map<String, List<String>> seen = drain(ircWatch, tagWatch, plainWatch, v2Watch);
            seen.forEach((watcher, lines) -> {
                assertThat(lines).as("what %s saw in #x", watcher).noneMatch(Smuggling::inX);
                assertThat(lines).as("what %s saw", watcher).allSatisfy(line -> {
                    if (line.contains("smuggled")) {
                        assertThat(line).matches("(?s).*hello mark\\d+.*smuggled.*");
                    }
                });
                assertThat(markers(lines)).as("the texts %s saw", watcher).isEqualTo(allowed);
            });
            System.out.printf("ABUSE irc-smuggling: separators=%d attacks=%d delivered=%d%n", SEPARATORS.size(), marker,
                    allowed.size());
        }

        @Test
        @DisplayName("a 4,096-byte text full of IRC commands reaches IRC members as PRIVMSG lines only")
        void longTextSplit() {
            fixture.start(abuseConfig().build());
            TestClient ircWatch = register(fixture, "ircwatch");
            TestClient v2 = fixture.joinVersion2("v2long");
            sync(ircWatch);
            String text = ("PRIVMSG #x :smuggled \u00e9\u20ac ").repeat(200).substring(0, 3_600).strip();
            assertThat(text.getBytes(StandardCharsets.UTF_8).length).isBetween(4_000, 4_096);
            v2.send("SAY room=#lobby :" + text);
            syncStructured(v2);
            List<String> seen = sync(ircWatch);
            var joined = new StringBuilder();
            for (String line : seen) {
                IrcMessage message = wellFormed(line);
                assertThat(message.command()).isEqualTo("PRIVMSG");
                assertThat(message.source()).contains("v2long!v2long@chatroom");
                assertThat(message.params().getFirst()).isEqualTo("#lobby");
                joined.append(message.params().get(1));
            }
            assertThat(seen).hasSizeGreaterThan(8);
            assertThat(joined.toString()).isEqualTo(text);
        }

        /// Whether `line`, as an IRC, plain or structured member sees it, is about `#x`, where
        /// nobody says anything while the attacks go on.
        private static boolean inX(String line) {
            if (line.endsWith("\r")) {
                return wellFormed(line).param(0).filter("#x"::equals).isPresent();
            }
            return line.startsWith("* [#x]") || line.matches("\\S+ room=#x .*");
        }

        /// Everything each watcher (IRC, plain or structured, told apart by label) was sent since
        /// the last call, every IRC line well-formed, every other line printable.
        private static Map<String, List<String>> drain(TestClient ircWatch, TestClient tagWatch, TestClient plainWatch,
                                                       TestClient v2Watch) {
            Map<String, List<String>> seen = new LinkedHashMap<>();
            for (TestClient irc : List.of(ircWatch, tagWatch)) {
                List<String> lines = sync(irc);
                lines.forEach(IrcTestSupport::wellFormed);
                seen.put(irc.label(), lines);
            }
            seen.put(plainWatch.label(), new ArrayList<>(AbuseSupport.sync(plainWatch)));
            seen.put(v2Watch.label(), syncStructured(v2Watch));
            seen.get(plainWatch.label()).forEach(IrcTestSupport::printable);
            seen.get(v2Watch.label()).forEach(IrcTestSupport::printable);
            return seen;
        }
    }
}
