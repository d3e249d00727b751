package chatroom.client.viewmodel;

import chatroom.protocol.Limits;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/// The "join a room" dialog: the server's rooms (from `/rooms`), filtered by what is typed
/// (a room's name or topic, in any case) and listed with the most members first; a selected
/// room, moved with [#moveSelection(int)]; and a name for a room that does not exist yet (the
/// `#` may be left out). [#join()] joins the typed name if there is one, else the selected room.
///
/// The list comes from the server: [#refresh()] asks for it through the `refresh` given (the
/// chat sends `/rooms`), and the answer arrives through [#setRooms(List)]; until then
/// [#stateTextProperty()] says it is loading.
///
/// FX thread only (or the test's thread).
public final class RoomDirectoryViewModel {

    /// Most members first; equal counts by name.
    private static final Comparator<ServerFrame.RoomInfo> ORDER = Comparator
            .comparingInt(ServerFrame.RoomInfo::members).reversed()
            .thenComparing(info -> info.room().key());

    private final Texts texts;
    private final Consumer<RoomName> join;
    private final Runnable refresh;
    private List<ServerFrame.RoomInfo> all = List.of();
    private final ObservableList<ServerFrame.RoomInfo> shown = FXCollections.observableArrayList();
    private final ObservableList<ServerFrame.RoomInfo> shownView = FXCollections.unmodifiableObservableList(shown);
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ServerFrame.RoomInfo> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canJoin = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper joinLabel = new ReadOnlyStringWrapper("");
    /// The room [#join()] would join now, if any.
    private RoomName choice;

    /// @param join    joins (or creates) the room chosen
    /// @param refresh asks the server for its rooms again; the answer comes to [#setRooms(List)]
    public RoomDirectoryViewModel(Texts texts, Consumer<RoomName> join, Runnable refresh) {
        this.texts = Objects.requireNonNull(texts, "texts");
        this.join = Objects.requireNonNull(join, "join");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        filter.addListener((observable, before, after) -> applyFilter());
        name.addListener((observable, before, after) -> update());
        selected.addListener((observable, before, after) -> update());
        update();
    }

    /// Asks the server for its rooms; the list says it is loading until they arrive.
    public void refresh() {
        loading.set(true);
        update();
        refresh.run();
    }

    /// The server's rooms, as the last `/rooms` listed them.
    public void setRooms(List<ServerFrame.RoomInfo> rooms) {
        all = rooms.stream().sorted(ORDER).toList();
        loading.set(false);
        applyFilter();
    }

    /// Selects `room` (the list's selection, or `null` for none); a room not shown is ignored.
    public void select(ServerFrame.RoomInfo room) {
        if (room == null || shown.contains(room)) {
            selected.set(room);
        }
    }

    /// Moves the selection `by` rows (negative: up), staying within the list.
    public void moveSelection(int by) {
        if (shown.isEmpty()) {
            return;
        }
        int at = selected.get() == null ? (by > 0 ? -1 : shown.size()) : shown.indexOf(selected.get());
        selected.set(shown.get(Math.clamp((long) at + by, 0, shown.size() - 1)));
    }

    /// Joins the typed name if there is one, else the selected room. Does nothing (and says
    /// false) unless [#canJoinProperty()] holds.
    public boolean join() {
        if (choice == null) {
            return false;
        }
        join.accept(choice);
        return true;
    }

    private void applyFilter() {
        String wanted = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        shown.setAll(all.stream().filter(info -> wanted.isEmpty()
                || info.room().key().contains(wanted)
                || info.topic().toLowerCase(Locale.ROOT).contains(wanted)).toList());
        if (!shown.contains(selected.get())) {
            selected.set(shown.isEmpty() ? null : shown.getFirst());
        }
        update();
    }

    private void update() {
        String typed = name.get() == null ? "" : name.get().strip();
        choice = null;
        nameError.set("");
        if (!typed.isEmpty()) {
            switch (RoomName.parse(typed.startsWith("#") ? typed : "#" + typed)) {
                case Parsed.Ok<RoomName> ok -> choice = ok.value();
                case Parsed.Invalid<RoomName> invalid -> nameError.set(problem(typed));
            }
        } else if (selected.get() != null) {
            choice = selected.get().room();
        }
        canJoin.set(choice != null);
        joinLabel.set(choice == null ? texts.get("rooms.join")
                : texts.format(exists(choice) ? "rooms.join.named" : "rooms.create.named", choice));
        stateText.set(loading.get() ? texts.get("rooms.loading")
                : all.isEmpty() ? texts.get("rooms.none")
                : shown.isEmpty() ? texts.format("rooms.noMatch", filter.get().strip())
                : "");
    }

    private boolean exists(RoomName room) {
        return all.stream().anyMatch(info -> info.room().sameAs(room));
    }

    private String problem(String typed) {
        String bare = typed.startsWith("#") ? typed.substring(1) : typed;
        if (bare.isEmpty()) {
            return texts.get("rooms.name.empty");
        }
        if (bare.codePointCount(0, bare.length()) > Limits.MAX_NAME_LENGTH) {
            return texts.format("rooms.name.tooLong", Limits.MAX_NAME_LENGTH);
        }
        Optional<String> bad = bare.codePoints()
                .filter(cp -> !(Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.'))
                .mapToObj(cp -> cp == ' ' ? texts.get("rooms.name.space") : "“" + Character.toString(cp) + "”")
                .findFirst();
        return texts.format("rooms.name.invalid", bad.orElse("?"));
    }

    /// The rooms shown: those matching the filter, most members first.
    public ObservableList<ServerFrame.RoomInfo> rooms() {
        return shownView;
    }

    /// Text that a shown room's name or topic contains (any case); empty shows all.
    public StringProperty filterProperty() {
        return filter;
    }

    /// The name of a room to join or create, `#` optional; empty to join the selected room.
    public StringProperty nameProperty() {
        return name;
    }

    /// Why [#nameProperty()] is not a room name; empty if it is (or is empty).
    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    /// The selected room of the list, `null` if none.
    public ReadOnlyObjectProperty<ServerFrame.RoomInfo> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /// Waiting for the server's list.
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /// What to say instead of the list: loading, no rooms at all, or none matching; empty
    /// while rooms are shown.
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canJoinProperty() {
        return canJoin.getReadOnlyProperty();
    }

    /// The join button's words: "Join #rust", or "Create #new" for a room not on the list.
    public ReadOnlyStringProperty joinLabelProperty() {
        return joinLabel.getReadOnlyProperty();
    }
}
