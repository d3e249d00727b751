package chatroom.protocol.irc;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Parsed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IrcMessageTest {

    private static IrcMessage ok(String line) {
        Parsed<IrcMessage> parsed = IrcMessage.parse(line);
        assertThat(parsed).as(line).isInstanceOf(Parsed.Ok.class);
        return ((Parsed.Ok<IrcMessage>) parsed).value();
    }

    private static ErrorCode refused(String line) {
        Parsed<IrcMessage> parsed = IrcMessage.parse(line);
        assertThat(parsed).as(line).isInstanceOf(Parsed.Invalid.class);
        return ((Parsed.Invalid<IrcMessage>) parsed).code();
    }

    @Nested
    @DisplayName("parsing")
    class Parsing {

        @Test
        @DisplayName("the examples of the Modern IRC client protocol")
        void modernExamples() {
            var privmsg = ok(":dan!d@localhost PRIVMSG #chan :Hey!");
            assertThat(privmsg.source()).contains("dan!d@localhost");
            assertThat(privmsg.command()).isEqualTo("PRIVMSG");
            assertThat(privmsg.params()).containsExactly("#chan", "Hey!");

            assertThat(ok("CAP REQ :sasl message-tags foo").params()).containsExactly("REQ", "sasl message-tags foo");
            assertThat(ok(":irc.example.com CAP LS * :multi-prefix extended-join sasl").params())
                    .containsExactly("LS", "*", "multi-prefix extended-join sasl");
            assertThat(ok("PRIVMSG #chan ::-)").params()).containsExactly("#chan", ":-)");
            assertThat(ok("NICK alice").params()).containsExactly("alice");
            assertThat(ok("USER alice 0 * :Alice Liddell").params()).containsExactly("alice", "0", "*", "Alice Liddell");
            assertThat(ok("PING").params()).isEmpty();
            assertThat(ok("TOPIC #chan :").params()).containsExactly("#chan", "");
        }

        @Test
        @DisplayName("tags: values unescaped, a key without a value, the last of a repeated key")
        void tags() {
            var message = ok("@id=234AB;+example.com/key=a\\sb\\:c\\\\d;flag;id=x :nick!u@h PRIVMSG #c :hi");
            assertThat(message.tags()).containsExactly(Map.entry("id", "x"), Map.entry("+example.com/key", "a b;c\\d"),
                    Map.entry("flag", ""));
            assertThat(ok("@a=b\\ :n PING").tags()).containsEntry("a", "b");
            assertThat(ok("@a=\\q PING").tags()).containsEntry("a", "q");
        }

        @Test
        @DisplayName("a line ending (CR LF, LF or CR) is dropped; several spaces separate as one")
        void endingsAndSpaces() {
            assertThat(ok("JOIN #a\r\n").params()).containsExactly("#a");
            assertThat(ok("JOIN #a\n").params()).containsExactly("#a");
            assertThat(ok("  JOIN   #a   #b").params()).containsExactly("#a", "#b");
            assertThat(ok("JOIN #a ").params()).containsExactly("#a");
        }

        @Test
        @DisplayName("the fifteenth parameter takes the rest of the line")
        void fifteenParams() {
            var message = ok("CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 fifteen and more");
            assertThat(message.params()).hasSize(15).endsWith("fifteen and more");
        }

        @Test
        @DisplayName("512 bytes with CR LF fit; 513 do not (417), whatever the tags")
        void lengthEdges() {
            String head = "PRIVMSG #c :";
            String fits = head + "x".repeat(510 - head.length());
            assertThat(ok(fits + "\r\n").params().get(1)).hasSize(510 - head.length());
            assertThat(refused(fits + "x")).isEqualTo(ErrorCode.FRAME_TOO_LONG);
            // "@a=" and the space after the tags count too.
            String tags = "@a=" + "t".repeat(8191 - 4) + " ";
            assertThat(tags.length()).isEqualTo(8191);
            assertThat(ok(tags + fits).tags().get("a")).hasSize(8191 - 4);
            assertThat(refused("@a=" + "t".repeat(8191 - 3) + " " + fits)).isEqualTo(ErrorCode.FRAME_TOO_LONG);
            // The longest line there can be: what a reader must take in before it parses.
            assertThat((tags + fits).length()).isEqualTo(IrcMessage.MAX_TAGGED_LINE_BYTES);
            // Bytes, not characters: a two-byte letter counts twice.
            assertThat(refused(head + "é".repeat((510 - head.length()) / 2 + 1))).isEqualTo(ErrorCode.FRAME_TOO_LONG);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "@a=b", "@a=b ", ":src", ":src ", ": PING", "12 x", "1234",
                "PRIV-MSG x", "@=x PING", "@a/=x PING", "@+/b PING", "@a b;c PING"})
        @DisplayName("refuses what is not a message, as a value")
        void refusesNonsense(String line) {
            assertThat(IrcMessage.parse(line)).isInstanceOf(Parsed.Invalid.class);
        }

        @Test
        @DisplayName("NUL, CR or LF inside a line, also escaped into a tag value, is refused")
        void lineBreaksRefused() {
            assertThat(refused("PRIVMSG #c :a\rQUIT")).isEqualTo(ErrorCode.BAD_CHARACTER);
            assertThat(refused("PRIVMSG #c :a\nQUIT")).isEqualTo(ErrorCode.BAD_CHARACTER);
            assertThat(refused("PRIVMSG #c :a\0b")).isEqualTo(ErrorCode.BAD_CHARACTER);
            assertThat(refused("@a=x\\ny PING")).isEqualTo(ErrorCode.BAD_CHARACTER);
        }
    }

    @Nested
    @DisplayName("encoding")
    class Encoding {

        @Test
        @DisplayName("puts a colon before a last parameter that needs one, and escapes tags")
        void encodes() {
            assertThat(IrcMessage.from("dan!d@h", "PRIVMSG", "#chan", "Hey there").encode())
                    .isEqualTo(":dan!d@h PRIVMSG #chan :Hey there");
            assertThat(IrcMessage.of("PRIVMSG", "#chan", ":-)").encode()).isEqualTo("PRIVMSG #chan ::-)");
            assertThat(IrcMessage.of("TOPIC", "#chan", "").encode()).isEqualTo("TOPIC #chan :");
            assertThat(IrcMessage.of("NICK", "alice").encode()).isEqualTo("NICK alice");
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("msgid", "42");
            tags.put("+x", "a b;c\\");
            tags.put("flag", "");
            assertThat(IrcMessage.of("PING", "x").withTags(tags).encode()).isEqualTo("@msgid=42;+x=a\\sb\\:c\\\\;flag PING x");
        }

        @Test
        @DisplayName("the numerics have three digits and go to the client's nick")
        void numerics() {
            assertThat(IrcNumeric.RPL_WELCOME.reply("irc.example", "alice", "Welcome").encode())
                    .isEqualTo(":irc.example 001 alice Welcome");
            assertThat(IrcNumeric.ERR_NICKNAMEINUSE.reply("irc.example", "*", "bob", "Nickname is already in use")
                    .encode()).isEqualTo(":irc.example 433 * bob :Nickname is already in use");
        }

        @Test
        @DisplayName("a server tag goes first on an encoded line, escaped; tag data passes client tags on")
        void serverTagsAndTagData() {
            assertThat(IrcMessage.withFirstTag(":s ACK", "label", "a b")).isEqualTo("@label=a\\sb :s ACK");
            assertThat(IrcMessage.withFirstTag("@msgid=1;+x=y :n PRIVMSG #c :hi", "batch", "r1"))
                    .isEqualTo("@batch=r1;msgid=1;+x=y :n PRIVMSG #c :hi");
            assertThat(IrcMessage.withFirstTag(":s ACK", "flag", "")).isEqualTo("@flag :s ACK");
            assertThatThrownBy(() -> IrcMessage.withFirstTag(":s ACK", "label", "a\nb"))
                    .isInstanceOf(IllegalArgumentException.class);
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("+draft/reply", "42");
            tags.put("+typing", "active");
            tags.put("+x", "a;b c");
            tags.put("+flag", "");
            String data = IrcMessage.tagData(tags);
            assertThat(data).isEqualTo("+draft/reply=42;+typing=active;+x=a\\:b\\sc;+flag");
            assertThat(ok("@" + data + " TAGMSG #c").tags()).containsExactlyEntriesOf(tags);
            assertThat(IrcMessage.tagData(Map.of())).isEmpty();
        }

        @Test
        @DisplayName("cannot hold a second line, an inner parameter with a space, or too many parameters")
        void validByConstruction() {
            assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", "#c", "a\r\nQUIT")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", "#c d", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", "", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> IrcMessage.of("PRIV MSG")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> IrcMessage.of("X", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
                    "13", "14", "15", "16")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new IrcMessage(Map.of("bad key", "v"), Optional.empty(), "PING", List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("a first line that begins with CAP, PASS, NICK or USER and a space opens IRC; a name or HELLO does not")
    void opensIrc() {
        assertThat(IrcMessage.opensIrc("CAP LS 302")).isTrue();
        assertThat(IrcMessage.opensIrc("nick alice")).isTrue();
        assertThat(IrcMessage.opensIrc("PASS secret")).isTrue();
        assertThat(IrcMessage.opensIrc("USER a 0 * :A")).isTrue();
        assertThat(IrcMessage.opensIrc("NICK")).isFalse();
        assertThat(IrcMessage.opensIrc("alice")).isFalse();
        assertThat(IrcMessage.opensIrc("HELLO v=2")).isFalse();
        assertThat(IrcMessage.opensIrc("NICKNAME x")).isFalse();
    }
}
