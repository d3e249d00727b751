package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static java.lang.System.Logger.Level.DEBUG;

/// Opens one link to the server and logs in on it: TCP, then TLS if wanted (the certificate
/// trusted as the [TrustGate] decides), `HELLO` both ways, `PASS` if the server asks for it,
/// `LOGIN`, and the server's `WELCOME` or refusal. It remembers, for the rest of the session,
/// that a server accepts only TLS.
///
/// Session thread only: it blocks on the network and holds no lock while it does (the `login`
/// supplier given to [#open] takes the [ChatClient]'s lock only to build the frame).
final class Connector {

    private static final System.Logger LOG = System.getLogger("chatroom.client");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final String CLIENT_ID = "chatroom-client/1";

    /// A link logged in: the server's welcome, the version both speak and the room it put this
    /// client in. Its read timeout is set to notice a server gone silent.
    record Opened(ServerLink link, ServerFrame.Welcome welcome, int version, RoomName room) {
    }

    private final ServerAddress address;
    private final Security security;
    private final TrustGate trustGate;
    private final BooleanSupplier quitting;
    /// Whether to use TLS: asked for, or learnt from a server that accepts only TLS.
    private boolean tls;

    /// A connector to `address`; `quitting` tells whether a refusal is only the person leaving.
    Connector(ServerAddress address, Security security, TrustGate trustGate, BooleanSupplier quitting) {
        this.address = address;
        this.security = security;
        this.trustGate = trustGate;
        this.quitting = quitting;
        this.tls = security.tls();
    }

    /// Connects `socket` (created by the caller so that another thread can close it to cancel
    /// the attempt) and logs in with the frame `login` gives. On failure the link, if any, is
    /// closed; closing `socket` is the caller's.
    Opened open(Socket socket, Supplier<ClientFrame.Login> login) throws IOException, LoginFailure, TryAgain {
        ServerLink newLink = null;
        try {
            if (tls) {
                ServerLink.open(socket, address, CONNECT_TIMEOUT);
                switch (trustGate.secure(socket, CONNECT_TIMEOUT)) {
                    case TrustGate.Result.Secured secured -> newLink = ServerLink.secured(secured.socket(), socket);
                    case TrustGate.Result.NowTrusted trusted -> throw new TryAgain("the person trusted the server");
                    case TrustGate.Result.Refused refused -> throw new LoginFailure(quitting.getAsBoolean()
                            ? new LoginOutcome.Cancelled() : refused.outcome());
                }
            } else {
                newLink = ServerLink.connect(socket, address, CONNECT_TIMEOUT);
            }
            return logIn(newLink, login);
        } catch (IOException | LoginFailure | TryAgain failure) {
            if (newLink != null) {
                newLink.close();
            }
            throw failure;
        }
    }

    private Opened logIn(ServerLink newLink, Supplier<ClientFrame.Login> login)
            throws IOException, LoginFailure, TryAgain {
        newLink.readTimeout(CONNECT_TIMEOUT);
        newLink.send(new ClientFrame.Hello(Identity.VERSION, CLIENT_ID));
        Handshake handshake = new Handshake(newLink);
        ServerFrame.Hello hello;
        try {
            hello = handshake.awaitHello();
        } catch (TlsRequired required) {
            // The server accepts only TLS: use it now, and on every reconnect of this session.
            tls = true;
            throw new TryAgain("the server accepts only TLS");
        }
        if (hello.passwordRequired()) {
            if (security.password().isEmpty()) {
                throw new LoginFailure(new LoginOutcome.PasswordRequired());
            }
            newLink.send(new ClientFrame.Pass(security.password().get()));
        }
        // The client speaks the version the server chose, which is never more than offered.
        int version = Math.min(hello.version(), Identity.VERSION);
        newLink.send(login.get());
        ServerFrame.Welcome welcome = handshake.awaitWelcome();
        // Version 2 names the room as rooms are named (`#lobby`), version 1 without the `#`.
        RoomName room = switch (RoomName.parse(version >= 2 ? welcome.room() : "#" + welcome.room())) {
            case Parsed.Ok<RoomName>(RoomName valid) -> valid;
            case Parsed.Invalid<RoomName> invalid -> throw new LoginFailure(new LoginOutcome.Unreachable(
                    "the server's room name " + welcome.room() + " is not valid: " + invalid.detail()));
        };
        // The server pings after `heartbeat` seconds of silence: 2.5 times that without a
        // byte means it is gone, even if TCP has not noticed.
        newLink.readTimeout(Duration.ofMillis(Math.max(5_000, hello.heartbeatSeconds() * 2_500L)));
        return new Opened(newLink, welcome, version, room);
    }

    /// The server wants to be reached differently (with TLS, or now that its certificate is
    /// trusted): connect again at once.
    static final class TryAgain extends Exception {
        TryAgain(String why) {
            super(why, null, false, false);
        }
    }

    /// The ways a login attempt can fail, carried out to the session thread's loop.
    static final class LoginFailure extends Exception {
        private final LoginOutcome outcome;

        LoginFailure(LoginOutcome outcome) {
            super(outcome.toString(), null, false, false);
            this.outcome = outcome;
        }

        LoginOutcome outcome() {
            return outcome;
        }
    }

    /// A plain connection met a server that accepts only TLS.
    private static final class TlsRequired extends Exception {
        TlsRequired() {
            super("TLS required", null, false, false);
        }
    }

    /// Reads the server's side of the handshake: any `* ` lines first (the greeting, or a
    /// refusal such as "server is full"), then `HELLO`, then `WELCOME` or an error.
    private static final class Handshake {
        private final ServerLink link;
        private String lastNotice = "the server closed the connection";

        Handshake(ServerLink link) {
            this.link = link;
        }

        ServerFrame.Hello awaitHello() throws IOException, LoginFailure, TlsRequired {
            // A real server sends one greeting line first; a peer that sends many is not one.
            for (int i = 0; i < 100; i++) {
                String line = nextLine();
                if (line.equals(PlainText.TLS_REQUIRED)) {
                    throw new TlsRequired();
                }
                if (line.startsWith("* ")) {
                    lastNotice = line.substring(2);
                } else if (ServerFrames.decode(line) instanceof Parsed.Ok<ServerFrame>(ServerFrame.Hello hello)) {
                    return hello;
                }
            }
            throw new LoginFailure(new LoginOutcome.Unreachable("this is not a chatroom server"));
        }

        ServerFrame.Welcome awaitWelcome() throws IOException, LoginFailure {
            while (true) {
                switch (ServerFrames.decode(nextLine())) {
                    case Parsed.Ok<ServerFrame>(ServerFrame.Welcome welcome) -> {
                        return welcome;
                    }
                    case Parsed.Ok<ServerFrame>(ServerFrame.Error error)
                            when error.code() == ErrorCode.NAME_TAKEN || error.code() == ErrorCode.NAME_INVALID ->
                            throw new LoginFailure(new LoginOutcome.NameRefused(error.code(), error.text()));
                    case Parsed.Ok<ServerFrame>(ServerFrame.Error error) when error.code() == ErrorCode.BAD_PASSWORD ->
                            throw new LoginFailure(new LoginOutcome.WrongPassword());
                    case Parsed.Ok<ServerFrame>(ServerFrame.Error error)
                            when error.code() == ErrorCode.PASSWORD_REQUIRED ->
                            throw new LoginFailure(new LoginOutcome.PasswordRequired());
                    case Parsed.Ok<ServerFrame>(ServerFrame.Bye bye) ->
                            throw new LoginFailure(new LoginOutcome.Unreachable(bye.text()));
                    case Parsed.Ok<ServerFrame>(ServerFrame.Error error) -> lastNotice = error.text();
                    case Parsed.Ok<ServerFrame> other -> LOG.log(DEBUG, "Ignoring before WELCOME: {0}", other);
                    case Parsed.Invalid<ServerFrame> invalid -> LOG.log(DEBUG, "Unreadable line before WELCOME");
                }
            }
        }

        private String nextLine() throws IOException, LoginFailure {
            while (true) {
                Optional<Parsed<String>> line = link.nextLine();
                if (line.isEmpty()) {
                    throw new LoginFailure(new LoginOutcome.Unreachable(lastNotice));
                }
                if (line.get() instanceof Parsed.Ok<String>(String text)) {
                    return text;
                }
            }
        }
    }
}
