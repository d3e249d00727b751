package chatroom.client.view;

import chatroom.client.ClientOptions;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.Locale;

/// Windows that own the dialogs under test: a themed stage as the workbench would be, and a
/// way to close every window a test left open.
final class Owners {

    private Owners() {
    }

    static chatroom.client.viewmodel.Texts english() {
        return ChatApplication.texts(Locale.ENGLISH);
    }

    static chatroom.client.viewmodel.Texts italian() {
        return ChatApplication.texts(Locale.ITALIAN);
    }

    /// A shown stage holding `root`, styled with `theme`. FX thread.
    static Stage stage(Parent root, ClientOptions.Theme theme) {
        Platform.setImplicitExit(false);
        var scene = new Scene(root, 640, 480);
        new Themes(theme).apply(scene);
        var stage = new Stage();
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /// A plain owner window. FX thread.
    static Stage owner(ClientOptions.Theme theme) {
        return stage(new StackPane(new Label("workbench")), theme);
    }

    /// Hides every window still showing (dialogs first).
    static void closeAll() {
        Ui.fxRun(() -> {
            for (Window window : List.copyOf(Window.getWindows())) {
                if (window instanceof Stage stage) {
                    stage.hide();
                }
            }
        });
    }

    /// The focused node of `dialog`'s window, or `null`.
    static javafx.scene.Node focusOwner(Dialog<?> dialog) {
        return dialog.getDialogPane().getScene().getFocusOwner();
    }
}
