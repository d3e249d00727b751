package chatroom.client.viewmodel;

import chatroom.client.ClientOptions.Theme;
import chatroom.client.core.preferences.Language;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.core.preferences.SavedServer;
import chatroom.protocol.RoomName;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/// The preferences dialog's state: editable copies of the [Preferences] in a
/// [PreferencesStore], which [#apply()] stores (and saves in the background) and [#cancel()]
/// drops.
///
/// Removing a saved server, or a room to rejoin from one, is kept as a removal rather than as
/// a whole new list, so that what changed meanwhile (a login, a room joined) survives
/// [#apply()]. The language takes effect at the next start; the theme and font size at once,
/// through [#appliedProperty()], which the window follows.
///
/// FX thread only (or the test's thread).
public final class PreferencesViewModel {

    private final PreferencesStore store;
    private final Texts texts;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final ObjectProperty<Language> language = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> fontSize = new SimpleObjectProperty<>();
    private final BooleanProperty notifications = new SimpleBooleanProperty();
    private final BooleanProperty connectOnStart = new SimpleBooleanProperty();
    private final ObservableList<SavedServer> servers = FXCollections.observableArrayList();
    private final ObservableList<SavedServer> serversView = FXCollections.unmodifiableObservableList(servers);
    private final ObjectProperty<SavedServer> selectedServer = new SimpleObjectProperty<>();
    private final ObservableList<RoomName> selectedRooms = FXCollections.observableArrayList();
    private final ObservableList<RoomName> selectedRoomsView = FXCollections.unmodifiableObservableList(selectedRooms);
    private final ReadOnlyObjectWrapper<Preferences> applied = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper closed = new ReadOnlyBooleanWrapper();
    /// The keys of the servers removed since the last apply.
    private final Set<String> removedServers = new HashSet<>();
    /// The rooms (by key) removed from a server (by key) since the last apply.
    private final Map<String, Set<String>> removedRooms = new HashMap<>();

    public PreferencesViewModel(PreferencesStore store, Texts texts) {
        this.store = Objects.requireNonNull(store, "store");
        this.texts = Objects.requireNonNull(texts, "texts");
        applied.set(store.current());
        selectedServer.subscribe(server -> selectedRooms.setAll(server == null ? List.of() : server.rooms()));
        revert();
    }

    /// Stores the edited values (the language counts from the next start) and keeps the
    /// dialog open.
    public void apply() {
        Integer size = fontSize.get();
        int chosenSize = size == null ? Preferences.DEFAULT_FONT_SIZE
                : Math.clamp(size, Preferences.MIN_FONT_SIZE, Preferences.MAX_FONT_SIZE);
        Set<String> goneServers = Set.copyOf(removedServers);
        Map<String, Set<String>> goneRooms = Map.copyOf(removedRooms);
        Preferences result = store.update(current -> current
                .withTheme(theme.get())
                .withLanguage(language.get())
                .withFontSize(chosenSize)
                .withNotifications(notifications.get())
                .withConnectOnStart(connectOnStart.get())
                .withServers(current.servers().stream()
                        .filter(server -> !goneServers.contains(server.key()))
                        .map(server -> server.withRooms(server.rooms().stream()
                                .filter(room -> !goneRooms.getOrDefault(server.key(), Set.of()).contains(room.key()))
                                .toList()))
                        .toList()));
        removedServers.clear();
        removedRooms.clear();
        applied.set(result);
        revert();
    }

    /// [#apply()], then closes the dialog.
    public void ok() {
        apply();
        closed.set(true);
    }

    /// Drops the edits and closes the dialog.
    public void cancel() {
        removedServers.clear();
        removedRooms.clear();
        revert();
        closed.set(true);
    }

    /// Forgets `server` (on [#apply()]).
    public void removeServer(SavedServer server) {
        if (server == null || !servers.remove(server)) {
            return;
        }
        removedServers.add(server.key());
        if (server.equals(selectedServer.get())) {
            selectedServer.set(null);
        }
    }

    /// Stops rejoining `room` on the selected server (on [#apply()]).
    public void removeRoom(RoomName room) {
        SavedServer server = selectedServer.get();
        if (server == null || room == null || !server.rooms().contains(room) || !servers.contains(server)) {
            return;
        }
        removedRooms.computeIfAbsent(server.key(), key -> new HashSet<>()).add(room.key());
        SavedServer without = server.withRooms(server.rooms().stream().filter(other -> !other.equals(room)).toList());
        servers.set(servers.indexOf(server), without);
        selectedServer.set(without);
    }

    /// The theme's name in the window's language.
    public String describe(Theme choice) {
        return texts.get("prefs.theme." + choice.name().toLowerCase(Locale.ROOT));
    }

    /// The language's name (each in its own language, as language menus do), or "System".
    public String describe(Language choice) {
        return texts.get("prefs.language." + choice.code());
    }

    /// How a saved server shows in the list: name, address, TLS and its rooms.
    public String describe(SavedServer server) {
        String rooms = server.rooms().isEmpty() ? texts.get("prefs.servers.noRooms")
                : String.join(" ", server.rooms().stream().map(RoomName::value).toList());
        return texts.format(server.tls() ? "prefs.servers.entryTls" : "prefs.servers.entry", server.name().value(),
                server.address(), rooms);
    }

    private void revert() {
        Preferences current = store.current();
        theme.set(current.theme());
        language.set(current.language());
        fontSize.set(current.fontSize());
        notifications.set(current.notifications());
        connectOnStart.set(current.connectOnStart());
        SavedServer selected = selectedServer.get();
        servers.setAll(current.servers());
        selectedServer.set(selected == null ? null
                : current.servers().stream().filter(server -> server.key().equals(selected.key())).findFirst()
                .orElse(null));
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /// Takes effect at the next start.
    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    /// [Preferences#MIN_FONT_SIZE] to [Preferences#MAX_FONT_SIZE]; out of range is clamped on apply.
    public ObjectProperty<Integer> fontSizeProperty() {
        return fontSize;
    }

    public BooleanProperty notificationsProperty() {
        return notifications;
    }

    public BooleanProperty connectOnStartProperty() {
        return connectOnStart;
    }

    /// The saved servers as edited (removals not yet applied are gone from it).
    public ObservableList<SavedServer> servers() {
        return serversView;
    }

    /// The server whose rooms [#selectedRooms()] lists; null for none.
    public ObjectProperty<SavedServer> selectedServerProperty() {
        return selectedServer;
    }

    /// The rooms to rejoin on the selected server, as edited.
    public ObservableList<RoomName> selectedRooms() {
        return selectedRoomsView;
    }

    /// The preferences as last applied (at first: as stored); the window follows its theme and
    /// font size.
    public ReadOnlyObjectProperty<Preferences> appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    /// True once OK or Cancel closed the dialog.
    public ReadOnlyBooleanProperty closedProperty() {
        return closed.getReadOnlyProperty();
    }
}
