package chatroom.client.viewmodel;

import chatroom.client.ClientOptions.Theme;
import chatroom.client.core.ServerAddress;
import chatroom.client.core.preferences.Language;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.core.preferences.SavedServer;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// The preferences dialog's view-model without the FX toolkit, on an in-memory store.
class PreferencesViewModelTest {

    private static final ServerAddress CHAT = new ServerAddress("chat.example.org", 53000);
    private static final ServerAddress HOME = new ServerAddress("home", 6000);
    private static final Instant MONDAY = Instant.parse("2026-01-12T09:00:00Z");

    private final PreferencesStore store = PreferencesStore.inMemory(Preferences.DEFAULTS
            .withServerUsed(HOME, new Name("bob"), false, MONDAY)
            .withServerUsed(CHAT, new Name("Luca"), true, MONDAY.plusSeconds(60))
            .withRooms(CHAT, List.of(RoomName.of("lobby"), RoomName.of("rust"), RoomName.of("go"))));
    private final PreferencesViewModel dialog = new PreferencesViewModel(store, Fixtures.english());

    @Test
    @DisplayName("starts with the stored values")
    void startsWithStored() {
        assertThat(dialog.themeProperty().get()).isEqualTo(Theme.SYSTEM);
        assertThat(dialog.languageProperty().get()).isEqualTo(Language.SYSTEM);
        assertThat(dialog.fontSizeProperty().get()).isEqualTo(13);
        assertThat(dialog.notificationsProperty().get()).isTrue();
        assertThat(dialog.connectOnStartProperty().get()).isFalse();
        assertThat(dialog.servers()).extracting(SavedServer::address).containsExactly(CHAT, HOME);
        assertThat(dialog.describe(dialog.servers().getFirst()))
                .isEqualTo("Luca on chat.example.org:53000 (TLS) — rooms: #lobby #rust #go");
        assertThat(dialog.describe(Theme.DARK)).isEqualTo("Dark");
        assertThat(dialog.describe(Language.ITALIAN)).isEqualTo("Italiano");
    }

    @Test
    @DisplayName("edits are stored only on apply, which tells the window")
    void apply() {
        List<Preferences> applied = new ArrayList<>();
        dialog.appliedProperty().addListener((observable, before, after) -> applied.add(after));
        dialog.themeProperty().set(Theme.DARK);
        dialog.languageProperty().set(Language.ITALIAN);
        dialog.fontSizeProperty().set(18);
        dialog.notificationsProperty().set(false);
        dialog.connectOnStartProperty().set(true);
        assertThat(store.current().theme()).isEqualTo(Theme.SYSTEM);
        assertThat(applied).isEmpty();

        dialog.apply();
        Preferences stored = store.current();
        assertThat(stored.theme()).isEqualTo(Theme.DARK);
        assertThat(stored.language()).isEqualTo(Language.ITALIAN);
        assertThat(stored.fontSize()).isEqualTo(18);
        assertThat(stored.notifications()).isFalse();
        assertThat(stored.connectOnStart()).isTrue();
        assertThat(applied).containsExactly(stored);
        assertThat(dialog.closedProperty().get()).isFalse();
    }

    @Test
    @DisplayName("cancel drops the edits and closes")
    void cancel() {
        dialog.themeProperty().set(Theme.LIGHT);
        dialog.removeServer(dialog.servers().getLast());
        dialog.cancel();
        assertThat(dialog.closedProperty().get()).isTrue();
        assertThat(store.current().theme()).isEqualTo(Theme.SYSTEM);
        assertThat(store.current().servers()).hasSize(2);
        assertThat(dialog.themeProperty().get()).isEqualTo(Theme.SYSTEM);
        assertThat(dialog.servers()).hasSize(2);
    }

    @Test
    @DisplayName("a font size out of range is clamped")
    void fontClamped() {
        dialog.fontSizeProperty().set(99);
        dialog.ok();
        assertThat(store.current().fontSize()).isEqualTo(Preferences.MAX_FONT_SIZE);
        assertThat(dialog.closedProperty().get()).isTrue();
    }

    @Test
    @DisplayName("servers and rooms removed are gone after apply, and what changed meanwhile survives")
    void removals() {
        SavedServer chat = dialog.servers().getFirst();
        dialog.selectedServerProperty().set(chat);
        assertThat(dialog.selectedRooms()).containsExactly(RoomName.of("lobby"), RoomName.of("rust"), RoomName.of("go"));
        dialog.removeRoom(RoomName.of("rust"));
        assertThat(dialog.selectedRooms()).containsExactly(RoomName.of("lobby"), RoomName.of("go"));
        assertThat(dialog.selectedServerProperty().get().rooms()).hasSize(2);
        dialog.removeServer(dialog.servers().getLast());
        assertThat(dialog.servers()).extracting(SavedServer::address).containsExactly(CHAT);

        // Meanwhile the chat joins a room and logs in elsewhere.
        store.update(prefs -> prefs.withRooms(CHAT, List.of(RoomName.of("lobby"), RoomName.of("rust"),
                        RoomName.of("go"), RoomName.of("java")))
                .withServerUsed(new ServerAddress("third", 1), new Name("c"), false, MONDAY.plusSeconds(120)));
        dialog.apply();

        assertThat(store.current().servers()).extracting(SavedServer::address)
                .containsExactly(new ServerAddress("third", 1), CHAT);
        assertThat(store.current().roomsFor(CHAT))
                .containsExactly(RoomName.of("lobby"), RoomName.of("go"), RoomName.of("java"));
        assertThat(dialog.servers()).hasSize(2);
        assertThat(dialog.selectedServerProperty().get().address()).isEqualTo(CHAT);
    }
}
