package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.Command;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
import chatroom.protocol.Text;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/// Turns what the person asks (a message, a [Command]) into frames for the server, or into a
/// refusal when it cannot be done: no current room, a room this client is not in, a version 1
/// server, no connection. A command that names no room applies to the current room.
///
/// Guarded by the client's lock ([ClientState]). Events are added to the list each method is given.
final class CommandFrames {

    private static final String NO_ROOM = "you are in no room: /join #room to enter one, /rooms lists them";

    private final Identity identity;
    private final Delivery delivery;
    private final Rooms rooms;
    private final CatchUp catchUp;

    CommandFrames(Identity identity, Delivery delivery, Rooms rooms, CatchUp catchUp) {
        this.identity = identity;
        this.delivery = delivery;
        this.rooms = rooms;
        this.catchUp = catchUp;
    }

    /// Sends `text` to `to`, or to the current room: now if connected and the target's
    /// history has been replayed, else as soon as it has. Refused, and not queued, if the
    /// text is not a valid message or the target is not one this client can send to.
    Parsed<String> say(Optional<Target> to, String text, boolean action, List<ClientEvent> out) {
        if (!(Text.checkMessage(text) instanceof Parsed.Ok<String>)) {
            return Text.checkMessage(text);
        }
        if (identity.defaultRoom() == null) {
            // Never logged in: the current room will be the default room, whose name is not
            // known yet; what else the server offers is not known either.
            if (to.isPresent() || action) {
                return notConnected();
            }
            delivery.beforeLogin(text, out);
            return Parsed.ok(text);
        }
        if (identity.version() < 2 && (action || to.filter(target -> !identity.isDefaultRoom(target)).isPresent())) {
            return versionOne();
        }
        Optional<Target> resolved = to.or(() -> rooms.current().map(Target.class::cast));
        if (resolved.isEmpty()) {
            return Parsed.invalid(ErrorCode.NOT_IN_ROOM, NO_ROOM);
        }
        Optional<Target> target = switch (resolved.get()) {
            case RoomName room -> rooms.find(room).map(Target.class::cast);
            case Name name -> Optional.of(name);
        };
        if (target.isEmpty()) {
            RoomName room = (RoomName) resolved.get();
            return Parsed.invalid(ErrorCode.NOT_IN_ROOM, "you are not in " + room + "; /join " + room + " first");
        }
        if (target.get() instanceof Name name && identity.isMe(name)) {
            return Parsed.invalid(ErrorCode.BAD_TARGET, "you cannot send a private message to yourself");
        }
        delivery.say(target.get(), text, action, out);
        return Parsed.ok(text);
    }

    /// Does what `command` asks: sends its frames, or (for `/join` of a room this client is in)
    /// makes a room the current one. [Command.Help] and [Command.Quit] send nothing: the
    /// caller shows the help or quits.
    Parsed<Command> perform(Command command, List<ClientEvent> out) {
        if (identity.version() < 2 && !(command instanceof Command.Say || command instanceof Command.Nick
                || command instanceof Command.Help || command instanceof Command.Quit)) {
            return versionOne();
        }
        return switch (command) {
            case Command.Say say -> say(Optional.empty(), say.text(), false, out).then(text -> Parsed.ok(command));
            case Command.Me me -> say(Optional.empty(), me.text(), true, out).then(text -> Parsed.ok(command));
            case Command.Msg msg -> say(Optional.of(msg.to()), msg.text(), false, out).then(text -> Parsed.ok(command));
            case Command.Join join -> join(join.room(), join.key(), out).then(done -> Parsed.ok(command));
            case Command.Part part -> inRoom(part.room(), room -> part(room, part.reason(), command, out));
            case Command.Rooms list -> connected(command, new ClientFrame.ListRooms());
            case Command.Who who -> inRoom(who.room(), room -> connected(command, new ClientFrame.Who(room)));
            case Command.Nick nick -> connected(command, new ClientFrame.Nick(nick.name()));
            case Command.Topic topic -> inRoom(topic.room(),
                    room -> connected(command, new ClientFrame.Topic(room, topic.text())));
            case Command.Away away -> connected(command, new ClientFrame.Away(away.text().filter(t -> !t.isBlank())));
            case Command.Kick kick -> inRoom(kick.room(),
                    room -> connected(command, new ClientFrame.Kick(room, kick.name(), kick.reason())));
            case Command.Invite invite -> inRoom(invite.room(),
                    room -> connected(command, new ClientFrame.Invite(room, invite.name())));
            case Command.Moderate moderate -> moderate.action() == Moderation.CLOSE && moderate.room().isEmpty()
                    ? Parsed.invalid(ErrorCode.BAD_COMMAND, "usage: /close #room")
                    : inRoom(moderate.room(), room -> connected(command,
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
    private Parsed<RoomName> join(RoomName room, Optional<String> key, List<ClientEvent> out) {
        Optional<RoomName> known = rooms.find(room);
        if (known.isEmpty()) {
            if (!delivery.isLinked()) {
                return notConnected();
            }
            known = Optional.of(rooms.joining(room));
            delivery.send(new ClientFrame.Join(room, catchUp.since(room), key));
        }
        rooms.makeCurrent(known.get(), out);
        return Parsed.ok(known.get());
    }

    /// `/part`: if it is the current room, the room joined last before it becomes the current
    /// one at once, so that the lines typed next go there.
    private Parsed<Command> part(RoomName room, String reason, Command command, List<ClientEvent> out) {
        Optional<RoomName> known = rooms.find(room);
        if (known.isEmpty()) {
            return Parsed.invalid(ErrorCode.NOT_IN_ROOM, "you are not in " + room);
        }
        Parsed<Command> sent = connected(command, new ClientFrame.Part(known.get(), reason));
        if (sent instanceof Parsed.Ok<Command>) {
            rooms.parting(known.get(), out);
        }
        return sent;
    }

    private Parsed<Command> inRoom(Optional<RoomName> room, Function<RoomName, Parsed<Command>> action) {
        Optional<RoomName> resolved = room.or(rooms::current);
        return resolved.isEmpty() ? Parsed.invalid(ErrorCode.NOT_IN_ROOM, NO_ROOM) : action.apply(resolved.get());
    }

    private Parsed<Command> connected(Command command, ClientFrame frame) {
        if (!delivery.isLinked()) {
            return notConnected();
        }
        delivery.send(frame);
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
}
