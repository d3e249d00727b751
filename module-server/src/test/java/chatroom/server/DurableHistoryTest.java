package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Durable history (a data directory)")
@Timeout(60)
class DurableHistoryTest {

    private static final Pattern MSG = Pattern.compile("MSG id=(\\d+) ts=(\\S+) from=(\\S+) :(.*)");

    @TempDir
    Path dataDir;

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    private ServerConfig durable() {
        return ServerConfig.builder().dataDir(Optional.of(dataDir)).maxRate(0).historySize(100_000).build();
    }

    private static long id(String msgLine) {
        Matcher matcher = MSG.matcher(msgLine);
        assertThat(matcher.matches()).as("a MSG frame: %s", msgLine).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /// A structured member's login, returning its history's MSG lines.
    private List<String> historyOf(String name) {
        TestClient client = fixture.hello(name);
        client.send("LOGIN name=" + name);
        List<String> lines = client.collectUntil(line -> line.startsWith("JOINED name=" + name + " "), "its JOINED",
                TestClient.TIMEOUT);
        int at = lines.indexOf(lines.stream().filter(line -> line.startsWith("HISTORY count=")).findFirst().orElseThrow());
        int count = Integer.parseInt(lines.get(at).substring("HISTORY count=".length()));
        return lines.subList(at + 1, at + 1 + count);
    }

    @Test
    @DisplayName("after a restart, a joining structured client gets the messages from before with the same ids; new ids are greater")
    void survivesRestart() {
        fixture.start(durable());
        TestClient ann = fixture.joinStructured("ann");
        TestClient bob = fixture.joinPlain("bob");
        List<String> said = new ArrayList<>();
        for (String text : List.of("one", "due", "drei")) {
            ann.send("SAY :" + text);
            said.add(ann.expectLine("MSG .* :" + text));
        }
        bob.send("from plain bob, è ok");
        said.add(ann.expectLine("MSG .* from=bob :from plain bob, è ok"));
        fixture.close();
        assertThat(dataDir.resolve("history").resolve("rooms").resolve("#lobby.log")).isRegularFile();

        fixture.start(durable());
        assertThat(historyOf("carol")).containsExactlyElementsOf(said);
        TestClient dave = fixture.joinStructured("dave");
        dave.send("SAY :after the restart");
        long newId = id(dave.expectLine("MSG .* :after the restart"));
        assertThat(newId).isGreaterThan(id(said.getLast()));
    }

    @Test
    @DisplayName("messages older than the age limit are not replayed to joiners, even before compaction removes them")
    void ageLimitAppliesToReplay() {
        fixture.start(durable().toBuilder().retention(HistoryRetention.age(Duration.ofSeconds(2))).build());
        TestClient ann = fixture.joinStructured("ann");
        ann.send("SAY :old");
        ann.expectLine("MSG .* :old");
        pause(Duration.ofMillis(2500));
        ann.send("SAY :new");
        String fresh = ann.expectLine("MSG .* :new");

        assertThat(historyOf("late")).containsExactly(fresh);
    }

    @Test
    @DisplayName("a second server on the same data directory fails clearly; once the first stops it can start")
    void oneServerPerDataDirectory() throws IOException {
        fixture.start(durable());
        var address = new InetSocketAddress("127.0.0.1", 0);
        assertThatThrownBy(() -> ChatServer.create(address, durable()))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("data directory " + dataDir + " is used by another chatroom server");
        fixture.close();

        ChatServer second = ChatServer.create(address, durable());
        second.stop(Duration.ZERO); // never started: releases the directory all the same
        ChatServer third = ChatServer.create(address, durable());
        third.stop(Duration.ZERO);
    }

    @Test
    @DisplayName("a data directory holding something that is not a history log: the server does not start, and the file is left alone")
    void foreignFile() throws IOException {
        Path log = Files.createDirectories(dataDir.resolve("history")).resolve("lobby.log");
        Files.writeString(log, "not a log");
        assertThatThrownBy(() -> ChatServer.create(new InetSocketAddress("127.0.0.1", 0), durable()))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("is not a chatroom history log");
        assertThat(Files.readString(log)).isEqualTo("not a log");
        // The directory was released: a server with a fresh log may use it.
        Files.delete(log);
        fixture.start(durable());
    }

    @Test
    @DisplayName("a member who says something and leaves at once (/quit, or the end of its input) gets its echo before its goodbye, and the others see the message before the departure")
    void saidBeforeLeaving() {
        fixture.start(durable());
        TestClient watcher = fixture.joinPlain("watcher");
        // As `printf 'dave\nhello\n/quit\n' | nc` does: everything in one write. The message
        // is delivered only once saved; the /quit right behind it must not overtake it.
        TestClient dave = fixture.connectSilently("dave");
        dave.sendRaw("dave\nhello from dave\n/quit\n".getBytes(StandardCharsets.UTF_8));
        List<String> daveGot = dave.awaitClosed();
        assertThat(daveGot).containsSubsequence("dave: hello from dave", "* Goodbye, dave!");
        assertThat(daveGot.getLast()).isEqualTo("* Goodbye, dave!");
        assertThat(watcher.expectLine(line -> line.contains("dave:") || line.contains("dave left"), "dave's message"))
                .isEqualTo("dave: hello from dave");
        watcher.expectExactLine("* dave left the chat");

        // As `printf 'erin\nhi\n' | nc -N` does: the input ends right after the message.
        TestClient erin = fixture.connectSilently("erin");
        erin.sendRaw("erin\nhi from erin\n".getBytes(StandardCharsets.UTF_8));
        erin.shutdownOutput();
        assertThat(erin.awaitClosed()).contains("erin: hi from erin");
        assertThat(watcher.expectLine(line -> line.contains("erin:") || line.contains("erin left"), "erin's message"))
                .isEqualTo("erin: hi from erin");
        watcher.expectLine(line -> line.startsWith("* erin left the chat"), "erin's departure");
    }

    @Test
    @DisplayName("members joining while messages are being saved get each message exactly once: history, then live, no gap")
    void joinersDuringSavesSeeNoDuplicateAndNoGap() throws InterruptedException {
        fixture.start(durable());
        int senders = 3;
        int perSender = 300;
        List<TestClient> speakers = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            speakers.add(fixture.joinStructured("speaker" + s));
        }
        var firstSaved = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (TestClient speaker : speakers) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perSender; i++) {
                    speaker.send("SAY :" + speaker.label() + " " + i);
                    if (i == 0) {
                        speaker.expectLine("MSG .* :" + speaker.label() + " 0");
                        firstSaved.countDown();
                    }
                    pause(Duration.ofMillis(2)); // spread the messages over the joins
                }
            }));
        }
        assertThat(firstSaved.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        List<TestClient> joiners = new ArrayList<>();
        for (int j = 0; j < 20; j++) {
            TestClient joiner = fixture.hello("joiner" + j);
            joiner.send("LOGIN name=joiner" + j);
            joiners.add(joiner);
            pause(Duration.ofMillis(15));
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
        }
        // The last message of all: each speaker's last echo; the largest id is the last.
        long last = speakers.stream()
                .mapToLong(speaker -> id(speaker.expectLine("MSG .* :" + speaker.label() + " " + (perSender - 1))))
                .max().orElseThrow();
        long first = last - senders * perSender + 1;

        int splitAcrossHistoryAndLive = 0;
        for (TestClient joiner : joiners) {
            // Its own JOINED (after its history), and the last message (in the history or live).
            List<String> lines = new ArrayList<>(joiner.collectUntil(
                    line -> line.startsWith("JOINED name=" + joiner.label() + " "), "its JOINED", TestClient.TIMEOUT));
            if (lines.stream().noneMatch(line -> line.startsWith("MSG id=" + last + " "))) {
                lines.addAll(joiner.collectUntil(line -> line.startsWith("MSG id=" + last + " "), "the last message",
                        TestClient.TIMEOUT));
            }
            int history = lines.indexOf(lines.stream().filter(l -> l.startsWith("HISTORY count=")).findFirst().orElseThrow());
            int joined = lines.indexOf(lines.stream().filter(l -> l.startsWith("JOINED name=" + joiner.label() + " "))
                    .findFirst().orElseThrow());
            List<Long> ids = lines.stream().filter(line -> line.startsWith("MSG ")).map(DurableHistoryTest::id).toList();
            assertThat(ids).as("%s: every message once, in order, history then live", joiner.label())
                    .isEqualTo(LongStream.rangeClosed(first, last).boxed().toList());
            long replayed = lines.subList(history, joined).stream().filter(line -> line.startsWith("MSG ")).count();
            if (replayed > 0 && replayed < ids.size()) {
                splitAcrossHistoryAndLive++;
            }
        }
        assertThat(splitAcrossHistoryAndLive).as("joiners that joined while messages flowed").isPositive();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
