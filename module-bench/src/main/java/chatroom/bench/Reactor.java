package chatroom.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/// Reads many [Client]s on one named platform thread with a [Selector], so the generator's own
/// CPU can be measured per thread even when the server runs in the same JVM on virtual threads.
///
/// One read buffer per reactor: a client only keeps bytes of an unfinished line. Bench
/// messages are parsed from the bytes; control lines become Strings only until the client has
/// joined (and for keep-alives after).
final class Reactor implements Runnable {

    /// What the reactor reports to its [Swarm].
    interface Listener {
        void joined(Client client);

        /// The connection ended or was refused without the generator asking for it.
        void failed(Client client, String why);

        /// An observer saw the server announce that member `name` left.
        void departed(String name);
    }

    /// A change of read interest for a client, applied on the reactor thread.
    private record Interest(Client client, int ops) {
    }

    private final Selector selector;
    private final BenchDialect dialect;
    private final Supplier<Phase> phase;
    private final long epoch;
    private final Listener listener;
    private final Queue<Client> pending = new ConcurrentLinkedQueue<>();
    private final Queue<Interest> interests = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final BenchMessage message = new BenchMessage();
    private volatile boolean running = true;
    private volatile boolean stopping;
    /// Deliveries of bench messages to members other than their sender, any phase.
    volatile long deliveries;
    final Thread thread;

    Reactor(int number, BenchDialect dialect, Supplier<Phase> phase, long epoch, Listener listener) throws IOException {
        this.selector = Selector.open();
        this.dialect = dialect;
        this.phase = phase;
        this.epoch = epoch;
        this.listener = listener;
        this.thread = Thread.ofPlatform().name("bench-reactor-" + number).unstarted(this);
    }

    void add(Client client) {
        pending.add(client);
        selector.wakeup();
    }

    /// Stops reading `client` (its socket stays open), or starts reading it again.
    void reading(Client client, boolean read) {
        interests.add(new Interest(client, read ? SelectionKey.OP_READ : 0));
        selector.wakeup();
    }

    /// Asks the loop to end; closing clients from now on is expected, not a failure.
    void stop() {
        stopping = true;
        running = false;
        selector.wakeup();
    }

    void beginShutdown() {
        stopping = true;
    }

    @Override
    public void run() {
        try (selector) {
            while (running) {
                selector.select(100);
                for (Client client; (client = pending.poll()) != null; ) {
                    try {
                        client.channel.register(selector, SelectionKey.OP_READ, client);
                    } catch (ClosedChannelException e) {
                        listener.failed(client, "closed before registration");
                    }
                }
                for (Interest change; (change = interests.poll()) != null; ) {
                    SelectionKey key = change.client().channel.keyFor(selector);
                    if (key != null && key.isValid()) {
                        key.interestOps(change.ops());
                    }
                }
                for (var keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid() && key.isReadable()) {
                        read((Client) key.attachment(), key);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reactor failed", e);
        }
    }

    private void read(Client client, SelectionKey key) {
        int count;
        try {
            buffer.clear();
            count = client.channel.read(buffer);
        } catch (IOException e) {
            count = -1;
        }
        if (count < 0) {
            // Closed by us (a churner leaving abruptly) or after a polite quit: expected.
            boolean expected = client.closed || client.leaving;
            key.cancel();
            client.close();
            if (!stopping && !expected) {
                listener.failed(client, "connection closed by the server");
            }
            return;
        }
        byte[] bytes = buffer.array();
        int start = 0;
        for (int i = 0; i < count; i++) {
            if (bytes[i] == '\n') {
                if (client.carryLength > 0) {
                    client.keep(bytes, start, i);
                    line(client, client.carry, 0, client.carryLength);
                    client.carryLength = 0;
                } else {
                    line(client, bytes, start, i);
                }
                start = i + 1;
            }
        }
        if (start < count) {
            client.keep(bytes, start, count);
        }
    }

    /// The client's own join to a room: after the first (the lobby), it asks for its other
    /// rooms all at once; it has joined when the last of them is confirmed.
    private void ownJoin(Client client) {
        int seen = ++client.ownJoins;
        if (seen == 1 && !client.rooms.isEmpty()) {
            try {
                for (String room : client.rooms) {
                    client.writeLine(dialect.joinRoom(room));
                }
            } catch (IOException e) {
                listener.failed(client, "joining its rooms: " + e.getMessage());
                return;
            }
        }
        if (seen == client.rooms.size() + 1) {
            client.joined = true;
            listener.joined(client);
        }
    }

    private void line(Client client, byte[] bytes, int from, int to) {
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        if (message.parse(bytes, from, to)) {
            if (message.sender != client.index) {
                long now = System.nanoTime() - epoch;
                deliveries++;
                if (client.measured) {
                    if (message.direct) {
                        phase.get().recordDirect(message.scheduled, now);
                    } else {
                        phase.get().record(message.scheduled, now);
                    }
                }
            }
            return;
        }
        boolean joined = client.joined;
        boolean observing = joined && client.observer;
        if (joined && !observing && !dialect.needsAttentionWhenJoined(bytes, from, to)) {
            return;
        }
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        if (observing) {
            dialect.departed(text).ifPresent(listener::departed);
        }
        var reaction = dialect.react(text, client.name, client.rooms, joined);
        try {
            for (String reply : reaction.send()) {
                client.writeLine(reply);
            }
        } catch (IOException e) {
            listener.failed(client, e.getMessage());
        }
        switch (reaction.event()) {
            case JOINED -> {
                if (!joined) {
                    ownJoin(client);
                }
            }
            case REFUSED -> listener.failed(client, "refused: " + text);
            case NONE -> { }
        }
    }
}
