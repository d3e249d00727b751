package chatroom.client.view;

import chatroom.client.viewmodel.ConversationViewModel;
import chatroom.client.viewmodel.Conversations;
import chatroom.client.viewmodel.Texts;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.List;

/// The sidebar: the rooms the person is in, then their private conversations, each with
/// its unread count, a mention badge, and whether it is muted, away or left. Choosing one
/// (click, or arrows and Enter) opens it. FX thread only.
final class SidebarView {

    private final VBox root = new VBox(4);
    private final ListView<ConversationViewModel> rooms;
    private final ListView<ConversationViewModel> people;
    /// Set while the lists are brought in line with the open conversation, so that doing so
    /// is not taken for the person's choice.
    private boolean syncing;

    SidebarView(Conversations conversations, Texts texts) {
        root.getStyleClass().add("sidebar");
        root.setId("sidebar");
        rooms = list("sidebarRooms", conversations.rooms(), conversations, texts);
        people = list("sidebarPeople", conversations.people(), conversations, texts);
        var roomsTitle = sectionTitle(texts.get("sidebar.rooms"));
        var peopleTitle = sectionTitle(texts.get("sidebar.people"));
        Views.showIf(peopleTitle, Bindings.isNotEmpty(conversations.people()));
        Views.showIf(people, Bindings.isNotEmpty(conversations.people()));
        VBox.setVgrow(rooms, Priority.ALWAYS);
        VBox.setVgrow(people, Priority.SOMETIMES);
        root.getChildren().setAll(roomsTitle, rooms, peopleTitle, people);
        root.setMinWidth(140);
        conversations.openProperty().subscribe(this::showOpen);
    }

    Parent root() {
        return root;
    }

    private ListView<ConversationViewModel> list(String id, javafx.collections.ObservableList<ConversationViewModel> items,
                                                 Conversations conversations, Texts texts) {
        var list = new ListView<>(items);
        list.setId(id);
        list.getStyleClass().add("conversations");
        list.setCellFactory(view -> new ConversationCell(texts));
        list.getSelectionModel().selectedItemProperty().addListener((observable, before, chosen) -> {
            if (!syncing && chosen != null) {
                conversations.open(chosen);
            }
        });
        list.setPrefHeight(Region.USE_COMPUTED_SIZE);
        return list;
    }

    private void showOpen(ConversationViewModel open) {
        syncing = true;
        try {
            for (var list : List.of(rooms, people)) {
                if (open != null && list.getItems().contains(open)) {
                    list.getSelectionModel().select(open);
                } else {
                    list.getSelectionModel().clearSelection();
                }
            }
        } finally {
            syncing = false;
        }
    }

    private static Label sectionTitle(String text) {
        var label = new Label(text);
        label.getStyleClass().add("sidebar-title");
        return label;
    }

    /// One conversation: its name, then a mention badge or the unread count.
    private static final class ConversationCell extends ListCell<ConversationViewModel> {
        private static final List<String> STATES = List.of("unread", "muted", "away", "left");
        private final Texts texts;
        private final Label name = new Label();
        private final Label mutedMark = new Label();
        private final Label badge = new Label();
        private final HBox row;
        private Subscription watching = Subscription.EMPTY;

        ConversationCell(Texts texts) {
            this.texts = texts;
            mutedMark.setText(texts.get("sidebar.muted"));
            getStyleClass().add("conversation");
            name.getStyleClass().add("conversation-name");
            name.setMinWidth(0);
            mutedMark.getStyleClass().add("muted-mark");
            badge.getStyleClass().add("badge");
            badge.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(name, Priority.ALWAYS);
            name.setMaxWidth(Double.MAX_VALUE);
            row = new HBox(6, name, mutedMark, badge);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ConversationViewModel conversation, boolean empty) {
            super.updateItem(conversation, empty);
            watching.unsubscribe();
            watching = Subscription.EMPTY;
            setText(null);
            if (empty || conversation == null) {
                setGraphic(null);
                setTooltip(null);
                getStyleClass().removeAll(STATES);
                return;
            }
            Runnable show = () -> show(conversation);
            watching = Subscription.combine(conversation.unreadProperty().subscribe(show),
                    conversation.mentionsProperty().subscribe(show), conversation.mutedProperty().subscribe(show),
                    conversation.awayProperty().subscribe(show), conversation.joinedProperty().subscribe(show),
                    conversation.titleProperty().subscribe(show));
            // Subscribing with a Runnable does not run it: show what is true now.
            show(conversation);
            setGraphic(row);
        }

        private void show(ConversationViewModel conversation) {
            int unread = conversation.unreadProperty().get();
            int mentions = conversation.mentionsProperty().get();
            name.setText(conversation.titleProperty().get());
            badge.getStyleClass().remove("mention");
            if (mentions > 0) {
                badge.getStyleClass().add("mention");
                badge.setText("@ " + unread);
            } else {
                badge.setText(unread > 0 ? Integer.toString(unread) : "");
            }
            badge.setVisible(unread > 0);
            mutedMark.setVisible(conversation.mutedProperty().get());
            mutedMark.setManaged(conversation.mutedProperty().get());
            getStyleClass().removeAll(STATES);
            if (unread > 0) {
                getStyleClass().add("unread");
            }
            if (conversation.mutedProperty().get()) {
                getStyleClass().add("muted");
            }
            if (conversation.awayProperty().get()) {
                getStyleClass().add("away");
            }
            if (!conversation.joinedProperty().get()) {
                getStyleClass().add("left");
            }
            String tip = conversation.titleProperty().get();
            if (mentions > 0) {
                tip += " — " + texts.format("sidebar.mentions", mentions);
            } else if (unread > 0) {
                tip += " — " + texts.format("sidebar.unread", unread);
            }
            if (conversation.awayProperty().get()) {
                tip += " — " + texts.get("sidebar.away");
            }
            if (!conversation.joinedProperty().get()) {
                tip += " — " + texts.get("sidebar.left");
            }
            setTooltip(new Tooltip(tip));
        }
    }
}
