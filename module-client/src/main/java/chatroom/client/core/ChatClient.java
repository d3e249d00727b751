package chatroom.client.core;

import chatroom.client.core.Connector.LoginFailure;
import chatroom.client.core.Connector.TryAgain;
import chatroom.protocol.ClientFrame;
import chatroom.protocol.Command;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;
import chatroom.protocol.Target;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import static java.lang.System.Logger.Level.DEBUG;

/// A chat session with one server in the structured dialect, with no UI: it connects, logs in,
/// reports what happens as [ClientEvent]s, and reconnects when the connection is lost.
///
/// - Protocol version 2 when the server speaks it: rooms, private messages, topics, away and
///   moderation ([#perform]); a version 1 server gets exactly what it always got, and the
///   client is in its one room.
/// - Nothing typed is lost: a text given to [#send] stays unconfirmed until the server echoes
///   it; across a reconnect it is sent again unless the replayed history of its room or
///   private conversation shows it arrived.
/// - Nothing is shown twice: after a reconnect the client is back in every room it was in,
///   asks each room and private conversation only for history after the last message it has
///   there, and drops any message id it has already seen there.
/// - Secured as its [Security] says: TLS when asked, or as soon as a server answers that it
///   accepts only TLS; the server's certificate trusted as [ServerTrust] decides (a new one is
///   put to the person before anything is sent, a changed one is refused); the password sent
///   with `PASS` before `LOGIN` when the server's `HELLO` asks for it. A refusal only the person
///   can settle (certificate, password) stops the reconnecting ([ClientEvent.Stopped]).
/// - No call blocks: the network is served by a session thread and a writer thread (both
///   virtual, so they never keep the JVM alive); events reach the listener through the
///   executor it chose, in batches.
///
/// Thread-safe.
public final class ChatClient {

    private static final System.Logger LOG = System.getLogger("chatroom.client");

    private final ServerAddress address;
    private final TrustGate trustGate;
    /// Opens links and logs in on them; session thread only.
    private final Connector connector;
    private final EventBatcher events;
    private final ReconnectPolicy policy;
    private final RandomGenerator random;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("chatroom-client-writer").factory());
    private final CompletableFuture<LoginOutcome> firstLogin = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    // Guarded by lock.
    private boolean started;
    private boolean quitting;
    private boolean autoReconnect = true;
    private boolean reconnectRequested;
    private Optional<String> lastReason = Optional.empty();
    private Socket connectingSocket;
    private ServerLink link;
    /// Rooms, members, conversations and the outbox: everything known of the chat.
    private final Session session;

    /// A client for `address` that will log in as `name` and report to `listener` through
    /// `executor` (`Platform::runLater` in the desktop client, `Runnable::run` in tests).
    public ChatClient(ServerAddress address, Name name, Executor executor, Consumer<List<ClientEvent>> listener,
                      ReconnectPolicy policy, RandomGenerator random) {
        this(address, name, Security.plain(), executor, listener, policy, random);
    }

    /// A client as [#ChatClient(ServerAddress, Name, Executor, Consumer, ReconnectPolicy, RandomGenerator)],
    /// secured as `security` says: TLS, which certificates to trust, the password.
    public ChatClient(ServerAddress address, Name name, Security security, Executor executor,
                      Consumer<List<ClientEvent>> listener, ReconnectPolicy policy, RandomGenerator random) {
        this.address = address;
        this.session = new Session(name);
        this.events = new EventBatcher(executor, listener);
        this.trustGate = new TrustGate(address, security, events::publish);
        this.connector = new Connector(address, security, trustGate, this::isQuitting);
        this.policy = policy;
        this.random = random;
    }

    /// Connects and logs in. The outcome of this first attempt completes the future; only
    /// after a successful login does the client keep reconnecting by itself.
    public CompletableFuture<LoginOutcome> start() {
        lock.lock();
        try {
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("chatroom-client-session").start(this::run);
        return firstLogin;
    }

    public ServerAddress address() {
        return address;
    }

    /// The name this client uses (the server may have changed its case or renamed it).
    public Name name() {
        lock.lock();
        try {
            return session.me();
        } finally {
            lock.unlock();
        }
    }

    /// Sends a chat message to the current room (the default room, with a version 1 server),
    /// now if connected, else as soon as the client is again. Refused, and not queued, if the
    /// text is not a valid message or the client is in no room.
    public Parsed<String> send(String text) {
        return withSession(out -> session.say(Optional.empty(), text, false, out));
    }

    /// Sends a chat message (an action if `action`, like `/me waves`) to a room this client is
    /// in or, privately, to a member; as [#send(String)]. Refused, and not queued, by a
    /// version 1 server's client unless it goes to the default room and is no action.
    public Parsed<String> send(Target to, String text, boolean action) {
        return withSession(out -> session.say(Optional.of(to), text, action, out));
    }

    /// Does what a typed command asks ([chatroom.protocol.Commands#parse]): a message goes to
    /// the current room as [#send(String)] does; `/join` of a room this client is in makes it
    /// the current room; other commands are sent to the server, whose answers and refusals
    /// arrive as events. A command that names no room applies to the current room.
    ///
    /// Refused, with nothing sent, when it cannot be done: no current room, a room this client
    /// is not in, a version 1 server (which knows only messages and `/nick`), or (except for
    /// messages, which wait) no connection. [Command.Help] and [Command.Quit] send nothing:
    /// the caller shows [Command#HELP] or calls [#quit()].
    public Parsed<Command> perform(Command command) {
        return withSession(out -> session.perform(command, out));
    }

    /// Runs `action` on the session under the lock, then publishes the events it produced.
    private <T> T withSession(java.util.function.Function<List<ClientEvent>, T> action) {
        List<ClientEvent> out = new ArrayList<>();
        T result;
        lock.lock();
        try {
            result = action.apply(out);
        } finally {
            lock.unlock();
        }
        out.forEach(events::publish);
        return result;
    }

    /// Tries to reconnect now instead of waiting (also after [#cancelReconnect()]).
    public void reconnectNow() {
        lock.lock();
        try {
            autoReconnect = true;
            reconnectRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /// Stops reconnecting by itself; the client waits for [#reconnectNow()] or [#quit()].
    public void cancelReconnect() {
        lock.lock();
        try {
            autoReconnect = false;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /// Leaves: says goodbye to the server if connected, closes the connection, stops
    /// reconnecting. Returns at once; [#awaitClosed] waits for the end.
    public void quit() {
        lock.lock();
        try {
            if (quitting) {
                return;
            }
            quitting = true;
            wake.signalAll();
            trustGate.cancel();
            if (link != null) {
                ServerLink current = link;
                writer.execute(() -> {
                    try {
                        current.send(new ClientFrame.Quit());
                    } catch (IOException e) {
                        LOG.log(DEBUG, "QUIT not sent: {0}", e.toString());
                    } finally {
                        current.close();
                    }
                });
            } else if (connectingSocket != null) {
                closeQuietly(connectingSocket);
            }
        } finally {
            lock.unlock();
        }
    }

    /// Waits until the client has closed (after [#quit()] or a failed first attempt).
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void run() {
        try {
            String reason;
            try {
                reason = serve(login(false));
            } catch (LoginFailure failure) {
                firstLogin.complete(failure.outcome());
                return;
            }
            int attempt = 0;
            while (awaitRetry(policy.delay(attempt++, random), reason)) {
                try {
                    reason = serve(login(true));
                    attempt = 0;
                } catch (LoginFailure failure) {
                    if (failure.outcome().needsThePerson()) {
                        // Retrying would meet the same certificate or password: stop, and say why.
                        events.publish(new ClientEvent.Stopped(failure.outcome()));
                        return;
                    }
                    reason = describe(failure.outcome());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Client session failed", e);
            firstLogin.complete(new LoginOutcome.Unreachable(String.valueOf(e.getMessage())));
        } finally {
            writer.shutdown();
            events.publish(new ClientEvent.StateChanged(ConnectionState.CLOSED, Optional.empty(), Optional.empty()));
            closed.countDown();
        }
    }

    /// Connects, shakes hands and logs in; returns the link, ready for [#serve].
    private ServerLink login(boolean reconnecting) throws LoginFailure {
        // At most three tries: plain, which may learn that the server wants TLS; TLS, which may
        // meet a new certificate; and TLS again once the person has trusted it.
        for (int round = 1; ; round++) {
            try {
                return attempt(reconnecting);
            } catch (TryAgain again) {
                if (round == 3) {
                    throw new LoginFailure(new LoginOutcome.Unreachable("the server changes how it must be reached"));
                }
                LOG.log(DEBUG, "Connecting to {0} again: {1}", address, again.getMessage());
            }
        }
    }

    /// One connection and login.
    private ServerLink attempt(boolean reconnecting) throws LoginFailure, TryAgain {
        events.publish(new ClientEvent.StateChanged(ConnectionState.CONNECTING, Optional.empty(), Optional.empty()));
        var socket = new Socket();
        lock.lock();
        try {
            if (quitting) {
                throw new LoginFailure(new LoginOutcome.Cancelled());
            }
            connectingSocket = socket;
        } finally {
            lock.unlock();
        }
        Connector.Opened opened = null;
        try {
            opened = connector.open(socket, this::loginFrame);
            List<ClientEvent> caughtUp = new ArrayList<>();
            lock.lock();
            try {
                if (quitting) {
                    throw new LoginFailure(new LoginOutcome.Cancelled());
                }
                connectingSocket = null;
                link = opened.link();
                ServerLink linked = opened.link();
                session.linked((frame, label) -> write(linked, frame, label), opened.version(), opened.room(),
                        opened.welcome().name(), caughtUp);
            } finally {
                lock.unlock();
            }
            Name name = opened.welcome().name();
            if (!reconnecting) {
                firstLogin.complete(new LoginOutcome.LoggedIn(name, opened.room().bare()));
            }
            events.publish(new ClientEvent.Welcome(name, opened.room().bare(), address, reconnecting,
                    opened.version()));
            caughtUp.forEach(events::publish);
            events.publish(new ClientEvent.StateChanged(ConnectionState.CONNECTED, Optional.empty(), Optional.empty()));
            return opened.link();
        } catch (IOException e) {
            if (opened != null) {
                opened.link().close();
            }
            closeQuietly(socket);
            throw new LoginFailure(isQuitting()
                    ? new LoginOutcome.Cancelled()
                    : new LoginOutcome.Unreachable(describe(e)));
        } catch (LoginFailure | TryAgain failure) {
            if (opened != null) {
                opened.link().close();
            }
            closeQuietly(socket);
            throw failure;
        }
    }

    /// The `LOGIN` to send: this client's name, and the default room's history it missed.
    private ClientFrame.Login loginFrame() {
        lock.lock();
        try {
            return new ClientFrame.Login(session.me(), session.loginSince());
        } finally {
            lock.unlock();
        }
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
                    Optional<String> bye = withSession(out -> session.handle(frame, out));
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
            return describe(e);
        } finally {
            lock.lock();
            try {
                link = null;
                session.unlinked();
            } finally {
                lock.unlock();
            }
            current.close();
        }
    }

    /// Queues a frame for the writer thread. Caller holds the lock.
    private void write(ServerLink target, ClientFrame frame) {
        write(target, frame, Optional.empty());
    }

    private void write(ServerLink target, ClientFrame frame, Optional<String> label) {
        if (target == null || writer.isShutdown()) {
            return;
        }
        writer.execute(() -> {
            try {
                target.send(frame, label);
            } catch (IOException e) {
                // The reader notices the broken connection and reports it.
                target.close();
            }
        });
    }

    /// Waits before the next attempt; returns `false` if the client is quitting instead.
    private boolean awaitRetry(Duration delay, String reason) {
        lock.lock();
        try {
            lastReason = Optional.of(reason);
            reconnectRequested = false;
            long deadline = System.nanoTime() + delay.toNanos();
            boolean announcedAuto = false;
            boolean announcedManual = false;
            while (!quitting && !reconnectRequested) {
                if (autoReconnect) {
                    long left = deadline - System.nanoTime();
                    if (!announcedAuto) {
                        announcedAuto = true;
                        announcedManual = false;
                        events.publish(new ClientEvent.StateChanged(ConnectionState.WAITING_TO_RECONNECT,
                                lastReason, Optional.of(Duration.ofNanos(Math.max(0, left)))));
                    }
                    if (left <= 0) {
                        break;
                    }
                    wake.awaitNanos(left);
                } else {
                    if (!announcedManual) {
                        announcedManual = true;
                        announcedAuto = false;
                        events.publish(new ClientEvent.StateChanged(ConnectionState.WAITING_TO_RECONNECT,
                                lastReason, Optional.empty()));
                    }
                    wake.await();
                }
            }
            return !quitting;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean isQuitting() {
        lock.lock();
        try {
            return quitting;
        } finally {
            lock.unlock();
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

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(DEBUG, "close failed: {0}", e.toString());
        }
    }
}
