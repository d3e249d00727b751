package chatroom.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/// The member who talks to the desktop client: a structured (version 2) connection that joins
/// the bench's rooms and floods them with `SAY room=…` lines, as fast as the socket takes them
/// (the server's flood control is off).
///
/// One named platform thread reads everything the server sends: it counts this member's own
/// joins and echoes (the server echoes every `SAY` in order, so the last echo means the server
/// has taken every line) and answers `PING`. Writes (the caller's lines, the reader's `PONG`s) are serialised on the output stream.
final class DesktopGenerator implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Socket socket;
    private final OutputStream out;
    private final Thread reader;
    private final AtomicLong ownJoins = new AtomicLong();
    private final AtomicLong ownEchoes = new AtomicLong();
    /// Why the connection ended early, if it did (an `ERROR`, `BYE` or a closed socket).
    private final AtomicReference<String> failure = new AtomicReference<>();

    private DesktopGenerator(String name, Socket socket) throws IOException {
        this.name = name;
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.reader = Thread.ofPlatform().name("bench-desktop-generator").daemon()
                .start(this::read);
    }

    /// Connects as `name` and logs in (version 2); [#awaitJoins] tells when the lobby's join came.
    static DesktopGenerator connect(InetSocketAddress server, String name) throws IOException {
        var socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(server, (int) CONNECT_TIMEOUT.toMillis());
        var generator = new DesktopGenerator(name, socket);
        generator.send(List.of("HELLO v=2 client=chatroom-bench-desktop", "LOGIN name=" + name));
        return generator;
    }

    String name() {
        return name;
    }

    /// Sends `lines` at once (one flush at the end: a burst).
    void send(List<String> lines) throws IOException {
        synchronized (out) {
            for (String line : lines) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            out.flush();
        }
    }

    static String join(String room) {
        return "JOIN room=" + room;
    }

    static String say(String room, String text) {
        return "SAY room=" + room + " :" + text;
    }

    /// Waits until this member's own joins number `count` (the lobby counts).
    void awaitJoins(long count, Duration timeout) {
        await(ownJoins, count, timeout, "joins");
    }

    /// Waits until the server has echoed `count` of this member's messages in all.
    void awaitEchoes(long count, Duration timeout) {
        await(ownEchoes, count, timeout, "echoes of its messages");
    }

    long echoes() {
        return ownEchoes.get();
    }

    private void await(AtomicLong counter, long count, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counter.get() < count) {
            if (failure.get() != null) {
                throw new IllegalStateException("generator " + name + ": " + failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("generator " + name + ": " + counter.get() + " of " + count + " "
                        + what + " after " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private void read() {
        String joined = "JOINED ";
        String me = " name=" + name + " ";
        String from = " from=" + name + " ";
        try (var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("MSG ") && line.contains(from)) {
                    ownEchoes.incrementAndGet();
                } else if (line.startsWith(joined) && (line + " ").contains(me)) {
                    ownJoins.incrementAndGet();
                } else if (line.startsWith("PING")) {
                    int token = line.indexOf("token=");
                    pong(token < 0 ? "0" : line.substring(token + 6).split(" ", 2)[0]);
                } else if (line.startsWith("ERROR ") || line.startsWith("BYE ")) {
                    failure.compareAndSet(null, line);
                }
            }
            failure.compareAndSet(null, "the server closed the connection");
        } catch (IOException e) {
            failure.compareAndSet(null, "connection failed: " + e.getMessage());
        }
    }

    /// Answers a keep-alive.
    private void pong(String token) {
        synchronized (out) {
            try {
                out.write(("PONG token=" + token + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                failure.compareAndSet(null, "cannot answer PING: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        try {
            synchronized (out) {
                out.write("QUIT\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // Leaving at the end of a run: the socket is closed below anyway.
        }
        try {
            socket.close();
            reader.join(Duration.ofSeconds(2));
        } catch (IOException e) {
            System.getLogger(DesktopGenerator.class.getName()).log(System.Logger.Level.DEBUG, "close", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
