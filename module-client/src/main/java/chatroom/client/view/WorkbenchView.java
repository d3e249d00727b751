package chatroom.client.view;

import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.Texts;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
import javafx.stage.Window;

import java.util.function.Consumer;

/// The chat window's content, a workbench: the menu bar and the banners, then the sidebar of
/// conversations, the open conversation and the open room's members side by side (each side
/// panel can be resized and hidden), and a status line. It only binds to its
/// [ChatViewModel] and opens the dialogs it is asked for ([WorkbenchDialogs]). FX thread only.
final class WorkbenchView {

    private final BorderPane root = new BorderPane();
    private final VBox top = new VBox();
    private final SplitPane panels = new SplitPane();
    private final SidebarView sidebar;
    private final ConversationPane conversation;
    private final MemberListView members;
    private final ReconnectBanner banner;
    private final WorkbenchDialogs dialogs;
    private final ReadOnlyBooleanWrapper sidebarShown = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper membersShown = new ReadOnlyBooleanWrapper(true);
    /// The side panels' widths when last placed or shown, for when they come back.
    private final java.util.Map<Parent, Double> lastWidths = new java.util.HashMap<>();

    WorkbenchView(ChatViewModel model, Texts texts, Consumer<String> openLink) {
        banner = new ReconnectBanner(model.reconnect(), texts);
        dialogs = new WorkbenchDialogs(model, texts, this::window);
        sidebar = new SidebarView(model.conversations(), texts);
        conversation = new ConversationPane(model, texts, openLink, dialogs::setTopic);
        members = new MemberListView(model, texts, dialogs::kick);
        root.getStyleClass().add("chat");
        top.getChildren().setAll(securityBanner(model, texts), banner.root());
        root.setTop(top);
        panels.setId("panels");
        panels.getItems().setAll(sidebar.root(), conversation.root(), members.root());
        panels.setDividerPositions(0.2, 0.8);
        SplitPane.setResizableWithParent(sidebar.root(), false);
        SplitPane.setResizableWithParent(members.root(), false);
        root.setCenter(panels);
        root.setBottom(statusLine(model));
        model.onRequest(request -> {
            switch (request) {
                case HELP -> dialogs.shortcuts();
                case ROOMS -> dialogs.rooms();
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

    /// Puts the menu bar on top.
    void setMenuBar(Node menuBar) {
        top.getChildren().addFirst(menuBar);
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

    WorkbenchDialogs dialogs() {
        return dialogs;
    }

    SplitPane panels() {
        return panels;
    }

    /// Shows or hides the sidebar (Ctrl+B).
    void toggleSidebar() {
        showSidebar(!sidebarShown.get());
    }

    /// Shows or hides the member list.
    void toggleMembers() {
        showMembers(!membersShown.get());
    }

    void showSidebar(boolean show) {
        show(sidebar.root(), show, 0);
        sidebarShown.set(show);
    }

    void showMembers(boolean show) {
        show(members.root(), show, Integer.MAX_VALUE);
        membersShown.set(show);
    }

    ReadOnlyBooleanProperty sidebarShownProperty() {
        return sidebarShown.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty membersShownProperty() {
        return membersShown.getReadOnlyProperty();
    }

    private void show(Node panel, boolean show, int at) {
        boolean shown = panels.getItems().contains(panel);
        if (show == shown) {
            return;
        }
        // A split pane shares its width anew when an item comes or goes: keep the side panels'
        // widths as they were, and give the conversation the rest.
        double sidebarWidth = panelWidth(sidebar.root(), 220);
        double membersWidth = panelWidth(members.root(), 200);
        if (show) {
            panels.getItems().add(Math.min(at, panels.getItems().size()), panel);
        } else {
            panels.getItems().remove(panel);
        }
        placeDividers(sidebarWidth, membersWidth);
        // The split pane's skin shares the width out again on its next layout: once it has,
        // put the dividers back where they belong.
        var scene = root.getScene();
        if (scene != null) {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                placeDividers(sidebarWidth, membersWidth);
            };
            scene.addPostLayoutPulseListener(once[0]);
            panels.requestLayout();
        }
    }

    private double panelWidth(Parent panel, double otherwise) {
        return panels.getItems().contains(panel) && panel.getLayoutBounds().getWidth() > 0
                ? panel.getLayoutBounds().getWidth() : lastWidths.getOrDefault(panel, otherwise);
    }

    /// Puts the dividers so that the side panels shown are `sidebarWidth` and `membersWidth`
    /// pixels wide.
    void placeDividers(double sidebarWidth, double membersWidth) {
        lastWidths.put(sidebar.root(), sidebarWidth);
        lastWidths.put(members.root(), membersWidth);
        double width = panels.getWidth() > 0 ? panels.getWidth()
                : root.getScene() != null ? root.getScene().getWidth() : 900;
        boolean left = panels.getItems().contains(sidebar.root());
        boolean right = panels.getItems().contains(members.root());
        if (left && right) {
            panels.setDividerPositions(sidebarWidth / width, 1 - membersWidth / width);
        } else if (left) {
            panels.setDividerPositions(sidebarWidth / width);
        } else if (right) {
            panels.setDividerPositions(1 - membersWidth / width);
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
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
}
