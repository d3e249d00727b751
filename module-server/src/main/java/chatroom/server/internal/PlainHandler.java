package chatroom.server.internal;

import chatroom.protocol.Command;
import chatroom.protocol.Commands;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;
import chatroom.server.ServerPassword;

import java.util.Optional;
import java.util.OptionalLong;

/// The plain dialect, the original chatroom's: the first line is the name, every later line a
/// message to the member's current room, `/quit` leaves; other `/commands` ([Commands]) join
/// and leave rooms, send private messages, set topics and moderate. On a server with a
/// password, the first line is the password and the name comes next.
final class PlainHandler implements LineHandler {

    private static final String TRY_AGAIN = "; type another name and press Enter.";

    private final Connection connection;
    private final Community community;
    /// The password still to be given; empty once given, or if the server needs none.
    private Optional<ServerPassword> password;

    PlainHandler(Connection connection, Community community, Optional<ServerPassword> password) {
        this.connection = connection;
        this.community = community;
        this.password = password;
    }

    @Override
    public void onLine(String line) {
        if (password.isPresent()) {
            checkPassword(password.get(), line);
        } else if (PlainText.isQuit(line)) {
            connection.quit();
        } else if (connection.name() == null) {
            chooseName(line.strip());
        } else if (!line.startsWith("/")) {
            // A message, the common line: checked once and said, without a Command made for it.
            if (!line.isBlank()) {
                switch (Text.checkMessage(line)) {
                    case Parsed.Ok<String>(String text) -> inCurrentRoom(room -> community.say(connection, room, text,
                            false)).ifPresent(connection::send);
                    case Parsed.Invalid<String>(ErrorCode code, String detail) ->
                            connection.send(new ServerFrame.Error(code, detail));
                }
            }
        } else {
            switch (Commands.parse(line)) {
                case Parsed.Ok<Command>(Command command) -> run(command).ifPresent(connection::send);
                case Parsed.Invalid<Command>(ErrorCode code, String detail) ->
                        connection.send(new ServerFrame.Error(code, detail));
            }
        }
    }

    /// The line is compared as typed (spaces included); `/quit` still leaves, unless it is the
    /// password.
    private void checkPassword(ServerPassword expected, String line) {
        if (expected.matches(line)) {
            password = Optional.empty();
            connection.sendLine(PlainText.PASSWORD_ACCEPTED);
        } else if (PlainText.isQuit(line)) {
            connection.quit();
        } else {
            connection.refusePassword(new ServerFrame.Error(ErrorCode.BAD_PASSWORD, "wrong password; goodbye."));
        }
    }

    private void chooseName(String candidate) {
        switch (Name.parse(candidate)) {
            case Parsed.Ok<Name>(Name name) -> community.login(connection, name, OptionalLong.empty()).ifPresentOrElse(
                    refused -> connection.send(new ServerFrame.Error(refused.code(), capitalize(refused.text()) + TRY_AGAIN)),
                    connection::logJoin);
            case Parsed.Invalid<Name>(ErrorCode code, String detail) ->
                    connection.send(new ServerFrame.Error(code, capitalize(detail) + TRY_AGAIN));
        }
    }

    private Optional<ServerFrame.Error> run(Command command) {
        return switch (command) {
            case Command.Say say -> inCurrentRoom(room -> community.say(connection, room, say.text(), false));
            case Command.Me me -> inCurrentRoom(room -> community.say(connection, room, me.text(), true));
            case Command.Msg msg -> community.say(connection, msg.to(), msg.text(), false);
            case Command.Join join -> community.join(connection, join.room(), OptionalLong.empty(), join.key());
            case Command.Part part -> in(part.room(), room -> community.part(connection, room, part.reason()));
            case Command.Rooms rooms -> {
                community.listRooms(connection);
                yield Optional.empty();
            }
            case Command.Who who -> in(who.room(), room -> community.who(connection, room));
            case Command.Nick nick -> community.rename(connection, nick.name());
            case Command.Topic topic -> in(topic.room(), room -> community.topic(connection, room, topic.text()));
            case Command.Away away -> {
                community.away(connection, away.text());
                yield Optional.empty();
            }
            case Command.Kick kick -> in(kick.room(), room -> community.kick(connection, room, kick.name(), kick.reason()));
            case Command.Invite invite -> in(invite.room(), room -> community.invite(connection, room, invite.name()));
            case Command.Moderate moderate -> moderate.action() == Moderation.CLOSE && moderate.room().isEmpty()
                    ? Optional.of(new ServerFrame.Error(ErrorCode.BAD_COMMAND, "usage: /close #room"))
                    : in(moderate.room(), room -> community.moderate(connection, room, moderate.action(),
                            moderate.target()));
            case Command.Oper oper -> {
                community.oper(connection, oper.password()).ifPresent(refused -> {
                    connection.send(refused);
                    connection.wrongOperatorPassword();
                });
                yield Optional.empty();
            }
            case Command.Help help -> {
                Command.HELP.forEach(line -> connection.send(new ServerFrame.Notice(line)));
                yield Optional.empty();
            }
            case Command.Quit quit -> {
                connection.quit();
                yield Optional.empty();
            }
        };
    }

    /// Runs `action` on `room`, or on the current room if `room` is empty.
    private Optional<ServerFrame.Error> in(Optional<RoomName> room,
                                           java.util.function.Function<RoomName, Optional<ServerFrame.Error>> action) {
        return room.isPresent() ? action.apply(room.get()) : inCurrentRoom(action);
    }

    private Optional<ServerFrame.Error> inCurrentRoom(
            java.util.function.Function<RoomName, Optional<ServerFrame.Error>> action) {
        Room current = connection.membership().current();
        if (current == null) {
            return Optional.of(new ServerFrame.Error(ErrorCode.NOT_IN_ROOM,
                    "you are in no room: /join #room to enter one, /rooms lists them"));
        }
        return action.apply(current.name());
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
