package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.server.DataDirectoryException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("rooms' state log")
class StateLogTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final RoomName RUST = RoomName.of("Rust");
    private static final RoomName LOBBY = RoomName.of("lobby");
    private static final Name ALICE = new Name("alice");
    private static final Name BOB = new Name("Bob");

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("rooms.log");
    }

    private static AddressBan address(String text) {
        return ((Parsed.Ok<AddressBan>) AddressBan.parse(text)).value();
    }

    /// One change of every kind, the Closed one of a room created for it.
    static List<RoomChange> everyChange() {
        var ban = new RoomChange.Ban(Optional.of(BOB), Optional.of(address("203.0.113.7")), ALICE, T0.plusSeconds(5));
        var v6 = new RoomChange.Ban(Optional.empty(), Optional.of(address("2001:db8:0:1::5")), ALICE,
                T0.plusNanos(123_456_789));
        var nameOnly = new RoomChange.Ban(Optional.of(new Name("mallory")), Optional.empty(), ALICE, T0);
        RoomName closed = RoomName.of("gone");
        return List.of(
                new RoomChange.Created(LOBBY, T0),
                new RoomChange.Created(RUST, T0.plusSeconds(1)),
                new RoomChange.TopicSet(RUST, "Rust study group: \\ back\\nslash ✓", Optional.of(ALICE),
                        Optional.of(T0.plusSeconds(2))),
                new RoomChange.TopicSet(LOBBY, "", Optional.empty(), Optional.empty()),
                new RoomChange.TopicLocked(RUST, true),
                new RoomChange.OperatorSet(RUST, ALICE, true),
                new RoomChange.OperatorSet(RUST, BOB, true),
                new RoomChange.OperatorSet(RUST, new Name("bob"), false),
                new RoomChange.MuteSet(RUST, new Name("eve"), true),
                new RoomChange.BanAdded(RUST, ban),
                new RoomChange.BanAdded(RUST, v6),
                new RoomChange.BanAdded(RUST, nameOnly),
                new RoomChange.BanRemoved(RUST, ban),
                new RoomChange.VoiceSet(RUST, new Name("carol"), true),
                new RoomChange.VoiceSet(RUST, new Name("dave"), true),
                new RoomChange.VoiceSet(RUST, new Name("Dave"), false),
                new RoomChange.ModeratedSet(RUST, true),
                new RoomChange.InviteOnlySet(RUST, true),
                new RoomChange.InviteOnlySet(LOBBY, false),
                new RoomChange.KeySet(RUST, Optional.of("s3s=me!")),
                new RoomChange.KeySet(LOBBY, Optional.empty()),
                new RoomChange.LimitSet(RUST, OptionalInt.of(25)),
                new RoomChange.LimitSet(LOBBY, OptionalInt.empty()),
                new RoomChange.Created(closed, T0),
                new RoomChange.Closed(closed));
    }

    private RoomStates replayedInMemory(List<RoomChange> changes) {
        var states = new RoomStates();
        changes.forEach(states::apply);
        return states;
    }

    @Nested
    @DisplayName("round trip")
    class RoundTrip {

        @Test
        @DisplayName("every kind of change is one line that reads back as the same change")
        void lines() {
            for (RoomChange change : everyChange()) {
                String line = StateLine.encode(change);
                assertThat(line).doesNotContain("\n").matches("[0-9a-f]{8} [A-Z]+ room=.*");
                assertThat(StateLine.parse(line)).isEqualTo(new StateLine.Change(change));
            }
            assertThat(StateLine.parse(StateLine.idFloor(42))).isEqualTo(new StateLine.IdFloor(42));
        }

        @Test
        @DisplayName("the example in docs/history-format.md reads as documented")
        void documentedExample() {
            assertThat(StateLine.parse("005724f7 TOPIC room=#Rust by=alice ts=2026-12-05T10:00:00Z :Rust study group"))
                    .isEqualTo(new StateLine.Change(new RoomChange.TopicSet(RUST, "Rust study group", Optional.of(ALICE),
                            Optional.of(T0))));
            assertThat(StateLine.parse("213f7f90 IDS floor=1796464801048593"))
                    .isEqualTo(new StateLine.IdFloor(1796464801048593L));
        }

        @Test
        @DisplayName("the file is readable text, and reopening replays it into the same rooms")
        void replay() throws IOException {
            var changes = everyChange();
            try (var log = StateLog.open(file())) {
                log.append(changes, true);
            }
            List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
            assertThat(lines.getFirst()).isEqualTo("chatroom-rooms 2");
            assertThat(lines).anyMatch(line -> line.endsWith(
                    " TOPIC room=#Rust by=alice ts=2026-12-05T10:00:02Z :Rust study group: \\\\ back\\\\nslash ✓"));
            try (var log = StateLog.open(file())) {
                List<StoredRoom> rooms = log.states().rooms();
                assertThat(rooms).isEqualTo(replayedInMemory(changes).rooms());
                assertThat(rooms).extracting(StoredRoom::name).containsExactly(LOBBY, RUST);
                StoredRoom rust = rooms.get(1);
                assertThat(rust.topic()).isEqualTo("Rust study group: \\ back\\nslash ✓");
                assertThat(rust.topicLocked()).isTrue();
                assertThat(rust.operators()).containsExactly(ALICE);
                assertThat(rust.muted()).containsExactly(new Name("eve"));
                assertThat(rust.bans()).hasSize(2);
                assertThat(rust.bans().getFirst().address().orElseThrow()).hasToString("2001:db8:0:1:0:0:0:0/64");
                assertThat(rust.voiced()).containsExactly(new Name("carol"));
                assertThat(rust.modes()).isEqualTo(new RoomModes(true, true, Optional.of("s3s=me!"), OptionalInt.of(25)));
                assertThat(rooms.getFirst().modes()).isEqualTo(RoomModes.NONE);
            }
        }

        @Test
        @DisplayName("compaction keeps voices and modes: one line each")
        void compactionKeepsModes() throws IOException {
            var changes = List.<RoomChange>of(new RoomChange.Created(RUST, T0),
                    new RoomChange.VoiceSet(RUST, BOB, true),
                    new RoomChange.ModeratedSet(RUST, true), new RoomChange.ModeratedSet(RUST, false),
                    new RoomChange.ModeratedSet(RUST, true),
                    new RoomChange.InviteOnlySet(RUST, true),
                    new RoomChange.KeySet(RUST, Optional.of("old")), new RoomChange.KeySet(RUST, Optional.of("new")),
                    new RoomChange.LimitSet(RUST, OptionalInt.of(3)));
            try (var log = StateLog.open(file())) {
                log.append(changes, true);
                log.compactIfLonger();
            }
            List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
            assertThat(lines.subList(1, lines.size())).extracting(line -> line.substring(9)).containsExactly(
                    "CREATED room=#Rust ts=2026-12-05T10:00:00Z",
                    "VOICE room=#Rust name=Bob voiced=true",
                    "MODERATED room=#Rust moderated=true",
                    "INVITEONLY room=#Rust inviteonly=true",
                    "KEY room=#Rust key=new",
                    "LIMIT room=#Rust limit=3");
            try (var log = StateLog.open(file())) {
                assertThat(log.states().rooms()).isEqualTo(replayedInMemory(changes).rooms());
            }
        }

        @Test
        @DisabledOnOs(value = OS.WINDOWS, disabledReason = "no POSIX permissions")
        @DisplayName("is created for its owner only")
        void ownerOnly() throws IOException {
            StateLog.open(file()).close();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        }
    }

    @Nested
    @DisplayName("damage")
    class Damage {

        @Test
        @DisplayName("a version 1 file is read and rewritten as version 2 at once")
        void versionOne() throws IOException {
            String created = StateLine.encode(new RoomChange.Created(RUST, T0));
            String locked = StateLine.encode(new RoomChange.TopicLocked(RUST, true));
            Files.writeString(file(), "chatroom-rooms 1\n" + created + "\n" + locked + "\n");
            try (var log = StateLog.open(file())) {
                assertThat(log.recovery().compacted()).isTrue();
                assertThat(log.states().rooms().getFirst().topicLocked()).isTrue();
            }
            assertThat(Files.readAllLines(file(), StandardCharsets.UTF_8))
                    .containsExactly("chatroom-rooms 2", created, locked);
        }

        @Test
        @DisplayName("a damaged line in the middle is reported with its number and skipped; the rest is kept")
        void damagedMiddleLine() throws IOException {
            try (var log = StateLog.open(file())) {
                log.append(List.of(new RoomChange.Created(RUST, T0),
                        new RoomChange.TopicSet(RUST, "first", Optional.empty(), Optional.empty()),
                        new RoomChange.TopicLocked(RUST, true)), true);
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(file()));
            lines.set(2, lines.get(2).replace("first", "fIrst")); // line 3: the topic
            Files.write(file(), lines);
            try (var log = StateLog.open(file())) {
                assertThat(log.recovery().damaged()).isEqualTo(1);
                assertThat(log.recovery().problems()).containsExactly("line 3: checksum mismatch; skipping it");
                StoredRoom rust = log.states().rooms().getFirst();
                assertThat(rust.topic()).isEmpty();
                assertThat(rust.topicLocked()).isTrue();
                assertThat(log.recovery().compacted()).isTrue();
            }
            try (var log = StateLog.open(file())) {
                assertThat(log.recovery().damaged()).as("rewritten without the damage").isZero();
            }
        }

        @Test
        @DisplayName("a topic no frame can carry (a control character, as an IRC TOPIC once left) is a damaged line, skipped, never a room's topic")
        void topicNoFrameCanCarry() throws IOException {
            assertThatThrownBy(() -> new RoomChange.TopicSet(RUST, "\u0002bold", Optional.empty(), Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0002");
            try (var log = StateLog.open(file())) {
                log.append(List.of(new RoomChange.Created(RUST, T0),
                        new RoomChange.TopicSet(RUST, "first", Optional.empty(), Optional.empty())), true);
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(file()));
            String body = lines.get(2).substring(9).replace(":first", ":\u0002bold");
            lines.set(2, StateLine.crc(body) + " " + body); // a right checksum: only the text is wrong
            Files.write(file(), lines);
            try (var log = StateLog.open(file())) {
                assertThat(log.recovery().damaged()).isEqualTo(1);
                assertThat(log.recovery().problems()).singleElement().asString().startsWith("line 3: topic: character U+0002");
                assertThat(log.states().rooms().getFirst().topic()).isEmpty();
            }
        }

        @Test
        @DisplayName("a torn last line (no newline) is dropped, and what follows is appended cleanly")
        void tornTail() throws IOException {
            try (var log = StateLog.open(file())) {
                log.append(List.of(new RoomChange.Created(RUST, T0), new RoomChange.TopicLocked(RUST, true)), true);
            }
            byte[] whole = Files.readAllBytes(file());
            Files.write(file(), Arrays.copyOf(whole, whole.length - 5));
            try (var log = StateLog.open(file())) {
                assertThat(log.recovery().tornTail()).isTrue();
                assertThat(log.states().rooms().getFirst().topicLocked()).isFalse();
                log.append(List.of(new RoomChange.MuteSet(RUST, BOB, true)), true);
            }
            try (var log = StateLog.open(file())) {
                assertThat(log.recovery().damaged()).isZero();
                assertThat(log.states().rooms().getFirst().muted()).containsExactly(BOB);
            }
        }

        @Test
        @DisplayName("an unknown version is refused with a clear error; a file of something else too")
        void unknownVersion() throws IOException {
            Files.writeString(file(), "chatroom-rooms 3\n");
            assertThatThrownBy(() -> StateLog.open(file()))
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("rooms log format version 3; this server reads versions 1 to 2");
            Files.writeString(file(), "my notes\n");
            assertThatThrownBy(() -> StateLog.open(file()))
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("is not a chatroom rooms log");
            assertThat(Files.readString(file())).isEqualTo("my notes\n");
        }
    }

    @Nested
    @DisplayName("compaction")
    class Compaction {

        @Test
        @DisplayName("while running, once twice the needed lines and 1,000 over: the state is kept, the file shrinks")
        void whileRunning() throws IOException {
            RoomStates expected;
            try (var log = StateLog.open(file())) {
                log.append(List.of(new RoomChange.Created(RUST, T0), new RoomChange.OperatorSet(RUST, ALICE, true)), true);
                for (int i = 0; i < 1200; i++) {
                    log.append(List.of(new RoomChange.TopicSet(RUST, "topic " + i, Optional.of(ALICE), Optional.of(T0))),
                            false);
                    assertThat(log.lines()).isLessThan(1010);
                }
                expected = log.states();
                assertThat(log.lines()).isLessThan(1000);
            }
            try (var log = StateLog.open(file())) {
                assertThat(log.states().rooms()).isEqualTo(expected.rooms());
                assertThat(log.states().rooms().getFirst().topic()).isEqualTo("topic 1199");
            }
        }

        @Test
        @DisplayName("at open, when the file holds more lines than the state needs")
        void atOpen() throws IOException {
            try (var log = StateLog.open(file())) {
                log.append(everyChange(), true);
            }
            try (var log = StateLog.open(file())) {
                assertThat(log.recovery().compacted()).isTrue();
                assertThat(log.lines()).isEqualTo(log.states().needed());
            }
            try (var log = StateLog.open(file())) {
                assertThat(log.recovery().compacted()).isFalse();
                assertThat(log.states().rooms()).isEqualTo(replayedInMemory(everyChange()).rooms());
            }
        }

        @Test
        @DisplayName("the id floor survives compaction")
        void idFloor() throws IOException {
            try (var log = StateLog.open(file())) {
                log.cover(1000, 10);
                log.cover(1005, 10);
                assertThat(log.idFloor()).isEqualTo(1010);
                log.cover(1011, 10);
                log.append(List.of(new RoomChange.Created(RUST, T0), new RoomChange.Closed(RUST)), true);
            }
            try (var log = StateLog.open(file())) {
                assertThat(log.idFloor()).isEqualTo(1021);
                assertThat(log.recovery().compacted()).isTrue();
            }
            try (var log = StateLog.open(file())) {
                assertThat(log.idFloor()).isEqualTo(1021);
                assertThat(log.states().rooms()).isEmpty();
            }
        }
    }
}
