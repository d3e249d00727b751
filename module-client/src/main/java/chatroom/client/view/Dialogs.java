package chatroom.client.view;

import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/// What every dialog of the workbench shares: its owner, and the owner's stylesheets (layout
/// and palette, kept in step when the theme follows the system). FX thread only.
final class Dialogs {

    private Dialogs() {
    }

    /// Owns `dialog` by `owner` (if any) and styles it as the owner is styled.
    static void prepare(Dialog<?> dialog, Window owner, String id, String styleClass) {
        dialog.getDialogPane().setId(id);
        dialog.getDialogPane().getStyleClass().addAll("workbench-dialog", styleClass);
        dialog.setResizable(true);
        if (owner == null) {
            return;
        }
        dialog.initOwner(owner);
        Scene ownerScene = owner.getScene();
        Scene scene = dialog.getDialogPane().getScene();
        if (ownerScene != null && scene != null) {
            // On the dialog's scene, not its pane: the palettes define their colours on `.root`.
            Bindings.bindContent(scene.getStylesheets(), ownerScene.getStylesheets());
        }
    }
}
