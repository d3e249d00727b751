package chatroom.client.view;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Stream;

import static javafx.scene.input.KeyCombination.CONTROL_DOWN;
import static javafx.scene.input.KeyCombination.SHIFT_DOWN;
import static org.assertj.core.api.Assertions.assertThat;

/// The workbench's actions: each has its words and its own keys, and no key the input needs.
/// (Combinations are compared by name, or with the editing keys by their display text, which
/// says Ctrl for Shortcut off macOS.)
class WorkbenchActionTest {

    /// What a text field or area does with keys: editing, moving, selecting, sending.
    private static final List<KeyCombination> EDITING = Stream.of(
            Stream.of(KeyCode.A, KeyCode.C, KeyCode.V, KeyCode.X, KeyCode.Z, KeyCode.Y, KeyCode.HOME, KeyCode.END,
                    KeyCode.LEFT, KeyCode.RIGHT, KeyCode.UP, KeyCode.DOWN, KeyCode.BACK_SPACE, KeyCode.DELETE,
                    KeyCode.INSERT, KeyCode.TAB, KeyCode.BACK_SLASH, KeyCode.ENTER)
                    .map(code -> new KeyCodeCombination(code, CONTROL_DOWN)),
            Stream.of(KeyCode.Z, KeyCode.HOME, KeyCode.END, KeyCode.LEFT, KeyCode.RIGHT, KeyCode.UP, KeyCode.DOWN,
                    KeyCode.TAB)
                    .map(code -> new KeyCodeCombination(code, CONTROL_DOWN, SHIFT_DOWN)),
            Stream.of(KeyCode.HOME, KeyCode.END, KeyCode.LEFT, KeyCode.RIGHT, KeyCode.UP, KeyCode.DOWN, KeyCode.TAB,
                    KeyCode.ENTER, KeyCode.BACK_SPACE, KeyCode.DELETE, KeyCode.INSERT, KeyCode.PAGE_UP,
                    KeyCode.PAGE_DOWN, KeyCode.SPACE)
                    .flatMap(code -> Stream.of(new KeyCodeCombination(code), new KeyCodeCombination(code, SHIFT_DOWN))))
            .flatMap(combinations -> combinations).map(KeyCombination.class::cast).toList();

    private static List<KeyCombination> everyBinding() {
        return Arrays.stream(WorkbenchAction.values()).flatMap(action -> action.allKeys().stream()).toList();
    }

    @Test
    @DisplayName("no two actions (nor two keys of one action) share a key combination")
    void distinct() {
        Map<String, WorkbenchAction> owners = new HashMap<>();
        for (WorkbenchAction action : WorkbenchAction.values()) {
            for (KeyCombination keys : action.allKeys()) {
                // By name: the keypad's + and the main + show alike.
                WorkbenchAction before = owners.put(keys.getName(), action);
                assertThat(before).as(keys.getName() + " of " + action).isNull();
            }
        }
    }

    @Test
    @DisplayName("no binding takes a key that text editing needs")
    void noEditingKeys() {
        var editing = EDITING.stream().map(KeyCombination::getDisplayText).toList();
        assertThat(everyBinding()).extracting(KeyCombination::getDisplayText).doesNotContainAnyElementsOf(editing);
    }

    @Test
    @DisplayName("the bindings the issue names")
    void namedBindings() {
        assertThat(WorkbenchAction.QUICK_SWITCH.keys()).isEqualTo(KeyCombination.keyCombination("Shortcut+K"));
        assertThat(WorkbenchAction.PREVIOUS_CONVERSATION.keys()).isEqualTo(KeyCombination.keyCombination("Alt+Up"));
        assertThat(WorkbenchAction.NEXT_CONVERSATION.keys()).isEqualTo(KeyCombination.keyCombination("Alt+Down"));
        assertThat(WorkbenchAction.SEARCH.keys()).isEqualTo(KeyCombination.keyCombination("Shortcut+F"));
        assertThat(WorkbenchAction.CLOSE_PANEL.keys()).isEqualTo(KeyCombination.keyCombination("Esc"));
        assertThat(WorkbenchAction.SHORTCUTS.keys()).isEqualTo(KeyCombination.keyCombination("F1"));
        assertThat(WorkbenchAction.JOIN_ROOM.keys()).isEqualTo(KeyCombination.keyCombination("Shortcut+J"));
    }

    @Test
    @DisplayName("every action and menu has words in English and Italian; the menus' mnemonics differ")
    void words() {
        for (Locale locale : List.of(Locale.ROOT, Locale.ITALIAN)) {
            var bundle = ResourceBundle.getBundle("chatroom.client.view.messages", locale);
            for (WorkbenchAction action : WorkbenchAction.values()) {
                assertThat(bundle.getString(action.textKey())).as(action.textKey()).isNotBlank();
            }
            var mnemonics = Arrays.stream(WorkbenchAction.Menu.values()).map(menu -> {
                String title = bundle.getString(menu.textKey());
                int at = title.indexOf('_');
                assertThat(at).as(menu + " has a mnemonic in " + locale).isNotNegative();
                return Character.toLowerCase(title.charAt(at + 1));
            }).toList();
            assertThat(mnemonics).doesNotHaveDuplicates();
        }
    }
}
