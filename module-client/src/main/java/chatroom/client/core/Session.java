package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.Command;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/// What a [ChatClient] knows of the chat, kept across reconnects. It owns the parts and routes
/// to them: the server's frames to [Rooms] (rooms, members, presence) and [CatchUp] (private
/// conversations, what was seen), the person's messages and commands to [CommandFrames], a
/// refusal to whatever sent the refused frame; the way out is [Delivery] (the link, the
/// outbox). After a login it catches up: every room joined again, every private conversation
/// asked only for what it missed, the waiting messages flushed.
///
/// Guarded by the client's lock ([ClientState]). Events are added to the list each method is given, for
/// the client to publish once it has let go of the lock.
final class Session {

    private final Identity identity;
    private final Delivery delivery;
    private final CatchUp catchUp;
    private final Rooms rooms;
    private final CommandFrames commands;

    // Per link.
    /// The rooms of a `/rooms` answer so far; `null` when none is arriving.
    private List<ServerFrame.RoomInfo> roomList;
    private int roomListRemaining;

    Session(Name me) {
        identity = new Identity(me);
        delivery = new Delivery(identity);
        catchUp = new CatchUp(identity, delivery);
        rooms = new Rooms(identity, delivery, catchUp);
        commands = new CommandFrames(identity, delivery, rooms, catchUp);
    }

    Name me() {
        return identity.me();
    }

    /// What `LOGIN since=` asks for: the default room's history after the last message seen.
    OptionalLong loginSince() {
        return identity.defaultRoom() == null ? OptionalLong.empty() : catchUp.since(identity.defaultRoom());
    }

    /// A login succeeded on a new link that writes through `writer`: catches up with what
    /// happened while there was none. The server has put this client in `loginRoom`; every
    /// other room it was in is joined again and every private conversation asked for what it
    /// missed (version 2); the default room is left again if the person had left it.
    void linked(BiConsumer<ClientFrame, Optional<String>> writer, int spoken, RoomName loginRoom, Name name,
                List<ClientEvent> out) {
        delivery.linked(writer);
        catchUp.newLink();
        rooms.newLink();
        roomList = null;
        boolean first = identity.loggedIn(name, spoken, loginRoom);
        delivery.beforeLoginTo(loginRoom);
        if (first || spoken < 2) {
            rooms.enteredOnly(loginRoom);
        } else {
            catchUp.rejoin(loginRoom, rooms);
        }
        delivery.flushAll();
    }

    /// The link ended.
    void unlinked() {
        delivery.unlinked();
    }

    /// As [CommandFrames#say].
    Parsed<String> say(Optional<Target> to, String text, boolean action, List<ClientEvent> out) {
        return commands.say(to, text, action, out);
    }

    /// As [CommandFrames#perform].
    Parsed<Command> perform(Command command, List<ClientEvent> out) {
        return commands.perform(command, out);
    }

    /// Applies one frame; returns the server's goodbye if it said one.
    Optional<String> handle(ServerFrame frame, List<ClientEvent> out) {
        switch (frame) {
            case ServerFrame.InRoom(RoomName room, ServerFrame.RoomEvent event) -> rooms.event(room, event, out);
            // Version 1: the default room's events come bare.
            case ServerFrame.RoomEvent event -> rooms.event(identity.defaultRoom(), event, out);
            case ServerFrame.Private(Name to, ServerFrame.Chat chat) -> catchUp.privateMessage(to, chat, out);
            case ServerFrame.PrivateHistory history -> catchUp.privateHistory(history);
            case ServerFrame.Away(Name name, Optional<String> text) -> rooms.away(name, text, out);
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
            case ServerFrame.Left left -> rooms.left(left, out);
            case ServerFrame.Renamed renamed -> {
                if (identity.isMe(renamed.from())) {
                    identity.renamed(renamed.to());
                }
                rooms.renamed(renamed, out);
            }
            case ServerFrame.Invited invited -> out.add(new ClientEvent.Invited(invited, identity.isMe(invited.by())));
            case ServerFrame.Notice notice -> out.add(new ClientEvent.Notice(notice.text(), false));
            case ServerFrame.Error error -> error(error, out);
            case ServerFrame.Ping ping -> delivery.answer(new ClientFrame.Pong(ping.token()));
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

    private void error(ServerFrame.Error error, List<ClientEvent> out) {
        if (error.code() == ErrorCode.NOT_SAVED) {
            // The store failed: the oldest message still waiting for its echo was not sent.
            Optional<Outbox.Entry> lost = delivery.oldestSent();
            if (lost.isPresent()) {
                delivery.notSent(lost.get(), error.text(), out);
                return;
            }
        } else if (error.label().isPresent()) {
            Optional<Receipts.Pending> refused = delivery.refused(error.label().get());
            if (refused.isPresent()) {
                refusedFrame(refused.get(), error, out);
                return;
            }
        }
        out.add(new ClientEvent.Notice(error.text(), true));
    }

    /// The server refused `refused`: what it would have done is undone.
    private void refusedFrame(Receipts.Pending refused, ServerFrame.Error error, List<ClientEvent> out) {
        if (refused.entry().isPresent()) {
            delivery.notSent(refused.entry().get(), error.text(), out);
            return;
        }
        switch (refused.frame()) {
            case ClientFrame.Join join -> rooms.joinRefused(join.room(), error.text(), out);
            case ClientFrame.History(Name with, OptionalLong since) -> catchUp.privateReplayed(with);
            case ClientFrame.Part part -> rooms.partRefused(part.room());
            case ClientFrame.Hello _, ClientFrame.Login _, ClientFrame.Say _, ClientFrame.Topic _,
                 ClientFrame.Away _, ClientFrame.ListRooms _, ClientFrame.Who _, ClientFrame.History _,
                 ClientFrame.Kick _, ClientFrame.Invite _, ClientFrame.Moderate _, ClientFrame.Oper _, ClientFrame.Pass _,
                 ClientFrame.Nick _, ClientFrame.Ping _, ClientFrame.Pong _, ClientFrame.Quit _ -> {
                // Nothing to undo: the server changed nothing.
            }
        }
        out.add(new ClientEvent.Notice(error.text(), true));
    }
}
