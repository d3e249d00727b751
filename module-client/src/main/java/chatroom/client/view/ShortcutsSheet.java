package chatroom.client.view;

import chatroom.client.viewmodel.CommandHelp;
import chatroom.client.viewmodel.Texts;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.stream.Collectors;

/// The help sheet (F1): every action of the workbench with its keys, grouped by menu, then
/// the commands that can be typed in the input, described in the person's language. Esc or
/// Close closes it. FX thread only.
final class ShortcutsSheet {

    private final Dialog<ButtonType> dialog = new Dialog<>();

    ShortcutsSheet(Texts texts, Window owner) {
        Dialogs.prepare(dialog, owner, "shortcutsSheet", "shortcuts-sheet");
        dialog.setTitle(texts.get("shortcuts.title"));

        var sections = new VBox(14);
        sections.getStyleClass().add("shortcuts");
        for (WorkbenchAction.Menu menu : WorkbenchAction.Menu.values()) {
            var grid = grid();
            int row = 0;
            for (WorkbenchAction action : WorkbenchAction.values()) {
                if (action.menu() == menu) {
                    var name = new Label(texts.get(action.textKey()));
                    var keys = new Label(keys(action));
                    keys.setId("keys-" + action.id());
                    keys.getStyleClass().add("shortcut-keys");
                    grid.addRow(row++, keys, name);
                }
            }
            sections.getChildren().addAll(heading(texts.get(menu.textKey()).replace("_", "")), grid);
        }
        var commands = grid();
        int row = 0;
        for (CommandHelp.Line line : CommandHelp.lines(texts)) {
            var syntax = new Label(line.syntax());
            syntax.getStyleClass().add("shortcut-command");
            var description = new Label(line.description());
            description.setWrapText(true);
            commands.addRow(row++, syntax, description);
        }
        var note = new Label(texts.get("shortcuts.commands.note"));
        note.getStyleClass().add("caption");
        note.setWrapText(true);
        sections.getChildren().addAll(heading(texts.get("shortcuts.commands")), note, commands);

        var scroll = new ScrollPane(sections);
        scroll.setId("shortcutsScroll");
        scroll.setFitToWidth(true);
        scroll.setPrefSize(620, 520);

        var close = new ButtonType(texts.get("shortcuts.close"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(close);
        dialog.getDialogPane().setContent(scroll);
        dialog.getDialogPane().lookupButton(close).setId("shortcutsClose");
    }

    /// The main keys, then any alternates: `F1, Ctrl+/`.
    static String keys(WorkbenchAction action) {
        return action.allKeys().stream().limit(2).map(KeyCombination::getDisplayText)
                .collect(Collectors.joining(", "));
    }

    private static Label heading(String text) {
        var label = new Label(text);
        label.getStyleClass().add("shortcuts-heading");
        return label;
    }

    private static GridPane grid() {
        var grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(4);
        var keys = new ColumnConstraints();
        keys.setMinWidth(150);
        var text = new ColumnConstraints();
        text.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(keys, text);
        return grid;
    }

    /// Shows the sheet (without waiting).
    Dialog<ButtonType> show() {
        dialog.show();
        return dialog;
    }
}
