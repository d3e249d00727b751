package chatroom.server.internal;

import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("IRC channel modes")
class IrcModesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final RoomName RUST = RoomName.of("#rust");
    private static final IrcLines LINES = new IrcLines(new IrcServer("chatroom", "chatroom", "chatroom/1.0", NOW,
            List.of(), 50, false), () -> new IrcCensus(0, 0, 0, 1, 0));

    @Nested
    @DisplayName("ban masks")
    class BanMasks {

        @ParameterizedTest(name = "{0} bans {1}")
        @CsvSource({
                "bob, bob",
                "bob!*@*, bob",
                "Bob!bob@chatroom, Bob",
                "bob!*@CHATROOM, bob",
                "*!bob@*, bob",
                "*!bob@chatroom, bob",
                "*!*bob@chatroom, bob",
                "*!~bob@*, bob",
                "bob!~bob@*, bob",
                "203.0.113.7, 203.0.113.7",
                "*!*@203.0.113.7, 203.0.113.7",
                "*!*@2001:db8::1, 2001:db8::1",
                "*!*@2001:db8::/64, 2001:db8::/64"})
        @DisplayName("a mask that picks out one name or one address is that name or address")
        void usable(String mask, String target) {
            assertThat(IrcModes.banTarget(mask, "chatroom")).isEqualTo(Parsed.ok(target));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"*!*@*", "*", "b*b!*@*", "bob!*@example.com", "bob!alice@*", "*!*@*.example.com",
                "bob!*@203.0.113.7", "*!*@203.0.113.0/24", "*!**bob@*", "*!*b*b@*", "bob@chatroom", "nick!", "!@", "*!*@999.1.1.1"})
        @DisplayName("any other mask is refused")
        void refused(String mask) {
            assertThat(IrcModes.banTarget(mask, "chatroom")).isInstanceOf(Parsed.Invalid.class);
        }

        @Test
        @DisplayName("a ban is listed by its name (its address kept private), else by its address")
        void listed() {
            var address = ((Parsed.Ok<AddressBan>) AddressBan.parse("203.0.113.7")).value();
            var alice = new Name("alice");
            assertThat(IrcModes.banMask(new RoomChange.Ban(Optional.of(new Name("bob")), Optional.of(address), alice, NOW)))
                    .isEqualTo("bob!*@*");
            assertThat(IrcModes.banMask(new RoomChange.Ban(Optional.empty(), Optional.of(address), alice, NOW)))
                    .isEqualTo("*!*@203.0.113.7");
        }
    }

    @Nested
    @DisplayName("a MODE line")
    class ModeLine {

        @Test
        @DisplayName("signs carry over; prefix modes always take a parameter; b without one is the list")
        void items() {
            assertThat(IrcModeLine.parse("+ot-tb", List.of("bob"))).containsExactly(
                    new IrcModeLine.Change(true, 'o', Optional.of("bob")),
                    new IrcModeLine.Change(true, 't', Optional.empty()),
                    new IrcModeLine.Change(false, 't', Optional.empty()),
                    new IrcModeLine.ListQuery('b'));
            assertThat(IrcModeLine.parse("o-oz", List.of())).containsExactly(
                    new IrcModeLine.MissingParameter(true, 'o'),
                    new IrcModeLine.MissingParameter(false, 'o'),
                    new IrcModeLine.Unknown('z'));
        }

        @Test
        @DisplayName("changes with a parameter beyond MODES are left out")
        void limit() {
            assertThat(IrcModeLine.parse("+bbbbbt", List.of("a", "b", "c", "d", "e")))
                    .hasSize(IrcModes.MAX_MODES_WITH_PARAMETER + 1)
                    .endsWith(new IrcModeLine.Change(true, 't', Optional.empty()));
        }

        @Test
        @DisplayName("a hostile line: an unknown mode is told once, and at most 16 items are read")
        void hostileLine() {
            assertThat(IrcModeLine.parse("+" + "xyz".repeat(160), List.of())).containsExactly(
                    new IrcModeLine.Unknown('x'), new IrcModeLine.Unknown('y'), new IrcModeLine.Unknown('z'));
            assertThat(IrcModeLine.parse("+t-t".repeat(120), List.of())).hasSize(IrcModeLine.MAX_ITEMS)
                    .allMatch(item -> item instanceof IrcModeLine.Change(var adding, var mode, var parameter)
                            && mode == 't');
        }
    }

    @Nested
    @DisplayName("moderation as IRC lines")
    class Lines {

        private List<String> shown(Moderation action, String target) {
            var frame = new ServerFrame.InRoom(RUST, new ServerFrame.Moderated(action, new Name("alice"),
                    Optional.ofNullable(target), NOW));
            return LINES.broadcast(frame, IrcForm.NONE);
        }

        @Test
        @DisplayName("operator status, bans and the topic lock are MODE lines from the operator")
        void modes() {
            assertThat(shown(Moderation.OP, "bob")).containsExactly(":alice!alice@chatroom MODE #rust +o bob");
            assertThat(shown(Moderation.DEOP, "bob")).containsExactly(":alice!alice@chatroom MODE #rust -o bob");
            assertThat(shown(Moderation.BAN, "bob")).containsExactly(":alice!alice@chatroom MODE #rust +b bob!*@*");
            assertThat(shown(Moderation.UNBAN, "2001:db8::/64"))
                    .containsExactly(":alice!alice@chatroom MODE #rust -b *!*@2001:db8::/64");
            assertThat(shown(Moderation.LOCK_TOPIC, null)).containsExactly(":alice!alice@chatroom MODE #rust +t");
            assertThat(shown(Moderation.UNLOCK_TOPIC, null)).containsExactly(":alice!alice@chatroom MODE #rust -t");
        }

        @Test
        @DisplayName("what IRC has no mode for is a NOTICE to the channel")
        void notices() {
            assertThat(shown(Moderation.MUTE, "bob")).containsExactly(":chatroom NOTICE #rust :alice muted bob");
            assertThat(shown(Moderation.CLOSE, null)).containsExactly(":chatroom NOTICE #rust :alice closed the room");
        }
    }
}
