package chatroom.server.internal;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.ClientFrames;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;

/// The structured dialect: `HELLO`, then `LOGIN`, then chat (see `docs/protocol.md`).
final class StructuredHandler implements LineHandler {

    private final Connection connection;
    private final ServerImpl server;
    private boolean greeted;

    StructuredHandler(Connection connection, ServerImpl server) {
        this.connection = connection;
        this.server = server;
    }

    @Override
    public void onLine(String line) {
        switch (ClientFrames.decode(line)) {
            case Parsed.Ok<ClientFrame>(ClientFrame frame) -> handle(frame);
            case Parsed.Invalid<ClientFrame>(ErrorCode code, String detail) -> refuse(code, detail);
        }
    }

    private void handle(ClientFrame frame) {
        switch (frame) {
            case ClientFrame.Hello hello -> hello(hello);
            case ClientFrame.Login login -> {
                if (connection.name() != null) {
                    refuse(ErrorCode.WRONG_STATE, "already logged in as " + connection.name());
                } else {
                    switch (server.room().join(connection, login.name(), login.since())) {
                        case Parsed.Ok<Name> joined -> connection.logJoin();
                        case Parsed.Invalid<Name>(ErrorCode code, String detail) -> refuse(code, detail);
                    }
                }
            }
            case ClientFrame.Say say -> {
                if (loggedIn()) {
                    server.room().say(connection, say.text());
                }
            }
            case ClientFrame.Nick nick -> {
                if (loggedIn() && server.room().rename(connection, nick.name())
                        instanceof Parsed.Invalid<Name>(ErrorCode code, String detail)) {
                    refuse(code, detail);
                }
            }
            case ClientFrame.Ping ping -> connection.send(new ServerFrame.Pong(ping.token()));
            case ClientFrame.Pong pong -> connection.pongReceived();
            case ClientFrame.Quit quit -> connection.quit();
            case ClientFrame.Pass pass -> {
                // This server needs no password: a client that sends one anyway may go on.
            }
        }
    }

    private void hello(ClientFrame.Hello hello) {
        if (greeted) {
            refuse(ErrorCode.WRONG_STATE, "HELLO was already sent");
            return;
        }
        greeted = true;
        // The server answers with the highest version both sides speak; the client decides.
        int version = Math.min(hello.version(), Limits.PROTOCOL_VERSION);
        connection.send(new ServerFrame.Hello(version, server.product(), Limits.MAX_FRAME_BYTES,
                Limits.MAX_TEXT_BYTES, (int) Math.max(1, server.config().heartbeat().toSeconds())));
    }

    private boolean loggedIn() {
        if (connection.name() == null) {
            refuse(ErrorCode.WRONG_STATE, "LOGIN first");
            return false;
        }
        return true;
    }

    private void refuse(ErrorCode code, String detail) {
        connection.send(new ServerFrame.Error(code, detail));
    }
}
