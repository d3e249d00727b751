package chatroom.client.core;

import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;

/// The session thread's work (`chatroom-client-session`): connect and log in, serve the
/// server's frames until the link drops, wait as the [ReconnectPolicy] says, and again, until
/// the client quits or meets a refusal only the person can settle. The first attempt's outcome
/// completes [#firstLogin()]; only after it succeeded does the loop reconnect.
///
/// Holds no lock itself: it changes the chat only through [ClientState], and publishes its own
/// events (connecting, welcome, connected, stopped, closed) holding none.
final class SessionLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger("chatroom.client");
    private static final ClientEvent CONNECTING = state(ConnectionState.CONNECTING);
    private static final ClientEvent CONNECTED = state(ConnectionState.CONNECTED);
    private static final ClientEvent CLOSED = state(ConnectionState.CLOSED);

    private final ServerAddress address;
    private final ClientState state;
    private final Connector connector;
    private final EventBatcher events;
    private final FrameWriter writer;
    private final ReconnectPolicy policy;
    private final RandomGenerator random;
    private final CompletableFuture<LoginOutcome> firstLogin = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    SessionLoop(ServerAddress address, ClientState state, Connector connector, EventBatcher events,
                FrameWriter writer, ReconnectPolicy policy, RandomGenerator random) {
        this.address = address;
        this.state = state;
        this.connector = connector;
        this.events = events;
        this.writer = writer;
        this.policy = policy;
        this.random = random;
    }

    /// Completes with the first attempt's outcome.
    CompletableFuture<LoginOutcome> firstLogin() {
        return firstLogin;
    }

    /// Counted down when the loop has ended and the writer stopped.
    CountDownLatch closed() {
        return closed;
    }

    @Override
    public void run() {
        try {
            String reason;
            switch (login(false)) {
                case Attempt.Connected connected -> reason = serve(connected.link());
                case Attempt.Refused(LoginOutcome outcome) -> {
                    firstLogin.complete(outcome);
                    return;
                }
            }
            int attempt = 0;
            while (state.awaitRetry(policy.delay(attempt++, random), reason)) {
                switch (login(true)) {
                    case Attempt.Connected connected -> {
                        reason = serve(connected.link());
                        attempt = 0;
                    }
                    case Attempt.Refused(LoginOutcome outcome) when outcome.needsThePerson() -> {
                        // Retrying would meet the same certificate or password: stop, and say why.
                        events.publish(new ClientEvent.Stopped(outcome));
                        return;
                    }
                    case Attempt.Refused(LoginOutcome outcome) -> reason = describe(outcome);
                }
            }
        } catch (RuntimeException e) {
            // A bug: the client closes and says so rather than leave its thread dead and silent.
            LOG.log(ERROR, "Client session failed", e);
            firstLogin.complete(new LoginOutcome.Unreachable(String.valueOf(e.getMessage())));
        } finally {
            writer.shutdown();
            events.publish(CLOSED);
            closed.countDown();
        }
    }

    /// Connects, shakes hands and logs in, as often as the server asks to be reached
    /// differently: at most three tries (plain, which may learn that the server wants TLS; TLS,
    /// which may meet a new certificate; and TLS again once the person has trusted it).
    private Attempt.Final login(boolean reconnecting) {
        for (int round = 1; round <= 3; round++) {
            switch (attempt(reconnecting)) {
                case Attempt.Final end -> {
                    return end;
                }
                case Attempt.Again again -> LOG.log(DEBUG, "Connecting to {0} again: {1}", address, again.why());
            }
        }
        return new Attempt.Refused(new LoginOutcome.Unreachable("the server changes how it must be reached"));
    }

    /// One connection and login.
    private Attempt attempt(boolean reconnecting) {
        events.publish(CONNECTING);
        var socket = new Socket();
        if (!state.connecting(socket)) {
            return new Attempt.Refused(new LoginOutcome.Cancelled());
        }
        return switch (connector.open(socket, state::loginFrame)) {
            case Attempt.Connected connected -> loggedIn(connected, socket, reconnecting);
            case Attempt.Refused refused -> {
                closeQuietly(socket);
                yield refused;
            }
            case Attempt.Again again -> {
                closeQuietly(socket);
                yield again;
            }
        };
    }

    /// Logged in over `socket`: the session catches up and the listener is told, unless the
    /// client is quitting.
    private Attempt loggedIn(Attempt.Connected connected, Socket socket, boolean reconnecting) {
        Name name = connected.welcome().name();
        var welcome = new ClientEvent.Welcome(name, connected.room().bare(), address, reconnecting,
                connected.version());
        if (!state.linked(connected, writer, welcome, CONNECTED)) {
            connected.link().close();
            closeQuietly(socket);
            return new Attempt.Refused(new LoginOutcome.Cancelled());
        }
        // After the welcome is on its way: what the person does once told they are in (the
        // window rejoining its rooms) comes after it.
        if (!reconnecting) {
            firstLogin.complete(new LoginOutcome.LoggedIn(name, connected.room().bare()));
        }
        return connected;
    }

    /// Reads frames until the connection ends; returns why it ended.
    private String serve(ServerLink current) {
        try {
            while (true) {
                Optional<Parsed<String>> line = current.nextLine();
                if (line.isEmpty()) {
                    return "the server closed the connection";
                }
                if (line.get() instanceof Parsed.Ok<String>(String text)
                        && ServerFrames.decode(text) instanceof Parsed.Ok<ServerFrame>(ServerFrame frame)) {
                    Optional<String> bye = state.withSession((session, out) -> session.handle(frame, out));
                    if (bye.isPresent()) {
                        return bye.get();
                    }
                }
                // Anything else is a line this version cannot read (a newer server's frame):
                // ignoring it is what keeps old clients working.
            }
        } catch (SocketTimeoutException e) {
            return "the server stopped answering";
        } catch (IOException e) {
            return Connector.describe(e);
        } finally {
            state.unlinked();
            current.close();
        }
    }

    private static String describe(LoginOutcome outcome) {
        return switch (outcome) {
            case LoginOutcome.Unreachable unreachable -> unreachable.reason();
            case LoginOutcome.NameRefused refused -> refused.detail();
            case LoginOutcome.Cancelled cancelled -> "cancelled";
            case LoginOutcome.LoggedIn loggedIn -> "logged in";
            case LoginOutcome.NotTrusted notTrusted -> "the server's certificate is not trusted";
            case LoginOutcome.CertificateChanged changed -> "the server's certificate has changed";
            case LoginOutcome.PasswordRequired required -> "this server needs a password";
            case LoginOutcome.WrongPassword wrong -> "wrong password";
        };
    }

    private static ClientEvent state(ConnectionState state) {
        return new ClientEvent.StateChanged(state, Optional.empty(), Optional.empty());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(DEBUG, "close failed: {0}", e.toString());
        }
    }
}
