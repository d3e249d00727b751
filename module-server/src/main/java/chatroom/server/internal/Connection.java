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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

/// One client's connection: its reader loop ([#serve], on a virtual thread), its outbound
/// queue and writer, its dialect and name, and how and why it ends.
///
/// A connection ends exactly once, for the first reason given ([#ending]): the client quit,
/// the socket closed or broke, a timeout, a send queue overflow or server shutdown. Whatever
/// the reason, the reader's last act leaves the room (telling the others), lets the writer
/// flush, closes the socket and returns the connection's slot.
final class Connection {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    private static final int READ_BUFFER_BYTES = 1024;
    /// How long a closing connection waits for its last frames to be written.
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final byte[] GREETING = Text.frameBytes(PlainText.GREETING);
    /// Unread input a throttled client may have waiting (IRC's RecvQ). A person typing or
    /// pasting never gets near it; a flooder does, and is disconnected instead of being read
    /// slowly for hours (which would also hold its connection long after it went away).
    private static final int MAX_UNREAD_INPUT_BYTES = 32 * 1024;

    private final SocketChannel channel;
    private final Transport transport;
    private final String peer;
    private final ServerImpl server;
    private final Outbound outbound;
    private final LineDecoder decoder = new LineDecoder();
    private final TokenBucket flood;
    private final long connectedAt;
    private final AtomicReference<LeaveReason> ending = new AtomicReference<>();
    private volatile long lastHeard;
    private volatile boolean pingOutstanding;
    private volatile Name name;
    private volatile Dialect dialect = Dialect.PLAIN;
    /// Chosen by the first line; touched by the reader thread only.
    private LineHandler handler;
    /// When the next "sending too fast" notice may be sent (at most one every 10 s).
    private long nextFloodNotice;

    Connection(SocketChannel channel, InetSocketAddress remote, ServerImpl server) {
        this.channel = channel;
        this.peer = remote.getHostString() + ":" + remote.getPort();
        this.server = server;
        this.transport = Transport.over(channel, server.config());
        this.outbound = new Outbound(transport, server.config().sendQueueBytes());
        this.connectedAt = System.nanoTime();
        this.lastHeard = connectedAt;
        this.nextFloodNotice = connectedAt;
        this.flood = new TokenBucket(server.config().maxRate(), server.config().maxBurst(), connectedAt);
    }

    /// The reader loop. Returns when the connection has ended and been cleaned up.
    void serve() {
        LOG.log(INFO, "{0} connected", peer);
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            server.startWriter(outbound);
            if (!transport.open(peer)) {
                return;
            }
            enqueue(GREETING);
            ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
            while (ending.get() == null) {
                buffer.clear();
                if (transport.read(buffer) < 0) {
                    decoder.endOfInput(this::onFrame);
                    break;
                }
                lastHeard = System.nanoTime();
                pingOutstanding = false;
                buffer.flip();
                decoder.decode(buffer, this::onFrame);
            }
        } catch (IOException e) {
            LOG.log(DEBUG, "{0} read failed: {1}", peer, e.toString());
        } catch (RuntimeException e) {
            LOG.log(ERROR, "Closing " + peer + " after an unexpected error", e);
        } finally {
            finish();
        }
    }

    /// The name in use, or `null` before the client has joined.
    Name name() {
        return name;
    }

    Dialect dialect() {
        return dialect;
    }

    String peer() {
        return peer;
    }

    /// Called by the room, under its lock, when this connection joins or is renamed.
    void joined(Name newName) {
        name = newName;
    }

    /// Logs a join; called by the handlers once the room has accepted the name (not under the
    /// room's lock: logging is I/O).
    void logJoin() {
        LOG.log(INFO, "{0} joined as {1} ({2} dialect)", peer, name, dialect.name().toLowerCase(java.util.Locale.ROOT));
    }

    /// Sends one frame to this client alone.
    void send(ServerFrame frame) {
        dialect.encode(frame).ifPresent(this::enqueue);
    }

    /// Queues a broadcast frame, already encoded, for this client.
    void deliver(Outgoing outgoing) {
        outgoing.bytes(dialect).ifPresent(this::enqueue);
    }

    /// Ends the connection at the client's request, after a goodbye. Reader thread only.
    void quit() {
        if (ending.compareAndSet(null, LeaveReason.QUIT)) {
            send(new ServerFrame.Bye(LeaveReason.QUIT, "Goodbye" + (name == null ? "" : ", " + name) + "!"));
        }
    }

    void pongReceived() {
        pingOutstanding = false;
    }

    /// Ends the connection politely: says `bye`, lets the queue drain, stops reading.
    /// Used by the janitor and by shutdown; safe from any thread.
    void close(ServerFrame.Bye bye) {
        if (ending.compareAndSet(null, bye.reason())) {
            send(bye);
            outbound.finish();
            try {
                transport.shutdownInput();
            } catch (IOException e) {
                abort();
            }
        }
    }

    /// Closes the socket now, without a goodbye; the reader and writer wake up and end.
    void abort() {
        try {
            transport.close();
        } catch (IOException e) {
            LOG.log(DEBUG, "{0} close failed: {1}", peer, e.toString());
        }
    }

    /// Checks the handshake deadline and the heartbeat. Called periodically by the janitor.
    void checkTimers(long now) {
        var config = server.config();
        if (name == null) {
            if (now - connectedAt > config.handshakeTimeout().toNanos()) {
                close(new ServerFrame.Bye(LeaveReason.TIMEOUT, "No name received within "
                        + describe(config.handshakeTimeout()) + "; goodbye."));
            }
        } else if (dialect == Dialect.STRUCTURED) {
            long silence = now - lastHeard;
            long heartbeat = config.heartbeat().toNanos();
            if (silence > 2 * heartbeat) {
                close(new ServerFrame.Bye(LeaveReason.TIMEOUT, "No answer to heartbeats; goodbye."));
            } else if (silence > heartbeat && !pingOutstanding) {
                pingOutstanding = true;
                send(new ServerFrame.Ping(Long.toString(now & Long.MAX_VALUE, 36)));
            }
        }
    }

    private void onFrame(Parsed<String> frame) {
        if (ending.get() != null) {
            return;
        }
        throttle();
        switch (frame) {
            case Parsed.Ok<String>(String line) -> {
                if (handler == null) {
                    handler = chooseDialect(line);
                }
                handler.onLine(line);
            }
            case Parsed.Invalid<String> invalid -> send(new ServerFrame.Error(invalid.code(), invalid.detail()));
        }
    }

    private LineHandler chooseDialect(String firstLine) {
        if (ClientFrames.isHello(firstLine)) {
            dialect = Dialect.STRUCTURED;
            return new StructuredHandler(this, server);
        }
        return new PlainHandler(this, server.room());
    }

    /// Flood control: waits, reading nothing more, until this line is within the client's rate.
    private void throttle() {
        long now = System.nanoTime();
        long wait = flood.take(now);
        if (wait <= 0) {
            return;
        }
        if (unreadInputBytes() > MAX_UNREAD_INPUT_BYTES) {
            LOG.log(INFO, "{0} disconnected for excess flood", peer);
            close(new ServerFrame.Bye(LeaveReason.FLOOD, "Excess flood: you sent far more than "
                    + server.config().maxRate() + " messages a second; goodbye."));
            return;
        }
        if (now - nextFloodNotice >= 0) {
            nextFloodNotice = now + TimeUnit.SECONDS.toNanos(10);
            send(new ServerFrame.Error(ErrorCode.FLOOD,
                    "you are sending too fast; your messages are being slowed down"));
        }
        long deadline = now + wait;
        for (long left = wait; left > 0 && ending.get() == null; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        // The client is alive (its lines are waiting to be read): no heartbeat timeout for it.
        lastHeard = System.nanoTime();
    }

    /// Bytes the kernel holds for this connection that nobody has read yet.
    private int unreadInputBytes() {
        return transport.unreadBytes();
    }

    private void enqueue(byte[] frame) {
        if (!outbound.offer(frame) && ending.compareAndSet(null, LeaveReason.SENDQ)) {
            LOG.log(INFO, "{0} send queue exceeded ({1} bytes); disconnecting", peer,
                    server.config().sendQueueBytes());
            // Closing wakes this client's reader, which then leaves the room. Done on another
            // thread because the broadcaster calling us holds the room's lock.
            Thread.startVirtualThread(this::abort);
        }
    }

    private void finish() {
        LeaveReason reason = ending.compareAndExchange(null, LeaveReason.CLOSED);
        LeaveReason why = reason == null ? LeaveReason.CLOSED : reason;
        server.room().leave(this, why);
        outbound.finish();
        try {
            outbound.awaitStopped(LINGER_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The slot is returned before the socket closes, so a client that reconnects the
        // moment it sees the close is never refused for a slot that is about to be free.
        server.closed(this);
        abort();
        LOG.log(INFO, "{0} disconnected{1} ({2})", peer, name == null ? "" : " as " + name, why.wire());
    }

    /// `30 s`, or `500 ms` for durations that are not whole seconds.
    private static String describe(java.time.Duration duration) {
        return duration.toMillisPart() == 0 && duration.toSeconds() > 0
                ? duration.toSeconds() + " s"
                : duration.toMillis() + " ms";
    }
}
