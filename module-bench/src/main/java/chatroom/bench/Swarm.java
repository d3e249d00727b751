package chatroom.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/// The generated members: connects them (from several 127.0.0.x source addresses, so more
/// than one address's ~28,000 ephemeral ports fit), logs them in, waits until every one has
/// joined, and hands their reading to a few [Reactor]s. Also opens `churn`'s short-lived
/// members one at a time, and stops and resumes reading `slow`'s stalled members.
final class Swarm implements AutoCloseable, Reactor.Listener {

    /// How [#connect] paces itself: at most `burst` members connected but not yet joined, at
    /// most `ratePerSecond` new connections a second (0: no rate limit), all within `timeout`.
    record Connecting(int sources, int burst, double ratePerSecond, Duration timeout) {
    }

    /// Connections per source address (the default ephemeral range is about 28,000 ports).
    static final int CONNECTIONS_PER_SOURCE = 20_000;
    /// Failure messages kept for churners (the count is kept in full).
    private static final int CHURN_FAILURES_KEPT = 20;

    private final Target target;
    private final BenchDialect dialect;
    /// Whether members use rooms and private messages (structured: protocol version 2).
    private final boolean rooms;
    private final long epoch;
    private final List<Reactor> reactors = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Client> churners = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> churnFailures = new ConcurrentLinkedQueue<>();
    private final AtomicLong churnFailureCount = new AtomicLong();
    /// When the server was seen to drop a stalled member (ns since epoch), by name.
    private final Map<String, Long> drops = new ConcurrentHashMap<>();
    /// When an observer saw a member's departure announced (ns since epoch), by name.
    private final Map<String, Long> departures = new ConcurrentHashMap<>();
    private volatile Phase phase = Phase.none();
    private volatile CountDownLatch joins = new CountDownLatch(0);
    private volatile Semaphore connectPermits = new Semaphore(Integer.MAX_VALUE);

    Swarm(Target target, BenchDialect dialect, int reactorCount, long epoch) throws IOException {
        this(target, dialect, false, reactorCount, epoch);
    }

    /// A swarm whose members use rooms and private messages if `rooms`.
    Swarm(Target target, BenchDialect dialect, boolean rooms, int reactorCount, long epoch) throws IOException {
        this.target = target;
        this.dialect = dialect;
        this.rooms = rooms;
        this.epoch = epoch;
        for (int i = 0; i < reactorCount; i++) {
            Reactor reactor = new Reactor(i, dialect, () -> phase, epoch, this);
            reactors.add(reactor);
            reactor.thread.start();
        }
    }

    /// Connects `count` members named `prefix0`, `prefix1`, … and waits until all have joined.
    ///
    /// @throws BenchException.ConnectFailed if any cannot connect or join within the timeout
    List<Client> connect(int count, String prefix, Connecting how) throws InterruptedException {
        return connect(0, count, prefix, how);
    }

    /// Connects `count` members as [#connect(int, String, Connecting)] does; member `i` then
    /// joins the rooms `roomsOf.apply(i)` too, and counts as joined (freeing its place in the
    /// burst) once it is in all of them.
    ///
    /// @throws BenchException.ConnectFailed if any cannot connect or join within the timeout
    List<Client> connect(int count, String prefix, Connecting how, IntFunction<List<String>> roomsOf)
            throws InterruptedException {
        return connect(0, count, prefix, how, roomsOf);
    }

    /// Connects `count` more members, numbered from `first` (`prefix<first>`, …), waits until
    /// all have joined, and returns them.
    ///
    /// @throws BenchException.ConnectFailed if any cannot connect or join within the timeout
    List<Client> connect(int first, int count, String prefix, Connecting how) throws InterruptedException {
        return connect(first, count, prefix, how, index -> List.of());
    }

    private List<Client> connect(int first, int count, String prefix, Connecting how,
                                 IntFunction<List<String>> roomsOf) throws InterruptedException {
        joins = new CountDownLatch(count);
        Client[] created = new Client[count];
        Semaphore permits = new Semaphore(how.burst());
        connectPermits = permits;
        long started = System.nanoTime();
        long deadline = started + how.timeout().toNanos();
        double interval = how.ratePerSecond() > 0 ? 1e9 / how.ratePerSecond() : 0;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count && failures.isEmpty(); i++) {
                long due = started + (long) (i * interval);
                for (long wait = due - System.nanoTime(); wait > 0 && due < deadline; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    failures.add("connecting took longer than " + how.timeout() + " (" + (count - joins.getCount())
                            + " of " + count + " joined)");
                    break;
                }
                int slot = i;
                int index = first + i;
                executor.execute(() -> {
                    try {
                        created[slot] = open(index, prefix + index, how.sources(), false, permits,
                                roomsOf.apply(index));
                    } catch (IOException | RuntimeException e) {
                        failures.add(prefix + index + ": " + e);
                        permits.release();
                    }
                });
            }
        }
        List<Client> connected = new ArrayList<>();
        for (Client client : created) {
            if (client != null) {
                connected.add(client);
            }
        }
        clients.addAll(connected);
        while (failures.isEmpty() && !joins.await(50, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                failures.add((joins.getCount()) + " of " + count + " members had not joined after " + how.timeout());
            }
        }
        if (!failures.isEmpty()) {
            throw new BenchException.ConnectFailed(failures.size() + " failure(s), first: " + failures.peek());
        }
        return connected;
    }

    /// Opens one churning member and logs it in; returns at once, before it has joined (wait
    /// on [Client#settled]). Its failures are counted by [#churnFailures], not [#failures].
    Client openChurner(int index, String name, int sources) throws IOException {
        Client client = open(index, name, sources, true, null, List.of());
        churners.add(client);
        return client;
    }

    /// Counts a churner's failure that the reactor did not see (connect error, join timeout).
    void churnFailed(String name, String why) {
        if (churnFailureCount.incrementAndGet() <= CHURN_FAILURES_KEPT) {
            churnFailures.add(name + ": " + why);
        }
    }

    /// Churners' failures: how many, and the first few messages.
    long churnFailureCount() {
        return churnFailureCount.get();
    }

    List<String> churnFailures() {
        return List.copyOf(churnFailures);
    }

    /// Stops reading `stalled` (their sockets stay open) and marks them, so the server closing
    /// them counts as a drop and not as a failure.
    void stall(List<Client> stalled) {
        for (Client client : stalled) {
            client.stalled = true;
            reactorOf(client).reading(client, false);
        }
    }

    /// Starts reading the stalled members again (what they read is not measured), so a server
    /// that dropped them shows as end of stream.
    void resume(List<Client> stalled) {
        stalled.forEach(client -> reactorOf(client).reading(client, true));
    }

    /// When each stalled member was seen dropped (ns since the epoch): its socket ended, or an
    /// observer saw its departure announced, whichever came first.
    Map<String, Long> drops() {
        Map<String, Long> seen = new java.util.HashMap<>(drops);
        for (Client client : clients) {
            Long departed = departures.get(client.name);
            if (client.stalled && departed != null) {
                seen.merge(client.name, departed, Math::min);
            }
        }
        return seen;
    }

    private Reactor reactorOf(Client client) {
        return reactors.get(Math.floorMod(client.index, reactors.size()));
    }

    private Client open(int index, String name, int sources, boolean churner, Semaphore permits,
                        List<String> roomsToJoin) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            byte[] source = {127, 0, 0, (byte) (2 + index % sources)};
            channel.bind(new InetSocketAddress(InetAddress.getByAddress(source), 0));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(target.address(), 10_000);
            channel.configureBlocking(false);
            Client client = new Client(index, name, channel, churner, roomsToJoin);
            client.holdsConnectPermit.set(permits != null);
            for (String line : dialect.login(name, rooms)) {
                client.writeLine(line);
            }
            reactorOf(client).add(client);
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
        if (!client.churner) {
            releasePermit(client);
            joins.countDown();
        }
        client.settled.countDown();
    }

    @Override
    public void failed(Client client, String why) {
        if (client.stalled) {
            drops.putIfAbsent(client.name, System.nanoTime() - epoch);
        } else if (client.churner) {
            churnFailed(client.name, (client.joined ? "after joining: " : "") + why);
        } else {
            releasePermit(client);
            failures.add(client.name + ": " + why);
        }
        client.settled.countDown();
    }

    @Override
    public void departed(String name) {
        departures.putIfAbsent(name, System.nanoTime() - epoch);
    }

    private void releasePermit(Client client) {
        if (client.holdsConnectPermit.compareAndSet(true, false)) {
            connectPermits.release();
        }
    }

    /// Says goodbye to those of `members` still connected and closes them all; the server
    /// closing them afterwards is expected (`slow` replaces its stalled members this way).
    void retire(List<Client> members) {
        for (Client client : members) {
            client.leaving = true;
            if (!client.closed) {
                try {
                    client.writeLine(dialect.quit());
                } catch (IOException e) {
                    // Already gone: closing it below is all that is left to do.
                }
            }
            client.close();
        }
    }

    /// Says goodbye on every connection, closes them and stops the reactors.
    @Override
    public void close() throws InterruptedException {
        reactors.forEach(Reactor::beginShutdown);
        List<Client> everyone = new ArrayList<>(clients);
        everyone.addAll(churners);
        retire(everyone);
        reactors.forEach(Reactor::stop);
        for (Reactor reactor : reactors) {
            reactor.thread.join(5_000);
        }
    }
}
