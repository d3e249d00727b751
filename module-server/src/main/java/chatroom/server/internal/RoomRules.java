package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/// A room's lasting state and the rules it sets: the topic and its lock, the operators, the
/// muted, the voiced, the bans, and the [RoomModes] (moderated, invite-only, key, limit).
/// Each change returns the [RoomChange] to record (or a refusal, with nothing changed); who is
/// told is the [Room]'s business. Operators, mutes and voices are kept by name ([Name#key()]),
/// so they last across reconnects and restarts.
///
/// Not thread-safe: guarded by its room's lock. No I/O.
final class RoomRules {

    private final RoomName room;
    private final Instant created;
    private String topic;
    private Optional<Name> topicBy;
    private Optional<Instant> topicTime;
    private boolean topicLocked;
    private final Map<String, Name> operators = new LinkedHashMap<>();
    private final Map<String, Name> muted = new LinkedHashMap<>();
    private final Map<String, Name> voiced = new LinkedHashMap<>();
    private final List<RoomChange.Ban> bans = new ArrayList<>();
    private RoomModes modes;

    RoomRules(StoredRoom stored) {
        this.room = stored.name();
        this.created = stored.created();
        this.topic = stored.topic();
        this.topicBy = stored.topicBy();
        this.topicTime = stored.topicTime();
        this.topicLocked = stored.topicLocked();
        stored.operators().forEach(operator -> operators.put(operator.key(), operator));
        stored.muted().forEach(mute -> muted.put(mute.key(), mute));
        stored.voiced().forEach(voice -> voiced.put(voice.key(), voice));
        bans.addAll(stored.bans());
        this.modes = stored.modes();
    }

    /// The topic as a frame (`""` and nobody when there is none).
    ServerFrame.Topic topic() {
        return new ServerFrame.Topic(topic, topicBy, topicTime);
    }

    String topicText() {
        return topic;
    }

    /// Sets the topic for `by`, a member (`operator` if it is one); refused while the topic is
    /// locked to operators.
    Parsed<RoomChange> setTopic(String text, Name by, boolean operator, Instant time) {
        if (topicLocked && !operator) {
            return Parsed.invalid(ErrorCode.NOT_OPERATOR, "only operators may set the topic of " + room);
        }
        // The plain and structured dialects check the text as they read it; an IRC TOPIC (with
        // mIRC colours, say) arrives here as it was sent.
        if (Text.checkShortText(text.strip()) instanceof Parsed.Invalid<String> invalid) {
            return invalid.retype();
        }
        topic = text.strip();
        topicBy = Optional.of(by);
        topicTime = Optional.of(time);
        return Parsed.ok(new RoomChange.TopicSet(room, topic, topicBy, topicTime));
    }

    /// When the room was created.
    Instant created() {
        return created;
    }

    boolean topicLocked() {
        return topicLocked;
    }

    /// The bans, in the order they were set.
    List<RoomChange.Ban> bans() {
        return List.copyOf(bans);
    }

    RoomChange lockTopic(boolean locked) {
        topicLocked = locked;
        return new RoomChange.TopicLocked(room, locked);
    }

    boolean isOperator(Name name) {
        return operators.containsKey(name.key());
    }

    boolean isMuted(Name name) {
        // Asked for every message: no lower-cased key is made while nobody is muted.
        return !muted.isEmpty() && muted.containsKey(name.key());
    }

    /// Whether a member called `name` at `address` may not join.
    boolean isBanned(Name name, InetAddress address) {
        for (RoomChange.Ban ban : bans) {
            if (hits(ban, name, address)) {
                return true;
            }
        }
        return false;
    }

    /// Whether `ban` applies to a member called `name` at `address`.
    static boolean hits(RoomChange.Ban ban, Name name, InetAddress address) {
        return ban.name().filter(banned -> banned.key().equals(name.key())).isPresent()
                || ban.address().filter(banned -> banned.matches(address)).isPresent();
    }

    boolean isVoiced(Name name) {
        return !voiced.isEmpty() && voiced.containsKey(name.key());
    }

    RoomModes modes() {
        return modes;
    }

    /// Why `name` (an operator if `operator`) may not speak here, if it may not: muted, or
    /// the room is moderated and it has no voice.
    Optional<ServerFrame.Error> speechRefusal(Name name, boolean operator) {
        if (isMuted(name)) {
            return Optional.of(new ServerFrame.Error(ErrorCode.MUTED, "you are muted in " + room
                    + ": your message was not sent"));
        }
        if (modes.moderated() && !operator && !isVoiced(name)) {
            return Optional.of(new ServerFrame.Error(ErrorCode.VOICE_NEEDED, room + " is moderated: only its operators"
                    + " and voiced members may speak; your message was not sent"));
        }
        return Optional.empty();
    }

    /// Why a member called `name` at `address` may not join now that the room has `members`,
    /// if it may not. Bans hold for everyone; the invite-only mode, the key and the limit do
    /// not hold for the `admitted` (the invited, and operators).
    Optional<ServerFrame.Error> joinRefusal(Name name, InetAddress address, Optional<String> key, int members,
                                               boolean admitted) {
        if (isBanned(name, address)) {
            return Optional.of(new ServerFrame.Error(ErrorCode.BANNED, "you are banned from " + room));
        }
        if (admitted) {
            return Optional.empty();
        }
        if (modes.inviteOnly()) {
            return Optional.of(new ServerFrame.Error(ErrorCode.INVITE_ONLY, room + " is invite-only: an operator or a"
                    + " member must invite you first"));
        }
        if (modes.key().isPresent() && !modes.key().equals(key)) {
            return Optional.of(new ServerFrame.Error(ErrorCode.BAD_KEY, key.isEmpty()
                    ? room + " has a key: join it with the key" : "wrong key for " + room));
        }
        if (modes.limit().isPresent() && members >= modes.limit().getAsInt()) {
            return Optional.of(new ServerFrame.Error(ErrorCode.ROOM_FULL, room + " is full: it takes at most "
                    + modes.limit().getAsInt() + " members"));
        }
        return Optional.empty();
    }

    /// Gives `target` (a name) a voice or takes it.
    Parsed<RoomChange> setVoiced(String target, boolean on) {
        return setByName(voiced, "voiced", target, on).then(who -> Parsed.ok(new RoomChange.VoiceSet(room, who, on)));
    }

    /// Makes the room moderated or not.
    Parsed<RoomChange> setModerated(boolean on) {
        if (modes.moderated() == on) {
            return Parsed.invalid(ErrorCode.WRONG_STATE, room + (on ? " is moderated already" : " is not moderated"));
        }
        modes = modes.withModerated(on);
        return Parsed.ok(new RoomChange.ModeratedSet(room, on));
    }

    /// Makes the room invite-only or not.
    Parsed<RoomChange> setInviteOnly(boolean on) {
        if (modes.inviteOnly() == on) {
            return Parsed.invalid(ErrorCode.WRONG_STATE, room + (on ? " is invite-only already" : " is not invite-only"));
        }
        modes = modes.withInviteOnly(on);
        return Parsed.ok(new RoomChange.InviteOnlySet(room, on));
    }

    /// Sets the key (a valid one), or (`key` empty) removes it.
    Parsed<RoomChange> setKey(Optional<String> key) {
        if (key.isEmpty() && modes.key().isEmpty()) {
            return Parsed.invalid(ErrorCode.WRONG_STATE, room + " has no key");
        }
        if (key.isPresent() && key.equals(modes.key())) {
            return Parsed.invalid(ErrorCode.WRONG_STATE, room + " has that key already");
        }
        Parsed<Optional<String>> checked = key.isEmpty() ? Parsed.ok(key)
                : Moderation.checkKey(key.get()).then(valid -> Parsed.ok(Optional.of(valid)));
        return checked.then(valid -> {
            modes = modes.withKey(valid);
            return Parsed.ok(new RoomChange.KeySet(room, valid));
        });
    }

    /// Sets the member limit (written as [Moderation#checkLimit] reads it), or
    /// (`limit` empty) removes it.
    Parsed<RoomChange> setLimit(Optional<String> limit) {
        if (limit.isEmpty()) {
            if (modes.limit().isEmpty()) {
                return Parsed.invalid(ErrorCode.WRONG_STATE, room + " has no member limit");
            }
            modes = modes.withLimit(OptionalInt.empty());
            return Parsed.ok(new RoomChange.LimitSet(room, OptionalInt.empty()));
        }
        return Moderation.checkLimit(limit.get()).then(value -> {
            if (modes.limit().equals(OptionalInt.of(value))) {
                return Parsed.invalid(ErrorCode.WRONG_STATE, room + " has that member limit already");
            }
            modes = modes.withLimit(OptionalInt.of(value));
            return Parsed.ok(new RoomChange.LimitSet(room, OptionalInt.of(value)));
        });
    }

    /// Makes `target` (a name) an operator or not.
    Parsed<RoomChange> setOperator(String target, boolean on) {
        return setByName(operators, "an operator", target, on)
                .then(who -> Parsed.ok(new RoomChange.OperatorSet(room, who, on)));
    }

    /// Mutes `target` (a name) or lets it speak.
    Parsed<RoomChange> setMuted(String target, boolean on) {
        return setByName(muted, "muted", target, on).then(who -> Parsed.ok(new RoomChange.MuteSet(room, who, on)));
    }

    /// Bans `target`: an IP address, or a name (and then also the address of the member of
    /// that name present now, as `presentAddress` tells, unless it is the actor's own).
    Parsed<RoomChange.Ban> ban(String target, Name actor, InetAddress actorAddress,
                               Function<Name, Optional<InetAddress>> presentAddress, Instant time) {
        Parsed<RoomChange.Ban> wanted;
        if (AddressBan.looksLikeAddress(target)) {
            wanted = AddressBan.parse(target).then(address -> address.matches(actorAddress)
                    ? Parsed.invalid(ErrorCode.BAD_TARGET, "that would ban your own address")
                    : Parsed.ok(new RoomChange.Ban(Optional.empty(), Optional.of(address), actor, time)));
        } else if (Name.parse(target) instanceof Parsed.Ok<Name>(Name who)) {
            wanted = who.key().equals(actor.key())
                    ? Parsed.invalid(ErrorCode.BAD_TARGET, "you cannot ban yourself")
                    : Parsed.ok(new RoomChange.Ban(Optional.of(who), presentAddress.apply(who).map(AddressBan::new)
                            .filter(address -> !address.matches(actorAddress)), actor, time));
        } else {
            wanted = Parsed.invalid(ErrorCode.NAME_INVALID, "'" + target + "' is neither a name nor an IP address");
        }
        return wanted.then(ban -> {
            if (bans.stream().anyMatch(existing -> sameTarget(existing, ban))) {
                return Parsed.invalid(ErrorCode.WRONG_STATE, target + " is banned from " + room + " already");
            }
            bans.add(ban);
            return Parsed.ok(ban);
        });
    }

    /// Lifts every ban of `target`: an address (as parsed, so `/64` forms match), or a name.
    Parsed<List<RoomChange.Ban>> unban(String target) {
        Optional<String> address = AddressBan.looksLikeAddress(target)
                ? Optional.of(AddressBan.parse(target)).flatMap(parsed -> parsed instanceof Parsed.Ok<AddressBan>(var ban)
                        ? Optional.of(ban.toString()) : Optional.empty())
                : Optional.empty();
        String nameKey = target.toLowerCase(Locale.ROOT);
        List<RoomChange.Ban> lifted = bans.stream().filter(ban -> address.isPresent()
                        ? ban.address().map(AddressBan::toString).equals(address)
                        : ban.name().filter(banned -> banned.key().equals(nameKey)).isPresent())
                .toList();
        if (lifted.isEmpty()) {
            return Parsed.invalid(ErrorCode.NO_SUCH_NAME, target + " is not banned from " + room);
        }
        bans.removeAll(lifted);
        return Parsed.ok(lifted);
    }

    private Parsed<Name> setByName(Map<String, Name> names, String what, String target, boolean on) {
        if (!(Name.parse(target) instanceof Parsed.Ok<Name>(Name who))) {
            return Parsed.invalid(ErrorCode.NAME_INVALID, "'" + target + "' is not a name");
        }
        if (on == names.containsKey(who.key())) {
            return Parsed.invalid(ErrorCode.WRONG_STATE, who + (on ? " is " : " is not ") + what + " in " + room
                    + (on ? " already" : ""));
        }
        if (on) {
            names.put(who.key(), who);
        } else {
            names.remove(who.key());
        }
        return Parsed.ok(who);
    }

    private static boolean sameTarget(RoomChange.Ban a, RoomChange.Ban b) {
        return a.name().map(Name::key).equals(b.name().map(Name::key)) && a.address().equals(b.address());
    }
}
