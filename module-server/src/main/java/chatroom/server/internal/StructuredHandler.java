package chatroom.server.internal;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.ClientFrames;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;
import chatroom.server.ServerConfig;
import chatroom.server.ServerPassword;

import java.util.Optional;

/// The structured dialect: `HELLO`, then `PASS` if the server needs a password, then `LOGIN`,
/// then frames (see `docs/protocol.md`). Version 2 adds rooms, private messages, topics, away
/// and moderation; a version 1 client is refused their verbs, as a version 1 server would.
final class StructuredHandler implements LineHandler {

    private final Connection connection;
    private final Community community;
    private final ServerConfig config;
    private final String product;
    /// Where a `SAY` without `room=` or `to=` goes (version 1's only room).
    private final RoomName defaultRoom;
    private boolean greeted;
    /// The label of the frame being handled, for its refusal.
    private Optional<String> label = Optional.empty();
    /// The password still to be given; empty once given, or if the server needs none.
    private Optional<ServerPassword> password;

    StructuredHandler(Connection connection, Community community, ServerConfig config, String product,
                      RoomName defaultRoom) {
        this.connection = connection;
        this.community = community;
        this.config = config;
        this.product = product;
        this.defaultRoom = defaultRoom;
        this.password = config.password();
    }

    @Override
    public void onLine(String line) {
        // Version 2 answers a labelled frame's refusal with its label; version 1 never did.
        label = connection.dialect() == Dialect.STRUCTURED_V2 ? ClientFrames.label(line) : Optional.empty();
        switch (ClientFrames.decode(line)) {
            case Parsed.Ok<ClientFrame>(ClientFrame frame) -> handle(frame).ifPresent(this::refuse);
            case Parsed.Invalid<ClientFrame>(ErrorCode code, String detail) -> refuse(code, detail);
        }
    }

    private Optional<ServerFrame.Error> handle(ClientFrame frame) {
        return switch (frame) {
            case ClientFrame.Hello hello -> hello(hello);
            case ClientFrame.Pass pass -> pass(pass);
            case ClientFrame.Login login -> {
                if (connection.name() != null) {
                    yield error(ErrorCode.WRONG_STATE, "already logged in as " + connection.name());
                }
                if (password.isPresent()) {
                    yield error(ErrorCode.PASSWORD_REQUIRED, "this server needs a password; send PASS first");
                }
                Optional<ServerFrame.Error> refused = community.login(connection, login.name(), login.since());
                if (refused.isEmpty()) {
                    connection.logJoin();
                }
                yield refused;
            }
            case ClientFrame.Say say -> loggedIn().or(() -> say(say));
            case ClientFrame.Nick nick -> loggedIn().or(() -> community.rename(connection, nick.name()));
            case ClientFrame.Ping ping -> {
                connection.send(new ServerFrame.Pong(ping.token()));
                yield Optional.empty();
            }
            case ClientFrame.Pong pong -> {
                connection.pongReceived();
                yield Optional.empty();
            }
            case ClientFrame.Quit quit -> {
                connection.quit();
                yield Optional.empty();
            }
            case ClientFrame.Join join -> versionTwo("JOIN").or(() -> community.join(connection, join.room(), join.since(),
                    join.key()));
            case ClientFrame.Invite invite -> versionTwo("INVITE").or(() -> community.invite(connection, invite.room(),
                    invite.name()));
            case ClientFrame.Part part -> versionTwo("PART").or(() -> community.part(connection, part.room(), part.reason()));
            case ClientFrame.Topic topic -> versionTwo("TOPIC").or(() -> community.topic(connection, topic.room(),
                    topic.text()));
            case ClientFrame.Away away -> versionTwo("AWAY").or(() -> {
                community.away(connection, away.text());
                return Optional.empty();
            });
            case ClientFrame.ListRooms list -> versionTwo("ROOMS").or(() -> {
                community.listRooms(connection);
                return Optional.empty();
            });
            case ClientFrame.Who who -> versionTwo("WHO").or(() -> community.who(connection, who.room()));
            case ClientFrame.History history -> versionTwo("HISTORY").or(() -> community.history(connection,
                    history.with(), history.since()));
            case ClientFrame.Kick kick -> versionTwo("KICK").or(() -> community.kick(connection, kick.room(),
                    kick.name(), kick.reason()));
            case ClientFrame.Moderate moderate -> versionTwo(moderate.action().verb()).or(() ->
                    community.moderate(connection, moderate.room(), moderate.action(), moderate.target()));
            case ClientFrame.Oper oper -> versionTwo("OPER").or(() -> {
                community.oper(connection, oper.password()).ifPresent(refused -> {
                    refuse(refused);
                    connection.wrongOperatorPassword();
                });
                return Optional.empty();
            });
        };
    }

    private Optional<ServerFrame.Error> say(ClientFrame.Say say) {
        if (connection.dialect() == Dialect.STRUCTURED_V1 && (say.to().isPresent() || say.action())) {
            // A version 1 server ignored these attributes and would have sent the text to the
            // room: refusing is safer than either.
            return error(ErrorCode.BAD_FRAME, "room=, to= and action= need protocol version 2");
        }
        Target to = say.to().orElse(defaultRoom);
        return community.say(connection, to, say.text(), say.action());
    }

    private Optional<ServerFrame.Error> hello(ClientFrame.Hello hello) {
        if (greeted) {
            return error(ErrorCode.WRONG_STATE, "HELLO was already sent");
        }
        greeted = true;
        // The server answers with the highest version both sides speak; the client decides.
        int version = Math.min(hello.version(), Limits.PROTOCOL_VERSION);
        connection.dialect(version >= 2 ? Dialect.STRUCTURED_V2 : Dialect.STRUCTURED_V1);
        connection.send(new ServerFrame.Hello(version, product, Limits.MAX_FRAME_BYTES,
                Limits.MAX_TEXT_BYTES, (int) Math.max(1, config.heartbeat().toSeconds()),
                config.password().isPresent()));
        return Optional.empty();
    }

    /// One attempt per connection: a wrong password closes it. When no password is needed (none
    /// is set, or it was given already) `PASS` is ignored, so that a client with a password
    /// saved for a server that no longer asks for one still gets in.
    private Optional<ServerFrame.Error> pass(ClientFrame.Pass pass) {
        if (connection.name() != null) {
            return error(ErrorCode.WRONG_STATE, "already logged in as " + connection.name());
        }
        if (password.isPresent()) {
            if (password.get().matches(pass.password())) {
                password = Optional.empty();
            } else {
                connection.refusePassword(new ServerFrame.Error(ErrorCode.BAD_PASSWORD, "wrong password"));
            }
        }
        return Optional.empty();
    }

    /// Refuses a version 2 verb on a version 1 connection (as an unknown verb, which it is
    /// there), and any verb before `LOGIN`.
    private Optional<ServerFrame.Error> versionTwo(String verb) {
        if (connection.dialect() != Dialect.STRUCTURED_V2) {
            return error(ErrorCode.UNKNOWN_VERB, "unknown verb " + verb);
        }
        return loggedIn();
    }

    private Optional<ServerFrame.Error> loggedIn() {
        return connection.name() == null ? error(ErrorCode.WRONG_STATE, "LOGIN first") : Optional.empty();
    }

    private void refuse(ErrorCode code, String detail) {
        refuse(new ServerFrame.Error(code, detail));
    }

    private void refuse(ServerFrame.Error error) {
        connection.send(error.labelled(label));
    }

    private static Optional<ServerFrame.Error> error(ErrorCode code, String detail) {
        return Optional.of(new ServerFrame.Error(code, detail));
    }
}
