package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.server.FsyncPolicy;
import chatroom.server.HistoryRetention;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("archive (the data directory of many rooms)")
@Timeout(60)
class ArchiveTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final RoomName LOBBY = RoomName.of("lobby");
    private static final RoomName RUST = RoomName.of("Rust");
    private static final Name ALICE = new Name("alice");
    private static final Name BOB = new Name("Bob");
    private static final Conversation.Pair ALICE_BOB = Conversation.Pair.between(BOB, ALICE);

    @TempDir
    Path directory;

    private final List<Archive> opened = new ArrayList<>();
    private final List<Journal.Entry> saved = Collections.synchronizedList(new ArrayList<>());
    private final List<Journal.Entry> notSaved = Collections.synchronizedList(new ArrayList<>());

    private ServerConfig config(FsyncPolicy fsync, HistoryRetention retention) {
        return ServerConfig.builder().dataDir(Optional.of(directory)).historySize(5).fsync(fsync)
                .retention(retention).build();
    }

    private ServerConfig config() {
        return config(FsyncPolicy.NEVER, new HistoryRetention(OptionalLong.empty(), Optional.empty()));
    }

    private Archive open(ServerConfig config) throws IOException {
        var archive = Archive.open(directory, LOBBY, config, CLOCK);
        opened.add(archive);
        return archive;
    }

    private Archive started(ServerConfig config) throws IOException {
        var archive = open(config);
        archive.start(new Journal.Listener() {
            @Override
            public void saved(List<Journal.Entry> batch) {
                saved.addAll(batch);
            }

            @Override
            public void notSaved(List<Journal.Entry> batch) {
                notSaved.addAll(batch);
            }
        });
        return archive;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(archive -> archive.close(TIMEOUT));
    }

    private static ServerFrame.Chat chat(long id, Name from) {
        return new ServerFrame.Chat(id, T0.plusMillis(id), from, "message " + id, id % 3 == 0);
    }

    private static Journal.Entry entry(Conversation conversation, long id) {
        return new Journal.Entry(conversation, chat(id, ALICE), null);
    }

    private static Conversation room(RoomName name) {
        return new Conversation.Room(name);
    }

    private static List<Long> ids(List<ServerFrame.Chat> chats) {
        return chats.stream().map(ServerFrame.Chat::id).toList();
    }

    @Nested
    @DisplayName("open and recover")
    class OpenAndRecover {

        @Test
        @DisplayName("a new directory: the default room exists, in the layout for many rooms")
        void fresh() throws IOException {
            var archive = open(config());
            assertThat(archive.rooms()).extracting(StoredRoom::name).containsExactly(LOBBY);
            assertThat(archive.rooms().getFirst().created()).isEqualTo(T0);
            assertThat(archive.lastId()).isZero();
            assertThat(archive.recent(room(LOBBY))).isEmpty();
            assertThat(directory.resolve("rooms.log")).exists();
            assertThat(directory.resolve("history/rooms/#lobby.log")).exists();
            archive.close(TIMEOUT);
            assertThat(open(config()).rooms()).hasSize(1);
        }

        @Test
        @DisplayName("many rooms and private conversations: everything comes back after a restart")
        void manyRoomsAndPairs() throws IOException {
            var archive = started(config());
            archive.record(new RoomChange.Created(RUST, T0));
            archive.record(new RoomChange.TopicSet(RUST, "Rust study group", Optional.of(ALICE), Optional.of(T0)));
            var carol = Conversation.Pair.between(ALICE, new Name("carol"));
            long id = 100;
            for (int i = 0; i < 10; i++) {
                archive.submit(entry(room(LOBBY), ++id));
                archive.submit(entry(room(RUST), ++id));
                archive.submit(entry(ALICE_BOB, ++id));
                archive.submit(entry(carol, ++id));
            }
            archive.close(TIMEOUT);
            assertThat(saved).hasSize(40);
            assertThat(directory.resolve("history/private/alice,bob.log")).exists();
            assertThat(directory.resolve("history/rooms/#rust.log")).exists();

            var again = open(config());
            assertThat(again.rooms()).extracting(StoredRoom::name).containsExactly(LOBBY, RUST);
            assertThat(again.rooms().get(1).topic()).isEqualTo("Rust study group");
            assertThat(ids(again.recent(room(LOBBY)))).containsExactly(121L, 125L, 129L, 133L, 137L);
            assertThat(ids(again.recent(room(RoomName.of("RUST"))))).containsExactly(122L, 126L, 130L, 134L, 138L);
            assertThat(again.recent(ALICE_BOB)).extracting(ServerFrame.Chat::id).containsExactly(123L, 127L, 131L,
                    135L, 139L);
            assertThat(again.recent(ALICE_BOB)).as("/me survives: every id divisible by 3 is an action")
                    .allMatch(chat -> chat.action() == (chat.id() % 3 == 0));
            assertThat(again.recent(Conversation.Pair.between(BOB, new Name("nobody")))).isEmpty();
            assertThat(directory.resolve("history/private/bob,nobody.log")).as("not created by looking").doesNotExist();
            assertThat(again.lastId()).isGreaterThanOrEqualTo(140);
        }

        @Test
        @DisplayName("a one-room directory: history/lobby.log is moved to history/rooms/#lobby.log and read")
        void migration() throws IOException {
            Path old = directory.resolve("history").resolve("lobby.log");
            Files.createDirectories(old.getParent());
            var messages = LongStream.rangeClosed(1, 8).mapToObj(id -> new ServerFrame.Chat(id, T0, ALICE, "old " + id))
                    .toList();
            Files.write(old, LogFormatTest.versionOne(0, messages));

            var archive = open(config());
            assertThat(old).doesNotExist();
            assertThat(directory.resolve("history/rooms/#lobby.log")).exists();
            assertThat(archive.recent(room(LOBBY))).isEqualTo(messages.subList(3, 8));
            assertThat(archive.lastId()).isEqualTo(8);
            assertThat(archive.rooms()).extracting(StoredRoom::name).containsExactly(LOBBY);
        }

        @Test
        @DisplayName("an old-layout file that is not a history log is refused and left where it is")
        void migrationOfAForeignFile() throws IOException {
            Path old = Files.createDirectories(directory.resolve("history")).resolve("lobby.log");
            Files.writeString(old, "not a log");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(config()))
                    .isInstanceOf(chatroom.server.DataDirectoryException.class)
                    .hasMessageContaining(old + " is not a chatroom history log");
            assertThat(Files.readString(old)).isEqualTo("not a log");
            Files.delete(old);
            assertThat(open(config()).rooms()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("private conversations")
    class Private {

        @Test
        @DisplayName("read on demand while the journal writes: always whole messages in order, the newest few")
        void readWhileWriting() throws Exception {
            var archive = started(config(FsyncPolicy.ALWAYS, HistoryRetention.messages(100_000)));
            var done = new AtomicBoolean();
            var writer = Thread.ofPlatform().start(() -> {
                for (long id = 1; id <= 2000; id++) {
                    archive.awaitSpace();
                    archive.submit(entry(ALICE_BOB, id));
                }
                done.set(true);
            });
            int reads = 0;
            long previousLast = 0;
            while (!done.get() || reads < 5) {
                List<Long> recent = ids(archive.recent(ALICE_BOB));
                assertThat(recent.size()).isLessThanOrEqualTo(5);
                if (!recent.isEmpty()) {
                    assertThat(recent).isSorted();
                    assertThat(recent.getLast() - recent.getFirst()).isEqualTo(recent.size() - 1);
                    assertThat(recent.getLast()).isGreaterThanOrEqualTo(previousLast);
                    previousLast = recent.getLast();
                }
                reads++;
            }
            writer.join(TIMEOUT);
            await("all saved", () -> saved.size() == 2000);
            assertThat(ids(archive.recent(ALICE_BOB))).containsExactly(1996L, 1997L, 1998L, 1999L, 2000L);
        }

        @Test
        @DisplayName("lastId covers private logs that are not read at open")
        void lastIdCoversUnreadPrivateLogs() throws IOException {
            var archive = started(config());
            archive.submit(entry(room(LOBBY), 10));
            archive.submit(entry(ALICE_BOB, 5_000_000));
            archive.close(TIMEOUT);
            var again = open(config());
            assertThat(again.lastId()).isGreaterThanOrEqualTo(5_000_000);
        }

        @Test
        @DisplayName("lastId still covers them when the state log's id floor was damaged (every log is read then)")
        void lastIdWhenTheFloorIsDamaged() throws IOException {
            var archive = started(config());
            archive.submit(entry(ALICE_BOB, 5_000_000));
            archive.close(TIMEOUT);
            Path rooms = directory.resolve("rooms.log");
            Files.writeString(rooms, Files.readString(rooms).replace("IDS floor=", "IDS floor=1"));
            var again = open(config());
            assertThat(again.lastId()).isGreaterThanOrEqualTo(5_000_000);
        }

        @Test
        @DisplayName("before start and after close, a private log is read on the caller's thread")
        void readWithoutJournal() throws IOException {
            var archive = started(config());
            archive.submit(entry(ALICE_BOB, 7));
            archive.close(TIMEOUT);
            assertThat(ids(archive.recent(ALICE_BOB))).containsExactly(7L);
            assertThat(ids(open(config()).recent(ALICE_BOB))).containsExactly(7L);
        }
    }

    @Nested
    @DisplayName("rooms")
    class Rooms {

        @Test
        @DisplayName("Closed deletes the room's log after what was queued before it; a room created again starts empty")
        void closedDeletesTheLog() throws IOException {
            var archive = started(config());
            archive.record(new RoomChange.Created(RUST, T0));
            archive.submit(entry(room(RUST), 1));
            archive.submit(entry(room(RUST), 2));
            archive.record(new RoomChange.Closed(RUST));
            await("saved before the room closed", () -> saved.size() == 2);
            archive.submit(entry(room(LOBBY), 3));
            await("the next batch", () -> saved.size() == 3);
            assertThat(directory.resolve("history/rooms/#rust.log")).doesNotExist();
            archive.record(new RoomChange.Created(RoomName.of("rust"), T0));
            archive.submit(entry(room(RUST), 4));
            archive.close(TIMEOUT);

            var again = open(config());
            assertThat(again.rooms()).extracting(StoredRoom::name).containsExactly(LOBBY, RoomName.of("rust"));
            assertThat(ids(again.recent(room(RUST)))).containsExactly(4L);
        }

        @Test
        @DisplayName("compaction applies to each log on its own")
        void compactionPerLog() throws IOException {
            var archive = started(config(FsyncPolicy.NEVER, HistoryRetention.messages(1000)));
            for (long id = 1; id <= 2100; id++) {
                archive.awaitSpace();
                archive.submit(entry(room(LOBBY), id));
            }
            for (long id = 2101; id <= 2110; id++) {
                archive.submit(entry(ALICE_BOB, id));
            }
            archive.close(TIMEOUT);
            try (var lobby = HistoryLog.open(directory.resolve("history/rooms/#lobby.log"),
                    new HistoryRetention(OptionalLong.empty(), Optional.empty()), 0, CLOCK)) {
                assertThat(lobby.records()).as("compacted while running").isBetween(1000L, 1999L);
                assertThat(lobby.lastId()).isEqualTo(2100);
            }
            try (var pair = HistoryLog.open(directory.resolve("history/private/alice,bob.log"),
                    HistoryRetention.messages(1000), 0, CLOCK)) {
                assertThat(pair.records()).isEqualTo(10);
            }
        }
    }

    @Nested
    @DisplayName("resources")
    class Resources {

        @Test
        @EnabledOnOs(OS.LINUX)
        @DisplayName("500 conversations written: the files open at once stay bounded")
        void boundedOpenFiles() throws Exception {
            var archive = started(config());
            long id = 0;
            for (int i = 0; i < 250; i++) {
                archive.submit(entry(Conversation.Pair.between(ALICE, new Name("user" + i)), ++id));
                archive.submit(entry(room(LOBBY), ++id));
                archive.record(new RoomChange.Created(RoomName.of("room" + i), T0));
                archive.submit(entry(room(RoomName.of("room" + i)), ++id));
            }
            await("all saved", () -> saved.size() == 750);
            assertThat(openFilesIn(directory)).isBetween(1L, (long) LogResources.DEFAULT_MAX_OPEN + 2);
            archive.close(TIMEOUT);
            assertThat(openFilesIn(directory)).isZero();
            assertThat(open(config()).rooms()).hasSize(251);
        }

        private static long openFilesIn(Path directory) throws IOException {
            Path real = directory.toRealPath();
            try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
                return descriptors.filter(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).startsWith(real);
                    } catch (IOException e) {
                        return false; // closed meanwhile
                    }
                }).count();
            }
        }
    }

    @Nested
    @DisplayName("durability")
    class Durability {

        @Test
        @DisplayName("kill -9 under ALWAYS: a new server finds every saved message and every recorded change")
        void killed() throws IOException {
            var archive = started(config(FsyncPolicy.ALWAYS, HistoryRetention.messages(100_000)));
            archive.record(new RoomChange.Created(RUST, T0));
            archive.record(new RoomChange.OperatorSet(RUST, ALICE, true));
            archive.record(new RoomChange.BanAdded(RUST, new RoomChange.Ban(Optional.of(BOB), Optional.empty(), ALICE,
                    T0)));
            for (long id = 1; id <= 30; id++) {
                archive.submit(entry(id % 2 == 0 ? room(RUST) : ALICE_BOB, id));
            }
            await("saved", () -> saved.size() == 30);
            archive.releaseLockAsIfKilled(); // no close: nothing more is forced, cut off or closed
            opened.remove(archive);

            var again = open(config(FsyncPolicy.ALWAYS, HistoryRetention.messages(100_000)));
            StoredRoom rust = again.rooms().get(1);
            assertThat(rust.operators()).containsExactly(ALICE);
            assertThat(rust.bans()).extracting(ban -> ban.name().orElseThrow()).containsExactly(BOB);
            assertThat(ids(again.recent(room(RUST)))).containsExactly(22L, 24L, 26L, 28L, 30L);
            assertThat(ids(again.recent(ALICE_BOB))).containsExactly(21L, 23L, 25L, 27L, 29L);
            assertThat(again.lastId()).isGreaterThanOrEqualTo(30);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("timed out waiting until " + what).isNegative();
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
