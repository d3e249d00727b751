package chatroom.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/// A real server on a free loopback port and the clients a test opened against it, all closed
/// by [#close] (call it from `@AfterEach`).
///
/// Also the shared steps of the two dialects' handshakes, and [#await] for conditions that
/// only the server can tell (its counters).
final class ServerFixture implements AutoCloseable {

    static final String GREETING = "* Welcome to chatroom! Type your name and press Enter.";
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private static final Duration POLL = Duration.ofMillis(10);

    private final List<TestClient> clients = new CopyOnWriteArrayList<>();
    private ChatServer server;

    /// Starts a server with `config` on `127.0.0.1`, port 0.
    ChatServer start(ServerConfig config) {
        if (server != null) {
            throw new IllegalStateException("a server is already running");
        }
        server = create(config);
        server.start();
        return server;
    }

    /// Binds, without starting, a server the test manages itself (it is still stopped by [#close]).
    ChatServer create(ServerConfig config) {
        try {
            ChatServer created = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), config);
            server = created;
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChatServer server() {
        return server;
    }

    InetSocketAddress address() {
        return server.address();
    }

    /// Opens a connection and waits for the greeting, as a person with `nc` does: it comes
    /// once the server has held it back for a moment (the server's `GREETING_DELAY`, 0.4 s)
    /// and heard nothing.
    TestClient connect(String label) {
        TestClient client = track(TestClient.connect(address(), label));
        client.expectExactLine(GREETING);
        return client;
    }

    /// Opens a connection and does nothing else with it.
    TestClient connectSilently(String label) {
        return track(TestClient.connect(address(), label));
    }

    TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }

    /// A plain-dialect member called `name`, past its own join notice. It sends its name at
    /// once, as a script does, and gets the greeting first all the same.
    TestClient joinPlain(String name) {
        return sendName(connectSilently(name), name);
    }

    private static TestClient sendName(TestClient client, String name) {
        client.send(name);
        String first = client.nextLine();
        if (!first.equals(GREETING)) {
            throw new AssertionError(name + ": the first line is not the greeting but " + first);
        }
        client.expectLine(line -> line.startsWith("* Welcome, " + name + "!"), "the welcome");
        client.expectExactLine("* " + name + " joined the chat");
        return client;
    }

    /// A structured-dialect member called `name`, past its own `JOINED`.
    TestClient joinStructured(String name) {
        TestClient client = hello(name);
        client.send("LOGIN name=" + name);
        client.expectExactLine("WELCOME name=" + name + " room=lobby");
        client.expectLine("JOINED name=" + Pattern.quote(name) + " ts=\\S+");
        return client;
    }

    /// A plain-dialect member called `name` connected from the loopback address `from`.
    TestClient joinPlainFrom(String from, String name) {
        return sendName(track(TestClient.connectFrom(address(), from, name)), name);
    }

    /// A structured member speaking protocol version 2, called `name`, past its own `JOINED`
    /// in the default room. It speaks at once, as chatroom's clients do (so it is sent no
    /// greeting).
    TestClient joinVersion2(String name) {
        TestClient client = connectSilently(name);
        client.send("HELLO v=2");
        client.expectLine("HELLO v=2 server=\\S+ max-frame=8192 max-text=4096 heartbeat=\\d+");
        client.send("LOGIN name=" + name);
        client.expectExactLine("WELCOME name=" + name + " room=#lobby");
        client.expectLine("JOINED room=#lobby name=" + Pattern.quote(name) + " ts=\\S+");
        return client;
    }

    /// A connection that has chosen the structured dialect, at once, but not logged in.
    TestClient hello(String label) {
        TestClient client = connectSilently(label);
        client.send("HELLO v=1");
        client.expectLine("HELLO v=1 server=\\S+ max-frame=8192 max-text=4096 heartbeat=\\d+");
        return client;
    }

    /// Waits, polling, until `condition` holds; fails after `timeout`.
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            pause();
        }
    }

    /// Waits until `counter` reads `expected`.
    static void awaitCount(String what, IntSupplier counter, int expected) {
        await(what + " is " + expected, TestClient.TIMEOUT, () -> counter.getAsInt() == expected);
    }

    /// Closes every client, then stops the server.
    @Override
    public void close() {
        RuntimeException failure = null;
        for (TestClient client : clients) {
            try {
                client.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        clients.clear();
        if (server != null) {
            server.stop(STOP_GRACE);
            server = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
