package chatroom.client.view;

import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.ConversationViewModel;
import chatroom.client.viewmodel.PromptChecks;
import chatroom.client.viewmodel.QuickSwitcherViewModel;
import chatroom.client.viewmodel.RoomDirectoryViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.protocol.Command;
import chatroom.protocol.Member;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/// The workbench's dialogs, each modal to the chat window and none waiting on the FX thread:
/// what the person confirms becomes a [Command] for the [ChatViewModel]. FX thread only.
final class WorkbenchDialogs {

    private final ChatViewModel model;
    private final Texts texts;
    private final PromptChecks checks;
    private final Supplier<Window> owner;

    WorkbenchDialogs(ChatViewModel model, Texts texts, Supplier<Window> owner) {
        this.model = model;
        this.texts = texts;
        this.checks = new PromptChecks(texts);
        this.owner = owner;
    }

    private Optional<ConversationViewModel> openRoom() {
        return Optional.ofNullable(model.conversations().openProperty().get()).filter(ConversationViewModel::isRoom);
    }

    void setTopic() {
        openRoom().ifPresent(room -> TextPrompt.of(texts, texts.format("prompt.topic.title", room.titleProperty().get()),
                        texts.get("prompt.topic.label"))
                .initial(room.topicProperty().get()).allowBlank().check(checks.shortText())
                .show(owner.get(), text -> model.actions().act(new Command.Topic(Optional.of((RoomName) room.target()),
                        Optional.of(text.strip())))));
    }

    void privateMessage() {
        TextPrompt.of(texts, texts.get("private.title"), texts.get("private.label")).check(checks.name())
                .show(owner.get(), model.actions()::openPrivate);
    }

    void changeName() {
        TextPrompt.of(texts, texts.get("prompt.name.title"), texts.get("prompt.name.label"))
                .initial(model.meProperty().get()).check(checks.name()).show(owner.get(), model.actions()::rename);
    }

    /// Says the person is away (asking why), or back.
    void toggleAway() {
        if (model.awayProperty().get()) {
            model.actions().act(new Command.Away(Optional.empty()));
            return;
        }
        TextPrompt.of(texts, texts.get("prompt.away.title"), texts.get("prompt.away.label"))
                .allowBlank().check(checks.shortText())
                .show(owner.get(), text -> model.actions().act(new Command.Away(
                        Optional.of(text.isBlank() ? texts.get("away.default") : text.strip()))));
    }

    void becomeOperator() {
        TextPrompt.of(texts, texts.get("prompt.oper.title"), texts.get("prompt.oper.label")).secret()
                .check(checks.password()).show(owner.get(), password -> model.actions().act(new Command.Oper(password)));
    }

    void kick(Name member) {
        openRoom().ifPresent(room -> TextPrompt.of(texts,
                        texts.format("prompt.kick.title", member, room.titleProperty().get()), texts.get("prompt.kick.label"))
                .allowBlank().check(checks.shortText())
                .show(owner.get(), reason -> model.actions().act(new Command.Kick(Optional.of((RoomName) room.target()), member,
                        reason.strip()))));
    }

    /// Operators: lifts a ban on a name or an address in the open room.
    void unban() {
        openRoom().ifPresent(room -> TextPrompt.of(texts, texts.format("prompt.unban.title", room.titleProperty().get()),
                        texts.get("prompt.unban.label")).check(checks.shortText())
                .show(owner.get(), target -> model.actions().act(new Command.Moderate(
                        Optional.of((RoomName) room.target()), Moderation.UNBAN, Optional.of(target.strip())))));
    }

    /// Server operators: closes the open room for good, once the person confirms.
    void closeRoom() {
        openRoom().ifPresent(room -> {
            var alert = new Alert(Alert.AlertType.CONFIRMATION,
                    texts.format("close.confirm", room.titleProperty().get()), ButtonType.YES, ButtonType.NO);
            alert.initOwner(owner.get());
            alert.setHeaderText(null);
            alert.setTitle(texts.format("prompt.close.title", room.titleProperty().get()));
            alert.setOnHidden(event -> {
                if (alert.getResult() == ButtonType.YES) {
                    model.actions().act(new Command.Moderate(Optional.of((RoomName) room.target()), Moderation.CLOSE,
                            Optional.empty()));
                }
            });
            alert.show();
        });
    }

    void shortcuts() {
        new ShortcutsSheet(texts, owner.get()).show();
    }

    /// The server's rooms, filterable, to join one or create a new one.
    void rooms() {
        var directory = new RoomDirectoryViewModel(texts, room -> model.actions().act(new Command.Join(room)), model.actions()::listRooms);
        ListChangeListener<Object> update = change -> directory.setRooms(model.serverRooms());
        model.serverRooms().addListener(update);
        var dialog = new JoinRoomDialog(directory, texts, owner.get()).show();
        dialog.setOnHidden(event -> model.serverRooms().removeListener(update));
    }

    /// Ctrl+K: the conversations first, then the members of the rooms, to open or talk to.
    void quickSwitch() {
        var switcher = new QuickSwitcherViewModel(model.actions()::openConversation);
        List<QuickSwitcherViewModel.Entry> entries = new ArrayList<>();
        for (var conversation : model.conversations().all()) {
            entries.add(new QuickSwitcherViewModel.Entry(conversation.titleProperty().get(),
                    conversation.isRoom() ? QuickSwitcherViewModel.Kind.ROOM : QuickSwitcherViewModel.Kind.PRIVATE,
                    conversation.unreadProperty().get(), conversation.target()));
        }
        for (var conversation : model.conversations().rooms()) {
            for (Member member : conversation.members()) {
                if (!member.name().key().equals(model.me().key())) {
                    entries.add(new QuickSwitcherViewModel.Entry(member.name().value(),
                            QuickSwitcherViewModel.Kind.PERSON, 0, member.name()));
                }
            }
        }
        switcher.setEntries(entries);
        new QuickSwitcher(switcher, texts, owner.get()).show();
    }
}
