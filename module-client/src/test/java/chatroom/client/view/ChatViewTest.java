package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.core.ClientEvent;
import chatroom.client.core.ConnectionState;
import chatroom.client.core.ServerAddress;
import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.ViewModelContext;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/// The chat view's rows and parts, fed with client events directly (no server): what each
/// kind of row looks like, pending messages, the theme.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class ChatViewTest {

    private static final ZoneId ZONE = ZoneId.of("UTC");
    private Stage stage;

    @AfterEach
    void close() {
        if (stage != null) {
            Ui.fxRun(stage::hide);
        }
    }

    private ChatViewModel show(ClientOptions.Theme theme, List<ClientEvent> events) {
        Platform.setImplicitExit(false);
        return Ui.fx(() -> {
            var context = new ViewModelContext(Platform::runLater, ChatApplication.texts(Locale.ENGLISH), ZONE,
                    InstantSource.fixed(Instant.parse("2026-03-02T10:00:00Z")), Ui.MANUAL);
            var chat = ChatViewModel.open(context, new ServerAddress("127.0.0.1", 5999), new Name("alice"));
            chat.apply(events);
            var view = new WorkbenchView(chat, context.texts(), link -> { });
            var scene = new Scene(view.root(), 800, 600);
            new Themes(theme).apply(scene);
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
            return chat;
        });
    }

    private static final RoomName LOBBY = RoomName.of("lobby");

    private static ClientEvent message(long id, String time, String from, String text) {
        return new ClientEvent.Message(LOBBY, new ServerFrame.Chat(id, Instant.parse(time), new Name(from), text), false);
    }

    private static Set<String> classesOf(FxRobot robot, String text) {
        return Ui.fx(() -> {
            Node label = robot.lookup(node -> node instanceof Label l && text.equals(l.getText())
                    || node instanceof TextFlow flow && text.equals(ChatItemCellTest.flowText(flow))).query();
            Node cell = label;
            while (!(cell instanceof ListCell<?>)) {
                cell = cell.getParent();
            }
            return cell.getStyleClass().stream().collect(Collectors.toSet());
        });
    }

    @Test
    @DisplayName("rows: day separators, messages with time and sender, own, mention, notices, errors")
    void rows(FxRobot robot) {
        show(ClientOptions.Theme.LIGHT, List.of(
                new ClientEvent.StateChanged(ConnectionState.CONNECTED, Optional.empty(), Optional.empty()),
                message(1, "2026-03-01T23:59:00Z", "bob", "late"),
                message(2, "2026-03-02T09:30:00Z", "bob", "hey alice"),
                message(3, "2026-03-02T09:31:00Z", "alice", "hi bob"),
                new ClientEvent.Presence(Optional.of(LOBBY), new ServerFrame.Joined(new Name("carol"), Instant.parse("2026-03-02T09:32:00Z"))),
                new ClientEvent.Notice("you are sending too fast", true)));

        assertThat(Ui.fx(() -> robot.lookup(".day .day-label").queryAllAs(Label.class).stream().map(Label::getText).toList()))
                .containsExactlyInAnyOrder("Sunday, March 1, 2026", "Monday, March 2, 2026");
        assertThat(classesOf(robot, "late")).contains("message").doesNotContain("own", "mention");
        assertThat(classesOf(robot, "hey alice")).contains("message", "mention");
        assertThat(classesOf(robot, "hi bob")).contains("message", "own");
        assertThat(classesOf(robot, "carol joined the chat")).contains("notice", "presence");
        assertThat(classesOf(robot, "Error: you are sending too fast")).contains("notice", "error");
        assertThat(Ui.fx(() -> robot.lookup(label -> label instanceof Label l && "09:31".equals(l.getText())).tryQuery()))
                .isPresent();
    }

    @Test
    @DisplayName("a message not yet confirmed shows as sending… until it is")
    void pending(FxRobot robot) {
        var chat = show(ClientOptions.Theme.LIGHT, List.of(
                new ClientEvent.StateChanged(ConnectionState.CONNECTED, Optional.empty(), Optional.empty()),
                new ClientEvent.Unconfirmed(List.of("still on its way"))));

        assertThat(Ui.fx(() -> robot.lookup("#pending").query().isVisible())).isTrue();
        assertThat(Ui.fx(() -> robot.lookup("#pending .label").queryAllAs(Label.class).stream().map(Label::getText).toList()))
                .containsExactly("still on its way", "sending…");

        Ui.fxRun(() -> chat.apply(List.of(new ClientEvent.Unconfirmed(List.of()))));

        assertThat(Ui.fx(() -> robot.lookup("#pending").query().isVisible())).isFalse();
    }

    @Test
    @DisplayName("the dark theme uses the dark palette")
    void darkTheme(FxRobot robot) {
        show(ClientOptions.Theme.DARK, List.of());

        assertThat(Ui.fx(() -> stage.getScene().getStylesheets())).anyMatch(sheet -> sheet.endsWith("dark.css"));
    }

    @Test
    @DisplayName("the banner counts down while the connection is lost")
    void bannerCountdown(FxRobot robot) {
        show(ClientOptions.Theme.LIGHT, List.of(
                new ClientEvent.StateChanged(ConnectionState.CONNECTED, Optional.empty(), Optional.empty()),
                new ClientEvent.StateChanged(ConnectionState.WAITING_TO_RECONNECT, Optional.of("connection reset"),
                        Optional.of(Duration.ofSeconds(30)))));

        assertThat(Ui.fx(() -> robot.lookup("#banner").query().isVisible())).isTrue();
        assertThat(Ui.fx(() -> robot.lookup("#bannerReason").queryAs(Label.class).getText()))
                .isEqualTo("Connection lost: connection reset");
        assertThat(Ui.fx(() -> robot.lookup("#bannerPrompt").queryAs(Label.class).getText()))
                .isEqualTo("Reconnecting in 30 s…");
        // Typing goes on while the connection is down: what is sent then waits (fault 2).
        assertThat(Ui.fx(() -> robot.lookup("#input").query().isDisabled())).isFalse();
        assertThat(Ui.fx(() -> robot.lookup("#membersStale").query().isVisible())).isTrue();
    }
}
