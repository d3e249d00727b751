package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;
import chatroom.protocol.Text;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
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
/// - Nothing typed is lost: a text given to [#send] stays unconfirmed until the server echoes
///   it; across a reconnect it is sent again unless the replayed history shows it arrived.
/// - Nothing is shown twice: after a reconnect the client asks only for history after the last
///   message it has, and drops any message id it has already seen.
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
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final String CLIENT_ID = "chatroom-client/1";
    /// The structured protocol version this client speaks: version 1, the default room only
    /// (rooms come to the clients with the workbench).
    private static final int SPOKEN_VERSION = 1;

    private final ServerAddress address;
    private final Security security;
    private final TrustGate trustGate;
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
    /// Texts sent or waiting to be sent that the server has not echoed yet, oldest first.
    private final ArrayDeque<String> unconfirmed = new ArrayDeque<>();
    /// How many of [#unconfirmed] went out on the current link.
    private int sentOnLink;
    /// Whether texts may be sent on the current link (after the history that could confirm
    /// some of them).
    private boolean outboxOpen;

    // Session thread only.
    private volatile Name name;
    /// Whether to use TLS: asked for, or learnt from a server that accepts only TLS.
    private boolean tls;

    private long lastId;
    private int replayRemaining;
    private final TreeMap<String, Name> members = new TreeMap<>();
    private final List<Name> membersArriving = new ArrayList<>();

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
        this.security = security;
        this.tls = security.tls();
        this.name = name;
        this.events = new EventBatcher(executor, listener);
        this.trustGate = new TrustGate(address, security, events::publish);
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
        return name;
    }

    /// Sends a chat message, now if connected, else as soon as the client is again. Refused,
    /// and not queued, if the text is not a valid message.
    public Parsed<String> send(String text) {
        Parsed<String> checked = Text.checkMessage(text);
        if (checked instanceof Parsed.Ok<String>) {
            lock.lock();
            try {
                unconfirmed.add(text);
                if (outboxOpen) {
                    sentOnLink++;
                    write(link, new ClientFrame.Say(text));
                }
                events.publish(new ClientEvent.Unconfirmed(List.copyOf(unconfirmed)));
            } finally {
                lock.unlock();
            }
        }
        return checked;
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
                firstLogin.complete(failure.outcome);
                return;
            }
            int attempt = 0;
            while (awaitRetry(policy.delay(attempt++, random), reason)) {
                try {
                    reason = serve(login(true));
                    attempt = 0;
                } catch (LoginFailure failure) {
                    if (failure.outcome.needsThePerson()) {
                        // Retrying would meet the same certificate or password: stop, and say why.
                        events.publish(new ClientEvent.Stopped(failure.outcome));
                        return;
                    }
                    reason = describe(failure.outcome);
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
        ServerLink newLink = null;
        try {
            if (tls) {
                ServerLink.open(socket, address, CONNECT_TIMEOUT);
                switch (trustGate.secure(socket, CONNECT_TIMEOUT)) {
                    case TrustGate.Result.Secured secured -> newLink = ServerLink.secured(secured.socket(), socket);
                    case TrustGate.Result.NowTrusted trusted -> throw new TryAgain("the person trusted the server");
                    case TrustGate.Result.Refused refused -> throw new LoginFailure(isQuitting()
                            ? new LoginOutcome.Cancelled() : refused.outcome());
                }
            } else {
                newLink = ServerLink.connect(socket, address, CONNECT_TIMEOUT);
            }
            newLink.readTimeout(CONNECT_TIMEOUT);
            newLink.send(new ClientFrame.Hello(SPOKEN_VERSION, CLIENT_ID));
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
            newLink.send(new ClientFrame.Login(name, lastId > 0 ? OptionalLong.of(lastId) : OptionalLong.empty()));
            ServerFrame.Welcome welcome = handshake.awaitWelcome();
            // The server pings after `heartbeat` seconds of silence: 2.5 times that without a
            // byte means it is gone, even if TCP has not noticed.
            newLink.readTimeout(Duration.ofMillis(Math.max(5_000, hello.heartbeatSeconds() * 2_500L)));
            name = welcome.name();
            lock.lock();
            try {
                if (quitting) {
                    throw new LoginFailure(new LoginOutcome.Cancelled());
                }
                connectingSocket = null;
                link = newLink;
                sentOnLink = 0;
                outboxOpen = false;
            } finally {
                lock.unlock();
            }
            if (!reconnecting) {
                firstLogin.complete(new LoginOutcome.LoggedIn(welcome.name(), welcome.room()));
            }
            events.publish(new ClientEvent.Welcome(welcome.name(), welcome.room(), address, reconnecting));
            events.publish(new ClientEvent.StateChanged(ConnectionState.CONNECTED, Optional.empty(), Optional.empty()));
            return newLink;
        } catch (IOException e) {
            if (newLink != null) {
                newLink.close();
            }
            closeQuietly(socket);
            throw new LoginFailure(isQuitting()
                    ? new LoginOutcome.Cancelled()
                    : new LoginOutcome.Unreachable(describe(e)));
        } catch (LoginFailure | TryAgain failure) {
            if (newLink != null) {
                newLink.close();
            }
            closeQuietly(socket);
            throw failure;
        }
    }

    /// Reads frames until the connection ends; returns why it ended.
    private String serve(ServerLink current) {
        replayRemaining = 0;
        membersArriving.clear();
        try {
            while (true) {
                Optional<Parsed<String>> line = current.nextLine();
                if (line.isEmpty()) {
                    return "the server closed the connection";
                }
                if (line.get() instanceof Parsed.Ok<String>(String text)
                        && ServerFrames.decode(text) instanceof Parsed.Ok<ServerFrame>(ServerFrame frame)) {
                    Optional<String> bye = handle(frame);
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
                outboxOpen = false;
            } finally {
                lock.unlock();
            }
            current.close();
        }
    }

    /// Applies one frame; returns the server's goodbye if it said one.
    private Optional<String> handle(ServerFrame frame) {
        switch (frame) {
            case ServerFrame.Members chunk -> {
                membersArriving.addAll(chunk.names());
                if (!chunk.more()) {
                    members.clear();
                    membersArriving.forEach(member -> members.put(member.key(), member));
                    membersArriving.clear();
                    publishMembers();
                }
            }
            case ServerFrame.History history -> {
                replayRemaining = history.count();
                if (replayRemaining == 0) {
                    openOutbox();
                }
            }
            case ServerFrame.Chat chat -> {
                boolean fromHistory = replayRemaining > 0;
                if (fromHistory) {
                    replayRemaining--;
                }
                if (chat.id() > lastId) {
                    lastId = chat.id();
                    events.publish(new ClientEvent.Message(chat, fromHistory));
                    confirm(chat);
                }
                if (fromHistory && replayRemaining == 0) {
                    openOutbox();
                }
            }
            case ServerFrame.Joined joined -> {
                members.put(joined.name().key(), joined.name());
                presence(frame);
            }
            case ServerFrame.Left left -> {
                members.remove(left.name().key());
                presence(frame);
            }
            case ServerFrame.Renamed renamed -> {
                members.remove(renamed.from().key());
                members.put(renamed.to().key(), renamed.to());
                if (renamed.from().key().equals(name.key())) {
                    name = renamed.to();
                }
                presence(frame);
            }
            case ServerFrame.Notice notice -> events.publish(new ClientEvent.Notice(notice.text(), false));
            case ServerFrame.Error error when error.code() == ErrorCode.NOT_SAVED -> refused(error);
            case ServerFrame.Error error -> events.publish(new ClientEvent.Notice(error.text(), true));
            case ServerFrame.Ping ping -> {
                lock.lock();
                try {
                    write(link, new ClientFrame.Pong(ping.token()));
                } finally {
                    lock.unlock();
                }
            }
            case ServerFrame.Bye bye -> {
                return Optional.of(bye.text());
            }
            case ServerFrame.Hello hello -> LOG.log(DEBUG, "Ignoring a second HELLO");
            case ServerFrame.Welcome welcome -> LOG.log(DEBUG, "Ignoring a second WELCOME");
            case ServerFrame.Pong pong -> LOG.log(DEBUG, "PONG {0}", pong.token());
            // This client offers protocol version 1, whose server never sends these.
            case ServerFrame.InRoom inRoom -> LOG.log(DEBUG, "Ignoring a version 2 frame");
            case ServerFrame.Private message -> LOG.log(DEBUG, "Ignoring a version 2 frame");
            case ServerFrame.PrivateHistory history -> LOG.log(DEBUG, "Ignoring a version 2 frame");
            case ServerFrame.Away away -> LOG.log(DEBUG, "Ignoring a version 2 frame");
            case ServerFrame.RoomList list -> LOG.log(DEBUG, "Ignoring a version 2 frame");
            case ServerFrame.RoomInfo info -> LOG.log(DEBUG, "Ignoring a version 2 frame");
            case ServerFrame.Parted parted -> LOG.log(DEBUG, "Ignoring a version 2 frame");
            case ServerFrame.Kicked kicked -> LOG.log(DEBUG, "Ignoring a version 2 frame");
            case ServerFrame.Topic topic -> LOG.log(DEBUG, "Ignoring a version 2 frame");
            case ServerFrame.Moderated moderated -> LOG.log(DEBUG, "Ignoring a version 2 frame");
        }
        return Optional.empty();
    }

    private void presence(ServerFrame frame) {
        events.publish(new ClientEvent.Presence(frame));
        publishMembers();
    }

    private void publishMembers() {
        events.publish(new ClientEvent.Members(List.copyOf(members.values())));
    }

    /// A message of ours came back: it is no longer unconfirmed.
    private void confirm(ServerFrame.Chat chat) {
        if (!chat.from().key().equals(name.key())) {
            return;
        }
        lock.lock();
        try {
            if (chat.text().equals(unconfirmed.peek())) {
                unconfirmed.poll();
                if (sentOnLink > 0) {
                    sentOnLink--;
                }
                events.publish(new ClientEvent.Unconfirmed(List.copyOf(unconfirmed)));
            }
        } finally {
            lock.unlock();
        }
    }

    /// The server could not save a message of ours, so nobody got it. The server answers our
    /// messages in the order they were sent, each with its echo or its refusal, so it is the
    /// oldest one still unconfirmed on this link.
    private void refused(ServerFrame.Error error) {
        lock.lock();
        try {
            if (sentOnLink == 0 || unconfirmed.isEmpty()) {
                events.publish(new ClientEvent.Notice(error.text(), true));
                return;
            }
            String text = unconfirmed.poll();
            sentOnLink--;
            events.publish(new ClientEvent.NotSent(text, error.text()));
            events.publish(new ClientEvent.Unconfirmed(List.copyOf(unconfirmed)));
        } finally {
            lock.unlock();
        }
    }

    /// History has been replayed, so what it did not confirm must be sent (again).
    private void openOutbox() {
        lock.lock();
        try {
            outboxOpen = true;
            unconfirmed.stream().skip(sentOnLink).forEach(text -> write(link, new ClientFrame.Say(text)));
            sentOnLink = unconfirmed.size();
        } finally {
            lock.unlock();
        }
    }

    /// Queues a frame for the writer thread. Caller holds the lock.
    private void write(ServerLink target, ClientFrame frame) {
        if (target == null || writer.isShutdown()) {
            return;
        }
        writer.execute(() -> {
            try {
                target.send(frame);
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

    /// The server wants to be reached differently (with TLS, or now that its certificate is
    /// trusted): connect again at once.
    private static final class TryAgain extends Exception {
        TryAgain(String why) {
            super(why, null, false, false);
        }
    }

    /// A plain connection met a server that accepts only TLS.
    private static final class TlsRequired extends Exception {
        TlsRequired() {
            super("TLS required", null, false, false);
        }
    }

    /// The ways a login attempt can fail, carried out of [#login].
    private static final class LoginFailure extends Exception {
        private final LoginOutcome outcome;

        LoginFailure(LoginOutcome outcome) {
            super(outcome.toString(), null, false, false);
            this.outcome = outcome;
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
