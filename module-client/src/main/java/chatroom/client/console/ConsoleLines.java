package chatroom.client.console;

import chatroom.client.core.ClientEvent;
import chatroom.client.core.ConnectionState;
import chatroom.protocol.PlainText;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// What the terminal shows of each [ClientEvent]: lines in the plain dialect's words (so a
/// person who knows `nc` reads them at once), each naming its room or conversation:
///
/// ```text
/// [12:01] #rust bob: hi
/// [12:01] #rust * bob waves
/// [12:01] #rust * alice joined the chat
/// [12:02] [from bob] psst
/// [12:02] [to bob] psst back
/// [12:03] * carol left the chat
/// [12:03] * Error: you are muted in #rust: your message was not sent
/// ```
///
/// A client in no room but the default one (every client at first, and every client of a
/// version 1 server) sees that room's lines without its name, exactly as before rooms existed:
/// `[12:01] bob: hi`. As soon as it is in another room, every room's lines name their room.
/// Lines about a member rather than a room (left the chat, renamed, away) and the client's
/// own notices name none.
///
/// Confined to the thread that delivers the client's events.
final class ConsoleLines {

    /// One line to print: its text, and the time to stamp it with (the server's, for what
    /// happened on the server; empty for now).
    record Line(Optional<Instant> time, String text) {
        static Line now(String text) {
            return new Line(Optional.empty(), text);
        }

        static Line at(Instant time, String text) {
            return new Line(Optional.of(time), text);
        }
    }

    private RoomName defaultRoom;
    private List<RoomName> rooms = List.of();
    private Optional<RoomName> current = Optional.empty();

    /// The lines that show `event`; none for events the console does not show.
    List<Line> of(ClientEvent event) {
        return switch (event) {
            case ClientEvent.Welcome welcome -> welcome(welcome);
            case ClientEvent.InRooms in -> inRooms(in);
            case ClientEvent.Members members -> members.listed()
                    ? PlainText.render(new ServerFrame.Members(members.members(), false))
                            .map(line -> List.of(Line.now(in(members.room(), line)))).orElse(List.of())
                    : List.of();
            case ClientEvent.Message message -> List.of(Line.at(message.chat().time(),
                    in(message.room(), chat(message.chat()))));
            case ClientEvent.PrivateMessage message -> List.of(Line.at(message.chat().time(),
                    (message.sent() ? "[to " : "[from ") + message.with() + "] " + (message.chat().action()
                            ? PlainText.ACTION_MARK + message.chat().from() + " " + message.chat().text()
                            : message.chat().text())));
            case ClientEvent.Presence presence -> plain(Optional.of(presence.time()), presence.room(), presence.frame());
            case ClientEvent.Topic topic -> plain(Optional.empty(), Optional.of(topic.room()), topic.topic());
            case ClientEvent.Moderated moderated -> plain(Optional.of(moderated.moderated().time()),
                    Optional.of(moderated.room()), moderated.moderated());
            case ClientEvent.Away away -> plain(Optional.empty(), Optional.empty(),
                    new ServerFrame.Away(away.name(), away.text()));
            case ClientEvent.RoomList list -> {
                List<Line> lines = new ArrayList<>();
                PlainText.render(new ServerFrame.RoomList(list.rooms().size())).ifPresent(line -> lines.add(Line.now(line)));
                list.rooms().forEach(info -> PlainText.render(info).ifPresent(line -> lines.add(Line.now(line))));
                yield lines;
            }
            case ClientEvent.Invited invited -> PlainText.render(invited.invitation(), new PlainText.Viewer(
                    invited.mine() ? Optional.of(invited.invitation().by()) : Optional.empty(), Optional.empty()))
                    .map(line -> List.of(Line.at(invited.invitation().time(), line))).orElse(List.of());
            case ClientEvent.Notice notice -> List.of(Line.now((notice.error() ? "* Error: " : "* ") + notice.text()));
            case ClientEvent.NotSent notSent -> List.of(Line.now("* Not sent"
                    + (notSent.to() instanceof RoomName room && isDefault(room) && !tagged() ? "" : " to " + notSent.to().value())
                    + ": " + notSent.text() + " (" + notSent.reason() + "). Type it again to retry."));
            case ClientEvent.StateChanged changed -> describe(changed).map(Line::now).stream().toList();
            case ClientEvent.Unconfirmed unconfirmed -> List.of(); // shown once the server has echoed it
            case ClientEvent.Stopped stopped -> List.of(); // the session says why, and ends
        };
    }

    private List<Line> welcome(ClientEvent.Welcome welcome) {
        if (defaultRoom == null || !welcome.reconnected()) {
            rooms = List.of(welcome.defaultRoom());
            current = Optional.of(welcome.defaultRoom());
        }
        defaultRoom = welcome.defaultRoom();
        String where = " to " + welcome.server() + " as " + welcome.name() + ", room " + welcome.room();
        if (welcome.reconnected()) {
            List<RoomName> others = rooms.stream().filter(room -> !isDefault(room)).toList();
            return List.of(Line.now("* Reconnected" + where + (others.isEmpty() ? "" : "; joining "
                    + String.join(", ", others.stream().map(RoomName::value).toList()) + " again") + "."));
        }
        return List.of(Line.now("* Connected" + where + ". Type a message and press Enter; "
                + (welcome.version() >= 2 ? "/help lists the commands, " : "") + "/quit leaves."));
    }

    private List<Line> inRooms(ClientEvent.InRooms in) {
        boolean moved = !in.current().equals(current);
        rooms = in.rooms();
        current = in.current();
        if (!moved) {
            return List.of();
        }
        return List.of(Line.now(current.map(room -> "* Your messages now go to " + room + ".")
                .orElse("* You are in no room now: /join #room to enter one, /rooms lists them.")));
    }

    /// A chat line in the plain dialect's form: `bob: hi`, or for an action `* bob waves`.
    private static String chat(ServerFrame.Chat chat) {
        return chat.action()
                ? PlainText.NOTICE_PREFIX + chat.from() + " " + chat.text()
                : chat.from() + ": " + chat.text();
    }

    /// `frame` as the plain dialect words it, with its room named as [#in] says.
    private List<Line> plain(Optional<Instant> time, Optional<RoomName> room, ServerFrame frame) {
        return PlainText.render(frame)
                .map(line -> List.of(new Line(time, room.map(r -> in(r, line)).orElse(line))))
                .orElse(List.of());
    }

    /// `line` of `room`, with the room's name first unless the client is in the default room
    /// only and this is it.
    private String in(RoomName room, String line) {
        return isDefault(room) && !tagged() ? line : room + " " + line;
    }

    /// Whether the default room's lines name it too: the client is in some other room, or not
    /// in the default room.
    private boolean tagged() {
        return !(rooms.size() == 1 && isDefault(rooms.getFirst()));
    }

    private boolean isDefault(RoomName room) {
        return defaultRoom != null && defaultRoom.sameAs(room);
    }

    private static Optional<String> describe(ClientEvent.StateChanged changed) {
        if (changed.state() != ConnectionState.WAITING_TO_RECONNECT) {
            return Optional.empty();
        }
        String reason = changed.reason().map(text -> " (" + text + ")").orElse("");
        return Optional.of(changed.retryIn()
                .map(delay -> "* Connection lost" + reason + "; reconnecting in "
                        + Math.max(1, Math.round(delay.toMillis() / 1000.0)) + " s. /reconnect tries now.")
                .orElse("* Connection lost" + reason + ". /reconnect tries again, /quit leaves."));
    }
}
