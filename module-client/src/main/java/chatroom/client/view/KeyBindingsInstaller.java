package chatroom.client.view;

import chatroom.client.viewmodel.ChatViewModel;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/// The workbench's keys that must work wherever the focus is. FX thread only.
final class KeyBindingsInstaller {

    private final ChatViewModel model;
    private final WorkbenchView view;

    KeyBindingsInstaller(ChatViewModel model, WorkbenchView view) {
        this.model = model;
        this.view = view;
    }

    void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.isAltDown() && !event.isControlDown() && event.getCode() == KeyCode.UP) {
                model.conversations().move(-1);
                event.consume();
            } else if (event.isAltDown() && !event.isControlDown() && event.getCode() == KeyCode.DOWN) {
                if (event.isShiftDown()) {
                    model.conversations().openNextUnread();
                } else {
                    model.conversations().move(1);
                }
                event.consume();
            }
        });
    }
}
