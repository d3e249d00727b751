package chatroom.client.view;

import chatroom.client.viewmodel.RoomDirectoryViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.protocol.ServerFrame;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;

/// The "join a room" dialog (Ctrl+J): a filter field (focused), the server's rooms with their
/// member counts and topics, and a field for the name of a new room. Up and Down in the filter
/// move through the rooms; Enter (or a double click) joins the selected room, or the typed
/// name if one is typed; Esc cancels; F5 asks the server for its rooms again.
///
/// Only binds to its [RoomDirectoryViewModel]; opening it asks for the rooms
/// ([RoomDirectoryViewModel#refresh()]). FX thread only.
final class JoinRoomDialog {

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final TextField filter = new TextField();

    JoinRoomDialog(RoomDirectoryViewModel model, Texts texts, Window owner) {
        Dialogs.prepare(dialog, owner, "joinRoomDialog", "join-room");
        dialog.setTitle(texts.get("rooms.title"));

        filter.setId("roomFilter");
        filter.setPromptText(texts.get("rooms.filter.prompt"));
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.UP || event.getCode() == KeyCode.DOWN) {
                model.moveSelection(event.getCode() == KeyCode.UP ? -1 : 1);
                event.consume();
            }
        });
        var filterLabel = new Label(texts.get("rooms.filter"));
        filterLabel.setLabelFor(filter);

        var table = table(model, texts);

        var name = new TextField();
        name.setId("roomName");
        name.setPromptText(texts.get("rooms.name.prompt"));
        name.textProperty().bindBidirectional(model.nameProperty());
        var nameLabel = new Label(texts.get("rooms.name"));
        nameLabel.setLabelFor(name);
        var nameError = Views.messageLabel("roomNameError", "field-error", model.nameErrorProperty());

        var refresh = new Button(texts.get("rooms.refresh"));
        refresh.setId("roomRefresh");
        refresh.setOnAction(event -> model.refresh());
        refresh.disableProperty().bind(model.loadingProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        var filterRow = new HBox(8, filter, refresh);

        var content = new VBox(6, filterLabel, filterRow, table, nameLabel, name, nameError);
        VBox.setVgrow(table, Priority.ALWAYS);
        content.setPrefSize(560, 420);

        var join = new ButtonType(texts.get("rooms.join"), ButtonBar.ButtonData.OK_DONE);
        var cancel = new ButtonType(texts.get("prompt.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        var pane = dialog.getDialogPane();
        pane.getButtonTypes().setAll(join, cancel);
        pane.setContent(content);
        var joinButton = (Button) pane.lookupButton(join);
        joinButton.setId("roomJoin");
        joinButton.textProperty().bind(model.joinLabelProperty());
        joinButton.disableProperty().bind(model.canJoinProperty().not());
        // The dialog closes only if something was joined.
        joinButton.addEventFilter(ActionEvent.ACTION, event -> {
            if (!model.join()) {
                event.consume();
            }
        });
        table.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2
                    && table.getSelectionModel().getSelectedItem() != null && model.join()) {
                dialog.setResult(join);
                dialog.close();
            }
        });
        pane.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.F5) {
                model.refresh();
                event.consume();
            }
        });
        dialog.setOnShown(event -> filter.requestFocus());
        dialog.setOnShowing(event -> model.refresh());
    }

    private static TableView<ServerFrame.RoomInfo> table(RoomDirectoryViewModel model, Texts texts) {
        var table = new TableView<>(model.rooms());
        table.setId("roomTable");
        table.getStyleClass().add("room-table");
        var placeholder = new Label();
        placeholder.getStyleClass().add("caption");
        placeholder.textProperty().bind(model.stateTextProperty());
        table.setPlaceholder(placeholder);

        var name = new TableColumn<ServerFrame.RoomInfo, String>(texts.get("rooms.column.name"));
        name.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().room().value()));
        name.setPrefWidth(150);
        var members = new TableColumn<ServerFrame.RoomInfo, Integer>(texts.get("rooms.column.members"));
        members.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().members()));
        members.setPrefWidth(80);
        members.getStyleClass().add("members-column");
        var topic = new TableColumn<ServerFrame.RoomInfo, String>(texts.get("rooms.column.topic"));
        topic.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().topic()));
        topic.setPrefWidth(300);
        table.getColumns().setAll(List.of(name, members, topic));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        // The selection lives in the view-model, so Up/Down in the filter and clicks agree.
        table.getSelectionModel().selectedItemProperty().subscribe(row -> {
            if (row != null) {
                model.select(row);
            }
        });
        Runnable showSelection = () -> {
            ServerFrame.RoomInfo row = model.selectedProperty().get();
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
            }
        };
        model.selectedProperty().subscribe(showSelection);
        // A new list clears the table's selection, though the view-model's may be unchanged.
        model.rooms().subscribe(showSelection);
        return table;
    }

    /// Shows the dialog (without waiting); it asks for the rooms as it opens.
    Dialog<ButtonType> show() {
        dialog.show();
        return dialog;
    }

    Dialog<ButtonType> dialog() {
        return dialog;
    }
}
