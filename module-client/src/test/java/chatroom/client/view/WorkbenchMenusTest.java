package chatroom.client.view;

import chatroom.client.ClientOptions;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/// The menu bar and the key bindings in a window like the workbench: a menu bar, a transcript
/// list, a text area as the input, and a search field that uses Esc itself.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class WorkbenchMenusTest {

    private final List<WorkbenchAction> fired = new CopyOnWriteArrayList<>();
    private final SimpleBooleanProperty canSetTopic = new SimpleBooleanProperty(false);
    private final SimpleBooleanProperty muted = new SimpleBooleanProperty(false);
    private final List<String> searchEscapes = new CopyOnWriteArrayList<>();
    private WorkbenchMenus menus;
    private Stage stage;
    private TextArea input;
    private ListView<String> transcript;
    private TextField search;

    @BeforeEach
    void open() {
        Ui.fxRun(() -> {
            menus = new WorkbenchMenus(Owners.english());
            for (WorkbenchAction action : WorkbenchAction.values()) {
                if (action != WorkbenchAction.BECOME_OPERATOR) {
                    menus.on(action, () -> fired.add(action));
                }
            }
            menus.on(WorkbenchAction.MUTE_NOTIFICATIONS, () -> {
                fired.add(WorkbenchAction.MUTE_NOTIFICATIONS);
                muted.set(!muted.get());
            });
            menus.enabledWhen(WorkbenchAction.SET_TOPIC, canSetTopic);
            menus.selectedWhen(WorkbenchAction.MUTE_NOTIFICATIONS, muted);
            input = new TextArea("hello");
            input.setId("input");
            transcript = new ListView<>(FXCollections.observableArrayList("one", "two", "three"));
            search = new TextField();
            search.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
                if (event.getCode() == KeyCode.ESCAPE) {
                    searchEscapes.add(search.getText());
                    event.consume();
                }
            });
            var root = new BorderPane(new VBox(search, transcript, input));
            root.setTop(menus.menuBar());
            stage = Owners.stage(root, ClientOptions.Theme.DARK);
            menus.install(stage.getScene());
            input.requestFocus();
        });
    }

    @AfterEach
    void close() {
        Owners.closeAll();
    }

    private void press(KeyCode... keys) {
        var robot = new FxRobot();
        robot.press(keys);
        List<KeyCode> reversed = Arrays.asList(keys.clone());
        java.util.Collections.reverse(reversed);
        robot.release(reversed.toArray(KeyCode[]::new));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void focus(javafx.scene.Node node) {
        Ui.fxRun(node::requestFocus);
        Ui.await("focus", () -> stage.getScene().getFocusOwner() == node);
    }

    @Test
    @DisplayName("one menu per group, in order, with every action; items show their keys")
    void menuBar() {
        MenuBar bar = Ui.fx(() -> menus.menuBar());
        assertThat(Ui.fx(() -> bar.getMenus().stream().map(menu -> menu.getText()).toList()))
                .containsExactly("_Chat", "C_onversation", "_People", "_View", "_Help");
        for (WorkbenchAction action : WorkbenchAction.values()) {
            assertThat(Ui.fx(() -> menus.item(action).getAccelerator())).isEqualTo(action.keys());
            assertThat(Ui.fx(() -> menus.item(action).getParentMenu().getText()))
                    .isEqualTo(Owners.english().get(action.menu().textKey()));
        }
        assertThat(Ui.fx(() -> menus.item(WorkbenchAction.JOIN_ROOM).getText())).isEqualTo("Join or create a room…");
        assertThat(Ui.fx(() -> menus.item(WorkbenchAction.BECOME_OPERATOR).isDisable()))
                .as("no handler: disabled").isTrue();
    }

    @Test
    @DisplayName("accelerators fire while the input has focus, and leave its text alone")
    void inputFocused() {
        press(KeyCode.CONTROL, KeyCode.J);
        press(KeyCode.CONTROL, KeyCode.K);
        press(KeyCode.CONTROL, KeyCode.F);
        press(KeyCode.ALT, KeyCode.UP);
        press(KeyCode.ALT, KeyCode.DOWN);
        press(KeyCode.ALT, KeyCode.SHIFT, KeyCode.DOWN);
        press(KeyCode.F2);

        assertThat(fired).containsExactly(WorkbenchAction.JOIN_ROOM, WorkbenchAction.QUICK_SWITCH,
                WorkbenchAction.SEARCH, WorkbenchAction.PREVIOUS_CONVERSATION, WorkbenchAction.NEXT_CONVERSATION,
                WorkbenchAction.NEXT_UNREAD, WorkbenchAction.CHANGE_NAME);
        assertThat(Ui.fx(() -> input.getText())).isEqualTo("hello");
    }

    @Test
    @DisplayName("Alt+Up and Alt+Down are not eaten by a focused list, which keeps its selection")
    void listFocused() {
        Ui.fxRun(() -> transcript.getSelectionModel().select(1));
        focus(transcript);

        press(KeyCode.ALT, KeyCode.DOWN);
        press(KeyCode.ALT, KeyCode.UP);

        assertThat(fired).containsExactly(WorkbenchAction.NEXT_CONVERSATION, WorkbenchAction.PREVIOUS_CONVERSATION);
        assertThat(Ui.fx(() -> transcript.getSelectionModel().getSelectedIndex())).isEqualTo(1);
    }

    @Test
    @DisplayName("a disabled action's keys do nothing, until it is enabled")
    void disabled() {
        press(KeyCode.CONTROL, KeyCode.T);
        Ui.fxRun(() -> menus.fire(WorkbenchAction.SET_TOPIC));
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O);
        assertThat(fired).isEmpty();

        Ui.fxRun(() -> canSetTopic.set(true));
        press(KeyCode.CONTROL, KeyCode.T);
        assertThat(fired).containsExactly(WorkbenchAction.SET_TOPIC);
    }

    @Test
    @DisplayName("alternate keys work too: Ctrl+/ opens the shortcuts like F1, Ctrl+Page Down switches")
    void alternates() {
        press(KeyCode.F1);
        press(KeyCode.CONTROL, KeyCode.SLASH);
        press(KeyCode.CONTROL, KeyCode.PAGE_DOWN);
        press(KeyCode.CONTROL, KeyCode.ADD);

        assertThat(fired).containsExactly(WorkbenchAction.SHORTCUTS, WorkbenchAction.SHORTCUTS,
                WorkbenchAction.NEXT_CONVERSATION, WorkbenchAction.ZOOM_IN);
    }

    @Test
    @DisplayName("a toggle shows its state: the handler flips it, and a change elsewhere shows too")
    void toggle() {
        var item = (CheckMenuItem) Ui.fx(() -> menus.item(WorkbenchAction.MUTE_NOTIFICATIONS));
        assertThat(Ui.fx(item::isSelected)).isFalse();

        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.M);
        assertThat(Ui.fx(muted::get)).isTrue();
        assertThat(Ui.fx(item::isSelected)).isTrue();

        Ui.fxRun(() -> muted.set(false));
        assertThat(Ui.fx(item::isSelected)).isFalse();

        // A toggle whose handler does not change the state keeps showing the state.
        var away = (CheckMenuItem) Ui.fx(() -> menus.item(WorkbenchAction.SET_AWAY));
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A);
        assertThat(fired).containsExactly(WorkbenchAction.MUTE_NOTIFICATIONS, WorkbenchAction.SET_AWAY);
        assertThat(Ui.fx(away::isSelected)).isFalse();
    }

    @Test
    @DisplayName("Esc closes a panel, unless the focused field uses Esc itself")
    void escape() {
        press(KeyCode.ESCAPE);
        assertThat(fired).containsExactly(WorkbenchAction.CLOSE_PANEL);

        focus(search);
        press(KeyCode.ESCAPE);
        assertThat(searchEscapes).hasSize(1);
        assertThat(fired).containsExactly(WorkbenchAction.CLOSE_PANEL);
    }

    @Test
    @DisplayName("the menus open from the keyboard: F10 then Down, or Alt and the mnemonic")
    void keyboardMenus() {
        var menuList = Ui.fx(() -> menus.menuBar().getMenus());
        press(KeyCode.F10);
        press(KeyCode.DOWN);
        Ui.await("the Chat menu to open", () -> menuList.getFirst().isShowing());
        press(KeyCode.ESCAPE);
        press(KeyCode.ESCAPE);
        Ui.await("the Chat menu to close", () -> !menuList.getFirst().isShowing());
        focus(input);

        press(KeyCode.ALT, KeyCode.O);
        Ui.await("the Conversation menu to open", () -> menuList.get(1).isShowing());
        press(KeyCode.ESCAPE);
    }
}
