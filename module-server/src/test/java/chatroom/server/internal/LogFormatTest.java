package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.ServerFrame;
import chatroom.server.HistoryRetention;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("history log format")
class LogFormatTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final HistoryRetention UNLIMITED = new HistoryRetention(OptionalLong.empty(), Optional.empty());

    @TempDir
    Path directory;

    /// A version 1 file as the one-room server wrote it: no flags byte.
    static byte[] versionOne(long idFloor, List<ServerFrame.Chat> chats) {
        var out = ByteBuffer.allocate(1 << 20);
        out.put("CHATHIST".getBytes(StandardCharsets.US_ASCII)).putInt(1).putLong(idFloor);
        for (ServerFrame.Chat chat : chats) {
            byte[] name = chat.from().value().getBytes(StandardCharsets.UTF_8);
            byte[] text = chat.text().getBytes(StandardCharsets.UTF_8);
            int start = out.position();
            int payload = 8 + 8 + 2 + name.length + text.length;
            out.putInt(payload).putInt(0).putLong(chat.id()).putLong(chat.time().toEpochMilli())
                    .putShort((short) name.length).put(name).put(text);
            var crc = new CRC32C();
            crc.update(out.slice(start, 4));
            crc.update(out.slice(start + 8, payload));
            out.putInt(start + 4, (int) crc.getValue());
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static ServerFrame.Chat chat(long id, boolean action) {
        return new ServerFrame.Chat(id, T0.plusSeconds(id), new Name("Zoë"), "waves 👋 " + id, action);
    }

    @Nested
    @DisplayName("version 2")
    class VersionTwo {

        @Test
        @DisplayName("a record carries the action flag; encode and decode agree")
        void actionFlag() {
            for (boolean action : new boolean[] {false, true}) {
                var buffer = ByteBuffer.allocate(LogFormat.maxRecordBytes(chat(7, action)));
                LogFormat.encode(chat(7, action), buffer);
                buffer.flip();
                int payload = buffer.getInt(0);
                assertThat(LogFormat.crc(buffer, 0, payload)).isEqualTo(buffer.getInt(4));
                assertThat(LogFormat.decode(buffer.slice(8, payload), 2)).contains(chat(7, action));
            }
        }

        @Test
        @DisplayName("unknown flags make a record invalid (a later version may give them a meaning)")
        void unknownFlags() {
            var buffer = ByteBuffer.allocate(LogFormat.maxRecordBytes(chat(7, true)));
            LogFormat.encode(chat(7, true), buffer);
            int payload = buffer.getInt(0);
            buffer.put(8 + 16, (byte) 0x03);
            assertThat(LogFormat.decode(buffer.slice(8, payload), 2)).isEmpty();
        }
    }

    @Nested
    @DisplayName("version 1")
    class VersionOne {

        @Test
        @DisplayName("is read (every message an ordinary one) and rewritten as version 2 on open; actions then survive")
        void readAndRewritten() throws IOException {
            Path file = directory.resolve("lobby.log");
            var old = List.of(chat(1, false), chat(2, false), chat(3, false));
            Files.write(file, versionOne(0, old));
            var clock = Clock.fixed(T0, ZoneOffset.UTC);
            try (var log = HistoryLog.open(file, UNLIMITED, 100, clock)) {
                assertThat(log.recent()).isEqualTo(old);
                assertThat(log.recovery().compacted()).isTrue();
                assertThat(ByteBuffer.wrap(Files.readAllBytes(file)).getInt(8)).as("now version 2").isEqualTo(2);
                log.append(List.of(chat(4, true)));
                log.commit();
            }
            try (var log = HistoryLog.open(file, UNLIMITED, 100, clock)) {
                assertThat(log.recent()).extracting(ServerFrame.Chat::id, ServerFrame.Chat::action)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, false),
                                org.assertj.core.groups.Tuple.tuple(2L, false),
                                org.assertj.core.groups.Tuple.tuple(3L, false),
                                org.assertj.core.groups.Tuple.tuple(4L, true));
                assertThat(log.recovery()).isEqualTo(new HistoryLog.Recovery(4, 0, 0, false));
            }
        }

        @Test
        @DisplayName("keeps its id floor when rewritten")
        void idFloor() throws IOException {
            Path file = directory.resolve("lobby.log");
            Files.write(file, versionOne(500, List.of()));
            try (var log = HistoryLog.open(file, UNLIMITED, 100, Clock.fixed(T0, ZoneOffset.UTC))) {
                assertThat(log.lastId()).isEqualTo(500);
            }
            assertThat(ByteBuffer.wrap(Files.readAllBytes(file)).getLong(12)).isEqualTo(500);
        }
    }
}
