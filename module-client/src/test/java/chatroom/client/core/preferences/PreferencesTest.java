package chatroom.client.core.preferences;

import chatroom.client.ClientOptions.Theme;
import chatroom.client.core.ServerAddress;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// The preferences as values, and their text format.
class PreferencesTest {

    static final ServerAddress CHAT = new ServerAddress("chat.example.org", 53000);
    static final ServerAddress HOME = new ServerAddress("192.168.1.5", 6000);
    static final Instant MONDAY = Instant.parse("2026-01-12T09:00:00Z");
    static final Instant TUESDAY = Instant.parse("2026-01-13T09:00:00Z");

    /// Preferences with every value away from its default.
    static Preferences everything() {
        return Preferences.DEFAULTS.withTheme(Theme.DARK).withLanguage(Language.ITALIAN).withFontSize(17)
                .withNotifications(false).withConnectOnStart(true)
                .withLayout(new WindowLayout(1280, 800, true, 250, 180, false, true))
                .withServerUsed(HOME, new Name("bob"), false, MONDAY)
                .withServerUsed(CHAT, new Name("Luca"), true, TUESDAY)
                .withRooms(CHAT, List.of(RoomName.of("lobby"), RoomName.of("rust")))
                .withMuted(CHAT, RoomName.of("random"), true)
                .withMuted(CHAT, new Name("spammer"), true);
    }

    @Nested
    @DisplayName("values")
    class Values {

        @Test
        @DisplayName("a login makes the server the last one, keeping its rooms and muted conversations")
        void serverUsed() {
            Preferences before = everything();
            assertThat(before.lastServer()).map(SavedServer::address).contains(CHAT);

            Preferences after = before.withServerUsed(new ServerAddress("192.168.1.5", 6000), new Name("bobby"), true,
                    TUESDAY.plusSeconds(60));
            assertThat(after.servers()).extracting(SavedServer::address).containsExactly(HOME, CHAT);
            assertThat(after.lastServer().orElseThrow().name()).isEqualTo(new Name("bobby"));
            assertThat(after.lastServer().orElseThrow().tls()).isTrue();
            assertThat(after.roomsFor(CHAT)).containsExactly(RoomName.of("lobby"), RoomName.of("rust"));
            assertThat(after.isMuted(CHAT, RoomName.of("RANDOM"))).isTrue();
        }

        @Test
        @DisplayName("servers are told apart by host ignoring case and port")
        void serverKey() {
            Preferences prefs = everything().withServerUsed(new ServerAddress("CHAT.example.org", 53000),
                    new Name("Luca"), true, TUESDAY.plusSeconds(1));
            assertThat(prefs.servers()).hasSize(2);
            assertThat(prefs.roomsFor(CHAT)).hasSize(2);
            assertThat(prefs.server(new ServerAddress("chat.example.org", 53001))).isEmpty();
        }

        @Test
        @DisplayName("rooms keep their order without duplicates; muting and unmuting toggles one conversation")
        void roomsAndMuted() {
            Preferences prefs = everything().withRooms(CHAT,
                    List.of(RoomName.of("rust"), RoomName.of("Lobby"), RoomName.of("rust"), RoomName.of("lobby")));
            assertThat(prefs.roomsFor(CHAT)).containsExactly(RoomName.of("rust"), RoomName.of("Lobby"));

            prefs = prefs.withMuted(CHAT, RoomName.of("random"), false);
            assertThat(prefs.isMuted(CHAT, RoomName.of("random"))).isFalse();
            assertThat(prefs.isMuted(CHAT, new Name("Spammer"))).isTrue();
            assertThat(prefs.isMuted(HOME, new Name("spammer"))).isFalse();
            // A server never logged in to is left alone.
            assertThat(prefs.withRooms(new ServerAddress("other", 1), List.of(RoomName.of("x")))).isEqualTo(prefs);
        }

        @Test
        @DisplayName("a server can be forgotten")
        void forget() {
            Preferences prefs = everything().withoutServer(new ServerAddress("Chat.Example.org", 53000));
            assertThat(prefs.servers()).extracting(SavedServer::address).containsExactly(HOME);
            assertThat(prefs.lastServer()).map(SavedServer::address).contains(HOME);
        }

        @Test
        @DisplayName("out-of-range sizes and a server saved twice are refused")
        void validation() {
            assertThatThrownBy(() -> Preferences.DEFAULTS.withFontSize(9)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Preferences.DEFAULTS.withFontSize(25)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new WindowLayout(100, 600, false, 200, 200, true, true))
                    .hasMessageContaining("width");
            var one = new SavedServer(CHAT, new Name("a"), false, MONDAY);
            var two = new SavedServer(new ServerAddress("CHAT.EXAMPLE.ORG", 53000), new Name("b"), false, TUESDAY);
            assertThatThrownBy(() -> Preferences.DEFAULTS.withServers(List.of(one, two)))
                    .hasMessageContaining("saved twice");
        }
    }

    @Nested
    @DisplayName("the file")
    class File {

        @Test
        @DisplayName("every value survives writing and reading back")
        void roundTrip() {
            Preferences prefs = everything();
            var reading = PreferencesFile.parse(PreferencesFile.write(prefs).lines().toList());
            assertThat(reading).isEqualTo(new PreferencesFile.Reading.Read(prefs, List.of()));
        }

        @Test
        @DisplayName("the defaults survive too, and the text says what each key means")
        void defaults() {
            String text = PreferencesFile.write(Preferences.DEFAULTS);
            assertThat(text).startsWith("#").contains("version = 1", "theme = system", "language = system",
                    "font.size = 13", "light, dark or system");
            assertThat(PreferencesFile.parse(text.lines().toList()))
                    .isEqualTo(new PreferencesFile.Reading.Read(Preferences.DEFAULTS, List.of()));
        }

        @Test
        @DisplayName("a bad value falls back to its default alone, with the line it was on")
        void badValues() {
            var reading = (PreferencesFile.Reading.Read) PreferencesFile.parse(List.of(
                    "version = 1",
                    "theme = neon",
                    "font.size = 99",
                    "language = it",
                    "notifications = maybe",
                    "window.width=1000",
                    "garbage line",
                    "colour = red",
                    "server.1.address = chat.example.org:53000",
                    "server.1.name = Luca",
                    "server.1.rooms = #lobby nohash #rust",
                    "server.1.last.used = yesterday",
                    "server.2.address = nowhere",
                    "server.2.name = x"));
            Preferences prefs = reading.preferences();
            assertThat(prefs.theme()).isEqualTo(Theme.SYSTEM);
            assertThat(prefs.fontSize()).isEqualTo(13);
            assertThat(prefs.language()).isEqualTo(Language.ITALIAN);
            assertThat(prefs.notifications()).isTrue();
            assertThat(prefs.layout().width()).isEqualTo(1000);
            assertThat(prefs.servers()).singleElement().satisfies(server -> {
                assertThat(server.address()).isEqualTo(CHAT);
                assertThat(server.rooms()).containsExactly(RoomName.of("lobby"), RoomName.of("rust"));
                assertThat(server.lastUsed()).isEqualTo(Instant.EPOCH);
            });
            assertThat(reading.problems()).extracting(PreferencesFile.Problem::line).contains(2, 3, 5, 7, 8, 11, 12, 13);
        }

        @Test
        @DisplayName("without a version, or with another, the file is unusable")
        void version() {
            assertThat(PreferencesFile.parse(List.of("theme = dark")))
                    .isInstanceOf(PreferencesFile.Reading.Unusable.class);
            assertThat(PreferencesFile.parse(List.of("version = 2", "theme = dark")))
                    .isInstanceOf(PreferencesFile.Reading.Unusable.class);
        }

        @Test
        @DisplayName("an IPv6 server address is written in brackets and read back")
        void ipv6() {
            var v6 = new ServerAddress("::1", 7000);
            Preferences prefs = Preferences.DEFAULTS.withServerUsed(v6, new Name("me"), false, MONDAY);
            String text = PreferencesFile.write(prefs);
            assertThat(text).contains("server.1.address = [::1]:7000");
            assertThat(((PreferencesFile.Reading.Read) PreferencesFile.parse(text.lines().toList())).preferences())
                    .isEqualTo(prefs);
        }
    }
}
