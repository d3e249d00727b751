package chatroom.client.view;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.List;
import java.util.Locale;

import static javafx.scene.input.KeyCombination.ALT_DOWN;
import static javafx.scene.input.KeyCombination.SHIFT_DOWN;
import static javafx.scene.input.KeyCombination.SHORTCUT_DOWN;

/// Every action of the workbench: the menu it sits in, its words (`workbench.action.<name>` in
/// the bundles), and its key binding. A menu item carries [#keys()] as its accelerator;
/// [#alternates()] are further bindings that [KeyBindings] installs on the scene (a menu item
/// has room for one accelerator only).
///
/// "Shortcut" is Ctrl on Windows and Linux and ⌘ on macOS. No binding takes a combination that
/// a text field or area needs for editing (`KeyBindingsTest` checks the list): the input keeps
/// Ctrl+A/C/V/X/Z/Y, Home/End with any modifier, Tab, Enter, Up/Down and the word moves.
public enum WorkbenchAction {

    // Chat: the session as a whole.
    JOIN_ROOM(Menu.CHAT, shortcut(KeyCode.J)),
    PRIVATE_MESSAGE(Menu.CHAT, shortcut(KeyCode.N)),
    QUICK_SWITCH(Menu.CHAT, shortcut(KeyCode.K)),
    PREFERENCES(Menu.CHAT, shortcut(KeyCode.COMMA)),
    QUIT(Menu.CHAT, shortcut(KeyCode.Q)),

    // Conversation: the open room or private conversation.
    LEAVE_CONVERSATION(Menu.CONVERSATION, shortcut(KeyCode.W)),
    SET_TOPIC(Menu.CONVERSATION, shortcut(KeyCode.T)),
    // What /me does, for what is typed in the input.
    SEND_ACTION(Menu.CONVERSATION, shortcutShift(KeyCode.E)),
    LOCK_TOPIC(Menu.CONVERSATION, shortcutShift(KeyCode.T), Kind.TOGGLE),
    UNBAN(Menu.CONVERSATION, shortcutShift(KeyCode.U)),
    CLOSE_ROOM(Menu.CONVERSATION, new KeyCodeCombination(KeyCode.W, SHORTCUT_DOWN, ALT_DOWN)),
    MUTE_NOTIFICATIONS(Menu.CONVERSATION, shortcutShift(KeyCode.M), Kind.TOGGLE),
    SEARCH(Menu.CONVERSATION, shortcut(KeyCode.F)),
    SEARCH_NEXT(Menu.CONVERSATION, new KeyCodeCombination(KeyCode.F3)),
    SEARCH_PREVIOUS(Menu.CONVERSATION, new KeyCodeCombination(KeyCode.F3, SHIFT_DOWN)),
    // Not Ctrl+End: in a text area that moves the caret to the end.
    JUMP_TO_LATEST(Menu.CONVERSATION, new KeyCodeCombination(KeyCode.END, ALT_DOWN)),
    PREVIOUS_CONVERSATION(Menu.CONVERSATION, new KeyCodeCombination(KeyCode.UP, ALT_DOWN),
            new KeyCodeCombination(KeyCode.PAGE_UP, SHORTCUT_DOWN)),
    NEXT_CONVERSATION(Menu.CONVERSATION, new KeyCodeCombination(KeyCode.DOWN, ALT_DOWN),
            new KeyCodeCombination(KeyCode.PAGE_DOWN, SHORTCUT_DOWN)),
    NEXT_UNREAD(Menu.CONVERSATION, new KeyCodeCombination(KeyCode.DOWN, ALT_DOWN, SHIFT_DOWN)),

    // People: oneself.
    CHANGE_NAME(Menu.PEOPLE, new KeyCodeCombination(KeyCode.F2)),
    SET_AWAY(Menu.PEOPLE, shortcutShift(KeyCode.A), Kind.TOGGLE),
    BECOME_OPERATOR(Menu.PEOPLE, shortcutShift(KeyCode.O)),

    // View: panels and size.
    TOGGLE_SIDEBAR(Menu.VIEW, shortcut(KeyCode.B), Kind.TOGGLE),
    TOGGLE_MEMBERS(Menu.VIEW, shortcutShift(KeyCode.B), Kind.TOGGLE),
    // Ctrl+= is also Ctrl++ without Shift on many layouts; the keypad's + and a layout's own +
    // key are alternates.
    ZOOM_IN(Menu.VIEW, shortcut(KeyCode.EQUALS), shortcut(KeyCode.PLUS), shortcut(KeyCode.ADD),
            shortcutShift(KeyCode.EQUALS)),
    ZOOM_OUT(Menu.VIEW, shortcut(KeyCode.MINUS), shortcut(KeyCode.SUBTRACT)),
    ZOOM_RESET(Menu.VIEW, shortcut(KeyCode.DIGIT0), shortcut(KeyCode.NUMPAD0)),
    // Accelerators act after the focused control: a field that uses Esc itself keeps it.
    CLOSE_PANEL(Menu.VIEW, new KeyCodeCombination(KeyCode.ESCAPE)),

    // Help.
    SHORTCUTS(Menu.HELP, new KeyCodeCombination(KeyCode.F1), shortcut(KeyCode.SLASH));

    /// The menus of the menu bar, in their order.
    public enum Menu {
        CHAT, CONVERSATION, PEOPLE, VIEW, HELP;

        /// The key of the menu's title (with its `_` mnemonic) in the bundles.
        public String textKey() {
            return "workbench.menu." + camel(name());
        }
    }

    /// How an action shows in its menu.
    public enum Kind {
        /// A plain command.
        COMMAND,
        /// An on/off state (a check menu item): firing it asks for the other state.
        TOGGLE
    }

    private final Menu menu;
    private final Kind kind;
    private final KeyCombination keys;
    private final List<KeyCombination> alternates;

    WorkbenchAction(Menu menu, KeyCombination keys, KeyCombination... alternates) {
        this(menu, keys, Kind.COMMAND, alternates);
    }

    WorkbenchAction(Menu menu, KeyCombination keys, Kind kind, KeyCombination... alternates) {
        this.menu = menu;
        this.kind = kind;
        this.keys = keys;
        this.alternates = List.of(alternates);
    }

    public Menu menu() {
        return menu;
    }

    public Kind kind() {
        return kind;
    }

    /// The binding shown in the menu and the shortcuts sheet.
    public KeyCombination keys() {
        return keys;
    }

    /// Further bindings of the same action (not shown in the menu).
    public List<KeyCombination> alternates() {
        return alternates;
    }

    /// [#keys()] then [#alternates()].
    public List<KeyCombination> allKeys() {
        var all = new java.util.ArrayList<KeyCombination>(1 + alternates.size());
        all.add(keys);
        all.addAll(alternates);
        return List.copyOf(all);
    }

    /// The key of the action's words in the bundles (`workbench.action.joinRoom`).
    public String textKey() {
        return "workbench.action." + camel(name());
    }

    /// The id of its menu item, for tests and CSS (`action-joinRoom`).
    public String id() {
        return "action-" + camel(name());
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, SHORTCUT_DOWN);
    }

    private static KeyCombination shortcutShift(KeyCode code) {
        return new KeyCodeCombination(code, SHORTCUT_DOWN, SHIFT_DOWN);
    }

    private static String camel(String constant) {
        var words = constant.toLowerCase(Locale.ROOT).split("_");
        var camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return camel.toString();
    }
}
