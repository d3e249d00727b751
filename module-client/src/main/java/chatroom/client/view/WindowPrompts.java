package chatroom.client.view;

import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.protocol.Command;
import chatroom.protocol.Commands;
import chatroom.protocol.Parsed;
import javafx.scene.control.Alert;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Stage;

import java.util.Optional;

/// The workbench's dialogs, modal to the chat window. FX thread only.
final class WindowPrompts implements WorkbenchView.Prompts {

    private final Stage owner;
    private final Texts texts;
    private final ChatViewModel model;

    WindowPrompts(Stage owner, Texts texts, ChatViewModel model) {
        this.owner = owner;
        this.texts = texts;
        this.model = model;
    }

    @Override
    public Optional<String> text(String title, String label, String initial) {
        var dialog = new TextInputDialog(initial);
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(label);
        return dialog.showAndWait();
    }

    @Override
    public Optional<String> secret(String title, String label) {
        var dialog = new javafx.scene.control.Dialog<String>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        var field = new javafx.scene.control.PasswordField();
        field.setId("secretField");
        var box = new javafx.scene.layout.VBox(8, new javafx.scene.control.Label(label), field);
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().setAll(javafx.scene.control.ButtonType.OK,
                javafx.scene.control.ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == javafx.scene.control.ButtonType.OK ? field.getText() : null);
        dialog.setOnShown(event -> field.requestFocus());
        return dialog.showAndWait().filter(text -> !text.isEmpty());
    }

    @Override
    public boolean confirm(String question) {
        var alert = new Alert(Alert.AlertType.CONFIRMATION, question, javafx.scene.control.ButtonType.YES,
                javafx.scene.control.ButtonType.NO);
        alert.initOwner(owner);
        alert.setHeaderText(null);
        return alert.showAndWait().filter(button -> button == javafx.scene.control.ButtonType.YES).isPresent();
    }

    @Override
    public void help() {
        var alert = new Alert(Alert.AlertType.INFORMATION, String.join("\n", Command.HELP));
        alert.initOwner(owner);
        alert.setHeaderText(null);
        alert.show();
    }

    @Override
    public void rooms() {
        text(texts.get("rooms.title"), texts.get("rooms.label"), "#").ifPresent(room -> {
            if (Commands.parse("/join " + room) instanceof Parsed.Ok<Command> ok) {
                model.act(ok.value());
            }
        });
    }
}
