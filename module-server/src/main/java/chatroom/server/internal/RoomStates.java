package chatroom.server.internal;

import chatroom.protocol.Name;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/// The lasting state of every room, built by applying [RoomChange]s in order, and the
/// changes that rebuild it (what a compacted state log holds).
///
/// Not thread-safe: confined like the [StateLog] that owns it.
final class RoomStates {

    /// Rooms by [chatroom.protocol.RoomName#key()], in creation order.
    private final Map<String, StoredRoom> rooms = new LinkedHashMap<>();
    /// Lines [#rebuild] returns, kept up to date change by change.
    private long needed;

    /// Applies `change`; returns why it changes nothing, if it does not apply (a change of a
    /// room that does not exist).
    Optional<String> apply(RoomChange change) {
        String key = change.room().key();
        StoredRoom before = rooms.get(key);
        if (change instanceof RoomChange.Created created) {
            if (before == null) {
                put(key, null, StoredRoom.created(created.room(), created.time()));
            }
            return Optional.empty();
        }
        if (before == null) {
            return Optional.of("a change of room " + change.room() + ", which does not exist");
        }
        StoredRoom after = switch (change) {
            case RoomChange.Created created -> before;
            case RoomChange.TopicSet topic -> before.withTopic(topic.text(), topic.by(), topic.time());
            case RoomChange.TopicLocked locked -> before.withTopicLocked(locked.locked());
            case RoomChange.OperatorSet operator ->
                    before.withOperators(set(before.operators(), operator.name(), operator.operator()));
            case RoomChange.MuteSet mute -> before.withMuted(set(before.muted(), mute.name(), mute.muted()));
            case RoomChange.VoiceSet voice -> before.withVoiced(set(before.voiced(), voice.name(), voice.voiced()));
            case RoomChange.ModeratedSet moderated ->
                    before.withModes(before.modes().withModerated(moderated.moderated()));
            case RoomChange.InviteOnlySet inviteOnly ->
                    before.withModes(before.modes().withInviteOnly(inviteOnly.inviteOnly()));
            case RoomChange.KeySet keySet -> before.withModes(before.modes().withKey(keySet.key()));
            case RoomChange.LimitSet limit -> before.withModes(before.modes().withLimit(limit.limit()));
            case RoomChange.BanAdded ban -> before.bans().contains(ban.ban()) ? before
                    : before.withBans(append(before.bans(), ban.ban()));
            case RoomChange.BanRemoved ban ->
                    before.withBans(before.bans().stream().filter(existing -> !existing.equals(ban.ban())).toList());
            case RoomChange.Closed closed -> null;
        };
        put(key, before, after);
        return Optional.empty();
    }

    boolean has(chatroom.protocol.RoomName room) {
        return rooms.containsKey(room.key());
    }

    /// Every room, in creation order.
    List<StoredRoom> rooms() {
        return List.copyOf(rooms.values());
    }

    /// How many changes [#rebuild] returns.
    long needed() {
        return needed;
    }

    /// The fewest changes that rebuild this state, in an order that does.
    List<RoomChange> rebuild() {
        List<RoomChange> changes = new ArrayList<>();
        for (StoredRoom room : rooms.values()) {
            changes.addAll(rebuild(room));
        }
        return changes;
    }

    private static List<RoomChange> rebuild(StoredRoom room) {
        List<RoomChange> changes = new ArrayList<>();
        changes.add(new RoomChange.Created(room.name(), room.created()));
        if (!room.topic().isEmpty() || room.topicBy().isPresent() || room.topicTime().isPresent()) {
            changes.add(new RoomChange.TopicSet(room.name(), room.topic(), room.topicBy(), room.topicTime()));
        }
        if (room.topicLocked()) {
            changes.add(new RoomChange.TopicLocked(room.name(), true));
        }
        room.operators().forEach(name -> changes.add(new RoomChange.OperatorSet(room.name(), name, true)));
        room.muted().forEach(name -> changes.add(new RoomChange.MuteSet(room.name(), name, true)));
        room.bans().forEach(ban -> changes.add(new RoomChange.BanAdded(room.name(), ban)));
        room.voiced().forEach(name -> changes.add(new RoomChange.VoiceSet(room.name(), name, true)));
        RoomModes modes = room.modes();
        if (modes.moderated()) {
            changes.add(new RoomChange.ModeratedSet(room.name(), true));
        }
        if (modes.inviteOnly()) {
            changes.add(new RoomChange.InviteOnlySet(room.name(), true));
        }
        if (modes.key().isPresent()) {
            changes.add(new RoomChange.KeySet(room.name(), modes.key()));
        }
        if (modes.limit().isPresent()) {
            changes.add(new RoomChange.LimitSet(room.name(), modes.limit()));
        }
        return changes;
    }

    private static long lines(StoredRoom room) {
        if (room == null) {
            return 0;
        }
        boolean topic = !room.topic().isEmpty() || room.topicBy().isPresent() || room.topicTime().isPresent();
        RoomModes modes = room.modes();
        return 1 + (topic ? 1 : 0) + (room.topicLocked() ? 1 : 0) + room.operators().size() + room.muted().size()
                + room.bans().size() + room.voiced().size() + (modes.moderated() ? 1 : 0) + (modes.inviteOnly() ? 1 : 0)
                + (modes.key().isPresent() ? 1 : 0) + (modes.limit().isPresent() ? 1 : 0);
    }

    private void put(String key, StoredRoom before, StoredRoom after) {
        needed += lines(after) - lines(before);
        if (after == null) {
            rooms.remove(key);
        } else {
            rooms.put(key, after);
        }
    }

    private static List<Name> set(List<Name> names, Name name, boolean member) {
        List<Name> without = names.stream().filter(existing -> !existing.key().equals(name.key())).toList();
        return member ? append(without, name) : without;
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.add(element);
        return copy;
    }
}
