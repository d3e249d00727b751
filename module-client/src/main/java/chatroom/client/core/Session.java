package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.Command;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Member;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;
import chatroom.protocol.Text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/// What a [ChatClient] knows of the chat, kept across reconnects: the rooms it is in (their
/// members, the last message seen in each), its current room, its private conversations and
/// its [Outbox]. It turns the server's frames into [ClientEvent]s and the person's commands
/// into frames, and after a reconnect it rejoins every room it was in, asking each only for
/// what it missed.
///
/// Guarded by the [ChatClient]'s lock. Events are added to the list each method is given, for
/// the client to publish once it has let go of the lock.
final class Session {

    /// The highest protocol version this client speaks.
    static final int VERSION = 2;

    private final Outbox outbox = new Outbox();
    private final Receipts receipts = new Receipts();
    private Name me;
    private int version = 1;
    /// The room every login enters; `null` before the first login.
    private RoomName defaultRoom;
    /// The rooms this client is in or is joining, by key, in the order it joined them.
    private final LinkedHashMap<String, RoomState> rooms = new LinkedHashMap<>();
    private Optional<RoomName> current = Optional.empty();
    /// The last message id seen in each room (kept after leaving it, so that joining it again
    /// replays only what is new) and in each private conversation (by the other's name key).
    private final Map<String, Long> lastIds = new HashMap<>();
    /// The members this client has had private messages with, by key.
    private final Map<String, Name> peers = new LinkedHashMap<>();
    /// Names (keys) that have an away text.
    private final Set<String> away = new HashSet<>();
    /// Messages to the current room typed before the first login: to the default room, once
    /// its name is known.
    private final List<String> beforeLogin = new ArrayList<>();

    // Per link.
    /// Where to write frames; `null` while disconnected.
    private BiConsumer<ClientFrame, Optional<String>> link;
    /// Private conversations whose history this link asked for, by key: the messages still to
    /// come, or -1 before the count has arrived.
    private final Map<String, Integer> privateReplay = new HashMap<>();
    /// Rooms and members (keys) with messages from before this link, which wait for the
    /// history that may confirm some of them before they are sent again. Messages to other
    /// targets go out at once, in the order they were given (the server reads them after the
    /// `JOIN` or `PART` given before them).
    private final Set<String> awaitingReplay = new HashSet<>();
    /// Rooms this client is leaving on purpose (the default room, which every login enters):
    /// their frames are ignored until its own part.
    private final Set<String> leaving = new HashSet<>();
    /// Member lists arriving for rooms this client is not in (answers to `WHO`).
    private final Map<String, List<Member>> listsElsewhere = new HashMap<>();
    private List<ServerFrame.RoomInfo> roomList;
    private int roomListRemaining;

    Session(Name me) {
        this.me = me;
    }

    Name me() {
        return me;
    }

    /// What `LOGIN since=` asks for: the default room's history after the last message seen.
    OptionalLong loginSince() {
        return defaultRoom == null ? OptionalLong.empty() : since(defaultRoom);
    }

    /// A login succeeded on a new link that writes through `writer`: catches up with what
    /// happened while there was none. The server has put this client in `loginRoom`; every
    /// other room it was in is joined again and every private conversation asked for what it
    /// missed (version 2); the default room is left again if the person had left it.
    void linked(BiConsumer<ClientFrame, Optional<String>> writer, int spoken, RoomName loginRoom, Name name, List<ClientEvent> out) {
        link = writer;
        version = spoken;
        me = name;
        receipts.clear();
        outbox.newLink();
        privateReplay.clear();
        awaitingReplay.clear();
        outbox.targets().forEach(target -> awaitingReplay.add(Outbox.key(target)));
        leaving.clear();
        listsElsewhere.clear();
        roomList = null;
        rooms.values().forEach(RoomState::newLink);
        boolean first = defaultRoom == null;
        defaultRoom = loginRoom;
        beforeLogin.forEach(text -> outbox.add(loginRoom, text, false));
        beforeLogin.clear();
        if (first || version < 2) {
            if (!rooms.containsKey(loginRoom.key())) {
                rooms.clear();
                rooms.put(loginRoom.key(), new RoomState(loginRoom));
                current = Optional.of(loginRoom);
            }
        } else {
            if (!rooms.containsKey(loginRoom.key())) {
                leaving.add(loginRoom.key());
                send(new ClientFrame.Part(loginRoom, ""), Optional.empty());
            }
            for (RoomState room : List.copyOf(rooms.values())) {
                if (!room.name.sameAs(loginRoom)) {
                    send(new ClientFrame.Join(room.name, since(room.name)), Optional.empty());
                }
            }
            outbox.targets().forEach(target -> {
                if (target instanceof Name peer) {
                    peers.putIfAbsent(peer.key(), peer);
                }
            });
            for (Name peer : peers.values()) {
                privateReplay.put(peer.key(), -1);
                send(new ClientFrame.History(peer, since(peer)), Optional.empty());
            }
        }
        for (Target target : outbox.targets()) {
            flush(target);
        }
    }

    /// The link ended.
    void unlinked() {
        link = null;
        receipts.clear();
    }

    /// Applies one frame; returns the server's goodbye if it said one.
    Optional<String> handle(ServerFrame frame, List<ClientEvent> out) {
        switch (frame) {
            case ServerFrame.InRoom(RoomName room, ServerFrame.RoomEvent event) -> roomEvent(room, event, out);
            // Version 1: the default room's events come bare.
            case ServerFrame.RoomEvent event -> roomEvent(defaultRoom, event, out);
            case ServerFrame.Private(Name to, ServerFrame.Chat chat) -> privateMessage(to, chat, out);
            case ServerFrame.PrivateHistory history -> {
                if (history.count() == 0) {
                    privateReplayed(history.with());
                } else {
                    privateReplay.put(history.with().key(), history.count());
                }
            }
            case ServerFrame.Away(Name name, Optional<String> text) -> {
                if (text.isPresent()) {
                    away.add(name.key());
                } else {
                    away.remove(name.key());
                }
                out.add(new ClientEvent.Away(name, text));
                forEachRoomWith(name, room -> {
                    Member member = room.members.get(name.key());
                    room.put(new Member(member.name(), member.operator(), member.muted(), text.isPresent()));
                }, out);
            }
            case ServerFrame.RoomList list -> {
                roomList = new ArrayList<>();
                roomListRemaining = list.count();
                if (list.count() == 0) {
                    out.add(new ClientEvent.RoomList(List.of()));
                }
            }
            case ServerFrame.RoomInfo info -> {
                if (roomList != null) {
                    roomList.add(info);
                    if (--roomListRemaining == 0) {
                        out.add(new ClientEvent.RoomList(roomList));
                        roomList = null;
                    }
                }
            }
            case ServerFrame.Left left -> {
                away.remove(left.name().key());
                out.add(new ClientEvent.Presence(Optional.empty(), left));
                forEachRoomWith(left.name(), room -> room.members.remove(left.name().key()), out);
            }
            case ServerFrame.Renamed renamed -> {
                if (renamed.from().key().equals(me.key())) {
                    me = renamed.to();
                }
                if (away.remove(renamed.from().key())) {
                    away.add(renamed.to().key());
                }
                out.add(new ClientEvent.Presence(Optional.empty(), renamed));
                forEachRoomWith(renamed.from(), room -> {
                    Member member = room.members.remove(renamed.from().key());
                    room.put(new Member(renamed.to(), member.operator(), member.muted(), member.away()));
                }, out);
            }
            case ServerFrame.Notice notice -> out.add(new ClientEvent.Notice(notice.text(), false));
            case ServerFrame.Error error -> error(error, out);
            case ServerFrame.Ping ping -> {
                if (link != null) {
                    link.accept(new ClientFrame.Pong(ping.token()), Optional.empty());
                }
            }
            case ServerFrame.Pong pong -> {
                // An answer to a PING of ours: nothing to do.
            }
            case ServerFrame.Bye bye -> {
                return Optional.of(bye.text());
            }
            case ServerFrame.Hello hello -> {
                // A second HELLO or WELCOME means nothing.
            }
            case ServerFrame.Welcome welcome -> {
            }
        }
        return Optional.empty();
    }

    // ----- commands -----

    /// Sends `text` to `to`, or to the current room: now if connected and the target's
    /// history has been replayed, else as soon as it has. Refused, and not queued, if the
    /// text is not a valid message or the target is not one this client can send to.
    Parsed<String> say(Optional<Target> to, String text, boolean action, List<ClientEvent> out) {
        if (!(Text.checkMessage(text) instanceof Parsed.Ok<String>)) {
            return Text.checkMessage(text);
        }
        if (defaultRoom == null) {
            // Never logged in: the current room will be the default room, whose name is not
            // known yet; what else the server offers is not known either.
            if (to.isPresent() || action) {
                return notConnected();
            }
            beforeLogin.add(text);
            out.add(unconfirmed());
            return Parsed.ok(text);
        }
        if (version < 2 && (action || to.filter(target -> !isDefaultRoom(target)).isPresent())) {
            return versionOne();
        }
        Optional<Target> resolved = to.or(() -> current.map(Target.class::cast));
        if (resolved.isEmpty()) {
            return Parsed.invalid(ErrorCode.NOT_IN_ROOM, NO_ROOM);
        }
        Target target = switch (resolved.get()) {
            case RoomName room -> {
                RoomState state = rooms.get(room.key());
                if (state == null) {
                    yield null;
                }
                yield state.name;
            }
            case Name name -> name;
        };
        if (target == null) {
            RoomName room = (RoomName) resolved.get();
            return Parsed.invalid(ErrorCode.NOT_IN_ROOM, "you are not in " + room + "; /join " + room + " first");
        }
        if (target instanceof Name name && name.key().equals(me.key())) {
            return Parsed.invalid(ErrorCode.BAD_TARGET, "you cannot send a private message to yourself");
        }
        outbox.add(target, text, action);
        flush(target);
        out.add(unconfirmed());
        return Parsed.ok(text);
    }

    /// Does what `command` asks: sends its frames, or (for `/join` of a room this client is in)
    /// makes a room the current one. [Command.Help] and [Command.Quit] send nothing: the
    /// caller shows the help or quits.
    Parsed<Command> perform(Command command, List<ClientEvent> out) {
        if (version < 2 && !(command instanceof Command.Say || command instanceof Command.Nick
                || command instanceof Command.Help || command instanceof Command.Quit)) {
            return versionOne();
        }
        return switch (command) {
            case Command.Say say -> say(Optional.empty(), say.text(), false, out).then(text -> Parsed.ok(command));
            case Command.Me me -> say(Optional.empty(), me.text(), true, out).then(text -> Parsed.ok(command));
            case Command.Msg msg -> say(Optional.of(msg.to()), msg.text(), false, out).then(text -> Parsed.ok(command));
            case Command.Join join -> join(join.room(), out).then(done -> Parsed.ok(command));
            case Command.Part part -> inRoom(part.room(), command, room -> part(room, part.reason(), command, out));
            case Command.Rooms rooms -> connected(command, new ClientFrame.ListRooms());
            case Command.Who who -> inRoom(who.room(), command, room -> connected(command, new ClientFrame.Who(room)));
            case Command.Nick nick -> connected(command, new ClientFrame.Nick(nick.name()));
            case Command.Topic topic -> inRoom(topic.room(), command,
                    room -> connected(command, new ClientFrame.Topic(room, topic.text())));
            case Command.Away away -> connected(command, new ClientFrame.Away(away.text().filter(t -> !t.isBlank())));
            case Command.Kick kick -> inRoom(kick.room(), command,
                    room -> connected(command, new ClientFrame.Kick(room, kick.name(), kick.reason())));
            case Command.Moderate moderate -> moderate.action() == Moderation.CLOSE && moderate.room().isEmpty()
                    ? Parsed.invalid(ErrorCode.BAD_COMMAND, "usage: /close #room")
                    : inRoom(moderate.room(), command, room -> connected(command,
                            new ClientFrame.Moderate(room, moderate.action(), moderate.target())));
            case Command.Oper oper -> connected(command, new ClientFrame.Oper(oper.password()));
            case Command.Help help -> Parsed.ok(command);
            case Command.Quit quit -> Parsed.ok(command);
        };
    }

    /// `/join`: the room becomes the current room at once, as in the plain dialect, so that
    /// the lines typed next go there whatever the network's delay (they wait until the server
    /// has let this client in). A room this client is not in is joined; if the server refuses,
    /// the room it was in last becomes the current one again.
    private Parsed<RoomName> join(RoomName room, List<ClientEvent> out) {
        RoomState known = rooms.get(room.key());
        if (known == null) {
            if (link == null) {
                return notConnected();
            }
            known = new RoomState(room);
            rooms.put(room.key(), known);
            send(new ClientFrame.Join(room, since(room)), Optional.empty());
        }
        if (current.filter(known.name::sameAs).isEmpty()) {
            current = Optional.of(known.name);
            out.add(inRooms());
        }
        return Parsed.ok(known.name);
    }

    /// `/part`: if it is the current room, the room joined last before it becomes the current
    /// one at once, so that the lines typed next go there.
    private Parsed<Command> part(RoomName room, String reason, Command command, List<ClientEvent> out) {
        RoomState state = rooms.get(room.key());
        if (state == null) {
            return Parsed.invalid(ErrorCode.NOT_IN_ROOM, "you are not in " + room);
        }
        Parsed<Command> sent = connected(command, new ClientFrame.Part(state.name, reason));
        if (sent instanceof Parsed.Ok<Command> && current.filter(state.name::sameAs).isPresent()) {
            current = lastJoined(state);
            out.add(inRooms());
        }
        return sent;
    }

    /// The room joined last, other than `except`.
    private Optional<RoomName> lastJoined(RoomState except) {
        return rooms.values().stream().filter(room -> room.joined && room != except)
                .reduce((first, second) -> second).map(room -> room.name);
    }

    private Parsed<Command> inRoom(Optional<RoomName> room, Command command,
                                   java.util.function.Function<RoomName, Parsed<Command>> action) {
        Optional<RoomName> resolved = room.or(() -> current);
        return resolved.isEmpty() ? Parsed.invalid(ErrorCode.NOT_IN_ROOM, NO_ROOM) : action.apply(resolved.get());
    }

    private Parsed<Command> connected(Command command, ClientFrame frame) {
        if (link == null) {
            return notConnected();
        }
        send(frame, Optional.empty());
        return Parsed.ok(command);
    }

    private static <T> Parsed<T> notConnected() {
        return Parsed.invalid(ErrorCode.WRONG_STATE, "not connected: wait until the client has reconnected"
                + " (or /reconnect), then try again");
    }

    private static <T> Parsed<T> versionOne() {
        return Parsed.invalid(ErrorCode.UNKNOWN_COMMAND, "this server speaks protocol version 1: it has one room"
                + " and no commands but /nick and /quit");
    }

    private static final String NO_ROOM = "you are in no room: /join #room to enter one, /rooms lists them";

    // ----- frames -----

    private void roomEvent(RoomName room, ServerFrame.RoomEvent event, List<ClientEvent> out) {
        if (leaving.contains(room.key())) {
            if (event instanceof ServerFrame.Parted parted && isMe(parted.name())) {
                leaving.remove(room.key());
            }
            return;
        }
        // Null for a room this client is not in: an answer to WHO or TOPIC.
        RoomState state = rooms.get(room.key());
        RoomName name = state == null ? room : state.name;
        switch (event) {
            case ServerFrame.Members chunk -> {
                List<Member> arriving = state != null ? state.arriving
                        : listsElsewhere.computeIfAbsent(room.key(), key -> new ArrayList<>());
                arriving.addAll(chunk.members());
                if (!chunk.more()) {
                    if (state != null) {
                        state.members.clear();
                        state.arriving.forEach(state::put);
                        state.arriving.clear();
                        out.add(state.list(true));
                    } else {
                        var list = new RoomState(name);
                        listsElsewhere.remove(room.key()).forEach(list::put);
                        out.add(list.list(true));
                    }
                }
            }
            case ServerFrame.History history -> {
                if (state != null) {
                    state.replayRemaining = history.count();
                    if (history.count() == 0) {
                        replayed(state);
                    }
                }
            }
            case ServerFrame.Chat chat -> {
                boolean fromHistory = state != null && state.replayRemaining > 0;
                if (fromHistory) {
                    state.replayRemaining--;
                }
                if (chat.id() > lastIds.getOrDefault(room.key(), 0L)) {
                    lastIds.put(room.key(), chat.id());
                    out.add(new ClientEvent.Message(name, chat, fromHistory));
                    confirm(name, chat, out);
                }
                if (fromHistory && state.replayRemaining == 0) {
                    replayed(state);
                }
            }
            case ServerFrame.Joined joined -> {
                out.add(new ClientEvent.Presence(Optional.of(name), joined));
                if (state != null) {
                    state.put(new Member(joined.name(), false, false, away.contains(joined.name().key())));
                    out.add(state.list(false));
                    if (isMe(joined.name()) && !state.joined) {
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
                    return;
                }
                Optional<Member> target = moderated.target()
                        .map(value -> state.members.get(value.toLowerCase(Locale.ROOT)));
                if (target.isPresent()) {
                    switch (moderated.action()) {
                        case OP, DEOP, MUTE, UNMUTE -> {
                            state.put(flagged(target.get(), moderated.action(),
                                    moderated.action() == Moderation.OP || moderated.action() == Moderation.MUTE));
                            out.add(state.list(false));
                        }
                        case BAN, UNBAN, LOCK_TOPIC, UNLOCK_TOPIC, CLOSE -> {
                            // No flag in the member list; a banned member is kicked out separately.
                        }
                    }
                }
            }
        }
    }

    /// `name` left `room` (on purpose or kicked out); if it is this client, the room is left.
    private void gone(RoomState state, RoomName room, Name name, ServerFrame frame, String why,
                      List<ClientEvent> out) {
        out.add(new ClientEvent.Presence(Optional.of(room), frame));
        if (state == null) {
            return;
        }
        if (isMe(name)) {
            leave(state, why, out);
        } else {
            state.members.remove(name.key());
            out.add(state.list(false));
        }
    }

    /// This client is no longer in `state`'s room: its unsent messages are handed back, and
    /// another room becomes the current one if it was.
    private void leave(RoomState state, String why, List<ClientEvent> out) {
        rooms.remove(state.name.key());
        awaitingReplay.remove(state.name.key());
        List<Outbox.Entry> dropped = outbox.removeAll(state.name);
        dropped.forEach(entry -> out.add(new ClientEvent.NotSent(entry.to, entry.text, why)));
        if (!dropped.isEmpty()) {
            out.add(unconfirmed());
        }
        boolean wasCurrent = current.filter(state.name::sameAs).isPresent();
        if (wasCurrent) {
            current = lastJoined(state);
        }
        if (state.joined || wasCurrent) {
            out.add(inRooms());
        }
    }

    private void privateMessage(Name to, ServerFrame.Chat chat, List<ClientEvent> out) {
        Name with = isMe(chat.from()) ? to : chat.from();
        peers.putIfAbsent(with.key(), with);
        Integer replay = privateReplay.get(with.key());
        boolean fromHistory = replay != null && replay > 0;
        if (fromHistory) {
            privateReplay.put(with.key(), replay - 1);
        }
        if (chat.id() > lastIds.getOrDefault(with.key(), 0L)) {
            lastIds.put(with.key(), chat.id());
            out.add(new ClientEvent.PrivateMessage(with, chat, fromHistory));
            confirm(with, chat, out);
        }
        if (fromHistory && replay == 1) {
            privateReplayed(with);
        }
    }

    private void error(ServerFrame.Error error, List<ClientEvent> out) {
        if (error.code() == ErrorCode.NOT_SAVED) {
            // The store failed: the oldest message still waiting for its echo was not sent.
            Optional<Outbox.Entry> lost = outbox.oldestSent();
            if (lost.isPresent()) {
                notSent(lost.get(), error.text(), out);
                return;
            }
        } else if (error.label().isPresent()) {
            Optional<Receipts.Pending> refused = receipts.refused(error.label().get());
            if (refused.isPresent()) {
                refusedFrame(refused.get(), error, out);
                return;
            }
        }
        out.add(new ClientEvent.Notice(error.text(), true));
    }

    /// The server refused `refused`.
    private void refusedFrame(Receipts.Pending refused, ServerFrame.Error error, List<ClientEvent> out) {
        if (refused.entry().isPresent()) {
            notSent(refused.entry().get(), error.text(), out);
            return;
        }
        switch (refused.frame()) {
            case ClientFrame.Join join -> {
                RoomState state = rooms.get(join.room().key());
                if (state != null) {
                    leave(state, error.text(), out);
                }
            }
            case ClientFrame.History(Name with, OptionalLong since) -> privateReplayed(with);
            case ClientFrame.Part part -> leaving.remove(part.room().key());
            case ClientFrame.Hello _, ClientFrame.Login _, ClientFrame.Say _, ClientFrame.Topic _,
                 ClientFrame.Away _, ClientFrame.ListRooms _, ClientFrame.Who _, ClientFrame.History _,
                 ClientFrame.Kick _, ClientFrame.Moderate _, ClientFrame.Oper _, ClientFrame.Pass _,
                 ClientFrame.Nick _, ClientFrame.Ping _, ClientFrame.Pong _, ClientFrame.Quit _ -> {
                // Nothing to undo: the server changed nothing.
            }
        }
        out.add(new ClientEvent.Notice(error.text(), true));
    }

    private void notSent(Outbox.Entry entry, String reason, List<ClientEvent> out) {
        if (outbox.remove(entry)) {
            out.add(new ClientEvent.NotSent(entry.to, entry.text, reason));
            out.add(unconfirmed());
        }
    }

    private void confirm(Target to, ServerFrame.Chat chat, List<ClientEvent> out) {
        if (isMe(chat.from()) && outbox.confirm(to, chat)) {
            out.add(unconfirmed());
        }
    }

    private void replayed(RoomState state) {
        state.replayRemaining = 0;
        awaitingReplay.remove(state.name.key());
        flush(state.name);
    }

    private void privateReplayed(Name with) {
        privateReplay.remove(with.key());
        awaitingReplay.remove(with.key());
        flush(with);
    }

    /// Sends the messages waiting for `target`, if it is ready on this link: connected, and
    /// the history that may confirm some of them replayed.
    private void flush(Target target) {
        if (link == null || awaitingReplay.contains(Outbox.key(target))) {
            return;
        }
        for (Outbox.Entry entry : outbox.takeQueued(target)) {
            ClientFrame.Say say = version < 2
                    ? new ClientFrame.Say(entry.text)
                    : new ClientFrame.Say(Optional.of(entry.to), entry.text, entry.action);
            send(say, Optional.of(entry));
        }
    }

    /// Writes `frame`; on a version 2 link, labelled, so that a refusal names it.
    private void send(ClientFrame frame, Optional<Outbox.Entry> entry) {
        link.accept(frame, version >= 2 ? Optional.of(receipts.add(frame, entry)) : Optional.empty());
    }

    // ----- helpers -----

    private void forEachRoomWith(Name name, Consumer<RoomState> change, List<ClientEvent> out) {
        for (RoomState room : rooms.values()) {
            if (room.members.containsKey(name.key())) {
                change.accept(room);
                out.add(room.list(false));
            }
        }
    }

    private static Member flagged(Member member, Moderation action, boolean on) {
        return switch (action) {
            case OP, DEOP -> new Member(member.name(), on, member.muted(), member.away());
            case MUTE, UNMUTE -> new Member(member.name(), member.operator(), on, member.away());
            case BAN, UNBAN, LOCK_TOPIC, UNLOCK_TOPIC, CLOSE -> member;
        };
    }

    private OptionalLong since(Target target) {
        Long last = lastIds.get(Outbox.key(target));
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }

    private boolean isMe(Name name) {
        return name.key().equals(me.key());
    }

    private boolean isDefaultRoom(Target target) {
        return defaultRoom != null && target instanceof RoomName room && room.sameAs(defaultRoom);
    }

    private ClientEvent.InRooms inRooms() {
        return new ClientEvent.InRooms(rooms.values().stream().filter(room -> room.joined).map(room -> room.name)
                .toList(), current);
    }

    private ClientEvent.Unconfirmed unconfirmed() {
        List<String> texts = new ArrayList<>(beforeLogin);
        texts.addAll(outbox.texts());
        return new ClientEvent.Unconfirmed(texts);
    }

    /// A room this client is in, or is joining.
    private static final class RoomState {
        final RoomName name;
        final TreeMap<String, Member> members = new TreeMap<>();
        final List<Member> arriving = new ArrayList<>();
        /// Its own `JOINED` has been seen (on some link).
        boolean joined;
        // Per link.
        int replayRemaining;

        RoomState(RoomName name) {
            this.name = name;
        }

        void newLink() {
            arriving.clear();
            replayRemaining = 0;
        }

        void put(Member member) {
            members.put(member.name().key(), member);
        }

        ClientEvent.Members list(boolean listed) {
            return new ClientEvent.Members(name, List.copyOf(members.values()), listed);
        }
    }
}
