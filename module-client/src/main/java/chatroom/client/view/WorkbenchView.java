package chatroom.client.view;

import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.ConversationViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.protocol.Command;
import chatroom.protocol.Name;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Optional;
import java.util.function.Consumer;

/// The chat window's content, a workbench: the menu bar, the banners, then the sidebar of
/// conversations, the open conversation and the open room's members side by side (each
/// panel can be resized and hidden), and a status line. It only binds to its [ChatViewModel]
/// and opens the dialogs the model asks for. FX thread only.
final class WorkbenchView {

    private final BorderPane root = new BorderPane();
    private final SplitPane panels = new SplitPane();
    private final SidebarView sidebar;
    private final ConversationPane conversation;
    private final MemberListView members;
    private final ReconnectBanner banner;
    private final ChatViewModel model;
    private final Texts texts;
    private final Prompts prompts;

    WorkbenchView(ChatViewModel model, Texts texts, Consumer<String> openLink, Prompts prompts) {
        this.model = model;
        this.texts = texts;
        this.prompts = prompts;
        banner = new ReconnectBanner(model.reconnect(), texts);
        sidebar = new SidebarView(model.conversations(), texts);
        conversation = new ConversationPane(model, texts, openLink, this::setTopic);
        members = new MemberListView(model, texts, this::kick);
        root.getStyleClass().add("chat");
        root.setTop(new VBox(securityBanner(model, texts), banner.root()));
        panels.setId("panels");
        panels.getItems().setAll(sidebar.root(), conversation.root(), members.root());
        panels.setDividerPositions(0.18, 0.80);
        SplitPane.setResizableWithParent(sidebar.root(), false);
        SplitPane.setResizableWithParent(members.root(), false);
        root.setCenter(panels);
        root.setBottom(statusLine(model));
        model.onRequest(request -> {
            switch (request) {
                case HELP -> prompts.help();
                case ROOMS -> prompts.rooms();
            }
        });
        // Typing is kept while the connection is down; the cursor comes back with it.
        model.connectedProperty().subscribe(connected -> {
            if (connected) {
                conversation.focus();
            }
        });
        model.conversations().openProperty().subscribe(open -> conversation.focus());
    }

    Parent root() {
        return root;
    }

    /// Puts the menu bar on top (the window builds it: its actions reach beyond this view).
    void setMenuBar(Node menuBar) {
        ((VBox) root.getTop()).getChildren().addFirst(menuBar);
    }

    void focus() {
        conversation.focus();
    }

    void dispose() {
        banner.dispose();
    }

    ConversationPane conversation() {
        return conversation;
    }

    /// Shows or hides the sidebar (Ctrl+B).
    void toggleSidebar() {
        toggle(sidebar.root(), 0);
    }

    /// Shows or hides the member list.
    void toggleMembers() {
        toggle(members.root(), panels.getItems().size());
    }

    boolean sidebarShown() {
        return panels.getItems().contains(sidebar.root());
    }

    boolean membersShown() {
        return panels.getItems().contains(members.root());
    }

    SplitPane panels() {
        return panels;
    }

    private void toggle(Node panel, int at) {
        if (!panels.getItems().remove(panel)) {
            panels.getItems().add(Math.min(at, panels.getItems().size()), panel);
        }
    }

    void setTopic() {
        var open = model.conversations().openProperty().get();
        if (open == null || !open.isRoom()) {
            return;
        }
        prompts.text(texts.get("topic.title"), texts.get("topic.label"), open.topicProperty().get())
                .ifPresent(text -> model.act(new Command.Topic(Optional.empty(), Optional.of(text))));
    }

    /// Leaves the open room, or closes the open private conversation.
    void leave() {
        model.act(new Command.Part(Optional.empty(), ""));
    }

    /// Asks for a person's name and opens the private conversation with them.
    void privateMessage() {
        prompts.text(texts.get("private.title"), texts.get("private.label"), "").ifPresent(model::openPrivate);
    }

    /// Asks for a new name.
    void changeName() {
        prompts.text(texts.get("nick.title"), texts.get("nick.label"), model.meProperty().get())
                .ifPresent(model::rename);
    }

    /// Says the person is away (asking why), or back.
    void toggleAway() {
        if (model.awayProperty().get()) {
            model.act(new Command.Away(Optional.empty()));
            return;
        }
        prompts.text(texts.get("away.title"), texts.get("away.label"), texts.get("away.default"))
                .filter(text -> !text.isBlank())
                .ifPresent(text -> model.act(new Command.Away(Optional.of(text.strip()))));
    }

    /// Asks for the server operators' password.
    void becomeOperator() {
        prompts.secret(texts.get("oper.title"), texts.get("oper.label"))
                .ifPresent(password -> model.act(new Command.Oper(password)));
    }

    /// Operators: only operators may set the open room's topic, or anybody again.
    void lockTopic(boolean locked) {
        model.act(new Command.Moderate(Optional.empty(),
                locked ? chatroom.protocol.Moderation.LOCK_TOPIC : chatroom.protocol.Moderation.UNLOCK_TOPIC,
                Optional.empty()));
    }

    /// Server operators: closes the open room for good.
    void closeRoom() {
        var open = model.conversations().openProperty().get();
        if (open != null && open.isRoom() && prompts.confirm(texts.format("close.confirm", open.titleProperty().get()))) {
            model.act(new Command.Moderate(Optional.of((chatroom.protocol.RoomName) open.target()),
                    chatroom.protocol.Moderation.CLOSE, Optional.empty()));
        }
    }

    private void kick(ConversationViewModel where, Name name) {
        prompts.text(texts.format("members.kick.title", name), texts.get("members.kick.reason"), "")
                .ifPresent(reason -> model.act(new Command.Kick(Optional.empty(), name, reason)));
    }

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

    private static Label statusLine(ChatViewModel model) {
        var status = new Label();
        status.setId("status");
        status.getStyleClass().add("status");
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        return status;
    }

    /// The dialogs the workbench opens (the window owns them, so they are modal to it).
    interface Prompts {
        /// Asks for one line of text; empty if the person cancelled.
        Optional<String> text(String title, String label, String initial);

        /// Asks for a password (not shown as it is typed); empty if the person cancelled.
        Optional<String> secret(String title, String label);

        /// Asks a yes/no question.
        boolean confirm(String question);

        /// The keyboard shortcuts and commands.
        void help();

        /// The server's rooms, to join or create one.
        void rooms();
    }
}
