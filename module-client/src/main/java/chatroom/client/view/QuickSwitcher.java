package chatroom.client.view;

import chatroom.client.viewmodel.QuickSwitcherViewModel;
import chatroom.client.viewmodel.Texts;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/// The quick switcher (Ctrl+K): a field and the matching rooms, conversations and people.
/// Typing narrows the list, Up and Down move the selection (the cursor stays in the field),
/// Enter (or a double click) opens the selected entry, Esc closes.
///
/// Only binds to its [QuickSwitcherViewModel]. FX thread only.
final class QuickSwitcher {

    /// Rows that Page Up and Page Down move by.
    private static final int PAGE = 8;

    private final Dialog<ButtonType> dialog = new Dialog<>();

    QuickSwitcher(QuickSwitcherViewModel model, Texts texts, Window owner) {
        Dialogs.prepare(dialog, owner, "quickSwitcher", "quick-switcher");
        dialog.setTitle(texts.get("switcher.title"));

        var query = new TextField();
        query.setId("switcherQuery");
        query.setPromptText(texts.get("switcher.prompt"));
        query.textProperty().bindBidirectional(model.queryProperty());
        query.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            KeyCode key = event.getCode();
            if (key == KeyCode.UP) {
                model.up();
            } else if (key == KeyCode.DOWN) {
                model.down();
            } else if (key == KeyCode.PAGE_UP || key == KeyCode.PAGE_DOWN) {
                model.select(model.selectedIndexProperty().get() + (key == KeyCode.PAGE_UP ? -PAGE : PAGE));
            } else {
                return;
            }
            event.consume();
        });

        var list = new ListView<>(model.matches());
        list.setId("switcherList");
        list.getStyleClass().add("switcher-list");
        list.setFocusTraversable(false);
        list.setCellFactory(view -> new EntryCell(texts));
        var empty = new Label(texts.get("switcher.none"));
        empty.getStyleClass().add("caption");
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedIndexProperty().subscribe(index -> {
            if (index.intValue() >= 0) {
                model.select(index.intValue());
            }
        });
        Runnable showSelection = () -> {
            int index = model.selectedIndexProperty().get();
            if (list.getSelectionModel().getSelectedIndex() != index) {
                list.getSelectionModel().select(index);
            }
            if (index >= 0) {
                list.scrollTo(index);
            }
        };
        model.selectedIndexProperty().subscribe(showSelection);
        model.matches().subscribe(showSelection);

        var content = new VBox(8, query, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        content.setPrefSize(440, 340);

        var open = new ButtonType(texts.get("switcher.open"), ButtonBar.ButtonData.OK_DONE);
        var cancel = new ButtonType(texts.get("prompt.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        var pane = dialog.getDialogPane();
        pane.getButtonTypes().setAll(open, cancel);
        pane.setContent(content);
        var openButton = (Button) pane.lookupButton(open);
        openButton.setId("switcherOpen");
        openButton.disableProperty().bind(model.selectedProperty().isNull());
        openButton.addEventFilter(ActionEvent.ACTION, event -> {
            if (!model.choose()) {
                event.consume();
            }
        });
        list.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && model.choose()) {
                dialog.setResult(open);
                dialog.close();
            }
        });
        dialog.setOnShown(event -> query.requestFocus());
    }

    /// Shows the switcher (without waiting).
    Dialog<ButtonType> show() {
        dialog.show();
        return dialog;
    }

    /// A row: the label, what it is, and its unread count if any.
    private static final class EntryCell extends ListCell<QuickSwitcherViewModel.Entry> {
        private final Texts texts;
        private final Label label = new Label();
        private final Label kind = new Label();
        private final Label unread = new Label();
        private final HBox row;

        EntryCell(Texts texts) {
            this.texts = texts;
            label.getStyleClass().add("switcher-label");
            kind.getStyleClass().add("switcher-kind");
            unread.getStyleClass().add("unread-badge");
            var spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            row = new HBox(8, label, kind, spacer, unread);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(QuickSwitcherViewModel.Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            label.setText(entry.label());
            kind.setText(texts.get(switch (entry.kind()) {
                case ROOM -> "switcher.kind.room";
                case PRIVATE -> "switcher.kind.private";
                case PERSON -> "switcher.kind.person";
            }));
            unread.setText(String.valueOf(entry.unread()));
            unread.setVisible(entry.unread() > 0);
            unread.setManaged(entry.unread() > 0);
            setGraphic(row);
        }
    }
}
