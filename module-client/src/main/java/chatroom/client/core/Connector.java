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
/// that a server accepts only TLS. Every end is an [Attempt]; a socket's `IOException` is
/// turned into one here, at the edge.
///
/// Session thread only: it blocks on the network and holds no lock while it does (the `login`
/// supplier given to [#open] takes the client's lock only to build the frame).
final class Connector {

    private static final System.Logger LOG = System.getLogger("chatroom.client");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final String CLIENT_ID = "chatroom-client/1";

    private final ServerAddress address;
    private final Security security;
    private final TrustGate trustGate;
    private final BooleanSupplier quitting;
    /// Whether to use TLS: asked for, or learnt from a server that accepts only TLS.
    private boolean tls;

    /// A connector to `address`; `quitting` tells whether a failure is only the person leaving.
    Connector(ServerAddress address, Security security, TrustGate trustGate, BooleanSupplier quitting) {
        this.address = address;
        this.security = security;
        this.trustGate = trustGate;
        this.quitting = quitting;
        this.tls = security.tls();
    }

    /// Connects `socket` (created by the caller so that another thread can close it to cancel
    /// the attempt) and logs in with the frame `login` gives. Unless [Attempt.Connected], the
    /// link, if any, is closed; closing `socket` is the caller's.
    Attempt open(Socket socket, Supplier<ClientFrame.Login> login) {
        ServerLink newLink = null;
        Attempt attempt;
        try {
            if (tls) {
                ServerLink.open(socket, address, CONNECT_TIMEOUT);
                attempt = switch (trustGate.secure(socket, CONNECT_TIMEOUT)) {
                    case TrustGate.Result.Secured secured -> {
                        newLink = ServerLink.secured(secured.socket(), socket);
                        yield logIn(newLink, login);
                    }
                    case TrustGate.Result.NowTrusted trusted -> new Attempt.Again("the person trusted the server");
                    case TrustGate.Result.Refused refused -> refused(refused.outcome());
                };
            } else {
                newLink = ServerLink.connect(socket, address, CONNECT_TIMEOUT);
                attempt = logIn(newLink, login);
            }
        } catch (IOException e) {
            attempt = refused(new LoginOutcome.Unreachable(describe(e)));
        }
        if (!(attempt instanceof Attempt.Connected) && newLink != null) {
            newLink.close();
        }
        return attempt;
    }

    /// A refusal, unless the client is quitting: then the network failed or the question was
    /// withdrawn because the person is leaving, and that is all there is to say.
    private Attempt refused(LoginOutcome outcome) {
        return new Attempt.Refused(quitting.getAsBoolean() ? new LoginOutcome.Cancelled() : outcome);
    }

    private Attempt logIn(ServerLink newLink, Supplier<ClientFrame.Login> login) throws IOException {
        newLink.readTimeout(CONNECT_TIMEOUT);
        newLink.send(new ClientFrame.Hello(Identity.VERSION, CLIENT_ID));
        Handshake handshake = new Handshake(newLink);
        ServerFrame.Hello hello;
        switch (handshake.awaitHello()) {
            case Greeting.Hello(ServerFrame.Hello frame) -> hello = frame;
            case Greeting.TlsOnly() -> {
                // The server accepts only TLS: use it now, and on every reconnect of this session.
                tls = true;
                return new Attempt.Again("the server accepts only TLS");
            }
            case Greeting.Ended(LoginOutcome outcome) -> {
                return refused(outcome);
            }
        }
        if (hello.passwordRequired()) {
            if (security.password().isEmpty()) {
                return refused(new LoginOutcome.PasswordRequired());
            }
            newLink.send(new ClientFrame.Pass(security.password().get()));
        }
        // The client speaks the version the server chose, which is never more than offered.
        int version = Math.min(hello.version(), Identity.VERSION);
        newLink.send(login.get());
        ServerFrame.Welcome welcome;
        switch (handshake.awaitWelcome()) {
            case Answer.Welcome(ServerFrame.Welcome frame) -> welcome = frame;
            case Answer.Ended(LoginOutcome outcome) -> {
                return refused(outcome);
            }
        }
        // Version 2 names the room as rooms are named (`#lobby`), version 1 without the `#`.
        RoomName room;
        switch (RoomName.parse(version >= 2 ? welcome.room() : "#" + welcome.room())) {
            case Parsed.Ok<RoomName>(RoomName valid) -> room = valid;
            case Parsed.Invalid<RoomName> invalid -> {
                return refused(new LoginOutcome.Unreachable(
                        "the server's room name " + welcome.room() + " is not valid: " + invalid.detail()));
            }
        }
        // The server pings after `heartbeat` seconds of silence: 2.5 times that without a
        // byte means it is gone, even if TCP has not noticed.
        newLink.readTimeout(Duration.ofMillis(Math.max(5_000, hello.heartbeatSeconds() * 2_500L)));
        return new Attempt.Connected(newLink, welcome, version, room);
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /// What the server said before `LOGIN`.
    private sealed interface Greeting {
        record Hello(ServerFrame.Hello frame) implements Greeting {
        }

        /// A plain connection met a server that accepts only TLS.
        record TlsOnly() implements Greeting {
        }

        record Ended(LoginOutcome outcome) implements Greeting {
        }
    }

    /// What the server answered to `LOGIN`.
    private sealed interface Answer {
        record Welcome(ServerFrame.Welcome frame) implements Answer {
        }

        record Ended(LoginOutcome outcome) implements Answer {
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

        Greeting awaitHello() throws IOException {
            // A real server sends one greeting line first; a peer that sends many is not one.
            for (int i = 0; i < 100; i++) {
                Optional<String> line = nextLine();
                if (line.isEmpty()) {
                    return new Greeting.Ended(closed());
                }
                if (line.get().equals(PlainText.TLS_REQUIRED)) {
                    return new Greeting.TlsOnly();
                }
                if (line.get().startsWith("* ")) {
                    lastNotice = line.get().substring(2);
                } else if (ServerFrames.decode(line.get())
                        instanceof Parsed.Ok<ServerFrame>(ServerFrame.Hello hello)) {
                    return new Greeting.Hello(hello);
                }
            }
            return new Greeting.Ended(new LoginOutcome.Unreachable("this is not a chatroom server"));
        }

        Answer awaitWelcome() throws IOException {
            while (true) {
                Optional<String> line = nextLine();
                if (line.isEmpty()) {
                    return new Answer.Ended(closed());
                }
                switch (ServerFrames.decode(line.get())) {
                    case Parsed.Ok<ServerFrame>(ServerFrame.Welcome welcome) -> {
                        return new Answer.Welcome(welcome);
                    }
                    case Parsed.Ok<ServerFrame>(ServerFrame.Error error)
                            when error.code() == ErrorCode.NAME_TAKEN || error.code() == ErrorCode.NAME_INVALID -> {
                        return new Answer.Ended(new LoginOutcome.NameRefused(error.code(), error.text()));
                    }
                    case Parsed.Ok<ServerFrame>(ServerFrame.Error error)
                            when error.code() == ErrorCode.BAD_PASSWORD -> {
                        return new Answer.Ended(new LoginOutcome.WrongPassword());
                    }
                    case Parsed.Ok<ServerFrame>(ServerFrame.Error error)
                            when error.code() == ErrorCode.PASSWORD_REQUIRED -> {
                        return new Answer.Ended(new LoginOutcome.PasswordRequired());
                    }
                    case Parsed.Ok<ServerFrame>(ServerFrame.Bye bye) -> {
                        return new Answer.Ended(new LoginOutcome.Unreachable(bye.text()));
                    }
                    case Parsed.Ok<ServerFrame>(ServerFrame.Error error) -> lastNotice = error.text();
                    case Parsed.Ok<ServerFrame> other -> LOG.log(DEBUG, "Ignoring before WELCOME: {0}", other);
                    case Parsed.Invalid<ServerFrame> invalid -> LOG.log(DEBUG, "Unreadable line before WELCOME");
                }
            }
        }

        /// The server closed the connection: the last thing it said is why.
        private LoginOutcome closed() {
            return new LoginOutcome.Unreachable(lastNotice);
        }

        /// The next readable line, or empty when the server has closed the connection.
        private Optional<String> nextLine() throws IOException {
            while (true) {
                Optional<Parsed<String>> line = link.nextLine();
                if (line.isEmpty()) {
                    return Optional.empty();
                }
                if (line.get() instanceof Parsed.Ok<String>(String text)) {
                    return Optional.of(text);
                }
            }
        }
    }
}
