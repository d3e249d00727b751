package chatroom.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/// One generated connection: a non-blocking channel read by a [Reactor] and written by
/// whoever has something to say (the pacer, or the reactor answering a `PING`).
///
/// Reading state (`carry`) is confined to the reactor thread; writes are serialised by the
/// client's monitor, which is held for one line's write only.
final class Client {

    private static final long WRITE_STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    final int index;
    final String name;
    final SocketChannel channel;

    /// Bytes of a line whose end has not arrived yet (reactor thread only).
    byte[] carry = new byte[0];
    int carryLength;

    /// A member of the churning population (`churn`): its failures are counted apart from the
    /// steady members'.
    final boolean churner;

    /// Rooms (`#name`) the member joins after its first join (the lobby, or `#bench` in IRC),
    /// before it counts as joined (`rooms`, and `idle --rooms-per-member`).
    final List<String> rooms;
    /// Own joins seen so far: the first, then one per room of [#rooms] (reactor thread only).
    int ownJoins;

    volatile boolean joined;
    volatile boolean closed;
    /// Whether this member's deliveries are recorded in the measurement window. Churners, and
    /// the members `slow` stalls, are not measured.
    volatile boolean measured = true;
    /// Whether this member tells the swarm about other members' departures (`slow`'s observer).
    volatile boolean observer;
    /// Set before a polite quit: the server closing the connection is then expected.
    volatile boolean leaving;
    /// Set when `slow` stops reading this member: the server dropping it is the expected outcome.
    volatile boolean stalled;
    /// Counted down once: the member joined, was refused, or its connection ended.
    final CountDownLatch settled = new CountDownLatch(1);
    /// Whether this member still holds one of the swarm's connect permits (until it joins or fails).
    final AtomicBoolean holdsConnectPermit = new AtomicBoolean();

    Client(int index, String name, SocketChannel channel) {
        this(index, name, channel, false);
    }

    Client(int index, String name, SocketChannel channel, boolean churner) {
        this(index, name, channel, churner, List.of());
    }

    Client(int index, String name, SocketChannel channel, boolean churner, List<String> rooms) {
        this.index = index;
        this.name = name;
        this.channel = channel;
        this.churner = churner;
        this.measured = !churner;
        this.rooms = List.copyOf(rooms);
    }

    /// Writes `line` and its `\n` completely. The channel is non-blocking, so a full socket
    /// buffer is waited out in short parks, for at most 10 s.
    void writeLine(String line) throws IOException {
        byte[] body = line.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(body.length + 1).put(body).put((byte) '\n').flip();
        synchronized (this) {
            long deadline = System.nanoTime() + WRITE_STALL_NANOS;
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException(name + ": write stalled for 10 s");
                    }
                    LockSupport.parkNanos(20_000);
                }
            }
        }
    }

    /// Keeps `bytes[from, to)` as the start of the next line (reactor thread only).
    void keep(byte[] bytes, int from, int to) {
        int count = to - from;
        if (carryLength + count > carry.length) {
            carry = Arrays.copyOf(carry, Math.max(carryLength + count, Math.max(64, carry.length * 2)));
        }
        System.arraycopy(bytes, from, carry, carryLength, count);
        carryLength += count;
    }

    void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a loopback socket at the end of a run: nothing to do about it.
            System.getLogger(Client.class.getName()).log(System.Logger.Level.DEBUG, "close " + name, e);
        }
    }
}
