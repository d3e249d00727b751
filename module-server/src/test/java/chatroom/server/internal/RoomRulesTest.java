package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("a room's rules")
class RoomRulesTest {

    private static final RoomName RUST = RoomName.of("rust");
    private static final Name ALICE = new Name("alice");
    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");
    private static final InetAddress HOME = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress BOBS = InetAddress.ofLiteral("198.51.100.7");

    private final RoomRules rules = new RoomRules(StoredRoom.created(RUST, T));

    @Test
    @DisplayName("operators and mutes are by name, ignoring case; setting twice is refused")
    void byName() {
        assertThat(rules.setOperator("Bob", true)).isEqualTo(Parsed.ok(new RoomChange.OperatorSet(RUST, new Name("Bob"), true)));
        assertThat(rules.isOperator(new Name("BOB"))).isTrue();
        assertThat(rules.setOperator("bob", true)).isEqualTo(Parsed.invalid(ErrorCode.WRONG_STATE,
                "bob is an operator in #rust already"));
        assertThat(rules.setMuted("carol", false)).isEqualTo(Parsed.invalid(ErrorCode.WRONG_STATE,
                "carol is not muted in #rust"));
        assertThat(rules.setMuted("b*d", true)).isInstanceOf(Parsed.Invalid.class);
    }

    @Test
    @DisplayName("a locked topic is set by operators only, and stripped of surrounding spaces")
    void topic() {
        rules.lockTopic(true);

        assertThat(rules.setTopic("x", ALICE, false, T)).isEqualTo(Parsed.invalid(ErrorCode.NOT_OPERATOR,
                "only operators may set the topic of #rust"));
        assertThat(rules.setTopic("  the topic ", ALICE, true, T)).isEqualTo(Parsed.ok(
                new RoomChange.TopicSet(RUST, "the topic", Optional.of(ALICE), Optional.of(T))));
        assertThat(rules.topicText()).isEqualTo("the topic");
    }

    @Test
    @DisplayName("a name ban takes the present member's address too, never the actor's")
    void banByName() {
        var ban = rules.ban("bob", ALICE, HOME, name -> Optional.of(BOBS), T);

        assertThat(ban).isInstanceOf(Parsed.Ok.class);
        assertThat(rules.isBanned(new Name("Bob"), HOME)).isTrue();
        assertThat(rules.isBanned(new Name("other"), BOBS)).isTrue();
        assertThat(rules.isBanned(new Name("other"), HOME)).isFalse();
        var shared = rules.ban("carol", ALICE, HOME, name -> Optional.of(HOME), T);
        assertThat(((Parsed.Ok<RoomChange.Ban>) shared).value().address()).isEmpty();
    }

    @Test
    @DisplayName("an IPv6 ban covers the /64; unban by any address of it lifts it")
    void banIpv6() {
        assertThat(rules.ban("2001:db8:0:1::5", ALICE, HOME, name -> Optional.empty(), T)).isInstanceOf(Parsed.Ok.class);

        assertThat(rules.isBanned(new Name("x"), InetAddress.ofLiteral("2001:db8:0:1:ffff::1"))).isTrue();
        assertThat(rules.isBanned(new Name("x"), InetAddress.ofLiteral("2001:db8:0:2::1"))).isFalse();
        assertThat(rules.unban("2001:db8:0:1::9/64")).isInstanceOf(Parsed.Ok.class);
        assertThat(rules.isBanned(new Name("x"), InetAddress.ofLiteral("2001:db8:0:1::5"))).isFalse();
    }

    @Test
    @DisplayName("refused: oneself, one's own address, twice, garbage; unban of what is not banned")
    void refusals() {
        assertThat(rules.ban("ALICE", ALICE, HOME, name -> Optional.empty(), T))
                .isEqualTo(Parsed.invalid(ErrorCode.BAD_TARGET, "you cannot ban yourself"));
        assertThat(rules.ban("192.0.2.1", ALICE, HOME, name -> Optional.empty(), T))
                .isEqualTo(Parsed.invalid(ErrorCode.BAD_TARGET, "that would ban your own address"));
        rules.ban("bob", ALICE, HOME, name -> Optional.empty(), T);
        assertThat(rules.ban("bob", ALICE, HOME, name -> Optional.empty(), T))
                .isEqualTo(Parsed.invalid(ErrorCode.WRONG_STATE, "bob is banned from #rust already"));
        assertThat(rules.ban("b@d!", ALICE, HOME, name -> Optional.empty(), T)).isInstanceOf(Parsed.Invalid.class);
        assertThat(rules.unban("nobody")).isEqualTo(Parsed.invalid(ErrorCode.NO_SUCH_NAME, "nobody is not banned from #rust"));
        assertThat(rules.unban("BOB")).isInstanceOf(Parsed.Ok.class);
        assertThat(rules.isBanned(new Name("bob"), HOME)).isFalse();
    }

    @Test
    @DisplayName("a moderated room lets operators and the voiced speak; a mute holds for the voiced too")
    void moderated() {
        var bob = new Name("bob");
        assertThat(rules.speechRefusal(bob, false)).isEmpty();
        assertThat(rules.setModerated(true)).isEqualTo(Parsed.ok(new RoomChange.ModeratedSet(RUST, true)));
        assertThat(rules.setModerated(true)).isEqualTo(Parsed.invalid(ErrorCode.WRONG_STATE, "#rust is moderated already"));

        assertThat(rules.speechRefusal(bob, false)).map(ServerFrame.Error::code).contains(ErrorCode.VOICE_NEEDED);
        assertThat(rules.speechRefusal(bob, true)).isEmpty();
        assertThat(rules.setVoiced("Bob", true)).isEqualTo(Parsed.ok(new RoomChange.VoiceSet(RUST, new Name("Bob"), true)));
        assertThat(rules.setVoiced("bob", true)).isInstanceOf(Parsed.Invalid.class);
        assertThat(rules.speechRefusal(bob, false)).isEmpty();
        rules.setMuted("bob", true);
        assertThat(rules.speechRefusal(bob, false)).map(ServerFrame.Error::code).contains(ErrorCode.MUTED);
    }

    @Test
    @DisplayName("joining: a ban before all; then invite-only, the key and the limit, which the admitted pass")
    void joining() {
        var bob = new Name("bob");
        rules.setInviteOnly(true);
        rules.setKey(Optional.of("sesame"));
        rules.setLimit(Optional.of("2"));

        assertThat(refusal(bob, Optional.empty(), 0, false)).contains(ErrorCode.INVITE_ONLY);
        assertThat(refusal(bob, Optional.empty(), 5, true)).isEmpty();
        rules.setInviteOnly(false);
        assertThat(refusal(bob, Optional.empty(), 0, false)).contains(ErrorCode.BAD_KEY);
        assertThat(refusal(bob, Optional.of("SESAME"), 0, false)).contains(ErrorCode.BAD_KEY);
        assertThat(refusal(bob, Optional.of("sesame"), 1, false)).isEmpty();
        assertThat(refusal(bob, Optional.of("sesame"), 2, false)).contains(ErrorCode.ROOM_FULL);
        rules.ban("bob", ALICE, HOME, name -> Optional.empty(), T);
        assertThat(refusal(bob, Optional.of("sesame"), 0, true)).contains(ErrorCode.BANNED);
    }

    private Optional<ErrorCode> refusal(Name name, Optional<String> key, int members, boolean admitted) {
        return rules.joinRefusal(name, BOBS, key, members, admitted).map(ServerFrame.Error::code);
    }

    @Test
    @DisplayName("a key and a limit must be valid, and change something; clearing what is not set is refused")
    void keyAndLimit() {
        assertThat(rules.setKey(Optional.of("a,b"))).isInstanceOf(Parsed.Invalid.class);
        assertThat(rules.setKey(Optional.empty())).isEqualTo(Parsed.invalid(ErrorCode.WRONG_STATE, "#rust has no key"));
        assertThat(rules.setKey(Optional.of("k"))).isEqualTo(Parsed.ok(new RoomChange.KeySet(RUST, Optional.of("k"))));
        assertThat(rules.setKey(Optional.of("k"))).isInstanceOf(Parsed.Invalid.class);
        assertThat(rules.setKey(Optional.empty())).isEqualTo(Parsed.ok(new RoomChange.KeySet(RUST, Optional.empty())));
        assertThat(rules.setLimit(Optional.of("0"))).isInstanceOf(Parsed.Invalid.class);
        assertThat(rules.setLimit(Optional.of("10"))).isEqualTo(Parsed.ok(new RoomChange.LimitSet(RUST, OptionalInt.of(10))));
        assertThat(rules.setLimit(Optional.of("10"))).isInstanceOf(Parsed.Invalid.class);
        assertThat(rules.setLimit(Optional.empty())).isEqualTo(Parsed.ok(new RoomChange.LimitSet(RUST, OptionalInt.empty())));
        assertThat(rules.setLimit(Optional.empty())).isInstanceOf(Parsed.Invalid.class);
        assertThat(rules.modes()).isEqualTo(RoomModes.NONE);
    }

    @Test
    @DisplayName("starts from what was stored")
    void fromStored() {
        var stored = new StoredRoom(RUST, T, "crabs", Optional.of(ALICE), Optional.of(T), true, List.of(ALICE),
                List.of(new Name("carol")), List.of(new RoomChange.Ban(Optional.of(new Name("dave")), Optional.empty(),
                ALICE, T)), List.of(new Name("erin")), new RoomModes(true, true, Optional.of("sesame"), OptionalInt.of(5)));
        var restored = new RoomRules(stored);

        assertThat(restored.topicText()).isEqualTo("crabs");
        assertThat(restored.isOperator(ALICE)).isTrue();
        assertThat(restored.isMuted(new Name("Carol"))).isTrue();
        assertThat(restored.isBanned(new Name("dave"), HOME)).isTrue();
        assertThat(restored.setTopic("x", new Name("bob"), false, T)).isInstanceOf(Parsed.Invalid.class);
        assertThat(restored.isVoiced(new Name("ERIN"))).isTrue();
        assertThat(restored.modes()).isEqualTo(new RoomModes(true, true, Optional.of("sesame"), OptionalInt.of(5)));
    }
}
