package chatroom.client.viewmodel;

import chatroom.client.ClientOptions;
import chatroom.client.core.ServerAddress;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.core.preferences.SavedServer;
import chatroom.protocol.Name;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/// The connect dialog's start from the command line and the preferences, and its saved
/// servers, without the FX toolkit.
class ConnectStartTest {

    private static final ServerAddress CHAT = new ServerAddress("chat.example.org", 6000);
    private static final ServerAddress HOME = new ServerAddress("home", 7000);
    private static final Instant MONDAY = Instant.parse("2026-01-12T09:00:00Z");
    private static final Preferences SAVED = Preferences.DEFAULTS
            .withServerUsed(HOME, new Name("bob"), false, MONDAY)
            .withServerUsed(CHAT, new Name("Luca"), true, MONDAY.plusSeconds(60));

    private static ClientOptions options(String host, Integer port, String name) {
        return new ClientOptions(Optional.ofNullable(host), Optional.ofNullable(port), Optional.ofNullable(name),
                ClientOptions.Theme.LIGHT, Optional.of(Locale.ENGLISH));
    }

    @Nested
    @DisplayName("the start")
    class Start {

        @Test
        @DisplayName("with nothing saved: the defaults and the login name")
        void defaults() {
            assertThat(ConnectStart.of(options(null, null, null), Preferences.DEFAULTS, Optional.of("me")))
                    .isEqualTo(new ConnectStart("localhost", "53000", "me", false, false));
        }

        @Test
        @DisplayName("the last server, its name and TLS are prefilled")
        void lastServer() {
            assertThat(ConnectStart.of(options(null, null, null), SAVED, Optional.of("me")))
                    .isEqualTo(new ConnectStart("chat.example.org", "6000", "Luca", true, false));
        }

        @Test
        @DisplayName("the command line wins; a host given alone takes its saved port and name")
        void commandLineWins() {
            assertThat(ConnectStart.of(options("other", 1234, "zed"), SAVED, Optional.of("me")))
                    .isEqualTo(new ConnectStart("other", "1234", "zed", false, true));
            assertThat(ConnectStart.of(options("HOME", null, null), SAVED, Optional.of("me")))
                    .isEqualTo(new ConnectStart("HOME", "7000", "bob", false, false));
            assertThat(ConnectStart.of(options("other", null, null), SAVED, Optional.empty()))
                    .isEqualTo(new ConnectStart("other", "53000", "", false, false));
        }

        @Test
        @DisplayName("connects at once to the last server only when asked to and no server is given")
        void connectOnStart() {
            Preferences eager = SAVED.withConnectOnStart(true);
            assertThat(ConnectStart.of(options(null, null, null), eager, Optional.empty()).connectAtOnce()).isTrue();
            assertThat(ConnectStart.of(options("other", null, null), eager, Optional.empty()).connectAtOnce()).isFalse();
            assertThat(ConnectStart.of(options(null, null, null), Preferences.DEFAULTS.withConnectOnStart(true),
                    Optional.of("me")).connectAtOnce()).isFalse();
        }
    }

    @Nested
    @DisplayName("the dialog's saved servers")
    class Saved {

        private final PreferencesStore store = PreferencesStore.inMemory(SAVED);
        private final ConnectViewModel dialog = new ConnectViewModel(
                Fixtures.context(Runnable::run, Fixtures.english(), new Fixtures.Clock(MONDAY)),
                ConnectStart.of(options(null, null, null), SAVED, Optional.empty()), store);

        @Test
        @DisplayName("lists them, the last first, and starts with the last one")
        void listed() {
            assertThat(dialog.savedServers()).extracting(SavedServer::address).containsExactly(CHAT, HOME);
            assertThat(dialog.describe(dialog.savedServers().getFirst())).isEqualTo("Luca on chat.example.org:6000 (TLS)");
            assertThat(dialog.hostProperty().get()).isEqualTo("chat.example.org");
            assertThat(dialog.tlsProperty().get()).isTrue();
            assertThat(dialog.canConnectProperty().get()).isTrue();
        }

        @Test
        @DisplayName("choosing one fills host, port, name and TLS")
        void choose() {
            dialog.choose(dialog.savedServers().getLast());
            assertThat(dialog.hostProperty().get()).isEqualTo("home");
            assertThat(dialog.portProperty().get()).isEqualTo("7000");
            assertThat(dialog.nameProperty().get()).isEqualTo("bob");
            assertThat(dialog.tlsProperty().get()).isFalse();
            assertThat(dialog.addressNoteProperty().get()).isEmpty();
        }

        @Test
        @DisplayName("the old constructor has none")
        void none() {
            var plain = new ConnectViewModel(Fixtures.context(Runnable::run, Fixtures.english(), new Fixtures.Clock(MONDAY)),
                    "localhost", "53000", "");
            assertThat(plain.savedServers()).isEmpty();
        }
    }
}
