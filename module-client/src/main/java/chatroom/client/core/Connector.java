package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/// Opens one link to the server and logs in on it: TCP, then TLS if wanted (the certificate
/// trusted as the [TrustGate] decides), `HELLO` both ways, `PASS` if the server asks for it,
/// `LOGIN`, and the server's `WELCOME` or refusal (read by a [Handshake]). It remembers, for
/// the rest of the session, that a server accepts only TLS. Every end is an [Attempt]; a
/// socket's `IOException` is turned into one here, at the edge.
///
/// Session thread only: it blocks on the network and holds no lock while it does (the `login`
/// supplier given to [#open] takes the client's lock only to build the frame).
final class Connector {

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
            case Handshake.Greeting.Hello(ServerFrame.Hello frame) -> hello = frame;
            case Handshake.Greeting.TlsOnly() -> {
                // The server accepts only TLS: use it now, and on every reconnect of this session.
                tls = true;
                return new Attempt.Again("the server accepts only TLS");
            }
            case Handshake.Greeting.Ended(LoginOutcome outcome) -> {
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
            case Handshake.Answer.Welcome(ServerFrame.Welcome frame) -> welcome = frame;
            case Handshake.Answer.Ended(LoginOutcome outcome) -> {
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
}
