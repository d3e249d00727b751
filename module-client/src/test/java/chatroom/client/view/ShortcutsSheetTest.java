package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.viewmodel.Texts;
import chatroom.protocol.Command;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/// The help sheet: every action with its keys, and the typed commands.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class ShortcutsSheetTest {

    private Dialog<ButtonType> dialog;

    @AfterEach
    void close() {
        Owners.closeAll();
    }

    private void open(Texts texts) {
        Ui.fxRun(() -> dialog = new ShortcutsSheet(texts, Owners.owner(ClientOptions.Theme.DARK)).show());
        Ui.await("the sheet", () -> dialog.isShowing());
    }

    private Set<String> labels() {
        return Ui.fx(() -> {
            var content = ((ScrollPane) dialog.getDialogPane().lookup("#shortcutsScroll")).getContent();
            return content.lookupAll(".label").stream().map(Label.class::cast).map(Label::getText)
                    .collect(Collectors.toSet());
        });
    }

    @Test
    @DisplayName("lists every action with its keys, every menu, and every typed command")
    void listsEverything() {
        var texts = Owners.english();
        open(texts);
        var shown = labels();

        for (WorkbenchAction action : WorkbenchAction.values()) {
            assertThat(shown).as(action.name()).contains(texts.get(action.textKey()));
            String keys = Ui.fx(() -> ((Label) dialog.getDialogPane().lookup("#keys-" + action.id())).getText());
            assertThat(keys).as(action.name()).startsWith(action.keys().getDisplayText());
            for (KeyCombination alternate : action.alternates().stream().limit(1).toList()) {
                assertThat(keys).contains(alternate.getDisplayText());
            }
        }
        assertThat(shown).contains("Chat", "Conversation", "People", "View", "Help", "Commands");
        assertThat(shown).contains("/join #room [KEY]", "/msg NAME TEXT", "/op NAME, /deop NAME",
                "join a room (created if it does not exist) and send your messages there");
        long commands = Command.HELP.stream().filter(line -> line.startsWith("/")).count();
        assertThat(Ui.fx(() -> dialog.getDialogPane().lookupAll(".shortcut-command").size())).isEqualTo((int) commands);
        assertThat(ShortcutsSheet.keys(WorkbenchAction.SHORTCUTS)).isEqualTo(
                KeyCombination.keyCombination("F1").getDisplayText() + ", "
                        + KeyCombination.keyCombination("Shortcut+Slash").getDisplayText());
    }

    @Test
    @DisplayName("speaks Italian")
    void italian() {
        open(Owners.italian());
        assertThat(labels()).contains("Conversazione", "Vai a…", "Comandi", "cambia il tuo nome");
        assertThat(Ui.fx(() -> dialog.getTitle())).isEqualTo("Scorciatoie da tastiera e comandi");
    }

    @Test
    @DisplayName("Esc closes it")
    void escape(FxRobot robot) {
        open(Owners.english());
        Ui.await("focus in the sheet", () -> {
            Node focused = Owners.focusOwner(dialog);
            return focused != null;
        });
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        Ui.await("the sheet to close", () -> !dialog.isShowing());
    }
}
