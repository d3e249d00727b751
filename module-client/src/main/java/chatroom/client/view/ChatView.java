package chatroom.client.view;

import chatroom.client.viewmodel.ChatItem;
import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.protocol.Name;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/// The chat window's content: a header with the room, the reconnect banner, the messages,
/// the members, what is still being sent, the input line and a status line. It only binds
/// to its [ChatViewModel]. FX thread only.
final class ChatView {

    private final BorderPane root = new BorderPane();
    private final TextField input = new TextField();
    private final ReconnectBanner banner;

    ChatView(ChatViewModel model, Texts texts) {
        banner = new ReconnectBanner(model.reconnect(), texts);
        root.getStyleClass().add("chat");
        root.setTop(new VBox(header(model), securityBanner(model, texts), banner.root()));
        root.setCenter(new JumpToLatest<>(messages(model), texts).root());
        root.setRight(members(model, texts));
        root.setBottom(footer(model, texts));
        // Typing is kept while the connection is down; the cursor comes back with it.
        model.connectedProperty().subscribe(connected -> {
            if (connected) {
                input.requestFocus();
            }
        });
    }

    Parent root() {
        return root;
    }

    void focus() {
        input.requestFocus();
    }

    void dispose() {
        banner.dispose();
    }

    /// Why the client stopped reconnecting for good (a changed certificate above all), in red,
    /// with the one thing left to do.
    private static HBox securityBanner(ChatViewModel model, Texts texts) {
        var warning = new Label();
        warning.setId("chatSecurityWarning");
        warning.getStyleClass().add("security-warning");
        warning.setWrapText(true);
        warning.textProperty().bind(model.securityWarningProperty());
        HBox.setHgrow(warning, Priority.ALWAYS);
        var close = new Button(texts.get("banner.close"));
        close.setId("closeAfterWarning");
        close.setOnAction(event -> model.quit());
        var banner = new HBox(12, warning, close);
        banner.setId("chatSecurityBanner");
        banner.getStyleClass().add("security-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        Views.showIf(banner, Bindings.isNotEmpty(model.securityWarningProperty()));
        return banner;
    }

    private static HBox header(ChatViewModel model) {
        var room = new Label();
        room.setId("room");
        room.getStyleClass().add("room");
        room.textProperty().bind(Bindings.concat("# ", model.roomProperty()));
        var server = new Label(model.server().toString());
        server.getStyleClass().add("server");
        var header = new HBox(10, room, server);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.BASELINE_LEFT);
        return header;
    }

    private static ListView<ChatItem> messages(ChatViewModel model) {
        var list = new ListView<>(model.items());
        list.setId("messages");
        list.getStyleClass().add("messages");
        list.setFocusTraversable(false);
        list.setCellFactory(view -> new ChatItemCell(view.widthProperty()));
        return list;
    }

    private static VBox members(ChatViewModel model, Texts texts) {
        var title = new Label();
        title.getStyleClass().add("members-title");
        title.textProperty().bind(Bindings.concat(texts.get("chat.members"), " — ", Bindings.size(model.members())));
        var list = new ListView<>(model.members());
        list.setId("members");
        list.getStyleClass().add("members");
        list.setFocusTraversable(false);
        list.setCellFactory(view -> new MemberCell(model));
        VBox.setVgrow(list, Priority.ALWAYS);
        var pane = new VBox(6, title, list);
        pane.getStyleClass().add("members-pane");
        return pane;
    }

    private VBox footer(ChatViewModel model, Texts texts) {
        var pending = new VBox(2);
        pending.setId("pending");
        pending.getStyleClass().add("pending");
        Views.showIf(pending, Bindings.isNotEmpty(model.pending()));
        Runnable showPending = () -> pending.getChildren().setAll(
                model.pending().stream().map(text -> pendingRow(text, texts)).toList());
        showPending.run();
        model.pending().addListener((ListChangeListener<String>) change -> showPending.run());

        input.setId("input");
        input.setPromptText(texts.get("chat.prompt"));
        input.textProperty().bindBidirectional(model.inputProperty());
        input.disableProperty().bind(model.connectedProperty().not());
        input.setOnAction(event -> model.send());
        HBox.setHgrow(input, Priority.ALWAYS);
        var send = new Button(texts.get("chat.send"));
        send.setId("send");
        send.getStyleClass().add("accent");
        send.disableProperty().bind(model.canSendProperty().not());
        send.setOnAction(event -> model.send());
        var inputRow = new HBox(8, input, send);
        inputRow.getStyleClass().add("input-row");
        inputRow.setAlignment(Pos.CENTER);

        var inputError = Views.messageLabel("inputError", "field-error", model.inputErrorProperty());
        var status = new Label();
        status.setId("status");
        status.getStyleClass().add("status");
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);

        var footer = new VBox(6, pending, inputError, inputRow, status);
        footer.getStyleClass().add("footer");
        return footer;
    }

    private static HBox pendingRow(String text, Texts texts) {
        var words = new Label(text);
        words.getStyleClass().add("pending-text");
        words.setMinWidth(0);
        var sending = new Label(texts.get("chat.sending"));
        sending.getStyleClass().add("pending-state");
        sending.setMinWidth(Region.USE_PREF_SIZE);
        var row = new HBox(8, words, sending);
        row.getStyleClass().add("pending-row");
        row.setAlignment(Pos.BASELINE_LEFT);
        return row;
    }

    /// A member: the name, and a style class `me` for this client's person.
    private static final class MemberCell extends ListCell<Name> {
        private final ChatViewModel model;

        MemberCell(ChatViewModel model) {
            this.model = model;
            getStyleClass().add("member");
        }

        @Override
        protected void updateItem(Name name, boolean empty) {
            super.updateItem(name, empty);
            getStyleClass().remove("me");
            if (empty || name == null) {
                setText(null);
                return;
            }
            setText(name.value());
            if (name.key().equals(model.meProperty().get().toLowerCase(Locale.ROOT))) {
                getStyleClass().add("me");
            }
        }
    }
}
