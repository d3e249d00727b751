package chatroom.client.view;

import chatroom.client.viewmodel.Texts;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.Objects;

/// The workbench's menu bar, built from [WorkbenchAction]: one menu per [WorkbenchAction.Menu]
/// (titles with mnemonics, so Alt+letter or F10 opens them), one item per action, carrying the
/// action's accelerator so its keys work anywhere in the window, also while the input has focus.
/// Accelerators act after the focused control has had the key, so a field that uses a key
/// itself (Esc in a search field) keeps it.
///
/// An action with no handler is shown disabled; an action is enabled while its
/// [#enabledWhen] condition holds (always, if none is given). A disabled action's keys do
/// nothing. A [WorkbenchAction.Kind#TOGGLE] is a check item showing its [#selectedWhen] state;
/// choosing it runs the handler, which is expected to flip that state.
///
/// Usage: `new WorkbenchMenus(texts).on(JOIN_ROOM, …).enabledWhen(…).menuBar()`, then
/// [#install(Scene)] for the alternate key bindings. FX thread only.
final class WorkbenchMenus {

    private final Texts texts;
    private final Map<WorkbenchAction, Runnable> handlers = new EnumMap<>(WorkbenchAction.class);
    private final Map<WorkbenchAction, ObservableBooleanValue> enabled = new EnumMap<>(WorkbenchAction.class);
    private final Map<WorkbenchAction, ObservableBooleanValue> selected = new EnumMap<>(WorkbenchAction.class);
    private final Map<WorkbenchAction, MenuItem> items = new EnumMap<>(WorkbenchAction.class);
    private MenuBar bar;

    WorkbenchMenus(Texts texts) {
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /// The menus for `handlers`, enabled and selected as the maps say (either may lack actions).
    static WorkbenchMenus of(Texts texts, Map<WorkbenchAction, Runnable> handlers,
                             Map<WorkbenchAction, ? extends ObservableBooleanValue> enabled,
                             Map<WorkbenchAction, ? extends ObservableBooleanValue> selected) {
        var menus = new WorkbenchMenus(texts);
        handlers.forEach(menus::on);
        enabled.forEach(menus::enabledWhen);
        selected.forEach(menus::selectedWhen);
        return menus;
    }

    /// Runs `handler` when `action` is chosen (menu, accelerator or alternate keys).
    WorkbenchMenus on(WorkbenchAction action, Runnable handler) {
        requireNotBuilt();
        handlers.put(action, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /// `action` can be chosen only while `condition` holds.
    WorkbenchMenus enabledWhen(WorkbenchAction action, ObservableBooleanValue condition) {
        requireNotBuilt();
        enabled.put(action, Objects.requireNonNull(condition, "condition"));
        return this;
    }

    /// The state a toggle shows.
    WorkbenchMenus selectedWhen(WorkbenchAction action, ObservableBooleanValue state) {
        requireNotBuilt();
        if (action.kind() != WorkbenchAction.Kind.TOGGLE) {
            throw new IllegalArgumentException(action + " is not a toggle");
        }
        selected.put(action, Objects.requireNonNull(state, "state"));
        return this;
    }

    /// The menu bar (built on the first call).
    MenuBar menuBar() {
        if (bar == null) {
            bar = build();
        }
        return bar;
    }

    /// Binds the actions' [WorkbenchAction#alternates()] on `scene` (whose root holds the menu
    /// bar, which brings the main accelerators itself).
    KeyBindings install(Scene scene) {
        menuBar();
        return KeyBindings.install(scene, this);
    }

    /// Whether `action` can be chosen now.
    boolean isEnabled(WorkbenchAction action) {
        menuBar();
        return !items.get(action).isDisable();
    }

    /// Chooses `action` as its menu item would; nothing happens while it is disabled.
    void fire(WorkbenchAction action) {
        if (isEnabled(action)) {
            items.get(action).fire();
        }
    }

    /// The item of `action` (for tests).
    MenuItem item(WorkbenchAction action) {
        menuBar();
        return items.get(action);
    }

    private MenuBar build() {
        var menuBar = new MenuBar();
        menuBar.setId("workbenchMenus");
        Map<WorkbenchAction.Menu, Menu> menus = new EnumMap<>(WorkbenchAction.Menu.class);
        for (WorkbenchAction.Menu which : WorkbenchAction.Menu.values()) {
            var menu = new Menu(texts.get(which.textKey()));
            menu.setMnemonicParsing(true);
            menu.setId("menu-" + which.name().toLowerCase(Locale.ROOT));
            menus.put(which, menu);
            menuBar.getMenus().add(menu);
        }
        WorkbenchAction previous = null;
        for (WorkbenchAction action : WorkbenchAction.values()) {
            MenuItem item = item(action, handlers.get(action));
            items.put(action, item);
            var menu = menus.get(action.menu());
            if (previous != null && previous.menu() == action.menu() && startsGroup(action)) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            menu.getItems().add(item);
            previous = action;
        }
        return menuBar;
    }

    private MenuItem item(WorkbenchAction action, Runnable handler) {
        MenuItem item = switch (action.kind()) {
            case COMMAND -> new MenuItem(texts.get(action.textKey()));
            case TOGGLE -> new CheckMenuItem(texts.get(action.textKey()));
        };
        item.setId(action.id());
        item.setMnemonicParsing(false);
        item.setAccelerator(action.keys());
        ObservableBooleanValue condition = enabled.get(action);
        if (handler == null) {
            item.setDisable(true);
        } else if (condition != null) {
            item.disableProperty().bind(BooleanExpression.booleanExpression(condition).not());
        }
        ObservableBooleanValue state = selected.get(action);
        if (item instanceof CheckMenuItem check && state != null) {
            // Not bound: the item flips itself when chosen; the state is put back after the
            // handler ran, so the item shows what the handler made of it.
            state.subscribe(check::setSelected);
        }
        item.setOnAction(event -> {
            if (handler != null) {
                handler.run();
            }
            if (item instanceof CheckMenuItem check) {
                check.setSelected(state != null && state.get());
            }
        });
        return item;
    }

    /// Separators between groups of a menu: before the moderation, the search, the
    /// switching and the zoom actions, and before Quit.
    private static boolean startsGroup(WorkbenchAction action) {
        return GROUP_STARTS.contains(action);
    }

    private static final Set<WorkbenchAction> GROUP_STARTS = EnumSet.of(WorkbenchAction.QUICK_SWITCH,
            WorkbenchAction.PREFERENCES, WorkbenchAction.QUIT, WorkbenchAction.LOCK_TOPIC,
            WorkbenchAction.MUTE_NOTIFICATIONS, WorkbenchAction.SEARCH, WorkbenchAction.JUMP_TO_LATEST,
            WorkbenchAction.PREVIOUS_CONVERSATION, WorkbenchAction.ZOOM_IN, WorkbenchAction.CLOSE_PANEL,
            WorkbenchAction.BECOME_OPERATOR);

    private void requireNotBuilt() {
        if (bar != null) {
            throw new IllegalStateException("the menu bar is built already");
        }
    }
}
