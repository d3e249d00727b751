package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/// A room's lasting state and the rules it sets: the topic and its lock, the operators, the
/// muted and the bans. Each change returns the [RoomChange] to record (or a refusal, with
/// nothing changed); who is told is the [Room]'s business. Operators and mutes are kept by
/// name ([Name#key()]), so they last across reconnects and restarts.
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
    private final List<RoomChange.Ban> bans = new ArrayList<>();

    RoomRules(StoredRoom stored) {
        this.room = stored.name();
        this.created = stored.created();
        this.topic = stored.topic();
        this.topicBy = stored.topicBy();
        this.topicTime = stored.topicTime();
        this.topicLocked = stored.topicLocked();
        stored.operators().forEach(operator -> operators.put(operator.key(), operator));
        stored.muted().forEach(mute -> muted.put(mute.key(), mute));
        bans.addAll(stored.bans());
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
