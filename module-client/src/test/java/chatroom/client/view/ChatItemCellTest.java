package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.viewmodel.ChatItem;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/// The message list's rows in a real list: grouped messages, links, actions, topics,
/// moderation and the unread marker.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class ChatItemCellTest {

    private final List<String> opened = new CopyOnWriteArrayList<>();
    private Stage stage;
    private ListView<ChatItem> list;

    @AfterEach
    void close() {
        if (stage != null) {
            Ui.fxRun(stage::hide);
        }
    }

    private void show(ClientOptions.Theme theme, double width, ChatItem... rows) {
        Platform.setImplicitExit(false);
        Ui.fxRun(() -> {
            ObservableList<ChatItem> items = FXCollections.observableArrayList(rows);
            list = new ListView<>(items);
            list.getStyleClass().add("messages");
            list.setCellFactory(view -> new ChatItemCell(view.widthProperty(), opened::add));
            var scene = new Scene(list, width, 600);
            new Themes(theme).apply(scene);
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
        });
    }

    /// The filled cell showing `item`.
    private ListCell<?> cellOf(FxRobot robot, ChatItem item) {
        return Ui.fx(() -> robot.lookup(node -> node instanceof ListCell<?> cell && !cell.isEmpty()
                && cell.getItem() == item).queryAs(ListCell.class));
    }

    /// The text a flow shows (its Text and Hyperlink pieces joined).
    static String flowText(TextFlow flow) {
        return flow.getChildren().stream().map(node -> switch (node) {
            case Text text -> text.getText();
            case Hyperlink link -> link.getText();
            default -> "";
        }).collect(Collectors.joining());
    }

    private static List<String> visibleLabels(Parent root) {
        return root.lookupAll(".label").stream().filter(ChatItemCellTest::reallyVisible)
                .map(node -> ((Label) node).getText()).toList();
    }

    private static boolean reallyVisible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    @DisplayName("a message that continues its group shows no avatar, sender or time; the first one does")
    void groupedMessage(FxRobot robot) {
        var first = new ChatItem.Message(1, "10:00", "bob", "first", false, false, false);
        var second = new ChatItem.Message(2, "10:01", "bob", "second", false, false, true);
        show(ClientOptions.Theme.LIGHT, 600, first, second);

        ListCell<?> head = cellOf(robot, first);
        ListCell<?> grouped = cellOf(robot, second);

        assertThat(Ui.fx(() -> visibleLabels(head))).contains("B", "bob", "10:00");
        assertThat(Ui.fx(() -> visibleLabels(grouped))).doesNotContain("B", "bob", "10:01");
        assertThat(Ui.fx(() -> grouped.getStyleClass())).contains("message", "continued");
        assertThat(Ui.fx(() -> flowText((TextFlow) grouped.lookup(".message-text")))).isEqualTo("second");
        // Compact: less tall than the row with the header.
        assertThat(Ui.fx(grouped::getHeight)).isLessThan(Ui.fx(head::getHeight));
    }

    @Test
    @DisplayName("a link is a Hyperlink; clicking it opens its URI")
    void links(FxRobot robot) {
        var message = new ChatItem.Message(1, "10:00", "bob", "read https://example.org/a_(b). now", false, false);
        show(ClientOptions.Theme.LIGHT, 600, message);

        ListCell<?> cell = cellOf(robot, message);
        var flow = Ui.fx(() -> (TextFlow) cell.lookup(".message-text"));
        assertThat(Ui.fx(() -> flow.getChildren().stream()
                .map(node -> node instanceof Hyperlink ? "Hyperlink" : node instanceof Text ? "Text" : "other").toList()))
                .containsExactly("Text", "Hyperlink", "Text");
        assertThat(Ui.fx(() -> flowText(flow))).isEqualTo("read https://example.org/a_(b). now");

        robot.clickOn(Ui.fx(() -> flow.getChildren().get(1)));

        Ui.await("the link opened", () -> !opened.isEmpty());
        assertThat(opened).containsExactly("https://example.org/a_(b)");
    }

    @Test
    @DisplayName("a long message or notice wraps at the list's width and the row grows to hold it")
    void wraps(FxRobot robot) {
        var short1 = new ChatItem.Message(1, "10:00", "bob", "short", false, false);
        var long1 = new ChatItem.Message(2, "10:00", "carol", "word ".repeat(120).strip(), false, false);
        var longLink = new ChatItem.Message(3, "10:00", "dave", "see https://example.org/" + "a".repeat(300), false, false);
        var longNotice = new ChatItem.Notice("10:01", "Topic: " + "word ".repeat(60).strip(), ChatItem.NoticeKind.TOPIC);
        show(ClientOptions.Theme.LIGHT, 400, short1, long1, longLink, longNotice);

        ListCell<?> shortCell = cellOf(robot, short1);
        ListCell<?> longCell = cellOf(robot, long1);
        var flow = Ui.fx(() -> (TextFlow) longCell.lookup(".message-text"));

        assertThat(Ui.fx(longCell::getHeight)).isGreaterThan(3 * Ui.fx(shortCell::getHeight));
        assertThat(Ui.fx(() -> flow.getLayoutBounds().getWidth())).isLessThan(400);
        // The whole text is inside its row.
        assertThat(Ui.fx(() -> flow.localToScene(flow.getLayoutBounds()).getMaxY()))
                .isLessThanOrEqualTo(Ui.fx(() -> longCell.localToScene(longCell.getLayoutBounds()).getMaxY()));
        // A link too long for a line is cut short, and still opens the whole address.
        var link = Ui.fx(() -> (Hyperlink) cellOf(robot, longLink).lookup(".message-link"));
        assertThat(Ui.fx(() -> link.localToScene(link.getLayoutBounds()).getMaxX())).isLessThan(400);
        robot.clickOn(link);
        Ui.await("the link opened", () -> !opened.isEmpty());
        assertThat(opened).containsExactly("https://example.org/" + "a".repeat(300));
        // A notice too.
        ListCell<?> noticeCell = cellOf(robot, longNotice);
        var noticeFlow = Ui.fx(() -> (TextFlow) noticeCell.lookup(".notice-text"));
        assertThat(Ui.fx(noticeCell::getHeight)).isGreaterThan(2 * Ui.fx(shortCell::getHeight));
        assertThat(Ui.fx(() -> noticeFlow.localToScene(noticeFlow.getLayoutBounds()).getMaxX())).isLessThan(400);
        assertThat(Ui.fx(() -> noticeFlow.localToScene(noticeFlow.getLayoutBounds()).getMaxY()))
                .isLessThanOrEqualTo(Ui.fx(() -> noticeCell.localToScene(noticeCell.getLayoutBounds()).getMaxY()));
    }

    @Test
    @DisplayName("actions, topics, moderation and the unread marker have their own looks, in both themes")
    void kinds(FxRobot robot) {
        for (ClientOptions.Theme theme : ClientOptions.Theme.values()) {
            var action = new ChatItem.Action(1, "10:00", "bob", "waves", false, false);
            var topic = new ChatItem.Notice("10:01", "bob set the topic: see www.example.org", ChatItem.NoticeKind.TOPIC);
            var kick = new ChatItem.Notice("10:02", "carol was kicked out by bob", ChatItem.NoticeKind.MODERATION);
            var presence = new ChatItem.Notice("10:03", "dave joined www.example.org", ChatItem.NoticeKind.PRESENCE);
            var marker = new ChatItem.UnreadMarker("New");
            show(theme, 600, action, topic, kick, presence, marker);

            assertThat(Ui.fx(() -> cellOf(robot, action).getStyleClass())).contains("action").doesNotContain("message");
            assertThat(Ui.fx(() -> flowText((TextFlow) cellOf(robot, action).lookup(".message-text"))))
                    .isEqualTo("bob waves");
            assertThat(Ui.fx(() -> visibleLabels(cellOf(robot, action)))).doesNotContain("B", "bob");
            assertThat(Ui.fx(() -> ((Text) cellOf(robot, action).lookup(".chat-text")).getFont().getStyle()))
                    .containsIgnoringCase("italic");
            assertThat(Ui.fx(() -> cellOf(robot, topic).getStyleClass())).contains("notice", "topic");
            assertThat(Ui.fx(() -> cellOf(robot, topic).lookup(".message-link"))).isInstanceOf(Hyperlink.class);
            assertThat(Ui.fx(() -> cellOf(robot, kick).getStyleClass())).contains("notice", "moderation");
            // Only a topic's text is somebody's: other notices get no links.
            assertThat(Ui.fx(() -> cellOf(robot, presence).lookup(".message-link"))).isNull();
            assertThat(Ui.fx(() -> cellOf(robot, marker).getStyleClass())).contains("unread");
            assertThat(Ui.fx(() -> visibleLabels(cellOf(robot, marker)))).containsExactly("New");
            Ui.fxRun(stage::hide);
        }
    }

    @Test
    @DisplayName("a reused cell shows the row it is given now, with no leftovers from the last")
    void reuse(FxRobot robot) {
        var linked = new ChatItem.Message(1, "10:00", "bob", "https://example.org", false, false);
        show(ClientOptions.Theme.LIGHT, 600, linked);
        assertThat(Ui.fx(() -> cellOf(robot, linked).lookup(".message-link"))).isNotNull();

        var plain = new ChatItem.Message(2, "10:05", "carol", "plain words", true, false, true);
        Ui.fxRun(() -> list.getItems().setAll(plain));

        Ui.await("the cell shows the new row", () -> cellOf(robot, plain) != null);
        ListCell<?> now = cellOf(robot, plain);
        assertThat(Ui.fx(() -> now.lookup(".message-link"))).isNull();
        assertThat(Ui.fx(() -> flowText((TextFlow) now.lookup(".message-text")))).isEqualTo("plain words");
        assertThat(Ui.fx(() -> now.getStyleClass())).contains("own", "continued");
    }
}
