package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.LeaveReason;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;
import chatroom.server.ServerConfig;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

/// The [Community] of one server process: its [Rooms], who holds which name ([Directory]),
/// the private conversations ([PrivateChats]), and the store messages are saved in.
///
/// Events that concern a member rather than a room (a rename, an away text, leaving the
/// chat) are told once to each member who shares a room with it, encoded once per encoding.
///
/// Thread-safe.
final class LocalCommunity implements Community {

    private static final System.Logger LOG = System.getLogger("chatroom.server");

    private final ServerConfig config;
    private final RoomContext context;
    private final Rooms rooms;
    private final Directory directory = new Directory();
    private final PrivateChats privateChats;
    private volatile boolean closing;

    LocalCommunity(ServerConfig config, RoomContext context, Rooms rooms) {
        this.config = config;
        this.context = context;
        this.rooms = rooms;
        this.privateChats = new PrivateChats(context, directory);
    }

    /// Hands saved messages to their rooms and private conversations; called on the store's
    /// thread, in id order per conversation.
    void deliverSaved(List<Journal.Entry> batch) {
        int start = 0;
        while (start < batch.size()) {
            Conversation conversation = batch.get(start).conversation();
            int end = start + 1;
            while (end < batch.size() && batch.get(end).conversation().equals(conversation)) {
                end++;
            }
            List<Journal.Entry> run = batch.subList(start, end);
            switch (conversation) {
                case Conversation.Room(RoomName name) -> rooms.find(name)
                        .ifPresent(room -> room.deliverSaved(run.stream().map(Journal.Entry::chat).toList()));
                case Conversation.Pair pair -> privateChats.deliverSaved(pair, run);
            }
            start = end;
        }
    }

    /// Tells the senders of messages the store could not save that nobody got them.
    void refuseUnsaved(List<Journal.Entry> batch) {
        var error = new ServerFrame.Error(ErrorCode.NOT_SAVED,
                "the server could not save your message, so nobody received it; try again later");
        for (Journal.Entry entry : batch) {
            if (entry.sender() != null) {
                entry.sender().send(error);
            }
        }
        LOG.log(DEBUG, "{0} messages refused: the history log cannot be written", batch.size());
    }

    /// Refuses logins from now on and stops announcing leaves (everyone is leaving).
    void close() {
        closing = true;
    }

    int memberCount() {
        return directory.size();
    }

    Rooms rooms() {
        return rooms;
    }

    @Override
    public Optional<ServerFrame.Error> login(Connection member, Name wanted, OptionalLong since) {
        if (closing) {
            return refuse(ErrorCode.WRONG_STATE, "the server is shutting down");
        }
        Room lobby = rooms.defaultRoom();
        boolean banned = lobby.isBanned(wanted, member);
        if (banned && member.dialect() == Dialect.STRUCTURED_V1) {
            return refuse(ErrorCode.BANNED, "you are banned from " + lobby.name());
        }
        if (!directory.claim(wanted, member)) {
            return refuse(ErrorCode.NAME_TAKEN, "the name " + wanted + " is already taken");
        }
        member.named(wanted);
        member.send(new ServerFrame.Welcome(wanted, member.dialect() == Dialect.STRUCTURED_V2
                ? lobby.name().value() : lobby.name().bare()));
        lobby.join(member, since, Optional.empty(), Optional.empty()).ifPresent(member::send);
        return Optional.empty();
    }

    @Override
    public Optional<ServerFrame.Error> join(Connection member, RoomName name, OptionalLong since,
                                            Optional<String> key) {
        Optional<Room> known = rooms.find(name);
        // Read without the room's lock: a kick under way may still count the member in. The
        // other dialects leave it to the room, which answers under its lock, so that a member
        // that joins again as soon as it reads its kick (IRC clients' auto-rejoin) gets in.
        boolean in = known.isPresent() && member.membership().isIn(known.get());
        if (in && member.dialect() == Dialect.PLAIN) {
            member.membership().current(known.get());
            member.send(new ServerFrame.Notice("Your messages now go to " + known.get().name() + "."));
            return Optional.empty();
        }
        if (!in && member.membership().roomCount() >= config.maxRoomsPerMember()) {
            return refuse(ErrorCode.ROOM_LIMIT, "you are in " + member.membership().roomCount() + " rooms, the most allowed;"
                    + " leave one first");
        }
        return switch (rooms.findOrCreate(name, member)) {
            case Parsed.Ok<Room>(Room room) -> room.join(member, since, key, member.dialect() == Dialect.PLAIN
                    ? Optional.of(new ServerFrame.Notice("You are in " + room.name()
                            + " now: your messages go there. /part leaves it, /join switches rooms."))
                    : Optional.empty());
            case Parsed.Invalid<Room>(ErrorCode code, String detail) -> refuse(code, detail);
        };
    }

    @Override
    public Optional<ServerFrame.Error> part(Connection member, RoomName name, String reason) {
        Optional<Room> room = rooms.find(name);
        if (room.isEmpty() || !member.membership().isIn(room.get())) {
            return refuse(ErrorCode.NOT_IN_ROOM, "you are not in " + name);
        }
        return room.get().part(member, reason);
    }

    @Override
    public Optional<ServerFrame.Error> say(Connection member, Target to, String text, boolean action) {
        return switch (to) {
            case RoomName name -> {
                Optional<Room> room = rooms.find(name);
                yield room.isEmpty()
                        ? refuse(ErrorCode.NOT_IN_ROOM, "you are not in " + name)
                        : room.get().say(member, text, action);
            }
            case Name name -> {
                Optional<Connection> recipient = directory.find(name);
                if (recipient.isEmpty()) {
                    yield refuse(ErrorCode.NO_SUCH_NAME, "nobody called " + name + " is here");
                }
                if (recipient.get() == member) {
                    yield refuse(ErrorCode.BAD_TARGET, "you cannot send a private message to yourself");
                }
                if (recipient.get().dialect() == Dialect.STRUCTURED_V1) {
                    yield refuse(ErrorCode.BAD_TARGET, name + "'s client (protocol version 1) cannot receive "
                            + "private messages");
                }
                if (!member.membership().takePrivateMessage(System.nanoTime())) {
                    yield refuse(ErrorCode.PRIVATE_FLOOD, "you send private messages faster than "
                            + config.privateRate() + " a second; this one was not sent");
                }
                Optional<ServerFrame.Error> refused = privateChats.say(member, recipient.get(), text, action);
                recipient.get().membership().away().ifPresent(away ->
                        member.send(new ServerFrame.Away(recipient.get().name(), Optional.of(away))));
                yield refused;
            }
        };
    }

    @Override
    public Optional<ServerFrame.Error> rename(Connection member, Name wanted) {
        Name old = member.name();
        if (old.equals(wanted)) {
            return Optional.empty();
        }
        // Every room, not only those the member is in: else parting, renaming and joining
        // again would shed a mute. Renames are rare; the rooms are at most --max-rooms.
        Optional<Room> muted = rooms.find(room -> room.isMuted(old));
        if (muted.isPresent()) {
            return refuse(ErrorCode.MUTED, "you cannot change your name while muted in " + muted.get().name());
        }
        if (!directory.claim(wanted, member)) {
            return refuse(ErrorCode.NAME_TAKEN, "the name " + wanted + " is already taken");
        }
        member.named(wanted);
        if (!old.key().equals(wanted.key())) {
            directory.release(old, member);
        }
        tellCompanions(member, new ServerFrame.Renamed(old, wanted, context.clock().instant()), true, false);
        LOG.log(INFO, "{0} is now known as {1}", old, wanted);
        return Optional.empty();
    }

    @Override
    public Optional<ServerFrame.Error> topic(Connection member, RoomName name, Optional<String> text) {
        return withRoom(name, room -> room.topic(member, text));
    }

    @Override
    public void away(Connection member, Optional<String> text) {
        member.membership().away(text);
        var frame = new ServerFrame.Away(member.name(), text);
        member.send(frame);
        // Plain members are not told of others' away texts: they see them in member lists and
        // when they send a private message.
        tellCompanions(member, frame, false, true);
    }

    @Override
    public Optional<ServerFrame.Error> who(Connection member, RoomName name) {
        return withRoom(name, room -> {
            room.sendMembers(member);
            return Optional.empty();
        });
    }

    @Override
    public void listRooms(Connection member) {
        List<Room> all = rooms.all();
        member.send(new ServerFrame.RoomList(all.size()));
        all.forEach(room -> member.send(room.info()));
    }

    @Override
    public Optional<ServerFrame.Error> history(Connection member, Target with, OptionalLong since) {
        long after = since.orElse(Long.MIN_VALUE);
        return switch (with) {
            case RoomName name -> withRoom(name, room -> room.sendHistory(member, after));
            case Name other -> {
                if (other.key().equals(member.name().key())) {
                    yield refuse(ErrorCode.BAD_TARGET, "there is no private conversation with yourself");
                }
                privateChats.sendHistory(member, other, after);
                yield Optional.empty();
            }
        };
    }

    @Override
    public Optional<ServerFrame.Error> kick(Connection actor, RoomName name, Name target, String reason) {
        return withRoom(name, room -> room.kick(actor, target, reason));
    }

    @Override
    public Optional<ServerFrame.Error> invite(Connection actor, RoomName name, Name invitee) {
        Optional<Connection> found = directory.find(invitee);
        if (found.isEmpty()) {
            return refuse(ErrorCode.NO_SUCH_NAME, "nobody called " + invitee + " is here");
        }
        if (found.get().dialect() == Dialect.STRUCTURED_V1) {
            return refuse(ErrorCode.BAD_TARGET, invitee + "'s client (protocol version 1) can be in no other room");
        }
        return withRoom(name, room -> room.invite(actor, found.get()));
    }

    @Override
    public Optional<ServerFrame.Error> moderate(Connection actor, RoomName name, Moderation action,
                                                Optional<String> target) {
        if (action == Moderation.CLOSE) {
            return switch (rooms.close(actor, name)) {
                case Parsed.Ok<RoomName> closed -> Optional.empty();
                case Parsed.Invalid<RoomName>(ErrorCode code, String detail) -> refuse(code, detail);
            };
        }
        return withRoom(name, room -> room.moderate(actor, action, target));
    }

    @Override
    public Parsed<RoomSettings> settings(Connection member, RoomName name) {
        return rooms.find(name).flatMap(room -> room.settings(member))
                .<Parsed<RoomSettings>>map(Parsed::ok)
                .orElseGet(() -> Parsed.invalid(ErrorCode.NO_SUCH_ROOM, "there is no room " + name));
    }

    @Override
    public boolean isIn(RoomName name, Name member) {
        return rooms.find(name).filter(room -> room.isPresent(member)).isPresent();
    }

    @Override
    public Optional<ServerFrame.Error> oper(Connection member, String password) {
        if (config.operatorPassword().isEmpty() || !config.operatorPassword().get().matches(password)) {
            LOG.log(INFO, "{0} gave a wrong operator password", member.peer());
            return refuse(ErrorCode.BAD_OPERATOR_PASSWORD, config.operatorPassword().isEmpty()
                    ? "this server has no operators" : "wrong operator password");
        }
        member.membership().serverOperator(true);
        LOG.log(INFO, "{0} ({1}) is a server operator", member.name(), member.peer());
        member.send(new ServerFrame.Notice("You are a server operator: you may moderate every room and close rooms."));
        return Optional.empty();
    }

    @Override
    public void leave(Connection member, LeaveReason reason) {
        Name name = member.name();
        if (name == null) {
            return;
        }
        Set<Connection> companions = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Room room : member.membership().rooms()) {
            Collections.addAll(companions, room.drop(member));
        }
        directory.release(name, member);
        if (!closing) {
            deliver(companions, new ServerFrame.Left(name, context.clock().instant(), reason), false);
        }
    }

    /// Tells `frame` to every member who shares a room with `member` (and `member` itself if
    /// `self`), once each; to structured members only if `structuredOnly`.
    private void tellCompanions(Connection member, ServerFrame frame, boolean self, boolean structuredOnly) {
        Set<Connection> companions = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Room room : member.membership().rooms()) {
            Collections.addAll(companions, room.members());
        }
        if (self) {
            companions.add(member);
        } else {
            companions.remove(member);
        }
        deliver(companions, frame, structuredOnly);
    }

    private void deliver(Set<Connection> recipients, ServerFrame frame, boolean structuredOnly) {
        var outgoing = new Outgoing(frame, null, context.defaultRoom(), context.irc());
        var starts = new WriterStarts(recipients.size());
        for (Connection recipient : recipients) {
            if (!structuredOnly || recipient.dialect().structured()) {
                recipient.deliver(outgoing, starts);
            }
        }
        starts.startAll(0);
    }

    private Optional<ServerFrame.Error> withRoom(RoomName name,
                                                 java.util.function.Function<Room, Optional<ServerFrame.Error>> action) {
        return rooms.find(name).map(action).orElseGet(() -> refuse(ErrorCode.NO_SUCH_ROOM, "there is no room " + name));
    }

    private static Optional<ServerFrame.Error> refuse(ErrorCode code, String text) {
        return Optional.of(new ServerFrame.Error(code, text));
    }
}
