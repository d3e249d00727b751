package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.viewmodel.RoomDirectoryViewModel;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TableCell;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/// The "join a room" dialog, used with the keyboard only (and one double click).
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class JoinRoomDialogTest {

    private static final List<ServerFrame.RoomInfo> ROOMS = List.of(
            new ServerFrame.RoomInfo(RoomName.of("lobby"), 5, "Say hello"),
            new ServerFrame.RoomInfo(RoomName.of("rust"), 9, "Ownership and borrowing"),
            new ServerFrame.RoomInfo(RoomName.of("java"), 2, "JavaFX"));

    private final List<RoomName> joined = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private RoomDirectoryViewModel model;
    private Dialog<ButtonType> dialog;

    @AfterEach
    void close() {
        Owners.closeAll();
    }

    /// Opens the dialog as the lead would: it asks for the rooms, which arrive a moment later.
    private void open(ClientOptions.Theme theme) {
        Ui.fxRun(() -> {
            var owner = Owners.owner(theme);
            model = new RoomDirectoryViewModel(Owners.english(), joined::add, refreshes::incrementAndGet);
            dialog = new JoinRoomDialog(model, Owners.english(), owner).show();
        });
        Ui.await("the filter focused", () -> Owners.focusOwner(dialog) instanceof TextField field
                && "roomFilter".equals(field.getId()));
        assertThat(refreshes.get()).isEqualTo(1);
        assertThat(placeholder()).isEqualTo("Asking the server for its rooms…");
        Ui.fxRun(() -> model.setRooms(ROOMS));
    }

    private String placeholder() {
        return Ui.fx(() -> ((Label) table().getPlaceholder()).getText());
    }

    @SuppressWarnings("unchecked")
    private TableView<ServerFrame.RoomInfo> table() {
        return (TableView<ServerFrame.RoomInfo>) dialog.getDialogPane().lookup("#roomTable");
    }

    private List<String> rows() {
        return Ui.fx(() -> table().getItems().stream().map(info -> info.room().value()).toList());
    }

    /// Types `text` into the dialog (TestFX writes to the window it targets, not the focused one).
    private void write(FxRobot robot, String text) {
        robot.targetWindow(Ui.fx(() -> dialog.getDialogPane().getScene().getWindow())).write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void erase(FxRobot robot, int characters) {
        robot.targetWindow(Ui.fx(() -> dialog.getDialogPane().getScene().getWindow())).eraseText(characters);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void type(FxRobot robot, KeyCode... keys) {
        robot.type(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @DisplayName("typing filters, Down moves the selection, Enter joins the selected room and closes")
    void filterAndJoin(FxRobot robot) {
        open(ClientOptions.Theme.LIGHT);
        assertThat(rows()).containsExactly("#rust", "#lobby", "#java");

        write(robot, "o");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rows()).containsExactly("#rust", "#lobby");
        type(robot, KeyCode.DOWN);
        assertThat(Ui.fx(() -> table().getSelectionModel().getSelectedItem().room().value())).isEqualTo("#lobby");
        assertThat(Ui.fx(() -> dialog.getDialogPane().lookup("#roomJoin") instanceof javafx.scene.control.Button b
                ? b.getText() : "")).isEqualTo("Join #lobby");

        type(robot, KeyCode.ENTER);

        assertThat(joined).containsExactly(RoomName.of("lobby"));
        Ui.await("the dialog to close", () -> !dialog.isShowing());
    }

    @Test
    @DisplayName("a typed name (no # needed) creates the room; an invalid one is explained and Enter does nothing")
    void create(FxRobot robot) {
        open(ClientOptions.Theme.DARK);
        Ui.fxRun(() -> dialog.getDialogPane().lookup("#roomName").requestFocus());
        Ui.await("the name focused", () -> Owners.focusOwner(dialog).getId().equals("roomName"));

        write(robot, "new room");
        type(robot, KeyCode.ENTER);
        assertThat(Ui.fx(() -> ((Label) dialog.getDialogPane().lookup("#roomNameError")).getText()))
                .isEqualTo("A room name may hold only letters, digits, _ - and . (a space is not allowed).");
        assertThat(joined).isEmpty();
        assertThat(Ui.fx(dialog::isShowing)).isTrue();

        erase(robot, 5);
        write(robot, "_room");
        type(robot, KeyCode.ENTER);

        assertThat(joined).containsExactly(RoomName.of("new_room"));
        Ui.await("the dialog to close", () -> !dialog.isShowing());
    }

    @Test
    @DisplayName("Esc cancels without joining; an empty filter result says so")
    void cancel(FxRobot robot) {
        open(ClientOptions.Theme.LIGHT);
        write(robot, "zzz");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(placeholder()).isEqualTo("No room matches “zzz”.");
        type(robot, KeyCode.ENTER);
        assertThat(Ui.fx(dialog::isShowing)).as("nothing to join").isTrue();

        type(robot, KeyCode.ESCAPE);

        Ui.await("the dialog to close", () -> !dialog.isShowing());
        assertThat(joined).isEmpty();
    }

    @Test
    @DisplayName("a double click joins the room clicked; F5 asks for the rooms again")
    void doubleClick(FxRobot robot) {
        open(ClientOptions.Theme.LIGHT);
        type(robot, KeyCode.F5);
        assertThat(refreshes.get()).isEqualTo(2);
        Ui.fxRun(() -> model.setRooms(ROOMS));

        Ui.await("the rows", () -> table().lookupAll(".table-cell").stream()
                .anyMatch(cell -> cell instanceof TableCell<?, ?> c && "#java".equals(c.getText())));
        // The first click selects the row (as the table's own behaviour does); the second click
        // reaches the table as a double click. Fired directly: the headless robot's screen
        // coordinates are not the point here.
        Ui.fxRun(() -> {
            table().getSelectionModel().select(2);
            table().fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, MouseButton.PRIMARY, 2, false,
                    false, false, false, false, false, false, false, false, true, null));
        });
        assertThat(joined).containsExactly(RoomName.of("java"));
        Ui.await("the dialog to close", () -> !dialog.isShowing());
    }

    @Test
    @DisplayName("takes the owner's theme: the dark palette's surface")
    void theme() {
        open(ClientOptions.Theme.DARK);
        var background = Ui.fx(() -> ((Region) dialog.getDialogPane()).getBackground().getFills().getFirst().getFill());
        assertThat(background).isEqualTo(Color.web("#1e1f23"));
    }
}
