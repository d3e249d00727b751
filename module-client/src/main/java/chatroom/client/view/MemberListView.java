package chatroom.client.view;

import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.protocol.Member;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.Parent;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Consumer;

/// The open room's members: operators marked `@`, away members dimmed, muted ones marked.
/// A member's context menu (right click, the menu key or Shift+F10) opens a private
/// conversation and, for the room's operators, kicks, bans, mutes or makes operator. While
/// the connection is lost the list says it is not up to date. FX thread only.
final class MemberListView {

    private final VBox root = new VBox(6);
    private final ListView<Member> list = new ListView<>();

    /// @param kick asks for a reason, then kicks the member from the open room (the workbench
    ///             owns the prompt)
    MemberListView(ChatViewModel model, Texts texts, Consumer<Name> kick) {
        root.getStyleClass().add("members-pane");
        root.setId("membersPane");
        var title = new Label();
        title.getStyleClass().add("members-title");
        var stale = new Label(texts.get("members.stale"));
        stale.setId("membersStale");
        stale.getStyleClass().add("members-stale");
        stale.setWrapText(true);
        Views.showIf(stale, model.connectedProperty().not());
        model.connectedProperty().subscribe(connected -> {
            list.getStyleClass().remove("stale");
            if (!connected) {
                list.getStyleClass().add("stale");
            }
        });
        list.setId("members");
        list.getStyleClass().add("members");
        // From the keyboard too: Enter talks privately, the menu key or Shift+F10 opens the menu.
        list.setOnKeyPressed(event -> {
            Member chosen = list.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && chosen != null) {
                model.actions().openPrivate(chosen.name());
                event.consume();
            }
        });
        list.setOnContextMenuRequested(event -> {
            Member chosen = list.getSelectionModel().getSelectedItem();
            if (event.isKeyboardTrigger() && chosen != null && !chosen.name().key().equals(model.me().key())) {
                var bounds = list.localToScreen(list.getLayoutBounds());
                MemberCell.menu(model, texts, kick, chosen).show(list, bounds.getMinX() + 20, bounds.getMinY() + 40);
                event.consume();
            }
        });
        list.setCellFactory(view -> new MemberCell(model, texts, kick));
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().setAll(title, stale, list);
        model.conversations().openProperty().subscribe(open -> {
            list.setItems(open == null ? FXCollections.emptyObservableList() : open.members());
            title.textProperty().unbind();
            title.textProperty().bind(Bindings.concat(texts.get("chat.members"), " — ", Bindings.size(list.getItems())));
        });
    }

    Parent root() {
        return root;
    }

    /// A member: the name with `@` for an operator; style classes `me`, `away`, `muted`.
    private static final class MemberCell extends ListCell<Member> {
        private static final List<String> STATES = List.of("me", "away", "muted", "operator");
        private final ChatViewModel model;
        private final Texts texts;
        private final Consumer<Name> kick;

        MemberCell(ChatViewModel model, Texts texts, Consumer<Name> kick) {
            this.model = model;
            this.texts = texts;
            this.kick = kick;
            getStyleClass().add("member");
            setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && getItem() != null) {
                    model.actions().openPrivate(getItem().name());
                }
            });
        }

        @Override
        protected void updateItem(Member member, boolean empty) {
            super.updateItem(member, empty);
            getStyleClass().removeAll(STATES);
            if (empty || member == null) {
                setText(null);
                setContextMenu(null);
                return;
            }
            setText((member.operator() ? "@" : member.voiced() ? "+" : "") + member.name().value());
            boolean isMe = member.name().key().equals(model.me().key());
            if (isMe) {
                getStyleClass().add("me");
            }
            if (member.away()) {
                getStyleClass().add("away");
            }
            if (member.muted()) {
                getStyleClass().add("muted");
            }
            if (member.operator()) {
                getStyleClass().add("operator");
            }
            setContextMenu(isMe ? null : menu(model, texts, kick, member));
        }

        static ContextMenu menu(ChatViewModel model, Texts texts, Consumer<Name> kick,
                                Member member) {
            Name name = member.name();
            var talk = item(texts, "members.message", "memberMessage", () -> model.actions().openPrivate(name));
            var menu = new ContextMenu(talk);
            var open = model.conversations().openProperty().get();
            if (open != null && open.operatorProperty().get()) {
                menu.getItems().addAll(new SeparatorMenuItem(),
                        item(texts, "members.kick", "memberKick", () -> kick.accept(name)),
                        item(texts, "members.ban", "memberBan", () -> model.actions().moderate(Moderation.BAN, name)),
                        member.muted()
                                ? item(texts, "members.unmute", "memberUnmute",
                                        () -> model.actions().moderate(Moderation.UNMUTE, name))
                                : item(texts, "members.mute", "memberMute",
                                        () -> model.actions().moderate(Moderation.MUTE, name)),
                        member.operator()
                                ? item(texts, "members.deop", "memberDeop",
                                        () -> model.actions().moderate(Moderation.DEOP, name))
                                : item(texts, "members.op", "memberOp",
                                        () -> model.actions().moderate(Moderation.OP, name)));
            }
            return menu;
        }

        private static MenuItem item(Texts texts, String key, String id, Runnable action) {
            var item = new MenuItem(texts.get(key));
            item.setId(id);
            item.setOnAction(event -> action.run());
            return item;
        }
    }
}
