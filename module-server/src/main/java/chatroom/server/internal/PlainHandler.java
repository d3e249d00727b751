package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;

import java.util.OptionalLong;

/// The plain dialect, the original chatroom's: the first line is the name, every later line
/// a message, `/quit` leaves.
final class PlainHandler implements LineHandler {

    private static final String TRY_AGAIN = "; type another name and press Enter.";

    private final Connection connection;
    private final Room room;

    PlainHandler(Connection connection, Room room) {
        this.connection = connection;
        this.room = room;
    }

    @Override
    public void onLine(String line) {
        if (PlainText.isQuit(line)) {
            connection.quit();
        } else if (connection.name() == null) {
            chooseName(line.strip());
        } else if (!line.isBlank()) {
            say(line);
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
