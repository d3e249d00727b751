package chatroom.client.view;

import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.Objects;

/// The keys of the workbench's actions that a menu item cannot carry: each action's
/// [WorkbenchAction#alternates()] (F1's Ctrl+/, the keypad's zoom keys, …). The main bindings
/// are the menu items' accelerators.
///
/// The handler sits on the scene, in the bubbling phase like the accelerators, so the focused
/// control has the key first: nothing bound here takes a key a text field or list uses. (Alt+Up
/// and Alt+Down reach the scene from a focused `TextArea`, `TextField` or `ListView`: those
/// controls do not use them, so they are accelerators like any other; `WorkbenchMenusTest`
/// checks it.) FX thread only.
final class KeyBindings {

    private final Scene scene;
    private final EventHandler<KeyEvent> handler;

    private KeyBindings(Scene scene, WorkbenchMenus menus) {
        this.scene = scene;
        this.handler = event -> {
            for (WorkbenchAction action : WorkbenchAction.values()) {
                for (KeyCombination keys : action.alternates()) {
                    if (keys.match(event)) {
                        event.consume();
                        menus.fire(action);
                        return;
                    }
                }
            }
        };
    }

    static KeyBindings install(Scene scene, WorkbenchMenus menus) {
        var bindings = new KeyBindings(Objects.requireNonNull(scene, "scene"), Objects.requireNonNull(menus, "menus"));
        scene.addEventHandler(KeyEvent.KEY_PRESSED, bindings.handler);
        return bindings;
    }

    /// Removes the bindings from the scene.
    void uninstall() {
        scene.removeEventHandler(KeyEvent.KEY_PRESSED, handler);
    }
}
