package chatroom.server.internal;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.ClientFrames;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;
import chatroom.server.ServerPassword;

import java.util.Optional;

/// The structured dialect: `HELLO`, then `PASS` if the server needs a password, then `LOGIN`,
/// then chat (see `docs/protocol.md`).
final class StructuredHandler implements LineHandler {

    private final Connection connection;
    private final ServerImpl server;
    private boolean greeted;
    /// The password still to be given; empty once given, or if the server needs none.
    private Optional<ServerPassword> password;

    StructuredHandler(Connection connection, ServerImpl server) {
        this.connection = connection;
        this.server = server;
        this.password = server.config().password();
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
            case ClientFrame.Pass pass -> pass(pass);
            case ClientFrame.Login login -> {
                if (connection.name() != null) {
                    refuse(ErrorCode.WRONG_STATE, "already logged in as " + connection.name());
                } else if (password.isPresent()) {
                    refuse(ErrorCode.PASSWORD_REQUIRED, "this server needs a password; send PASS first");
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
            // Temporary while rooms are being built: version 2 verbs are not served yet.
            case ClientFrame.Join join -> refuse(ErrorCode.UNKNOWN_VERB, "not yet");
            case ClientFrame.Part part -> refuse(ErrorCode.UNKNOWN_VERB, "not yet");
            case ClientFrame.Topic topic -> refuse(ErrorCode.UNKNOWN_VERB, "not yet");
            case ClientFrame.Away away -> refuse(ErrorCode.UNKNOWN_VERB, "not yet");
            case ClientFrame.ListRooms list -> refuse(ErrorCode.UNKNOWN_VERB, "not yet");
            case ClientFrame.Who who -> refuse(ErrorCode.UNKNOWN_VERB, "not yet");
            case ClientFrame.History history -> refuse(ErrorCode.UNKNOWN_VERB, "not yet");
            case ClientFrame.Kick kick -> refuse(ErrorCode.UNKNOWN_VERB, "not yet");
            case ClientFrame.Moderate moderate -> refuse(ErrorCode.UNKNOWN_VERB, "not yet");
            case ClientFrame.Oper oper -> refuse(ErrorCode.UNKNOWN_VERB, "not yet");
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
                Limits.MAX_TEXT_BYTES, (int) Math.max(1, server.config().heartbeat().toSeconds()),
                server.config().password().isPresent()));
    }

    /// One attempt per connection: a wrong password closes it. When no password is needed (none
    /// is set, or it was given already) `PASS` is ignored, so that a client with a password
    /// saved for a server that no longer asks for one still gets in.
    private void pass(ClientFrame.Pass pass) {
        if (connection.name() != null) {
            refuse(ErrorCode.WRONG_STATE, "already logged in as " + connection.name());
        } else if (password.isPresent()) {
            if (password.get().matches(pass.password())) {
                password = Optional.empty();
            } else {
                connection.refusePassword(new ServerFrame.Error(ErrorCode.BAD_PASSWORD, "wrong password"));
            }
        }
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
