package chatroom.client.core;

import chatroom.protocol.Command;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.Target;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

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
///   executor it chose, in batches. Neither the listener nor the [TrustPrompt] is ever called
///   holding a lock of the client: either may call back into it, from any thread.
///
/// This class is the facade: the public API and the lifecycle. The parts, and the threads,
/// are described in the package documentation.
///
/// Thread-safe.
public final class ChatClient {

    private final ServerAddress address;
    private final ClientState state;
    private final TrustGate trustGate;
    private final FrameWriter writer = new FrameWriter();
    private final SessionLoop loop;
    private final AtomicBoolean started = new AtomicBoolean();

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
        var events = new EventBatcher(executor, listener);
        this.state = new ClientState(name, events);
        this.trustGate = new TrustGate(address, security, events::publish);
        var connector = new Connector(address, security, trustGate, state::isQuitting);
        this.loop = new SessionLoop(address, state, connector, events, writer, policy, random);
    }

    /// Connects and logs in. The outcome of this first attempt completes the future; only
    /// after a successful login does the client keep reconnecting by itself.
    ///
    /// @throws IllegalStateException if the client was started before
    public CompletableFuture<LoginOutcome> start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        Thread.ofVirtual().name("chatroom-client-session").start(loop);
        return loop.firstLogin();
    }

    public ServerAddress address() {
        return address;
    }

    /// The name this client uses (the server may have changed its case or renamed it).
    public Name name() {
        return state.me();
    }

    /// Sends a chat message to the current room (the default room, with a version 1 server),
    /// now if connected, else as soon as the client is again. Refused, and not queued, if the
    /// text is not a valid message or the client is in no room.
    public Parsed<String> send(String text) {
        return state.withSession((session, out) -> session.say(Optional.empty(), text, false, out));
    }

    /// Sends a chat message (an action if `action`, like `/me waves`) to a room this client is
    /// in or, privately, to a member; as [#send(String)]. Refused, and not queued, by a
    /// version 1 server's client unless it goes to the default room and is no action.
    public Parsed<String> send(Target to, String text, boolean action) {
        return state.withSession((session, out) -> session.say(Optional.of(to), text, action, out));
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
        return state.withSession((session, out) -> session.perform(command, out));
    }

    /// Tries to reconnect now instead of waiting (also after [#cancelReconnect()]).
    public void reconnectNow() {
        state.reconnectNow();
    }

    /// Stops reconnecting by itself; the client waits for [#reconnectNow()] or [#quit()].
    public void cancelReconnect() {
        state.cancelReconnect();
    }

    /// Leaves: says goodbye to the server if connected, closes the connection, stops
    /// reconnecting, withdraws an open question about the server's certificate. Returns at
    /// once; [#awaitClosed] waits for the end.
    public void quit() {
        if (state.quit(writer)) {
            // Without the client's lock: withdrawing the question completes its future, whose
            // dependents (the person's dialog) run on this thread.
            trustGate.cancel();
        }
    }

    /// Waits until the client has closed (after [#quit()] or a failed first attempt).
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return loop.closed().await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
