package chatroom.client.view;

import chatroom.client.viewmodel.ChatItem;
import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.ConversationViewModel;
import chatroom.client.viewmodel.Texts;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/// The open conversation: a topic bar, the transcript, what is still being sent, and the
/// input. Each conversation keeps its own message list (and so its scroll position) while
/// another is open. FX thread only.
final class ConversationPane {

    private final BorderPane root = new BorderPane();
    private final StackPane transcripts = new StackPane();
    private final Map<ConversationViewModel, Shown> lists = new HashMap<>();
    private final Texts texts;
    private final MessageInput input;
    private final ChatViewModel model;
    private final Consumer<String> openLink;

    ConversationPane(ChatViewModel model, Texts texts, Consumer<String> openLink, Runnable setTopic) {
        this.model = model;
        this.texts = texts;
        this.openLink = openLink;
        this.input = new MessageInput(model.input(), texts);
        root.getStyleClass().add("conversation-pane");
        root.setTop(topicBar(model, texts, setTopic));
        transcripts.setId("transcripts");
        root.setCenter(transcripts);
        root.setBottom(footer(model, texts));
        model.conversations().openProperty().subscribe(this::show);
        // A conversation closed: its list goes too.
        model.conversations().rooms().addListener((ListChangeListener<ConversationViewModel>) change -> forget());
        model.conversations().people().addListener((ListChangeListener<ConversationViewModel>) change -> forget());
    }

    Parent root() {
        return root;
    }

    void focus() {
        input.focus();
    }

    /// One conversation's transcript as shown: its list's follower (of the newest message) and
    /// its search bar.
    private record Shown(FollowBottom<ChatItem> follower, SearchBar search, Node root) {
    }

    /// Opens the search bar of the open conversation (Ctrl+F).
    void search() {
        open().ifPresent(shown -> shown.search().open());
    }

    /// Scrolls the open conversation to its newest message and follows it again.
    void jumpToLatest() {
        open().ifPresent(shown -> shown.follower().jumpToBottom());
    }

    private java.util.Optional<Shown> open() {
        return java.util.Optional.ofNullable(model.conversations().openProperty().get()).map(lists::get);
    }

    private void show(ConversationViewModel open) {
        if (open == null) {
            transcripts.getChildren().clear();
            return;
        }
        var shown = lists.computeIfAbsent(open, this::messages);
        transcripts.getChildren().setAll(shown.root());
    }

    private void forget() {
        var all = model.conversations().all();
        lists.keySet().removeIf(conversation -> !all.contains(conversation));
    }

    private Shown messages(ConversationViewModel conversation) {
        var list = new ListView<>(conversation.items());
        list.setId("messages");
        list.getStyleClass().add("messages");
        list.setFocusTraversable(false);
        list.setCellFactory(view -> new ChatItemCell(view.widthProperty(), openLink));
        var jump = new JumpToLatest<>(list, texts);
        var search = new SearchBar(list, texts);
        search.attach(conversation.search());
        var box = new VBox(search.root(), jump.root());
        VBox.setVgrow(jump.root(), Priority.ALWAYS);
        return new Shown(jump.follower(), search, box);
    }

    private static Node topicBar(ChatViewModel model, Texts texts, Runnable setTopic) {
        var title = new Label();
        title.setId("room");
        title.getStyleClass().add("room");
        title.setMinWidth(Region.USE_PREF_SIZE);
        var topic = new Label();
        topic.setId("topic");
        topic.getStyleClass().add("topic");
        topic.setMinWidth(0);
        topic.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(topic, Priority.ALWAYS);
        var edit = new Button(texts.get("topic.edit"));
        edit.setId("editTopic");
        edit.getStyleClass().add("flat");
        edit.setMinWidth(Region.USE_PREF_SIZE);
        edit.setOnAction(event -> setTopic.run());
        model.conversations().openProperty().subscribe(open -> {
            title.textProperty().unbind();
            topic.textProperty().unbind();
            if (open == null) {
                title.setText("");
                topic.setText("");
                edit.setVisible(false);
                return;
            }
            title.textProperty().bind(open.titleProperty());
            topic.textProperty().bind(Bindings.when(open.topicProperty().isEmpty())
                    .then(open.isRoom() ? texts.get("topic.none") : texts.get("topic.private"))
                    .otherwise(open.topicProperty()));
            edit.setVisible(open.isRoom());
        });
        // The topic takes what is left and is cut short first; the status line names the server.
        topic.setTooltip(new javafx.scene.control.Tooltip());
        topic.getTooltip().textProperty().bind(topic.textProperty());
        var bar = new HBox(10, title, topic, edit);
        bar.getStyleClass().add("header");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
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

        // Never disabled: typed while the connection is down, a message waits as "sending…".
        // Whatever the person sends is brought into view, even if they had scrolled up.
        input.area().addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER && !event.isShiftDown()
                    && !input.area().getText().isBlank()) {
                jumpToLatest();
            }
        });
        HBox.setHgrow(input.root(), Priority.ALWAYS);
        var send = new Button(texts.get("chat.send"));
        send.setId("send");
        send.getStyleClass().add("accent");
        send.setMinWidth(Region.USE_PREF_SIZE);
        send.disableProperty().bind(model.canSendProperty().not());
        send.setOnAction(event -> send());
        var inputRow = new HBox(8, input.root(), send);
        inputRow.getStyleClass().add("input-row");
        inputRow.setAlignment(Pos.BOTTOM_CENTER);

        var footer = new VBox(6, pending, inputRow);
        footer.getStyleClass().add("footer");
        return footer;
    }

    private void send() {
        model.send();
        // The person's own message is always brought into view.
        jumpToLatest();
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
}
