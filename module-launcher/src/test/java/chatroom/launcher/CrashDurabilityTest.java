package chatroom.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/// `kill -9` of a server with `--fsync always` while clients talk: after a restart on the same
/// data directory, every message any client received is in the history.
@DisplayName("chatroom --server killed with SIGKILL")
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "destroyForcibly is SIGKILL on Linux and macOS only")
@Timeout(120)
class CrashDurabilityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern MSG = Pattern.compile("MSG id=(\\d+) ts=\\S+ from=(\\S+) :(.*)");
    private static final int SENDERS = 3;
    private static final int MESSAGES_PER_SENDER = 5_000;
    /// Kill once the receivers have this many messages (or after a few seconds).
    private static final int KILL_AFTER = 600;

    @TempDir
    Path dataDir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    @DisplayName("loses no message any client received")
    void noReceivedMessageIsLost() throws Exception {
        Process server = startServer();
        int port = awaitPort(server);

        var structured = new ConcurrentHashMap<String, Long>(); // "sender: text" → id
        Set<String> plain = ConcurrentHashMap.newKeySet();     // "sender: text"
        var structuredDone = new CountDownLatch(1);
        var plainDone = new CountDownLatch(1);
        Socket structuredReceiver = structuredClient(port, "rx");
        Socket plainReceiver = plainClient(port, "plainrx");
        Thread.ofVirtual().start(() -> readUntilClosed(structuredReceiver, line -> {
            Matcher matcher = MSG.matcher(line);
            if (matcher.matches()) {
                structured.put(matcher.group(2) + ": " + matcher.group(3), Long.parseLong(matcher.group(1)));
            }
        }, structuredDone));
        Thread.ofVirtual().start(() -> readUntilClosed(plainReceiver, line -> {
            if (line.matches("s\\d: m\\d+")) {
                plain.add(line);
            }
        }, plainDone));

        List<Socket> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Socket sender = plainClient(port, "s" + s);
            senders.add(sender);
            Thread.ofVirtual().start(() -> sendUntilBroken(sender));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (structured.size() + plain.size() < KILL_AFTER && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertThat(server.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(structuredDone.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(plainDone.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        senders.forEach(CrashDurabilityTest::closeQuietly);
        assertThat(structured.size() + plain.size()).as("messages received before the kill").isPositive();

        Process restarted = startServer();
        int newPort = awaitPort(restarted);
        var replayed = new LinkedHashSet<String>();
        List<Long> replayedIds = new ArrayList<>();
        try (Socket late = structuredClient(newPort, "late")) {
            var in = new BufferedReader(new InputStreamReader(late.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int count = -1;
            while ((line = in.readLine()) != null && (count < 0 || replayedIds.size() < count)) {
                if (line.startsWith("HISTORY count=")) {
                    count = Integer.parseInt(line.substring("HISTORY count=".length()));
                }
                Matcher matcher = MSG.matcher(line);
                if (count >= 0 && matcher.matches()) {
                    replayed.add(matcher.group(2) + ": " + matcher.group(3));
                    replayedIds.add(Long.parseLong(matcher.group(1)));
                    assertThat(structured.getOrDefault(matcher.group(2) + ": " + matcher.group(3), Long.parseLong(matcher.group(1))))
                            .as("same id as received").isEqualTo(Long.parseLong(matcher.group(1)));
                }
            }
            assertThat(replayedIds).hasSize(count).isSorted().doesNotHaveDuplicates();
        }
        assertThat(replayed).as("history after the restart").containsAll(structured.keySet()).containsAll(plain);
        System.out.printf("CRASH received=%d (structured) %d (plain) replayed=%d%n", structured.size(), plain.size(),
                replayed.size());
    }

    @Test
    @DisplayName("keeps rooms, topics, operators, mutes, bans and private conversations")
    void roomStateSurvives() throws Exception {
        Process server = startServer();
        int port = awaitPort(server);
        try (var alice = LineClient.plain(port, "alice"); var bob = LineClient.plain(port, "bob")) {
            alice.expect("* alice joined the chat");
            bob.expect("* bob joined the chat");
            for (String command : List.of("/join #rust", "/topic crabs and more", "/locktopic", "/op bob",
                    "/mute carol", "/ban dave", "/msg bob a secret")) {
                alice.send(command);
            }
            alice.send("hello rust");
            // Delivered only once saved, after every change queued before it.
            alice.expect("alice: hello rust");
            bob.expect("* [from alice] a secret");
        }
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertThat(server.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        int newPort = awaitPort(startServer());
        try (var carol = LineClient.plain(newPort, "carol"); var dave = LineClient.plain(newPort, "dave");
             var erin = LineClient.plain(newPort, "erin"); var bob = LineClient.version2(newPort, "bob")) {
            carol.send("/rooms");
            carol.expect("* #rust (0 members): crabs and more");
            carol.send("/join #rust");
            carol.expect("* Topic: crabs and more (set by alice)");
            carol.send("muted?");
            carol.expect("* Error: you are muted in #rust: your message was not sent");
            carol.send("/topic mine");
            carol.expect("* Error: you are muted in #rust: you may not set its topic");
            erin.send("/join #rust");
            erin.send("/topic mine");
            erin.expect("* Error: only operators may set the topic of #rust");
            dave.send("/join #rust");
            dave.expect("* Error: you are banned from #rust");
            bob.send("JOIN room=#rust");
            bob.expectMatch("MSG room=#rust id=\\d+ ts=\\S+ from=alice :hello rust");
            bob.send("KICK room=#rust name=carol :bye");
            carol.expect("* carol was kicked out by bob: bye");
            bob.send("HISTORY with=alice");
            bob.expect("HISTORY with=alice count=1");
            bob.expectMatch("MSG id=\\d+ ts=\\S+ from=alice to=bob :a secret");
        }
    }

    /// A client that writes lines and waits for the lines it expects, skipping others.
    private static final class LineClient implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final List<String> skipped = new ArrayList<>();

        private LineClient(int port, String firstLines) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            socket.getOutputStream().write(firstLines.getBytes(StandardCharsets.UTF_8));
        }

        static LineClient plain(int port, String name) throws IOException {
            return new LineClient(port, name + "\n");
        }

        static LineClient version2(int port, String name) throws IOException {
            return new LineClient(port, "HELLO v=2\nLOGIN name=" + name + "\n");
        }

        void send(String line) throws IOException {
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        void expect(String wanted) throws IOException {
            expectMatch(Pattern.quote(wanted));
        }

        void expectMatch(String regex) throws IOException {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.matches(regex)) {
                    return;
                }
                skipped.add(line);
            }
            throw new AssertionError("no line matching " + regex + "; received " + skipped);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private Process startServer() throws IOException {
        String modulePath = System.getProperty("jdk.module.path");
        assertThat(modulePath).as("tests run on the module path").isNotBlank();
        String java = ProcessHandle.current().info().command().orElseThrow();
        var command = List.of(java, "--module-path", modulePath, "--module", "chatroom.launcher/chatroom.launcher.Main",
                "--server", "127.0.0.1", "0", "--data-dir", dataDir.toString(), "--fsync", "always",
                "--max-rate", "0", "--history", "100000");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        return process;
    }

    /// The port from the "listening on" line; the rest of the output is drained so the
    /// server never blocks on a full pipe.
    private static int awaitPort(Process process) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<output failed: " + e + ">");
            }
        });
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                Matcher matcher = listening.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
        }
        throw new AssertionError("no 'listening on' line in " + seen);
    }

    private static Socket structuredClient(int port, String name) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.getOutputStream().write(("HELLO v=1\nLOGIN name=" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return socket;
    }

    private static Socket plainClient(int port, String name) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.getOutputStream().write((name + "\n").getBytes(StandardCharsets.UTF_8));
        return socket;
    }

    /// Sends numbered messages as fast as the socket takes them, until the server is gone.
    private static void sendUntilBroken(Socket sender) {
        try {
            OutputStream out = sender.getOutputStream();
            for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                out.write(("m" + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the server was killed: this sender is done
        }
    }

    private static void readUntilClosed(Socket socket, java.util.function.Consumer<String> onLine, CountDownLatch done) {
        try (var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                onLine.accept(line);
            }
        } catch (IOException e) {
            // the server was killed: a reset ends the stream like a close
        } finally {
            done.countDown();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket whose server is gone; nothing to do
        }
    }
}
