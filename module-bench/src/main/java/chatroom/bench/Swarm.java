package chatroom.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/// The generated members: connects them (from several 127.0.0.x source addresses, so more
/// than one address's ~28,000 ephemeral ports fit), logs them in, waits until every one has
/// joined, and hands their reading to a few [Reactor]s.
final class Swarm implements AutoCloseable, Reactor.Listener {

    /// Connections opened at once while connecting.
    private static final int CONNECT_CONCURRENCY = 64;
    /// Connections per source address (the default ephemeral range is about 28,000 ports).
    static final int CONNECTIONS_PER_SOURCE = 20_000;

    private final Target target;
    private final BenchDialect dialect;
    private final long epoch;
    private final List<Reactor> reactors = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile Phase phase = Phase.none();
    private volatile CountDownLatch joins = new CountDownLatch(0);

    Swarm(Target target, BenchDialect dialect, int reactorCount, long epoch) throws IOException {
        this.target = target;
        this.dialect = dialect;
        this.epoch = epoch;
        for (int i = 0; i < reactorCount; i++) {
            Reactor reactor = new Reactor(i, dialect, () -> phase, epoch, this);
            reactors.add(reactor);
            reactor.thread.start();
        }
    }

    /// Connects `count` members named `prefix0`, `prefix1`, … and waits until all have joined.
    ///
    /// @throws BenchException.ConnectFailed if any cannot connect or join within `timeout`
    List<Client> connect(int count, String prefix, int sources, Duration timeout) throws InterruptedException {
        joins = new CountDownLatch(count);
        Client[] created = new Client[count];
        Semaphore permits = new Semaphore(CONNECT_CONCURRENCY);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count && failures.isEmpty(); i++) {
                if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    failures.add("connecting took longer than " + timeout);
                    break;
                }
                int index = i;
                executor.execute(() -> {
                    try {
                        created[index] = open(index, prefix + index, sources);
                    } catch (IOException | RuntimeException e) {
                        failures.add(prefix + index + ": " + e);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        for (Client client : created) {
            if (client != null) {
                clients.add(client);
            }
        }
        while (failures.isEmpty() && !joins.await(50, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                failures.add((joins.getCount()) + " of " + count + " members had not joined after " + timeout);
            }
        }
        if (!failures.isEmpty()) {
            throw new BenchException.ConnectFailed(failures.size() + " failure(s), first: " + failures.peek());
        }
        return List.copyOf(clients);
    }

    private Client open(int index, String name, int sources) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            byte[] source = {127, 0, 0, (byte) (2 + index % sources)};
            channel.bind(new InetSocketAddress(InetAddress.getByAddress(source), 0));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(target.address(), 10_000);
            channel.configureBlocking(false);
            Client client = new Client(index, name, channel);
            for (String line : dialect.login(name)) {
                client.writeLine(line);
            }
            reactors.get(index % reactors.size()).add(client);
            return client;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /// Makes `next` the window that deliveries are recorded in.
    void measure(Phase next) {
        phase = next;
    }

    /// Bench-message deliveries seen so far (to members other than the sender), any window.
    long deliveries() {
        long sum = 0;
        for (Reactor reactor : reactors) {
            sum += reactor.deliveries;
        }
        return sum;
    }

    /// The generator's platform threads (reactors), for CPU accounting.
    List<Thread> threads() {
        return reactors.stream().map(r -> r.thread).toList();
    }

    /// Failures after everybody joined (a member dropped by the server, for instance).
    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void joined(Client client) {
        joins.countDown();
    }

    @Override
    public void failed(Client client, String why) {
        failures.add(client.name + ": " + why);
    }

    /// Says goodbye on every connection, closes them and stops the reactors.
    @Override
    public void close() throws InterruptedException {
        reactors.forEach(Reactor::beginShutdown);
        for (Client client : clients) {
            if (!client.closed) {
                try {
                    client.writeLine(dialect.quit());
                } catch (IOException e) {
                    // Already gone: closing it below is all that is left to do.
                }
            }
            client.close();
        }
        reactors.forEach(Reactor::stop);
        for (Reactor reactor : reactors) {
            reactor.thread.join(5_000);
        }
    }
}
