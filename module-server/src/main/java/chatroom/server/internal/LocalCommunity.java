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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

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
    private final FormerMembers formerMembers = new FormerMembers();
    /// The server operators connected now: counted for `LUSERS`.
    private final Set<Connection> operators = ConcurrentHashMap.newKeySet();
    private final AtomicInteger mostMembers = new AtomicInteger();
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
                case Conversation.Room(RoomName name) -> rooms.find(name).ifPresent(room -> room.deliverSaved(run));
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
                // The refusal is the reply its labeled IRC command was waiting for instead of the echo.
                entry.extras().echoLabel().ifPresentOrElse(label -> entry.sender().sendLabeled(error, label),
                        () -> entry.sender().send(error));
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

    int operatorCount() {
        return operators.size();
    }

    /// The most members there have been at once since the server started.
    int mostMembers() {
        return mostMembers.get();
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
        member.membership().signedOn(context.clock().instant());
        mostMembers.accumulateAndGet(directory.size(), Math::max);
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
    public Optional<ServerFrame.Error> say(Connection member, Target to, String text, boolean action,
                                           MessageExtras extras) {
        member.membership().active(context.clock().millis());
        return switch (to) {
            case RoomName name -> {
                Optional<Room> room = rooms.find(name);
                yield room.isEmpty()
                        ? refuse(ErrorCode.NOT_IN_ROOM, "you are not in " + name)
                        : room.get().say(member, text, action, extras);
            }
            case Name name -> {
                Parsed<Connection> found = privateRecipient(member, name);
                if (!(found instanceof Parsed.Ok<Connection>(Connection recipient))) {
                    Parsed.Invalid<Connection> refusal = (Parsed.Invalid<Connection>) found;
                    yield refuse(refusal.code(), refusal.detail());
                }
                if (recipient.dialect() == Dialect.STRUCTURED_V1) {
                    yield refuse(ErrorCode.BAD_TARGET, name + "'s client (protocol version 1) cannot receive "
                            + "private messages");
                }
                if (!member.membership().takePrivateMessage(System.nanoTime())) {
                    yield refuse(ErrorCode.PRIVATE_FLOOD, "you send private messages faster than "
                            + config.privateRate() + " a second; this one was not sent");
                }
                Optional<ServerFrame.Error> refused = privateChats.say(member, recipient, text, action, extras);
                recipient.membership().away().ifPresent(away ->
                        member.send(new ServerFrame.Away(recipient.name(), Optional.of(away))));
                yield refused;
            }
        };
    }

    @Override
    public Parsed<Audience> audience(Connection member, Target to) {
        Parsed<List<Connection>> members = switch (to) {
            case RoomName name -> rooms.find(name)
                    .map(room -> room.audience(member).then(all -> Parsed.ok(List.of(all))))
                    .orElseGet(() -> Parsed.invalid(ErrorCode.NOT_IN_ROOM, "you are not in " + name));
            case Name name -> privateRecipient(member, name).then(recipient -> Parsed.ok(List.of(recipient)));
        };
        return members.then(reached -> Parsed.ok(new Audience(reached, context.clock().instant())));
    }

    @Override
    public Parsed<List<ServerFrame.Chat>> kept(Connection member, Target with) {
        return switch (with) {
            case RoomName name -> rooms.find(name).map(room -> room.kept(member))
                    .orElseGet(() -> Parsed.invalid(ErrorCode.NO_SUCH_ROOM, "there is no room " + name));
            case Name other -> other.key().equals(member.name().key())
                    ? Parsed.invalid(ErrorCode.BAD_TARGET, "there is no private conversation with yourself")
                    : Parsed.ok(privateChats.kept(member.name(), other));
        };
    }

    @Override
    public List<Kept> conversations(Connection member) {
        List<Kept> found = new java.util.ArrayList<>();
        for (Room room : member.membership().rooms()) {
            if (room.kept(member) instanceof Parsed.Ok<List<ServerFrame.Chat>>(List<ServerFrame.Chat> messages)) {
                found.add(new Kept(room.name(), messages));
            }
        }
        found.addAll(privateChats.conversationsOf(member.name()));
        return found;
    }

    /// The member holding `name`, to whom `member` may send a private message, or why not.
    private Parsed<Connection> privateRecipient(Connection member, Name name) {
        Optional<Connection> recipient = directory.find(name);
        if (recipient.isEmpty()) {
            return Parsed.invalid(ErrorCode.NO_SUCH_NAME, "nobody called " + name + " is here");
        }
        if (recipient.get() == member) {
            return Parsed.invalid(ErrorCode.BAD_TARGET, "you cannot send a private message to yourself");
        }
        return Parsed.ok(recipient.get());
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
        Instant now = context.clock().instant();
        if (!old.key().equals(wanted.key())) {
            directory.release(old, member);
            formerMembers.add(new FormerMember(old, now));
        }
        tellCompanions(member, new ServerFrame.Renamed(old, wanted, now), true, false);
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
        List<ServerFrame.RoomInfo> all = roomList();
        member.send(new ServerFrame.RoomList(all.size()));
        all.forEach(member::send);
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
        operators.add(member);
        if (directory.find(member.name()).orElse(null) != member) {
            operators.remove(member); // it left meanwhile: leave() may have looked before the add
        }
        LOG.log(INFO, "{0} ({1}) is a server operator", member.name(), member.peer());
        member.send(new ServerFrame.Notice("You are a server operator: you may moderate every room and close rooms."));
        return Optional.empty();
    }

    @Override
    public void leave(Connection member, LeaveReason reason, String text) {
        Name name = member.name();
        if (name == null) {
            return;
        }
        Set<Connection> companions = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Room room : member.membership().rooms()) {
            Collections.addAll(companions, room.drop(member));
        }
        // A connection may be told to leave twice (quitting, then closing): its name is given up once.
        boolean heldName = directory.release(name, member);
        operators.remove(member);
        Instant now = context.clock().instant();
        if (heldName) {
            formerMembers.add(new FormerMember(name, now));
        }
        if (!closing) {
            deliver(companions, new ServerFrame.Left(name, now, reason, text), false);
        }
    }

    @Override
    public List<ServerFrame.RoomInfo> roomList() {
        return rooms.all().stream().map(Room::info).toList();
    }

    @Override
    public Optional<MemberInfo> member(Name name) {
        return directory.find(name).flatMap(LocalCommunity::info);
    }

    @Override
    public List<MemberInfo> members(Predicate<Name> which) {
        List<MemberInfo> found = new ArrayList<>();
        for (Connection member : directory.all()) {
            Name name = member.name();
            if (name != null && which.test(name)) {
                info(member).ifPresent(found::add);
            }
        }
        return found;
    }

    @Override
    public Optional<List<MemberInfo>> members(RoomName name) {
        return rooms.find(name).map(room -> Arrays.stream(room.members())
                .map(LocalCommunity::info).flatMap(Optional::stream).toList());
    }

    @Override
    public List<FormerMember> formerMembers(Name name, int max) {
        return formerMembers.find(name, max);
    }

    @Override
    public Optional<ServerFrame.Error> kill(Connection actor, Name target, String reason) {
        if (!actor.membership().serverOperator()) {
            return refuse(ErrorCode.NOT_OPERATOR, "only server operators may remove members from the chat");
        }
        Optional<Connection> victim = directory.find(target);
        Name killed = victim.map(Connection::name).orElse(null);
        if (killed == null) {
            return refuse(ErrorCode.NO_SUCH_NAME, "nobody called " + target + " is here");
        }
        // IRC's words for a kill, which every dialect shows as they are.
        // Cut to a short text (a long reason would not fit): the others are told them in LEFT.
        String words = IrcLines.split("Killed (" + actor.name() + (reason.isEmpty() ? "" : " (" + reason + ")") + ")",
                chatroom.protocol.Limits.MAX_TOPIC_BYTES).getFirst();
        LOG.log(INFO, "{0} removed {1} from the chat{2}", actor.name(), killed, reason.isEmpty() ? "" : ": " + reason);
        victim.get().close(new ServerFrame.Bye(LeaveReason.KILLED, words), words);
        if (victim.get() != actor) {
            actor.send(new ServerFrame.Notice("You removed " + killed + " from the chat."));
        }
        return Optional.empty();
    }

    /// `member` as the queries see it, or nothing if it has no name (any more).
    private static Optional<MemberInfo> info(Connection member) {
        Name name = member.name();
        if (name == null) {
            return Optional.empty();
        }
        Membership membership = member.membership();
        Room[] joined = membership.rooms();
        List<MemberInfo.Seat> seats = new ArrayList<>(joined.length);
        for (Room room : joined) {
            seats.add(new MemberInfo.Seat(room.name(), room.hasOperator(member)));
        }
        return Optional.of(new MemberInfo(name, membership.away(), membership.serverOperator(),
                membership.signedOn(), membership.lastActive(), seats));
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
