package chatroom.server.internal;

import chatroom.protocol.LeaveReason;
import chatroom.protocol.PlainText;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/// The [ChatServer]: the listening socket, the acceptor thread, the connections' executor,
/// the janitor that enforces timeouts, and shutdown.
public final class ServerImpl implements ChatServer {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    private static final int BACKLOG = 1024;
    private static final int NOT_STARTED = 0;
    private static final int RUNNING = 1;
    private static final int STOPPED = 2;
    /// How long shutdown waits for the last messages to be saved.
    private static final Duration JOURNAL_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final ServerConfig config;
    private final Optional<HistoryStore> store;
    private final LocalCommunity community;
    private final Semaphore slots;
    private final AddressLimits addressLimits;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger state = new AtomicInteger(NOT_STARTED);
    private final String product;
    private final IrcLines irc;
    /// The IRC network's name (`NETWORK` in `005`).
    private static final String NETWORK = "chatroom";
    /// Runs connections (one virtual thread per read task) and work that must not happen
    /// under a lock (logging from a room, closing a socket after a send queue overflow).
    private final ExecutorService executor;
    /// Runs plain clients' writers, whose writes never block: a small pool of platform
    /// threads, cheaper per write than starting a virtual thread. Separate from the
    /// connections' executor, so writers can still start (to flush a goodbye) while that one
    /// is shutting down. A fork-join pool because it can also schedule: a busy room's writers
    /// start a little later ([DeliveryPacing]), and run even if the pool is shut down meanwhile.
    private ForkJoinPool writers;
    /// Runs TLS clients' writers, whose writes block (the JDK's SSLSocket): virtual threads.
    private ExecutorService blockingWriters;
    private Thread acceptor;
    private ScheduledExecutorService janitor;
    private Poller poller;
    private ConnectionContext connectionContext;

    private ServerImpl(ServerSocketChannel listener, ServerConfig config) throws IOException {
        this.listener = listener;
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.config = config;
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
                .name("chatroom-connection-", 0)
                .uncaughtExceptionHandler((thread, e) -> LOG.log(ERROR, "Uncaught in " + thread.getName(), e))
                .factory());
        Clock clock = Clock.systemUTC();
        this.product = "chatroom/" + version();
        this.irc = new IrcLines(new IrcServer(config.serverName().orElseGet(ServerImpl::hostName), NETWORK, product,
                clock.instant(), config.motd(), config.maxRoomsPerMember(), config.operatorPassword().isPresent()),
                this::census);
        Optional<Archive> archive = config.dataDir().isEmpty() ? Optional.empty()
                : Optional.of(Archive.open(config.dataDir().get(), RoomName.of(config.roomName()), config, clock));
        this.store = archive.map(HistoryStore.class::cast);
        try {
            this.community = community(config, archive, clock, new ModerationLog(executor), irc);
        } catch (RuntimeException e) {
            archive.ifPresent(opened -> opened.close(Duration.ZERO));
            throw e;
        }
        this.slots = new Semaphore(config.maxClients());
        this.addressLimits = new AddressLimits(config.maxPerAddress(), config.connectsPerMinute(), System::nanoTime);
    }

    /// The rooms as the data directory (if any) holds them, the default room among them, and
    /// the members' community around them.
    private static LocalCommunity community(ServerConfig config, Optional<Archive> archive, Clock clock,
                                            ModerationLog moderationLog, IrcLines irc) {
        RoomName defaultRoom = RoomName.of(config.roomName());
        // Ids start from the start time in microseconds, so they keep increasing across
        // restarts and a reconnecting client's `since` never skips new messages; above the
        // last saved id, too, should the clock have gone back.
        long lastId = Math.max(clock.millis() * 1000, archive.map(Archive::lastId).orElse(0L));
        var context = new RoomContext(clock, new AtomicLong(lastId), archive.map(HistoryStore.class::cast),
                config.historySize(), config.retention().maxAge(), defaultRoom, moderationLog, irc);
        List<Room> rooms = new ArrayList<>();
        for (StoredRoom stored : archive.map(Archive::rooms).orElse(List.of())) {
            rooms.add(new Room(stored, archive.get().recent(new Conversation.Room(stored.name())), context));
        }
        // The archive always holds the default room; without one it is made here.
        if (rooms.stream().noneMatch(room -> room.name().sameAs(defaultRoom))) {
            rooms.add(new Room(StoredRoom.created(defaultRoom, clock.instant()), List.of(), context));
        }
        return new LocalCommunity(config, context, new Rooms(rooms, context, config.roomCreation(), config.maxRooms(),
                config.roomCreationsPerMinute(), System::nanoTime));
    }

    /// Opens and binds the listening socket.
    public static ServerImpl bind(InetSocketAddress address, ServerConfig config) throws IOException {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve host " + address.getHostString());
        }
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(address, BACKLOG);
            // The data directory is locked and the history recovered here, so a server that
            // cannot use them fails before it starts.
            return new ServerImpl(listener, config);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    @Override
    public void start() {
        if (!state.compareAndSet(NOT_STARTED, RUNNING)) {
            throw new IllegalStateException("server already started or stopped");
        }
        // Numbered here: a worker's pool index is not assigned yet when the factory runs.
        var writerNumbers = new AtomicInteger();
        writers = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
            var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("chatroom-writer-" + writerNumbers.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }, (thread, e) -> LOG.log(ERROR, "Uncaught in " + thread.getName(), e), true);
        blockingWriters = Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
                .name("chatroom-tls-writer-", 0)
                .uncaughtExceptionHandler((thread, e) -> LOG.log(ERROR, "Uncaught in " + thread.getName(), e))
                .factory());
        try {
            poller = new Poller(executor, writers);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open a selector", e);
        }
        poller.start();
        janitor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("chatroom-janitor").daemon(true).factory());
        long tick = janitorTick().toNanos();
        janitor.scheduleWithFixedDelay(this::checkTimers, tick, tick, TimeUnit.NANOSECONDS);
        store.ifPresent(saving -> saving.start(new Journal.Listener() {
            @Override
            public void saved(List<Journal.Entry> batch) {
                community.deliverSaved(batch);
            }

            @Override
            public void notSaved(List<Journal.Entry> batch) {
                community.refuseUnsaved(batch);
            }
        }));
        connectionContext = new ConnectionContext(config, poller, community, RoomName.of(config.roomName()), writers,
                blockingWriters, executor, this::closed, product, irc, janitor, store);
        acceptor = Thread.ofPlatform().name("chatroom-acceptor").start(this::acceptLoop);
        LOG.log(INFO, "Listening on {0}:{1,number,#}", address.getHostString(), address.getPort());
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public int memberCount() {
        return community.memberCount();
    }

    /// What `LUSERS` counts, now: the community's members, operators and rooms, and the
    /// connections that have no name yet.
    private IrcCensus census() {
        int members = community.memberCount();
        return new IrcCensus(members, community.operatorCount(), Math.max(0, connections.size() - members),
                community.rooms().size(), community.mostMembers());
    }

    @Override
    public void stop(Duration grace) {
        int previous = state.getAndSet(STOPPED);
        closeListener();
        if (previous != RUNNING) {
            store.ifPresent(saving -> saving.close(JOURNAL_CLOSE_TIMEOUT));
            executor.shutdown();
            return;
        }
        LOG.log(INFO, "Stopping: telling {0} connections", connections.size());
        boolean interrupted = false;
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        janitor.shutdownNow();
        community.close();
        // The messages already accepted are saved and delivered before the goodbyes.
        store.ifPresent(saving -> saving.close(JOURNAL_CLOSE_TIMEOUT));
        var bye = new ServerFrame.Bye(LeaveReason.SHUTDOWN, "The server is shutting down. Goodbye!");
        connections.forEach(connection -> connection.close(bye));
        try {
            if (!awaitNoConnections(grace)) {
                LOG.log(WARNING, "{0} connections still open after {1}; closing them", connections.size(), grace);
                connections.forEach(Connection::abort);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            connections.forEach(Connection::abort);
        }
        poller.close();
        interrupted |= shutDown(executor);
        // Every reader has ended and waited for its writer, so no writer is left to start.
        interrupted |= shutDown(writers);
        interrupted |= shutDown(blockingWriters);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        LOG.log(INFO, "Stopped");
    }

    /// Shuts `service` down, waiting up to 5 s; returns whether this thread was interrupted.
    private static boolean shutDown(ExecutorService service) {
        service.shutdown();
        try {
            if (!awaitTermination(service, Duration.ofSeconds(5))) {
                service.shutdownNow();
            }
            return false;
        } catch (InterruptedException e) {
            service.shutdownNow();
            return true;
        }
    }

    /// Waits at most `timeout` for `service` to terminate; returns whether it has. Waits in
    /// short slices because JDK 25's `ForkJoinPool` sometimes terminates without waking its
    /// waiter when it has run a delayed task (the writers' held starts): a few pools in a
    /// thousand, in a loop on these machines, and one long wait then sits out all of its time.
    static boolean awaitTermination(ExecutorService service, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!service.awaitTermination(20, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
        }
        return true;
    }

    /// Called by a connection as the last thing it does.
    void closed(Connection connection) {
        if (connections.remove(connection)) {
            slots.release();
            addressLimits.release(connection.address());
        }
    }

    /// Waits until every connection has ended (each says `bye`, flushes and closes), for at
    /// most `grace`. Returns whether they all have.
    private boolean awaitNoConnections(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!connections.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /// Addresses the per-address limits remember now (for tests: the map must not grow).
    int trackedAddresses() {
        return addressLimits.trackedAddresses();
    }

    private void acceptLoop() {
        while (state.get() == RUNNING) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Typically out of file descriptors: keep serving those already connected.
                LOG.log(WARNING, "Accept failed: {0}", e.toString());
                pause();
                continue;
            }
            try {
                admit(channel);
            } catch (IOException | RuntimeException e) {
                LOG.log(WARNING, "Could not admit a connection: {0}", e.toString());
                closeQuietly(channel);
            }
        }
    }

    private void admit(SocketChannel channel) throws IOException {
        var remote = (InetSocketAddress) channel.getRemoteAddress();
        var admission = addressLimits.admit(remote.getAddress());
        if (!admission.admitted()) {
            if (admission.report() > 0) {
                // At most once per address per 10 s, so that refusals cannot flood the log.
                LOG.log(INFO, "{0} refused: over its limit of {1,number,#} {2}"
                                + " ({3,number,#} refused since the last such line)",
                        remote.getHostString(), admission.limit(), admission.refusal().counts, admission.report());
            }
            String line = admission.refusal().line(admission.limit());
            executor.execute(() -> refuse(channel, line));
            return;
        }
        if (!slots.tryAcquire()) {
            addressLimits.release(remote.getAddress());
            LOG.log(INFO, "{0}:{1,number,#} refused: server full", remote.getHostString(), remote.getPort());
            executor.execute(() -> refuse(channel, PlainText.NOTICE_PREFIX + "Sorry, the server is full ("
                    + config.maxClients() + " connections); try again later."));
            return;
        }
        Connection connection;
        try {
            connection = new Connection(channel, remote, connectionContext);
        } catch (RuntimeException e) {
            // Give back what was taken for it; the caller closes the channel.
            slots.release();
            addressLimits.release(remote.getAddress());
            throw e;
        }
        connections.add(connection);
        try {
            executor.execute(connection::open);
        } catch (RejectedExecutionException e) {
            closed(connection);
            throw e;
        }
    }

    /// Sends `line` instead of the greeting and closes the connection.
    private static void refuse(SocketChannel channel, String line) {
        try (channel) {
            channel.write(ByteBuffer.wrap(Text.frameBytes(line)));
            channel.shutdownOutput();
            discardInput(channel);
        } catch (IOException e) {
            LOG.log(DEBUG, "Refusal not delivered: {0}", e.toString());
        }
    }

    /// Reads and drops what the client sent (its name or `HELLO`, typically), for at most a
    /// second: closing a socket with unread input resets the connection, and the reset can
    /// destroy the refusal line before the client has read it.
    private static void discardInput(SocketChannel channel) throws IOException {
        var socket = channel.socket();
        byte[] sink = new byte[1024];
        var in = socket.getInputStream();
        // A second in all, not per read: a client trickling a byte at a time must not hold
        // the refusal (and its descriptor) open for long.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (int total = 0; total < 64 * 1024; ) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            socket.setSoTimeout((int) left);
            int count = in.read(sink);
            if (count < 0) {
                return;
            }
            total += count;
        }
    }

    private void checkTimers() {
        addressLimits.sweep();
        community.rooms().sweep();
        long now = System.nanoTime();
        for (Connection connection : connections) {
            try {
                connection.checkTimers(now);
            } catch (RuntimeException e) {
                LOG.log(ERROR, "Timer check failed for " + connection.peer(), e);
            }
        }
    }

    /// Often enough to keep each timeout within a quarter of its length (at most a second).
    private Duration janitorTick() {
        Duration shortest = config.handshakeTimeout().compareTo(config.heartbeat()) < 0
                ? config.handshakeTimeout() : config.heartbeat();
        Duration quarter = shortest.dividedBy(4);
        Duration floor = Duration.ofMillis(10);
        Duration ceiling = Duration.ofSeconds(1);
        return quarter.compareTo(floor) < 0 ? floor : quarter.compareTo(ceiling) > 0 ? ceiling : quarter;
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(WARNING, "Closing the listener failed: {0}", e.toString());
        }
    }

    /// The module's version when run from the module path, `dev` otherwise.
    /// The host's name, as `--server-name` defaults to it; `chatroom` if it has none that may
    /// name a server (the lookup reads the system's host name, or asks the resolver).
    private static String hostName() {
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            return ServerConfig.isServerName(name) ? name : NETWORK;
        } catch (java.io.IOException e) {
            return NETWORK;
        }
    }

    private static String version() {
        var descriptor = ChatServer.class.getModule().getDescriptor();
        return descriptor == null ? "dev" : descriptor.rawVersion().orElse("dev");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(DEBUG, "Close failed: {0}", e.toString());
        }
    }
}
