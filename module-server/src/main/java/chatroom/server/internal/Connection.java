package chatroom.server.internal;

import chatroom.protocol.ClientFrames;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.LeaveReason;
import chatroom.protocol.LineDecoder;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;
import chatroom.protocol.irc.IrcMessage;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

/// One client's connection: its reader ([#onReadable], a task run whenever input
/// arrives), its outbound queue and writer, its dialect and name, and how and why it ends.
///
/// A connection ends exactly once, for the first reason given ([#ending]): the client quit,
/// the socket closed or broke, a timeout, a send queue overflow or server shutdown. Whatever
/// the reason, the reader's last act leaves the room (telling the others), lets the writer
/// flush, closes the socket and returns the connection's slot.
final class Connection implements Poller.Readable, Outbound.Backpressure {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    private static final VarHandle ENDING;

    static {
        try {
            ENDING = MethodHandles.lookup().findVarHandle(Connection.class, "ending", LeaveReason.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /// How long a closing connection waits for its last frames to be written.
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(5);
    /// How long a member who leaves (a `/quit`, or the end of its input) waits for the data
    /// directory to save and deliver what it said before: its own echo comes before its
    /// goodbye, and the others see its messages before its departure.
    private static final Duration SAID_WAIT = Duration.ofSeconds(2);
    private static final byte[] GREETING = Text.frameBytes(PlainText.GREETING);
    private static final byte[] PASSWORD_GREETING = Text.frameBytes(PlainText.PASSWORD_GREETING);
    /// How long a new connection's greeting is held back. IRC and structured clients speak
    /// first, at once (`CAP LS`, `NICK`, `HELLO`): if their first line comes within this time
    /// they are never sent the plain greeting, which an IRC client would show as a stray line
    /// (WeeChat: `irc: command "*" not found`). A person who opened `nc` and waits for the
    /// prompt hardly notices 0.4 s; a plain client that sends its name at once gets the
    /// greeting first, before the answer to its name, as it always did.
    static final Duration GREETING_DELAY = Duration.ofMillis(400);
    /// How long a wrong password waits for its answer: it bounds guessing to one try per
    /// connection every 2 s, and the per-address limits bound the connections.
    static final Duration WRONG_PASSWORD_DELAY = Duration.ofSeconds(2);
    /// Wrong operator passwords a connection may give before it is closed.
    static final int MAX_WRONG_OPERATOR_PASSWORDS = 3;
    /// Unread input a throttled client may have waiting (IRC's RecvQ). A person typing or
    /// pasting never gets near it; a flooder does, and is disconnected instead of being read
    /// slowly for hours (which would also hold its connection long after it went away).
    private static final int MAX_UNREAD_INPUT_BYTES = 32 * 1024;

    private final SocketChannel channel;
    private final Transport transport;
    /// The client's port; with [#address], what [#peer] names it by in the log.
    private final int port;
    private final InetAddress address;
    private final ConnectionContext context;
    private final Outbound outbound;
    private final LineDecoder decoder = new LineDecoder();
    private final AdaptiveReadBuffer readBuffer = new AdaptiveReadBuffer();
    private final TokenBucket flood;
    private final long connectedAt;
    /// Why the connection ends, once it does; set once, through [#ENDING] (a field and a
    /// VarHandle rather than an AtomicReference: one object less per connection).
    private volatile LeaveReason ending;
    private volatile long lastHeard;
    private volatile boolean pingOutstanding;
    private volatile Name name;
    private volatile Dialect dialect = Dialect.PLAIN;
    /// What this member's IRC capabilities change in what it is sent (IRC dialect only).
    private volatile IrcForm ircForm = IrcForm.NONE;
    private final Membership membership;
    /// Registration with the server's poller; set once by [#open].
    private volatile SelectionKey key;
    /// The thread running a read task now, if any, woken by [#close] if it is waiting.
    private volatile Thread reader;
    /// The input ended (the client's, or shut down by a close); reader thread only.
    private boolean endOfInput;
    /// Chosen by the first line; touched by the reader thread only.
    private LineHandler handler;
    /// The replies of the labeled IRC command being handled, or `null`: set and cleared by the
    /// reader thread, read by every thread that queues bytes for this member ([#enqueue]),
    /// where only the reader thread is handed to it ([LabeledReplies#collects]). Not volatile:
    /// another thread that sees it (or not) queues as usual either way.
    private LabeledReplies labeling;
    /// Wrong operator passwords given; reader thread only.
    private int wrongOperatorPasswords;
    /// When the next "sending too fast" notice may be sent (at most one every 10 s).
    private long nextFloodNotice;
    /// Whether the greeting is still held back ([#GREETING_DELAY]), neither sent nor dropped.
    /// Guarded by this connection's monitor, which also keeps the greeting ahead of anything
    /// sent after it.
    private boolean greetingHeld = true;

    Connection(SocketChannel channel, InetSocketAddress remote, ConnectionContext context) {
        this.channel = channel;
        this.port = remote.getPort();
        this.address = remote.getAddress();
        this.context = context;
        this.transport = Transport.over(channel, context.config());
        this.outbound = new Outbound(transport, this, context.config().sendQueueBytes(),
                context.writersFor(transport), transport.blocks());
        this.connectedAt = System.nanoTime();
        this.lastHeard = connectedAt;
        this.nextFloodNotice = connectedAt;
        this.flood = new TokenBucket(context.config().maxRate(), context.config().maxBurst(), connectedAt);
        this.membership = new Membership(context.config().privateRate());
    }

    /// Starts serving: socket options, the greeting, then reading whenever input arrives
    /// ([#onReadable]). Runs on the connections' executor and returns at once.
    void open() {
        LOG.log(INFO, "{0} connected", peer());
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            if (!transport.blocks()) {
                channel.configureBlocking(false);
                holdGreeting();
                // Also set by the first read, which may come before register returns.
                key = context.poller().register(channel, this);
            } else if (transport.open(peer())) {
                // A blocking transport (TLS) keeps this virtual thread for reading.
                holdGreeting();
                onReadable(null);
            } else {
                finish();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(DEBUG, "{0} could not be served: {1}", peer(), e.toString());
            finish();
        }
    }

    /// Sends the greeting after [#GREETING_DELAY], unless the client's first line has decided
    /// otherwise by then.
    private void holdGreeting() {
        try {
            context.timers().schedule(() -> releaseGreeting(true), GREETING_DELAY.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            releaseGreeting(true); // the server is stopping: its goodbye follows at once
        }
    }

    /// Sends the held greeting (`send`) or drops it, unless that was done already. Any thread;
    /// the enqueueing under the monitor is no I/O (the writer sends it).
    private void releaseGreeting(boolean send) {
        synchronized (this) {
            if (greetingHeld) {
                greetingHeld = false;
                if (send) {
                    enqueue(context.config().password().isPresent() ? PASSWORD_GREETING : GREETING);
                }
            }
        }
    }

    /// Reads and handles input until the connection ends, and then cleans it up; or, on a
    /// non-blocking socket registered as `key`, until nothing more has arrived, so that an
    /// idle connection holds no thread (the poller starts this again when input arrives, and
    /// never twice at once for one connection). `key` is `null` for a blocking transport.
    @Override
    public void onReadable(SelectionKey key) {
        reader = Thread.currentThread();
        try {
            while (ending == null) {
                ByteBuffer buffer = readBuffer.forRead();
                int count = transport.read(buffer);
                if (count < 0) {
                    decoder.endOfInput(this::onFrame);
                    endOfInput = true;
                    break;
                }
                if (count == 0 && key != null) {
                    readBuffer.release();
                    reader = null;
                    context.poller().readAgain(key);
                    return;
                }
                readBuffer.read(count);
                lastHeard = System.nanoTime();
                pingOutstanding = false;
                buffer.flip();
                decoder.decode(buffer, this::onFrame);
            }
        } catch (IOException e) {
            LOG.log(DEBUG, "{0} read failed: {1}", peer(), e.toString());
        } catch (RuntimeException e) {
            LOG.log(ERROR, "Closing " + peer() + " after an unexpected error", e);
        }
        finish();
    }

    /// The name in use, or `null` before the client has joined.
    Name name() {
        return name;
    }

    Dialect dialect() {
        return dialect;
    }

    /// `address:port`, for the log; made when asked for, so an idle connection holds no string for it.
    String peer() {
        return address.getHostAddress() + ":" + port;
    }

    /// The client's IP address, which the per-address limits count by.
    InetAddress address() {
        return address;
    }

    void dialect(Dialect chosen) {
        dialect = chosen;
    }

    IrcForm ircForm() {
        return ircForm;
    }

    /// Called by the IRC handler when the member's capabilities change.
    void ircForm(IrcForm form) {
        ircForm = form;
    }

    /// Called by the community when this connection gets its name or is renamed.
    void named(Name newName) {
        name = newName;
    }

    /// Logs a join; called by the handlers once the community has accepted the name (not
    /// under any lock: logging is I/O).
    void logJoin() {
        LOG.log(INFO, "{0} joined as {1} ({2} dialect)", peer(), name, dialect.name().toLowerCase(java.util.Locale.ROOT));
    }

    /// Sends one frame to this client alone, as its dialect shows it to this member.
    void send(ServerFrame frame) {
        Optional<String> line = line(frame);
        if (line.isPresent()) {
            enqueue(Text.frameBytes(line.get()));
        }
    }

    /// The line that shows `frame` to this member, if its dialect shows it.
    private Optional<String> line(ServerFrame frame) {
        return switch (dialect) {
            case PLAIN -> PlainText.render(frame, new PlainText.Viewer(Optional.ofNullable(name),
                    Optional.ofNullable(membership.current()).map(Room::name)));
            case STRUCTURED_V1 -> Encoding.STRUCTURED_V1.line(frame, context.defaultRoom());
            case STRUCTURED_V2 -> Encoding.STRUCTURED_V2.line(frame, context.defaultRoom());
            case IRC -> Outgoing.ircLines(context.irc().toMember(frame, name, ircForm));
        };
    }

    /// Sends one IRC message to this client alone. Any thread.
    void sendIrc(IrcMessage message) {
        enqueue(Text.frameBytes(message.encode() + "\r"));
    }

    /// Sends IRC lines already joined by [Outgoing#ircLines] to this client alone. Any thread.
    void sendEncoded(String lines) {
        enqueue(Text.frameBytes(lines));
    }

    /// Sends `frame` to this member alone, as a reply to a command labeled `label` (an IRC
    /// member with `labeled-response`; any other member is sent it as usual). Any thread.
    void sendLabeled(ServerFrame frame, String label) {
        if (dialect != Dialect.IRC) {
            send(frame);
            return;
        }
        List<String> lines = context.irc().toMember(frame, name, ircForm);
        Outgoing.ircLines(IrcBatch.labeled(context.irc().server().name(), label, lines))
                .ifPresent(this::sendEncoded);
    }

    /// Sends a private message to its sender (`own`) or its recipient, with what its IRC
    /// sender attached: client-only tags for IRC members with `message-tags`, and the label of
    /// the sender's echo. Any thread.
    void sendPrivate(ServerFrame.Private frame, MessageExtras extras, boolean own) {
        if (dialect != Dialect.IRC) {
            send(frame);
            return;
        }
        IrcForm form = ircForm;
        List<String> lines = context.irc().toMember(frame, name, form, extras.clientTags());
        Optional<String> label = own ? extras.echoLabel() : Optional.empty();
        Outgoing.ircLines(label.isPresent() && !lines.isEmpty()
                ? IrcBatch.labeled(context.irc().server().name(), label.get(), lines) : lines)
                .ifPresent(this::sendEncoded);
    }

    /// Collects what the reader thread queues for this member from now on in `replies`,
    /// until [#stopLabeling]. Reader thread only.
    void startLabeling(LabeledReplies replies) {
        labeling = replies;
    }

    /// Queues as usual from now on. Reader thread only.
    void stopLabeling() {
        labeling = null;
    }

    /// The rooms this member is in, its current room, away text and operator status.
    Membership membership() {
        return membership;
    }

    /// Called by `room`, under its lock, as this member leaves it, is kicked out or the room
    /// closes. A plain member whose current room it was is told where its lines go now.
    void left(Room room) {
        var moved = membership.remove(room);
        if (moved.isPresent() && dialect == Dialect.PLAIN && ending == null) {
            send(new ServerFrame.Notice(moved.get()
                    .map(current -> "Your messages now go to " + current.name() + ".")
                    .orElse("You are in no room now: /join #room to enter one, /rooms lists them.")));
        }
    }

    /// A version 1 client was kicked out of the default room, the only room it can be in:
    /// it is told why and let go. Called under the room's lock, so the closing (a system call)
    /// happens on another thread.
    void kickedOut(chatroom.protocol.RoomName room, Name by, String reason) {
        later(() -> close(new ServerFrame.Bye(LeaveReason.KICKED, "You were kicked out of " + room + " by " + by
                + (reason.isEmpty() ? "" : ": " + reason) + ". Goodbye.")));
    }

    /// Runs `task` on the server's background executor (never under a caller's lock).
    private void later(Runnable task) {
        try {
            context.background().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run();
        }
    }

    /// Sends one of the plain dialect's fixed lines ([PlainText]) as it is.
    void sendLine(String line) {
        enqueue(Text.frameBytes(line));
    }

    /// Answers a wrong password: waits [#WRONG_PASSWORD_DELAY] (on this connection's own
    /// thread, holding nothing, cut short by shutdown), then sends `refusal` and ends the
    /// connection. Reader thread only. Logs the attempt, never the password.
    void refusePassword(ServerFrame.Error refusal) {
        LOG.log(INFO, "{0} gave a wrong password", peer());
        pauseAfterWrongPassword();
        if (ENDING.compareAndSet(this, null, LeaveReason.CLOSED)) {
            sendLast(refusal);
        }
    }

    /// A wrong operator password: costs [#WRONG_PASSWORD_DELAY]; the third ends the
    /// connection, so that guessing takes a new connection (which the per-address limits
    /// count) every three tries. Reader thread only.
    void wrongOperatorPassword() {
        pauseAfterWrongPassword();
        if (++wrongOperatorPasswords >= MAX_WRONG_OPERATOR_PASSWORDS) {
            LOG.log(INFO, "{0} disconnected after {1} wrong operator passwords", peer(), wrongOperatorPasswords);
            close(new ServerFrame.Bye(LeaveReason.CLOSED, "Too many wrong operator passwords; goodbye."));
        }
    }

    /// Waits [#WRONG_PASSWORD_DELAY] on this connection's own thread, holding nothing, cut
    /// short by shutdown: what a wrong password (or operator password) costs a guesser.
    /// Reader thread only.
    void pauseAfterWrongPassword() {
        long deadline = System.nanoTime() + WRONG_PASSWORD_DELAY.toNanos();
        for (long left = WRONG_PASSWORD_DELAY.toNanos(); left > 0 && ending == null
                && !Thread.currentThread().isInterrupted(); left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    /// Queues a broadcast frame, already encoded, for this client, leaving it to `starts` to
    /// start the writer if it has to be started.
    void deliver(Outgoing outgoing, WriterStarts starts) {
        // One read of the volatile field per delivery, on the broadcast's hot path.
        Dialect spoken = dialect;
        Optional<byte[]> frame;
        if (spoken == Dialect.IRC) {
            IrcForm form = ircForm;
            if (!form.echo() && IrcLines.isOwnChat(outgoing.frame(), name)) {
                return; // IRC echoes a member's own message only with echo-message
            }
            Optional<String> label = outgoing.echoLabelFor(this);
            frame = label.isPresent() ? outgoing.labeledEcho(form, label.get()) : outgoing.ircBytes(form);
        } else {
            frame = outgoing.bytes(Encoding.of(spoken, membership.current(), outgoing.room()));
        }
        // Not ifPresent: its lambda would capture this and `starts`, an object per delivery.
        if (frame.isPresent()) {
            enqueue(frame.get(), starts);
        }
    }

    /// Ends the connection at the client's request, after a goodbye. Reader thread only.
    void quit() {
        quit("");
    }

    /// Ends the connection at the client's request, after a goodbye; the others are told
    /// `words` (a short text, `""` for none) with its departure. Reader thread only.
    void quit(String words) {
        awaitSaid();
        if (ENDING.compareAndSet(this, null, LeaveReason.QUIT)) {
            var goodbye = goodbye(LeaveReason.QUIT, "Goodbye" + (name == null ? "" : ", " + name) + "!",
                    words.isEmpty() ? "Quit" : "Quit: " + words);
            context.community().leave(this, LeaveReason.QUIT, words);
            sendLast(goodbye);
        }
    }

    /// The last frame before the connection closes for `reason`: `text` for a plain or
    /// structured client, `ERROR :Closing Link: NICK (ircReason)` for an IRC client, as IRC
    /// servers say it.
    private ServerFrame.Bye goodbye(LeaveReason reason, String text, String ircReason) {
        return new ServerFrame.Bye(reason, dialect == Dialect.IRC ? IrcLines.closingLink(name, ircReason) : text);
    }

    /// Sends `frame` as the last thing this client is sent. The member has left its rooms
    /// first (under each room's lock), so every broadcast it was part of is queued before it;
    /// anything else that races with it (a private message, a rename) is dropped after it.
    private void sendLast(ServerFrame frame) {
        line(frame).ifPresentOrElse(text -> outbound.finishWith(Text.frameBytes(text)), outbound::finish);
    }

    void pongReceived() {
        pingOutstanding = false;
    }

    /// Ends the connection politely: says `bye`, lets the queue drain, stops reading.
    /// Used by the janitor and by shutdown; safe from any thread.
    void close(ServerFrame.Bye bye) {
        close(bye, "");
    }

    /// [#close(ServerFrame.Bye)], with the others told `text` as well (see
    /// [ServerFrame.Left#text()]).
    void close(ServerFrame.Bye bye, String text) {
        if (ENDING.compareAndSet(this, null, bye.reason())) {
            context.community().leave(this, bye.reason(), text);
            // A client that has not spoken yet is greeted before it is told goodbye, as before.
            releaseGreeting(true);
            sendLast(bye);
            Thread waiting = reader;
            if (waiting != null) {
                LockSupport.unpark(waiting); // ends a wait for a wrong password or for flood control
            }
            wakeReader();
        }
    }

    /// Makes the reader see the end of input, so that it runs and cleans up (a plain
    /// connection's reader runs only when the poller reports input, and the end of input
    /// counts as input; a TLS reader blocked in a read returns).
    private void wakeReader() {
        try {
            transport.shutdownInput();
        } catch (IOException e) {
            abort();
        }
    }

    /// A plain connection's writer found the socket full: the poller runs it again when the
    /// socket drains. (A TLS writer blocks instead, so it never gets here.)
    @Override
    public boolean resumeWhenWritable(Runnable writer) {
        SelectionKey registered = key;
        if (registered == null) {
            Thread.yield();
            return false;
        }
        return context.poller().resumeWhenWritable(registered, writer);
    }

    /// Closes the socket now, without a goodbye; the writer wakes up and ends.
    void abort() {
        try {
            transport.close();
        } catch (IOException e) {
            LOG.log(DEBUG, "{0} close failed: {1}", peer(), e.toString());
        }
        SelectionKey registered = key;
        if (registered != null) {
            context.poller().forget(registered);
        }
    }

    /// Checks the handshake deadline and the heartbeat. Called periodically by the janitor.
    void checkTimers(long now) {
        var config = context.config();
        if (name == null) {
            if (now - connectedAt > config.handshakeTimeout().toNanos()) {
                close(goodbye(LeaveReason.TIMEOUT, "No name received within " + describe(config.handshakeTimeout())
                        + "; goodbye.", "Registration timed out"));
            }
        } else if (dialect.structured() || dialect == Dialect.IRC) {
            long silence = now - lastHeard;
            long heartbeat = config.heartbeat().toNanos();
            if (silence > 2 * heartbeat) {
                close(goodbye(LeaveReason.TIMEOUT, "No answer to heartbeats; goodbye.",
                        "Ping timeout: " + TimeUnit.NANOSECONDS.toSeconds(silence) + " seconds"));
            } else if (silence > heartbeat && !pingOutstanding) {
                pingOutstanding = true;
                send(new ServerFrame.Ping(Long.toString(now & Long.MAX_VALUE, 36)));
            }
        }
    }

    private void onFrame(Parsed<String> frame) {
        if (ending != null || !throttle(1)) {
            return;
        }
        switch (frame) {
            case Parsed.Ok<String>(String line) -> {
                if (handler == null) {
                    handler = chooseDialect(line);
                    // IRC and structured clients speak first; only plain ones wait to be greeted.
                    releaseGreeting(dialect == Dialect.PLAIN);
                }
                handler.onLine(line);
            }
            case Parsed.Invalid<String> invalid -> {
                if (handler == null) {
                    releaseGreeting(true); // the line decided nothing: greeted as before, then told
                }
                send(new ServerFrame.Error(invalid.code(), invalid.detail()));
            }
        }
    }

    private LineHandler chooseDialect(String firstLine) {
        if (IrcMessage.opensIrc(firstLine)) {
            dialect = Dialect.IRC;
            decoder.allowCtcpMarker();
            // Tags come on top of the 512 bytes; IrcMessage.parse checks each part (417).
            decoder.allowLongerLines(IrcMessage.MAX_TAGGED_LINE_BYTES);
            return new IrcHandler(this, context.community(), context.config().password(), context.irc());
        }
        if (ClientFrames.isHello(firstLine)) {
            dialect = Dialect.STRUCTURED_V1;
            return new StructuredHandler(this, context.community(), context.config(), context.product(),
                    context.defaultRoom());
        }
        return new PlainHandler(this, context.community(), context.config().password());
    }

    /// Flood control: takes `tokens` from the client's bucket (every line costs one; an IRC
    /// command may cost more, [IrcPenalty]) and waits, reading nothing more, until they are
    /// within its rate. Returns whether the connection goes on (it ends for excess flood, or
    /// for any reason while it waits). Reader thread only, holding no lock.
    boolean throttle(int tokens) {
        long now = System.nanoTime();
        long wait = flood.take(now, tokens);
        if (wait <= 0) {
            return ending == null;
        }
        if (unreadInputBytes() > MAX_UNREAD_INPUT_BYTES) {
            LOG.log(INFO, "{0} disconnected for excess flood", peer());
            close(goodbye(LeaveReason.FLOOD, "Excess flood: you sent far more than "
                    + context.config().maxRate() + " messages a second; goodbye.", "Excess Flood"));
            return false;
        }
        if (now - nextFloodNotice >= 0) {
            nextFloodNotice = now + TimeUnit.SECONDS.toNanos(10);
            send(new ServerFrame.Error(ErrorCode.FLOOD,
                    "you are sending too fast; your messages are being slowed down"));
        }
        long deadline = now + wait;
        for (long left = wait; left > 0 && ending == null; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        // The client is alive (its lines are waiting to be read): no heartbeat timeout for it.
        lastHeard = System.nanoTime();
        return ending == null;
    }

    /// Bytes the kernel holds for this connection that nobody has read yet.
    private int unreadInputBytes() {
        return transport.unreadBytes();
    }

    private void enqueue(byte[] frame) {
        enqueue(frame, null);
    }

    private void enqueue(byte[] frame, WriterStarts starts) {
        LabeledReplies replies = labeling;
        if (replies != null && replies.collects()) {
            replies.add(frame);
            return;
        }
        if (!outbound.offer(frame, starts) && ENDING.compareAndSet(this, null, LeaveReason.SENDQ)) {
            // Often called under a room's lock (a broadcast): the log line and the system call
            // that wakes the reader (which then leaves every room) happen on another thread.
            later(() -> {
                LOG.log(INFO, "{0} send queue exceeded ({1} bytes); disconnecting", peer(),
                        context.config().sendQueueBytes());
                wakeReader();
            });
        }
    }

    /// With a data directory, waits (bounded) until the messages this member's reader
    /// submitted were saved and delivered; a member without a name has said nothing. Reader
    /// thread only, holding no lock.
    private void awaitSaid() {
        if (name != null && ending == null) {
            context.store().ifPresent(store -> store.awaitHandedBack(SAID_WAIT));
        }
    }

    private void finish() {
        if (endOfInput) {
            awaitSaid();
        }
        LeaveReason reason = (LeaveReason) ENDING.compareAndExchange(this, null, LeaveReason.CLOSED);
        LeaveReason why = reason == null ? LeaveReason.CLOSED : reason;
        context.community().leave(this, why, "");
        // Whoever ended the connection with a goodbye (a refusal, a /quit, a close from another
        // thread) queues it and finishes the queue itself: finishing it here could come first,
        // while that thread is between ending the connection and queueing its words, and the
        // goodbye would be dropped. Only an end of input here, or a full send queue, has none.
        if (reason == null || reason == LeaveReason.SENDQ) {
            outbound.finish();
        }
        try {
            outbound.awaitStopped(LINGER_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The slot is returned before the socket closes, so a client that reconnects the
        // moment it sees the close is never refused for a slot that is about to be free.
        context.closed().accept(this);
        abort();
        LOG.log(INFO, "{0} disconnected{1} ({2})", peer(), name == null ? "" : " as " + name, why.wire());
    }

    /// `30 s`, or `500 ms` for durations that are not whole seconds.
    private static String describe(java.time.Duration duration) {
        return duration.toMillisPart() == 0 && duration.toSeconds() > 0
                ? duration.toSeconds() + " s"
                : duration.toMillis() + " ms";
    }
}
