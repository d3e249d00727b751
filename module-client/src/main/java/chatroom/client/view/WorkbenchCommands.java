package chatroom.client.view;

import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.ConversationViewModel;
import chatroom.client.viewmodel.NoticeBoard;
import chatroom.client.viewmodel.Texts;
import chatroom.client.viewmodel.TranscriptSearch;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableBooleanValue;

import java.util.Optional;
import java.util.function.Consumer;

import static chatroom.client.view.WorkbenchAction.*;

/// Every action of the workbench, bound to what it does: the menu bar and the key bindings
/// come from here ([WorkbenchMenus]), so a menu item and its key always do the same thing.
/// FX thread only.
final class WorkbenchCommands {

    private static final int MIN_FONT = 10;
    private static final int MAX_FONT = 24;

    private final WorkbenchMenus menus;

    /// @param preferencesDialog opens the preferences
    WorkbenchCommands(ChatViewModel model, WorkbenchView view, Texts texts, PreferencesStore store, Themes themes,
                      NoticeBoard board, Runnable preferencesDialog) {
        var conversations = model.conversations();
        var open = conversations.openProperty();
        ObservableBooleanValue anyOpen = open.isNotNull();
        ObservableBooleanValue roomOpen = BooleanExpression.booleanExpression(
                open.map(ConversationViewModel::isRoom).orElse(false));
        ObservableBooleanValue operatorHere = BooleanExpression.booleanExpression(
                open.flatMap(ConversationViewModel::operatorProperty).orElse(false));
        var dialogs = view.dialogs();
        Consumer<Integer> zoom = size -> {
            int chosen = Math.clamp(size, MIN_FONT, MAX_FONT);
            store.update(preferences -> preferences.withFontSize(chosen));
            themes.setFontSize(chosen);
        };
        menus = new WorkbenchMenus(texts)
                .on(JOIN_ROOM, dialogs::rooms).enabledWhen(JOIN_ROOM, model.roomsSupportedProperty())
                .on(PRIVATE_MESSAGE, dialogs::privateMessage).enabledWhen(PRIVATE_MESSAGE, model.roomsSupportedProperty())
                .on(QUICK_SWITCH, dialogs::quickSwitch)
                .on(PREFERENCES, preferencesDialog)
                .on(QUIT, model::quit)
                .on(LEAVE_CONVERSATION, () -> model.actions().act(new chatroom.protocol.Command.Part(Optional.empty(), "")))
                .enabledWhen(LEAVE_CONVERSATION, BooleanExpression.booleanExpression(anyOpen)
                        .and(model.roomsSupportedProperty()))
                .on(SET_TOPIC, dialogs::setTopic).enabledWhen(SET_TOPIC, roomOpen)
                .on(SEND_ACTION, () -> model.sendAsAction()).enabledWhen(SEND_ACTION, anyOpen)
                .on(UNBAN, dialogs::unban).enabledWhen(UNBAN, operatorHere)
                .on(LOCK_TOPIC, model.actions()::toggleTopicLock).enabledWhen(LOCK_TOPIC, operatorHere)
                .selectedWhen(LOCK_TOPIC, BooleanExpression.booleanExpression(
                        open.flatMap(ConversationViewModel::topicLockedProperty).orElse(false)))
                .on(CLOSE_ROOM, dialogs::closeRoom).enabledWhen(CLOSE_ROOM, roomOpen)
                .on(MUTE_NOTIFICATIONS, () -> {
                    model.actions().toggleMuted();
                    var now = open.get();
                    if (now != null) {
                        store.update(preferences -> preferences.withMuted(model.server(), now.target(),
                                now.mutedProperty().get()));
                    }
                })
                .enabledWhen(MUTE_NOTIFICATIONS, anyOpen)
                .selectedWhen(MUTE_NOTIFICATIONS, BooleanExpression.booleanExpression(
                        open.flatMap(ConversationViewModel::mutedProperty).orElse(false)))
                .on(SEARCH, () -> view.conversation().search()).enabledWhen(SEARCH, anyOpen)
                .on(SEARCH_NEXT, () -> search(model).ifPresent(TranscriptSearch::next)).enabledWhen(SEARCH_NEXT, anyOpen)
                .on(SEARCH_PREVIOUS, () -> search(model).ifPresent(TranscriptSearch::previous))
                .enabledWhen(SEARCH_PREVIOUS, anyOpen)
                .on(JUMP_TO_LATEST, () -> view.conversation().jumpToLatest())
                .on(PREVIOUS_CONVERSATION, () -> conversations.move(-1))
                .on(NEXT_CONVERSATION, () -> conversations.move(1))
                .on(NEXT_UNREAD, conversations::openNextUnread)
                .on(CHANGE_NAME, dialogs::changeName)
                .on(SET_AWAY, dialogs::toggleAway).enabledWhen(SET_AWAY, model.roomsSupportedProperty())
                .selectedWhen(SET_AWAY, model.awayProperty())
                .on(BECOME_OPERATOR, dialogs::becomeOperator).enabledWhen(BECOME_OPERATOR, model.roomsSupportedProperty())
                .on(TOGGLE_SIDEBAR, view::toggleSidebar).selectedWhen(TOGGLE_SIDEBAR, view.sidebarShownProperty())
                .on(TOGGLE_MEMBERS, view::toggleMembers).selectedWhen(TOGGLE_MEMBERS, view.membersShownProperty())
                .on(ZOOM_IN, () -> zoom.accept(themes.fontSize() + 1))
                .on(ZOOM_OUT, () -> zoom.accept(themes.fontSize() - 1))
                .on(ZOOM_RESET, () -> zoom.accept(Preferences.DEFAULTS.fontSize()))
                .on(CLOSE_PANEL, () -> {
                    // Esc closes what is open on top: the search bar, else the notices.
                    var search = search(model).filter(found -> found.openProperty().get());
                    if (search.isPresent()) {
                        search.get().close();
                        view.focus();
                    } else {
                        board.dismissAll();
                    }
                })
                .on(SHORTCUTS, dialogs::shortcuts);
    }

    private static Optional<TranscriptSearch> search(ChatViewModel model) {
        return Optional.ofNullable(model.conversations().openProperty().get()).map(ConversationViewModel::search);
    }

    WorkbenchMenus menus() {
        return menus;
    }
}
