package chatroom.client.view;

import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.core.preferences.WindowLayout;
import chatroom.client.viewmodel.Attention;
import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.ConversationViewModel;
import chatroom.client.viewmodel.NoticeBoard;
import chatroom.client.viewmodel.PreferencesViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.client.viewmodel.ViewModelContext;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.util.List;
import java.util.function.Consumer;

/// The chat window once logged in: the workbench with its menus and key bindings, the
/// notifications, and what is remembered between runs (the window's size and panels, the
/// rooms to rejoin, muted conversations), read from and written to the preferences.
/// FX thread only.
final class WorkbenchWindow {

    private final Stage stage;
    private final ChatViewModel chat;
    private final PreferencesStore store;
    private final Themes themes;
    private final Texts texts;
    private final WorkbenchView view;
    private final DesktopNotifier notifier;
    private final NoticeToasts toasts;
    private final Timeline ticks;
    private final Attention attention;
    private final Scene scene;
    private KeyBindings keys;

    WorkbenchWindow(Stage stage, ChatViewModel chat, ViewModelContext context, PreferencesStore store, Themes themes,
                    Consumer<String> openLink) {
        this.stage = stage;
        this.chat = chat;
        this.store = store;
        this.themes = themes;
        this.texts = context.texts();
        view = new WorkbenchView(chat, texts, openLink);
        Consumer<Target> open = target -> {
            stage.setIconified(false);
            stage.toFront();
            stage.requestFocus();
            chat.actions().openConversation(target);
        };
        var board = new NoticeBoard(context.clock(), open);
        notifier = new DesktopNotifier(board, context.uiExecutor(), open, texts.get("attention.tray.tooltip"));
        attention = new Attention(context, notifier, target -> chat.isMuted(target));
        attention.windowFocusedProperty().bind(stage.focusedProperty());
        attention.enabledProperty().set(store.current().notifications());
        board.windowFocusedProperty().bind(stage.focusedProperty());
        chat.attendWith(attention);
        toasts = new NoticeToasts(board, texts);
        // Messages held back by a burst are told when it is over.
        ticks = new Timeline(new KeyFrame(Duration.seconds(1), event -> attention.tick()));
        ticks.setCycleCount(Animation.INDEFINITE);
        ticks.play();

        var commands = new WorkbenchCommands(chat, view, texts, store, themes, board, this::preferences);
        view.setMenuBar(commands.menus().menuBar());
        WindowLayout layout = store.current().layout();
        scene = new Scene(new StackPane(view.root(), toasts.root()), layout.width(), layout.height());
        keys = commands.menus().install(scene);
        stage.focusedProperty().subscribe(focused -> chat.conversations().setWindowFocused(focused));
        remember();
    }

    Scene scene() {
        return scene;
    }

    /// After the window is shown: its remembered shape, and the rooms of the last time.
    void shown() {
        WindowLayout layout = store.current().layout();
        stage.setMaximized(layout.maximized());
        view.showSidebar(layout.sidebarShown());
        view.showMembers(layout.memberListShown());
        placeDividers(layout);
        rejoin();
        view.focus();
    }

    private void placeDividers(WindowLayout layout) {
        view.placeDividers(layout.sidebarWidth(), layout.memberListWidth());
    }

    /// The rooms the person was in the last time on this server, joined again quietly (the
    /// default room stays open).
    private void rejoin() {
        List<RoomName> rooms = store.current().roomsFor(chat.server());
        chat.actions().rejoin(rooms);
    }

    /// Keeps the preferences up to date with the rooms joined and the conversations muted.
    private void remember() {
        chat.rememberMuted(target -> store.current().isMuted(chat.server(), target));
        chat.conversations().rooms().addListener((ListChangeListener<ConversationViewModel>) change -> {
            List<RoomName> rooms = chat.conversations().rooms().stream()
                    .filter(conversation -> conversation.joinedProperty().get())
                    .map(conversation -> (RoomName) conversation.target()).toList();
            store.update(preferences -> preferences.withRooms(chat.server(), rooms));
        });
    }

    private void preferences() {
        var model = new PreferencesViewModel(store, texts);
        model.appliedProperty().addListener((observable, before, after) ->
                attention.enabledProperty().set(store.current().notifications()));
        new PreferencesDialog(stage, model, texts, themes).show();
    }

    /// The window's shape as it is now, for the next run.
    void saveLayout() {
        double width = scene.getWidth();
        var panels = view.panels();
        double[] positions = panels.getDividerPositions();
        WindowLayout before = store.current().layout();
        int sidebarWidth = before.sidebarWidth();
        int memberListWidth = before.memberListWidth();
        boolean sidebar = view.sidebarShownProperty().get();
        boolean members = view.membersShownProperty().get();
        if (positions.length >= 1 && sidebar) {
            sidebarWidth = (int) Math.round(positions[0] * width);
        }
        if (positions.length >= 1 && members) {
            memberListWidth = (int) Math.round((1 - positions[positions.length - 1]) * width);
        }
        // A hidden panel keeps the width it had.
        boolean maximized = stage.isMaximized();
        var layout = WindowLayout.clamped(maximized ? before.width() : (int) Math.round(stage.getWidth()),
                maximized ? before.height() : (int) Math.round(stage.getHeight()), maximized, sidebarWidth,
                memberListWidth, sidebar, members);
        store.update(preferences -> preferences.withLayout(layout));
    }

    void dispose() {
        if (keys != null) {
            keys.uninstall();
            keys = null;
        }
        ticks.stop();
        toasts.dispose();
        notifier.close();
        view.dispose();
    }
}
