package chatroom.client.core;

import chatroom.protocol.Member;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/// The rooms this client is in or is joining, in the order it joined them, with their member
/// lists; which of them is the current room; who is away. It applies the server's room and
/// presence frames to them, and hands back a room's unsent messages when this client is no
/// longer in it.
///
/// Guarded by the client's lock ([ClientState]). Events are added to the list each method is given.
final class Rooms {

    private final Identity identity;
    private final Delivery delivery;
    private final CatchUp catchUp;
    /// The rooms this client is in or is joining, by key, in the order it joined them.
    private final LinkedHashMap<String, RoomState> rooms = new LinkedHashMap<>();
    private Optional<RoomName> current = Optional.empty();
    /// Names (keys) that have an away text.
    private final Set<String> away = new HashSet<>();

    // Per link.
    /// Rooms this client is leaving on purpose (the default room, which every login enters):
    /// their frames are ignored until its own part.
    private final Set<String> leaving = new HashSet<>();
    /// Member lists arriving for rooms this client is not in (answers to `WHO`).
    private final Map<String, List<Member>> listsElsewhere = new HashMap<>();

    Rooms(Identity identity, Delivery delivery, CatchUp catchUp) {
        this.identity = identity;
        this.delivery = delivery;
        this.catchUp = catchUp;
    }

    // ----- for the session and the commands -----

    /// A new link: nothing of the last link's lists or replays is still coming.
    void newLink() {
        leaving.clear();
        listsElsewhere.clear();
        rooms.values().forEach(RoomState::newLink);
    }

    /// After the first login (or on a version 1 server): this client is in `loginRoom` only,
    /// unless it already was in it.
    void enteredOnly(RoomName loginRoom) {
        if (!rooms.containsKey(loginRoom.key())) {
            rooms.clear();
            rooms.put(loginRoom.key(), new RoomState(loginRoom));
            current = Optional.of(loginRoom);
        }
    }

    boolean isIn(RoomName room) {
        return rooms.containsKey(room.key());
    }

    /// The room's name as the server spells it, if this client is in it or joining it.
    Optional<RoomName> find(RoomName room) {
        return Optional.ofNullable(rooms.get(room.key())).map(state -> state.name);
    }

    /// Every room this client is in or joining, in the order it joined them.
    List<RoomName> all() {
        return rooms.values().stream().map(state -> state.name).toList();
    }

    Optional<RoomName> current() {
        return current;
    }

    /// Starts joining `room`.
    RoomName joining(RoomName room) {
        rooms.put(room.key(), new RoomState(room));
        return room;
    }

    /// Makes `room` (one this client is in or joining) the current room.
    void makeCurrent(RoomName room, List<ClientEvent> out) {
        if (current.filter(room::sameAs).isEmpty()) {
            current = Optional.of(room);
            out.add(inRooms());
        }
    }

    /// This client asked to leave `room`: if it is the current room, the room joined last
    /// before it becomes the current one at once, so that the lines typed next go there.
    void parting(RoomName room, List<ClientEvent> out) {
        RoomState state = rooms.get(room.key());
        if (current.filter(state.name::sameAs).isPresent()) {
            current = lastJoined(state);
            out.add(inRooms());
        }
    }

    /// This client leaves `room` on purpose: its frames are ignored until its own part.
    void leavingQuietly(RoomName room) {
        leaving.add(room.key());
    }

    /// The server refused to let this client in `room`.
    void joinRefused(RoomName room, String why, List<ClientEvent> out) {
        RoomState state = rooms.get(room.key());
        if (state != null) {
            leave(state, why, out);
        }
    }

    /// The server refused to let this client out of `room`, which it was leaving quietly.
    void partRefused(RoomName room) {
        leaving.remove(room.key());
    }

    // ----- frames -----

    void event(RoomName room, ServerFrame.RoomEvent event, List<ClientEvent> out) {
        if (leaving.contains(room.key())) {
            if (event instanceof ServerFrame.Parted parted && identity.isMe(parted.name())) {
                leaving.remove(room.key());
            }
            return;
        }
        // Null for a room this client is not in: an answer to WHO or TOPIC.
        RoomState state = rooms.get(room.key());
        RoomName name = state == null ? room : state.name;
        switch (event) {
            case ServerFrame.Members chunk -> members(state, room, name, chunk, out);
            case ServerFrame.History history -> {
                if (state != null) {
                    state.replayRemaining = history.count();
                    if (history.count() == 0) {
                        replayed(state);
                    }
                }
            }
            case ServerFrame.Chat chat -> chat(state, name, chat, out);
            case ServerFrame.Joined joined -> {
                out.add(new ClientEvent.Presence(Optional.of(name), joined));
                if (state != null) {
                    // The joiner may be listed already, with the flags the server gave them (the
                    // creator of a room is its operator): a join does not take those away.
                    // Otherwise the join carries them (an operator by name is one at once).
                    String key = joined.name().key();
                    Member listed = state.get(key);
                    if (joined.member().away()) {
                        away.add(key);
                    }
                    state.put(listed != null ? listed : joined.member().withAway(away.contains(key)));
                    out.add(state.list(false));
                    if (identity.isMe(joined.name()) && !state.joined) {
                        state.joined = true;
                        out.add(inRooms());
                    }
                }
            }
            case ServerFrame.Parted parted -> gone(state, name, parted.name(), parted, "you left " + name, out);
            case ServerFrame.Kicked kicked -> gone(state, name, kicked.name(), kicked,
                    "you were kicked out of " + name, out);
            case ServerFrame.Topic topic -> out.add(new ClientEvent.Topic(name, topic));
            case ServerFrame.Moderated moderated -> {
                out.add(new ClientEvent.Moderated(name, moderated));
                if (state == null) {
                    return;
                }
                if (moderated.action() == Moderation.CLOSE) {
                    leave(state, name + " was closed", out);
                } else if (state.moderated(moderated)) {
                    out.add(state.list(false));
                }
            }
        }
    }

    /// `name` is away (with a text) or back (without).
    void away(Name name, Optional<String> text, List<ClientEvent> out) {
        if (text.isPresent()) {
            away.add(name.key());
        } else {
            away.remove(name.key());
        }
        out.add(new ClientEvent.Away(name, text));
        forEachRoomWith(name, room -> room.put(room.get(name.key()).withAway(text.isPresent())), out);
    }

    /// A member left the server.
    void left(ServerFrame.Left left, List<ClientEvent> out) {
        away.remove(left.name().key());
        out.add(new ClientEvent.Presence(Optional.empty(), left));
        forEachRoomWith(left.name(), room -> room.remove(left.name().key()), out);
    }

    /// A member (maybe this client) changed names.
    void renamed(ServerFrame.Renamed renamed, List<ClientEvent> out) {
        if (away.remove(renamed.from().key())) {
            away.add(renamed.to().key());
        }
        out.add(new ClientEvent.Presence(Optional.empty(), renamed));
        forEachRoomWith(renamed.from(), room -> {
            Member member = room.remove(renamed.from().key());
            room.put(new Member(renamed.to(), member.operator(), member.muted(), member.away(), member.voiced()));
        }, out);
    }

    private void members(RoomState state, RoomName room, RoomName name, ServerFrame.Members chunk,
                         List<ClientEvent> out) {
        if (state != null) {
            state.chunk(chunk).ifPresent(out::add);
            return;
        }
        listsElsewhere.computeIfAbsent(room.key(), key -> new ArrayList<>()).addAll(chunk.members());
        if (!chunk.more()) {
            var list = new RoomState(name);
            listsElsewhere.remove(room.key()).forEach(list::put);
            out.add(list.list(true));
        }
    }

    private void chat(RoomState state, RoomName name, ServerFrame.Chat chat, List<ClientEvent> out) {
        boolean fromHistory = state != null && state.replayRemaining > 0;
        if (fromHistory) {
            state.replayRemaining--;
        }
        if (catchUp.isNew(name, chat.id())) {
            out.add(new ClientEvent.Message(name, chat, fromHistory));
            delivery.confirm(name, chat, out);
        }
        if (fromHistory && state.replayRemaining == 0) {
            replayed(state);
        }
    }

    private void replayed(RoomState state) {
        state.replayRemaining = 0;
        delivery.replayed(state.name);
    }

    /// `name` left `room` (on purpose or kicked out); if it is this client, the room is left.
    private void gone(RoomState state, RoomName room, Name name, ServerFrame frame, String why,
                      List<ClientEvent> out) {
        out.add(new ClientEvent.Presence(Optional.of(room), frame));
        if (state == null) {
            return;
        }
        if (identity.isMe(name)) {
            leave(state, why, out);
        } else {
            state.remove(name.key());
            out.add(state.list(false));
        }
    }

    /// This client is no longer in `state`'s room: its unsent messages are handed back, and
    /// another room becomes the current one if it was.
    private void leave(RoomState state, String why, List<ClientEvent> out) {
        rooms.remove(state.name.key());
        delivery.dropAll(state.name, why, out);
        boolean wasCurrent = current.filter(state.name::sameAs).isPresent();
        if (wasCurrent) {
            current = lastJoined(state);
        }
        if (state.joined || wasCurrent) {
            out.add(inRooms());
        }
    }

    /// The room joined last, other than `except`.
    private Optional<RoomName> lastJoined(RoomState except) {
        return rooms.values().stream().filter(room -> room.joined && room != except)
                .reduce((first, second) -> second).map(room -> room.name);
    }

    private void forEachRoomWith(Name name, Consumer<RoomState> change, List<ClientEvent> out) {
        for (RoomState room : rooms.values()) {
            if (room.has(name.key())) {
                change.accept(room);
                out.add(room.list(false));
            }
        }
    }

    private ClientEvent.InRooms inRooms() {
        return new ClientEvent.InRooms(rooms.values().stream().filter(room -> room.joined).map(room -> room.name)
                .toList(), current);
    }
}
