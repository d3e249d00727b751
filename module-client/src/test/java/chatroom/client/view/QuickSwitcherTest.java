package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.viewmodel.QuickSwitcherViewModel;
import chatroom.client.viewmodel.QuickSwitcherViewModel.Entry;
import chatroom.client.viewmodel.QuickSwitcherViewModel.Kind;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/// The quick switcher, used with the keyboard only.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class QuickSwitcherTest {

    private final List<Target> opened = new CopyOnWriteArrayList<>();
    private Dialog<ButtonType> dialog;

    @BeforeEach
    void open() {
        Ui.fxRun(() -> {
            var owner = Owners.owner(ClientOptions.Theme.DARK);
            var model = new QuickSwitcherViewModel(opened::add);
            model.setEntries(List.of(
                    new Entry("#lobby", Kind.ROOM, 0, RoomName.of("lobby")),
                    new Entry("#rust", Kind.ROOM, 4, RoomName.of("rust")),
                    new Entry("bob", Kind.PRIVATE, 0, new Name("bob")),
                    new Entry("robin", Kind.PERSON, 0, new Name("robin"))));
            dialog = new QuickSwitcher(model, Owners.english(), owner).show();
        });
        Ui.await("the query focused", () -> Owners.focusOwner(dialog) instanceof TextField field
                && "switcherQuery".equals(field.getId()));
    }

    @AfterEach
    void close() {
        Owners.closeAll();
    }

    @SuppressWarnings("unchecked")
    private ListView<Entry> list() {
        return (ListView<Entry>) dialog.getDialogPane().lookup("#switcherList");
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
    @DisplayName("lists everything with unread first; Enter opens the first")
    void enterOpensFirst(FxRobot robot) {
        assertThat(Ui.fx(() -> list().getItems().stream().map(Entry::label).toList()))
                .containsExactly("#rust", "#lobby", "bob", "robin");

        type(robot, KeyCode.ENTER);

        assertThat(opened).containsExactly(RoomName.of("rust"));
        Ui.await("the switcher to close", () -> !dialog.isShowing());
    }

    @Test
    @DisplayName("typing narrows, Down and Up move, Enter opens the selected one")
    void typeAndMove(FxRobot robot) {
        write(robot, "rb");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Ui.fx(() -> list().getItems().stream().map(Entry::label).toList())).containsExactly("robin");
        erase(robot, 2);
        write(robot, "b");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Ui.fx(() -> list().getItems().stream().map(Entry::label).toList()))
                .containsExactly("bob", "#lobby", "robin");

        type(robot, KeyCode.DOWN);
        type(robot, KeyCode.DOWN);
        type(robot, KeyCode.UP);
        assertThat(Ui.fx(() -> list().getSelectionModel().getSelectedItem().label())).isEqualTo("#lobby");
        type(robot, KeyCode.ENTER);

        assertThat(opened).containsExactly(RoomName.of("lobby"));
    }

    @Test
    @DisplayName("Esc closes without opening anything")
    void escape(FxRobot robot) {
        write(robot, "bob");
        type(robot, KeyCode.ESCAPE);

        Ui.await("the switcher to close", () -> !dialog.isShowing());
        assertThat(opened).isEmpty();
    }
}
