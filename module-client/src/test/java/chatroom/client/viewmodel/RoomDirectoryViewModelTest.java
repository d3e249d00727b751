package chatroom.client.viewmodel;

import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// The "join a room" dialog's view-model, without the FX toolkit.
class RoomDirectoryViewModelTest {

    private final List<RoomName> joined = new ArrayList<>();
    private int refreshes;
    private final RoomDirectoryViewModel rooms = new RoomDirectoryViewModel(Fixtures.english(), joined::add,
            () -> refreshes++);

    private static ServerFrame.RoomInfo room(String name, int members, String topic) {
        return new ServerFrame.RoomInfo(RoomName.of(name), members, topic);
    }

    private static final List<ServerFrame.RoomInfo> SERVER_ROOMS = List.of(
            room("lobby", 12, "Say hello"),
            room("Rust", 30, "Ownership and borrowing"),
            room("java", 30, "JavaFX questions welcome"),
            room("quiet", 0, ""));

    private List<String> shown() {
        return rooms.rooms().stream().map(info -> info.room().value()).toList();
    }

    @Test
    @DisplayName("refresh asks the server and says so until the rooms arrive, sorted by members then name")
    void loading() {
        rooms.refresh();

        assertThat(refreshes).isEqualTo(1);
        assertThat(rooms.loadingProperty().get()).isTrue();
        assertThat(rooms.stateTextProperty().get()).isEqualTo("Asking the server for its rooms…");

        rooms.setRooms(SERVER_ROOMS);

        assertThat(rooms.loadingProperty().get()).isFalse();
        assertThat(rooms.stateTextProperty().get()).isEmpty();
        assertThat(shown()).containsExactly("#java", "#Rust", "#lobby", "#quiet");
        assertThat(rooms.selectedProperty().get().room().value()).isEqualTo("#java");
    }

    @Test
    @DisplayName("a server with no rooms invites creating one")
    void noRooms() {
        rooms.setRooms(List.of());

        assertThat(rooms.stateTextProperty().get()).isEqualTo("No rooms yet: type a name to create one.");
        assertThat(rooms.canJoinProperty().get()).isFalse();
        assertThat(rooms.join()).isFalse();
        assertThat(joined).isEmpty();
    }

    @Test
    @DisplayName("the filter matches names and topics in any case, and keeps the selection on a shown room")
    void filter() {
        rooms.setRooms(SERVER_ROOMS);

        rooms.filterProperty().set("RUST");
        assertThat(shown()).containsExactly("#Rust");
        assertThat(rooms.selectedProperty().get().room().value()).isEqualTo("#Rust");

        rooms.filterProperty().set("javafx");
        assertThat(shown()).containsExactly("#java");

        rooms.filterProperty().set("o");
        assertThat(shown()).containsExactly("#java", "#Rust", "#lobby");

        rooms.filterProperty().set("#qu");
        assertThat(shown()).containsExactly("#quiet");

        rooms.filterProperty().set("zzz");
        assertThat(shown()).isEmpty();
        assertThat(rooms.selectedProperty().get()).isNull();
        assertThat(rooms.stateTextProperty().get()).isEqualTo("No room matches “zzz”.");
        assertThat(rooms.canJoinProperty().get()).isFalse();
    }

    @Test
    @DisplayName("the selection moves within the list, and join joins the selected room")
    void selection() {
        rooms.setRooms(SERVER_ROOMS);

        rooms.moveSelection(1);
        rooms.moveSelection(1);
        assertThat(rooms.selectedProperty().get().room().value()).isEqualTo("#lobby");
        rooms.moveSelection(5);
        assertThat(rooms.selectedProperty().get().room().value()).isEqualTo("#quiet");
        rooms.moveSelection(-9);
        assertThat(rooms.selectedProperty().get().room().value()).isEqualTo("#java");
        rooms.moveSelection(1);
        assertThat(rooms.joinLabelProperty().get()).isEqualTo("Join #Rust");

        assertThat(rooms.join()).isTrue();
        assertThat(joined).containsExactly(RoomName.of("Rust"));
    }

    @Test
    @DisplayName("a typed name wins over the selection; the # is optional; a new room is created")
    void typedName() {
        rooms.setRooms(SERVER_ROOMS);

        rooms.nameProperty().set(" kotlin ");
        assertThat(rooms.nameErrorProperty().get()).isEmpty();
        assertThat(rooms.canJoinProperty().get()).isTrue();
        assertThat(rooms.joinLabelProperty().get()).isEqualTo("Create #kotlin");
        rooms.join();

        rooms.nameProperty().set("#RUST");
        assertThat(rooms.joinLabelProperty().get()).isEqualTo("Join #RUST");
        rooms.join();

        assertThat(joined).containsExactly(RoomName.of("kotlin"), RoomName.of("RUST"));
    }

    @Test
    @DisplayName("an invalid name says why and cannot be joined, even with a room selected")
    void invalidName() {
        rooms.setRooms(SERVER_ROOMS);

        rooms.nameProperty().set("my room");
        assertThat(rooms.nameErrorProperty().get())
                .isEqualTo("A room name may hold only letters, digits, _ - and . (a space is not allowed).");
        assertThat(rooms.canJoinProperty().get()).isFalse();
        assertThat(rooms.join()).isFalse();

        rooms.nameProperty().set("#");
        assertThat(rooms.nameErrorProperty().get()).isEqualTo("A room name needs at least one character after #.");
        rooms.nameProperty().set("x".repeat(33));
        assertThat(rooms.nameErrorProperty().get()).isEqualTo("A room name has at most 32 characters after #.");
        rooms.nameProperty().set("a:b");
        assertThat(rooms.nameErrorProperty().get()).contains("“:”");

        rooms.nameProperty().set("");
        assertThat(rooms.nameErrorProperty().get()).isEmpty();
        assertThat(rooms.canJoinProperty().get()).isTrue();
        assertThat(joined).isEmpty();
    }

    @Test
    @DisplayName("speaks Italian with the Italian bundle")
    void italian() {
        var italian = new RoomDirectoryViewModel(Fixtures.italian(), joined::add, () -> { });
        italian.refresh();
        assertThat(italian.stateTextProperty().get()).isEqualTo("Chiedo al server le sue stanze…");
        italian.nameProperty().set("nuova");
        assertThat(italian.joinLabelProperty().get()).isEqualTo("Crea #nuova");
    }
}
