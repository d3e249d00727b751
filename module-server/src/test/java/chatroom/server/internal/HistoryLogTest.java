package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.ServerFrame;
import chatroom.server.DataDirectoryException;
import chatroom.server.HistoryRetention;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("history log")
class HistoryLogTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final HistoryRetention UNLIMITED = new HistoryRetention(OptionalLong.empty(), Optional.empty());

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("history").resolve("lobby.log");
    }

    private static ServerFrame.Chat chat(long id) {
        return chat(id, T0.plusSeconds(id));
    }

    private static ServerFrame.Chat chat(long id, Instant time) {
        return new ServerFrame.Chat(id, time, new Name(id % 2 == 0 ? "Zoë" : "李雷"),
                "message " + id + " ciao, è tutto ok? 👍 " + "x".repeat((int) (id % 7)));
    }

    private static List<ServerFrame.Chat> chats(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(HistoryLogTest::chat).toList();
    }

    private HistoryLog open(HistoryRetention retention, Clock clock) throws IOException {
        return HistoryLog.open(file(), retention, 1_000_000, clock);
    }

    private HistoryLog open() throws IOException {
        return open(UNLIMITED, Clock.fixed(T0, ZoneOffset.UTC));
    }

    /// Writes `messages` in batches of three, committing each, and closes the log.
    private void write(List<ServerFrame.Chat> messages) throws IOException {
        try (var log = open()) {
            for (int i = 0; i < messages.size(); i += 3) {
                log.append(messages.subList(i, Math.min(messages.size(), i + 3)));
                log.force();
                log.commit();
            }
        }
    }

    private List<ServerFrame.Chat> reopened() throws IOException {
        try (var log = open()) {
            return log.recent();
        }
    }

    @Nested
    @DisplayName("round trip")
    class RoundTrip {

        @Test
        @DisplayName("a new log is empty; what is committed comes back after reopening, equal and in order")
        void appendAndReplay() throws IOException {
            try (var log = open()) {
                assertThat(log.recent()).isEmpty();
                assertThat(log.lastId()).isZero();
            }
            var messages = chats(1, 50);
            write(messages);

            try (var log = open()) {
                assertThat(log.recent()).isEqualTo(messages);
                assertThat(log.lastId()).isEqualTo(50);
                assertThat(log.recovery()).isEqualTo(new HistoryLog.Recovery(50, 0, 0, false));
            }
        }

        @Test
        @DisabledOnOs(value = OS.WINDOWS, disabledReason = "no POSIX permissions")
        @DisplayName("the history folder and log are created for their owner only, compacted logs too")
        void ownerOnly() throws IOException {
            write(chats(1, 5));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())))
                    .isEqualTo("rwx------");
            Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
            try (var log = open(HistoryRetention.messages(2), Clock.fixed(T0, ZoneOffset.UTC))) {
                assertThat(log.recovery().compacted()).isTrue();
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        }

        @Test
        @DisplayName("keeps only the newest messages it was asked to keep in memory, but all on disk")
        void keepRecent() throws IOException {
            write(chats(1, 20));
            try (var log = HistoryLog.open(file(), UNLIMITED, 5, Clock.fixed(T0, ZoneOffset.UTC))) {
                assertThat(log.recent()).extracting(ServerFrame.Chat::id).containsExactly(16L, 17L, 18L, 19L, 20L);
                assertThat(log.records()).isEqualTo(20);
            }
        }

        @Test
        @DisplayName("a batch rolled back (failed write or fsync) is not in the log, and later batches are")
        void rollback() throws IOException {
            try (var log = open()) {
                log.append(chats(1, 2));
                log.commit();
                log.append(chats(3, 4));
                log.rollback();
                log.append(chats(5, 5));
                log.commit();
            }
            assertThat(reopened()).extracting(ServerFrame.Chat::id).containsExactly(1L, 2L, 5L);
        }

        @Test
        @DisplayName("what was written but not committed is cut off on close")
        void uncommittedIsDropped() throws IOException {
            try (var log = open()) {
                log.append(chats(1, 2));
                log.commit();
                log.append(chats(3, 4));
            }
            assertThat(reopened()).extracting(ServerFrame.Chat::id).containsExactly(1L, 2L);
        }
    }

    @Nested
    @DisplayName("damage")
    class Damage {

        @Test
        @DisplayName("a torn last record of every length is cut off; the start goes on and later appends are clean")
        void tornTailOfEveryLength() throws IOException {
            write(chats(1, 4));
            byte[] whole = Files.readAllBytes(file());
            write(chats(5, 5)); // write() opens the same file, so 5 follows 4
            byte[] withFifth = Files.readAllBytes(file());
            int fifthLength = withFifth.length - whole.length;
            assertThat(fifthLength).isGreaterThan(LogFormat.RECORD_HEADER_BYTES);

            for (int cut = 1; cut < fifthLength; cut++) {
                Files.write(file(), java.util.Arrays.copyOf(withFifth, whole.length + cut));
                try (var log = open()) {
                    assertThat(log.recent()).as("torn after %d bytes", cut)
                            .extracting(ServerFrame.Chat::id).containsExactly(1L, 2L, 3L, 4L);
                    assertThat(log.recovery().droppedTailBytes()).isEqualTo(cut);
                    assertThat(Files.size(file())).as("cut off at once").isEqualTo(whole.length);
                    log.append(List.of(chat(6)));
                    log.commit();
                }
                assertThat(reopened()).extracting(ServerFrame.Chat::id).containsExactly(1L, 2L, 3L, 4L, 6L);
                Files.write(file(), whole);
            }
        }

        @Test
        @DisplayName("a zero-filled tail (what some file systems show after a crash) is cut off")
        void zeroTail() throws IOException {
            write(chats(1, 3));
            try (var channel = FileChannel.open(file(), StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.allocate(4096));
            }
            try (var log = open()) {
                assertThat(log.recent()).hasSize(3);
                assertThat(log.recovery().droppedTailBytes()).isEqualTo(4096);
            }
        }

        @Test
        @DisplayName("a wrong CRC in the last record drops only that record")
        void corruptLastRecord() throws IOException {
            write(chats(1, 5));
            flipByte(Files.size(file()) - 1);
            assertThat(reopened()).extracting(ServerFrame.Chat::id).containsExactly(1L, 2L, 3L, 4L);
        }

        @Test
        @DisplayName("damage in the middle skips the damaged record, keeps the ones after and rewrites the file")
        void corruptMiddleRecord() throws IOException {
            write(chats(1, 2));
            long secondEnds = Files.size(file());
            write(chats(3, 6));
            flipByte(secondEnds + LogFormat.RECORD_HEADER_BYTES + 3); // inside record 3's payload

            try (var log = open()) {
                assertThat(log.recent()).extracting(ServerFrame.Chat::id).containsExactly(1L, 2L, 4L, 5L, 6L);
                assertThat(log.recovery().skippedBytes()).isPositive();
                assertThat(log.recovery().compacted()).isTrue();
            }
            try (var log = open()) {
                assertThat(log.recovery()).as("the rewritten file is clean")
                        .isEqualTo(new HistoryLog.Recovery(5, 0, 0, false));
            }
        }

        @Test
        @DisplayName("a damaged length field is skipped like any other damage")
        void corruptLength() throws IOException {
            write(chats(1, 1));
            long firstEnds = Files.size(file());
            write(chats(2, 3));
            flipByte(firstEnds); // the high byte of record 2's length
            assertThat(reopened()).extracting(ServerFrame.Chat::id).containsExactly(1L, 3L);
        }

        @Test
        @DisplayName("a file that is not a history log is refused with a clear error and left alone")
        void badMagic() throws IOException {
            Files.createDirectories(file().getParent());
            Files.writeString(file(), "hello, this is somebody's notes file\n");
            assertThatThrownBy(HistoryLogTest.this::open)
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining(file().toString())
                    .hasMessageContaining("is not a chatroom history log");
            assertThat(Files.readString(file())).startsWith("hello, this is");
        }

        @Test
        @DisplayName("a log of another format version is refused with a clear error")
        void otherVersion() throws IOException {
            write(chats(1, 1));
            try (var channel = FileChannel.open(file(), StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.allocate(4).putInt(0, 3), 8);
            }
            assertThatThrownBy(HistoryLogTest.this::open)
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("history format version 3; this server reads versions 1 to 2");
        }

        @Test
        @DisplayName("a header cut short (a crash while the log was created) starts an empty log")
        void shortHeader() throws IOException {
            write(List.of());
            byte[] header = Files.readAllBytes(file());
            for (int length = 0; length < LogFormat.HEADER_BYTES; length++) {
                Files.write(file(), java.util.Arrays.copyOf(header, length));
                assertThat(reopened()).isEmpty();
                assertThat(Files.size(file())).isEqualTo(LogFormat.HEADER_BYTES);
            }
        }
    }

    @Nested
    @DisplayName("retention")
    class Retention {

        @Test
        @DisplayName("by count: opening keeps the newest messages, and ids keep increasing after them")
        void byCountAtOpen() throws IOException {
            write(chats(1, 10));
            try (var log = open(HistoryRetention.messages(3), Clock.fixed(T0, ZoneOffset.UTC))) {
                assertThat(log.recent()).extracting(ServerFrame.Chat::id).containsExactly(8L, 9L, 10L);
                assertThat(log.recovery().compacted()).isTrue();
                log.append(List.of(chat(11)));
                log.commit();
            }
            try (var log = open()) {
                assertThat(log.recent()).extracting(ServerFrame.Chat::id).containsExactly(8L, 9L, 10L, 11L);
                assertThat(log.recovery()).isEqualTo(new HistoryLog.Recovery(4, 0, 0, false));
            }
        }

        @Test
        @DisplayName("by age, with an injected clock: older messages are dropped at open")
        void byAgeAtOpen() throws IOException {
            write(chats(1, 10)); // message i was sent at T0 + i s
            var clock = Clock.fixed(T0.plusSeconds(10 + 100), ZoneOffset.UTC);
            try (var log = open(HistoryRetention.age(Duration.ofSeconds(103)), clock)) {
                assertThat(log.recent()).extracting(ServerFrame.Chat::id).containsExactly(7L, 8L, 9L, 10L);
            }
        }

        @Test
        @DisplayName("everything expired: the log is empty, but the last id is remembered")
        void allExpiredKeepsLastId() throws IOException {
            write(chats(1, 10));
            var clock = Clock.fixed(T0.plus(Duration.ofDays(30)), ZoneOffset.UTC);
            try (var log = open(HistoryRetention.age(Duration.ofDays(1)), clock)) {
                assertThat(log.recent()).isEmpty();
            }
            try (var log = open()) {
                assertThat(log.records()).isZero();
                assertThat(log.lastId()).isEqualTo(10);
            }
        }

        @Test
        @DisplayName("an age reaching back beyond any representable time keeps everything")
        void hugeAge() throws IOException {
            write(chats(1, 3));
            var retention = HistoryRetention.age(Duration.ofSeconds(Long.MAX_VALUE));
            try (var log = open(retention, Clock.fixed(T0, ZoneOffset.UTC))) {
                assertThat(log.recent()).hasSize(3);
                assertThat(log.needsCompaction(T0)).isFalse();
            }
        }

        @Test
        @DisplayName("both limits: the stricter one wins")
        void both() throws IOException {
            write(chats(1, 10));
            var clock = Clock.fixed(T0.plusSeconds(10 + 100), ZoneOffset.UTC);
            var retention = new HistoryRetention(OptionalLong.of(2), Optional.of(Duration.ofSeconds(105)));
            try (var log = open(retention, clock)) {
                assertThat(log.recent()).extracting(ServerFrame.Chat::id).containsExactly(9L, 10L);
            }
        }

        @Test
        @DisplayName("while running: compaction is due well over the count limit and keeps order and ids")
        void compactionByCount() throws IOException {
            var retention = HistoryRetention.messages(1000);
            try (var log = open(retention, Clock.fixed(T0, ZoneOffset.UTC))) {
                for (long id = 1; id <= 1999; id += 1) {
                    log.append(List.of(chat(id)));
                    log.commit();
                    assertThat(log.needsCompaction(T0)).as("after %d", id).isFalse();
                }
                log.append(List.of(chat(2000)));
                log.commit();
                assertThat(log.needsCompaction(T0)).isTrue();
                log.compact(T0);
                assertThat(log.records()).isEqualTo(1000);
                log.append(List.of(chat(2001)));
                log.commit();
            }
            try (var log = open()) {
                assertThat(log.recent()).isEqualTo(chats(1001, 2001));
                assertThat(log.recovery()).as("appended right after the compacted records, no gap")
                        .isEqualTo(new HistoryLog.Recovery(1001, 0, 0, false));
            }
        }

        @Test
        @DisplayName("while running: compaction is due once the oldest message is past the age limit plus slack")
        void compactionByAge() throws IOException {
            var retention = HistoryRetention.age(Duration.ofHours(1));
            var now = new MutableClock(T0);
            try (var log = open(retention, now)) {
                List<ServerFrame.Chat> batch = new ArrayList<>();
                for (long id = 1; id <= 10; id++) {
                    batch.add(chat(id, T0.plus(Duration.ofMinutes(10 * id))));
                }
                log.append(batch);
                log.commit();
                // Message 1 (T0 + 10 min) expires at T0 + 70 min; the slack is 1 h / 20 = 3 min.
                assertThat(log.needsCompaction(T0.plus(Duration.ofMinutes(73)))).isFalse();
                assertThat(log.needsCompaction(T0.plus(Duration.ofMinutes(73)).plusSeconds(1))).isTrue();
                log.compact(T0.plus(Duration.ofMinutes(85)));
                assertThat(log.records()).isEqualTo(8); // 3..10: message 3 is 55 min old, message 2 65
                assertThat(log.needsCompaction(T0.plus(Duration.ofMinutes(85)))).isFalse();
            }
            try (var log = open()) {
                assertThat(log.recent()).extracting(ServerFrame.Chat::id).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
                assertThat(log.recovery().skippedBytes()).isZero();
            }
        }
    }

    private void flipByte(long offset) throws IOException {
        try (var channel = FileChannel.open(file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            var one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
            channel.write(one, offset);
        }
    }

    /// A clock a test moves by hand.
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
