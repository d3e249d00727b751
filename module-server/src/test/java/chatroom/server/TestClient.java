package chatroom.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/// A chat client for tests: a real socket on loopback, a reader on its own virtual thread and
/// assertions that wait for lines instead of sleeping.
///
/// Lines are split at `\n` only, exactly as received (a `\r` stays in the line), so a test can
/// see whatever the server really sent. By default every line is queued for [#expectLine] and
/// friends; a load test may pass its own sink instead, and a stalled client reads nothing.
///
/// The reader thread is the only one that takes from the socket; [#send] may be called from
/// any thread.
final class TestClient implements AutoCloseable {

    /// How long a test waits for something that should happen at once.
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final Pattern PING = Pattern.compile("PING token=(\\S+)");
    /// Queued, compared by identity, when the stream ends, so that waiting stops at once.
    private static final String END_OF_STREAM = new String("<end of stream>");

    private final String label;
    private final Socket socket;
    private final OutputStream out;
    private final Consumer<String> sink;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean answerPings;

    private TestClient(String label, Socket socket, Consumer<String> sink, boolean read) throws IOException {
        this.label = label;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.sink = sink == null ? lines::add : sink;
        this.reader = read ? Thread.ofVirtual().name("test-client-" + label).start(this::readLoop) : null;
    }

    /// Connects a client whose lines are queued for the `expect…` methods.
    static TestClient connect(InetSocketAddress server, String label) {
        return open(server, label, null, 0, true);
    }

    /// Connects a client that hands every line to `sink` (on its reader thread) instead.
    static TestClient connect(InetSocketAddress server, String label, Consumer<String> sink) {
        return open(server, label, sink, 0, true);
    }

    /// Connects a client from the loopback address `from` (such as `127.0.0.2`), whose lines
    /// are queued for the `expect…` methods: a client at another address, for bans and
    /// per-address limits.
    static TestClient connectFrom(InetSocketAddress server, String from, String label) {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(from, 0));
            socket.setTcpNoDelay(true);
            socket.connect(server, CONNECT_TIMEOUT_MILLIS);
            return new TestClient(label, socket, null, true);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot connect " + label + " from " + from + " to " + server, e);
        }
    }

    /// Connects a client that never reads, with a small receive buffer so that the server's
    /// data backs up quickly.
    static TestClient connectStalled(InetSocketAddress server, String label, int receiveBufferBytes) {
        return open(server, label, null, receiveBufferBytes, false);
    }

    /// A client over `socket`, already connected (a TLS socket, say), whose lines are queued
    /// for the `expect…` methods.
    static TestClient over(Socket socket, String label) {
        try {
            return new TestClient(label, socket, null, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the socket of " + label, e);
        }
    }

    private static TestClient open(InetSocketAddress server, String label, Consumer<String> sink,
                                   int receiveBufferBytes, boolean read) {
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                // Before connect, so that the TCP window is negotiated with it.
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.setTcpNoDelay(true);
            socket.connect(server, CONNECT_TIMEOUT_MILLIS);
            return new TestClient(label, socket, sink, read);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot connect " + label + " to " + server, e);
        }
    }

    String label() {
        return label;
    }

    /// From now on the reader answers every `PING token=T` with `PONG token=T` (the ping is
    /// still queued), as a well-behaved structured client does.
    void answerPings() {
        answerPings = true;
    }

    /// Joins as `name` over `out` and then sends 50,000 short lines (about 500 KB) as fast as the
    /// socket takes them, on a virtual thread that ends quietly when the connection is cut.
    static Thread flood(OutputStream out, String name) throws IOException {
        out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
        var flood = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            flood.append("flood ").append(i).append('\n');
        }
        byte[] thousand = flood.toString().getBytes(StandardCharsets.US_ASCII);
        return Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    out.write(thousand);
                }
            } catch (IOException e) {
                // The test closed the socket, or the server cut it, while the buffers were full.
            }
        });
    }

    /// Sends `line` and a `\n`.
    void send(String line) {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /// Sends `bytes` exactly as given, in one write.
    void sendRaw(byte[] bytes) {
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(label + " could not send", e);
            }
        }
    }

    /// Waits for the next line, whatever it is.
    String nextLine() {
        return collectUntil(line -> true, "any line", TIMEOUT).getLast();
    }

    /// Skips lines until one matches `regex` as a whole; returns it.
    String expectLine(String regex) {
        return expectLine(regex, TIMEOUT);
    }

    /// The same, waiting up to `timeout` (for what takes its own time, such as a real client's).
    String expectLine(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        return collectUntil(line -> pattern.matcher(line).matches(), "a line matching /" + regex + "/", timeout)
                .getLast();
    }

    /// Skips lines until one equals `expected`.
    String expectExactLine(String expected) {
        return expectExactLine(expected, TIMEOUT);
    }

    /// The same, waiting up to `timeout`.
    String expectExactLine(String expected, Duration timeout) {
        return collectUntil(expected::equals, "the line \"" + expected + "\"", timeout).getLast();
    }

    String expectLine(Predicate<String> wanted, String description) {
        return collectUntil(wanted, description, TIMEOUT).getLast();
    }

    /// Returns every line received up to and including the first that matches `wanted`, so
    /// that a test can check what came before it. Fails after `timeout`, or at end of stream,
    /// listing what was received instead.
    List<String> collectUntil(Predicate<String> wanted, String description, Duration timeout) {
        List<String> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = poll(Math.max(0, left));
            if (line == END_OF_STREAM) {
                lines.add(END_OF_STREAM); // for the next caller
                throw new AssertionError(label + ": connection closed while waiting for " + description
                        + "; received " + abbreviate(received));
            } else if (line != null) {
                received.add(line);
                if (wanted.test(line)) {
                    return received;
                }
            } else if (left <= 0) {
                throw new AssertionError(label + ": no " + description + " within " + timeout
                        + "; received " + abbreviate(received));
            }
        }
    }

    /// Waits until the server has closed the connection; returns the lines still unread.
    List<String> awaitClosed(Duration timeout) {
        try {
            if (!closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(label + ": connection still open after " + timeout
                        + "; unread lines " + abbreviate(new ArrayList<>(lines)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(label + ": interrupted while waiting for the close", e);
        }
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        rest.removeIf(line -> line == END_OF_STREAM);
        lines.add(END_OF_STREAM);
        return rest;
    }

    List<String> awaitClosed() {
        return awaitClosed(TIMEOUT);
    }

    /// Whether the reader has met the end of the stream (or a reset).
    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /// Closes the socket at once, without saying goodbye, and waits for the reader to end.
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (reader != null) {
            try {
                reader.join(TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /// Half-closes the connection (`shutdownOutput`): the server reads end of stream, and this
    /// client can still read what the server sends until it closes, as `nc -N` does.
    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// Closes the socket with a reset (`SO_LINGER` 0), as a crashed client's system would.
    void closeAbruptly() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        close();
    }

    @Override
    public String toString() {
        return "TestClient[" + label + "]";
    }

    /// The last lines of `received`, each cut short, for a readable failure message.
    private static String abbreviate(List<String> received) {
        int keep = 20;
        List<String> tail = received.subList(Math.max(0, received.size() - keep), received.size());
        return (received.size() > keep ? "(" + (received.size() - keep) + " earlier lines) " : "")
                + tail.stream().map(line -> line.length() > 80 ? line.substring(0, 77) + "..." : line).toList();
    }

    private String poll(long nanos) {
        try {
            return lines.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(label + ": interrupted while waiting for a line", e);
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[16 * 1024];
        var line = new ByteArrayOutputStream(128);
        try {
            InputStream in = socket.getInputStream();
            int count;
            while ((count = in.read(buffer)) >= 0) {
                int start = 0;
                for (int i = 0; i < count; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start);
                        deliver(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                        start = i + 1;
                    }
                }
                line.write(buffer, start, count - start);
            }
        } catch (IOException e) {
            // A reset or our own close: either way the connection is over.
        } finally {
            lines.add(END_OF_STREAM);
            closed.countDown();
        }
    }

    private void deliver(String line) {
        if (answerPings) {
            var ping = PING.matcher(line);
            if (ping.matches()) {
                try {
                    send("PONG token=" + ping.group(1));
                } catch (UncheckedIOException e) {
                    // The connection is closing; the reader will see that next.
                }
            }
        }
        sink.accept(line);
    }
}
