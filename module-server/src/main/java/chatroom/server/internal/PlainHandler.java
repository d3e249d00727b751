package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;

import chatroom.server.ServerPassword;

import java.util.Optional;
import java.util.OptionalLong;

/// The plain dialect, the original chatroom's: the first line is the name, every later line
/// a message, `/quit` leaves. On a server with a password, the first line is the password and
/// the name comes next.
final class PlainHandler implements LineHandler {

    private static final String TRY_AGAIN = "; type another name and press Enter.";

    private final Connection connection;
    private final Room room;
    /// The password still to be given; empty once given, or if the server needs none.
    private Optional<ServerPassword> password;

    PlainHandler(Connection connection, Room room, Optional<ServerPassword> password) {
        this.connection = connection;
        this.room = room;
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
        } else if (!line.isBlank()) {
            say(line);
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
        Parsed<Name> result = Name.parse(candidate).then(name -> room.join(connection, name, OptionalLong.empty()));
        switch (result) {
            case Parsed.Ok<Name> joined -> connection.logJoin();
            case Parsed.Invalid<Name>(ErrorCode code, String detail) ->
                    connection.send(new ServerFrame.Error(code, capitalize(detail) + TRY_AGAIN));
        }
    }

    private void say(String line) {
        switch (Text.checkMessage(line)) {
            case Parsed.Ok<String>(String text) -> room.say(connection, text);
            case Parsed.Invalid<String>(ErrorCode code, String detail) ->
                    connection.send(new ServerFrame.Error(code, detail));
        }
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
