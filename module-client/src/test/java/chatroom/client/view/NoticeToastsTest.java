package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.viewmodel.NoticeBoard;
import chatroom.client.viewmodel.Notification;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/// The in-window notices in a window: they show at the top right, "Open" opens the
/// conversation, the close button and Esc dismiss, and they go by themselves by the clock.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class NoticeToastsTest {

    private static final Notification TO_BOB = new Notification(new Name("bob"), "Private message from bob", "are you there?");
    private static final Notification IN_RUST = new Notification(RoomName.of("rust"), "carol mentioned you in #rust", "alice?");

    /// A clock the test moves; read by the FX thread's ticks.
    private static final class Clock implements InstantSource {
        private volatile Instant now = Instant.parse("2026-01-10T09:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    private final Clock clock = new Clock();
    private final List<Target> opened = new CopyOnWriteArrayList<>();
    private Stage stage;
    private NoticeBoard board;
    private NoticeToasts toasts;

    @AfterEach
    void close() {
        if (stage != null) {
            Ui.fxRun(() -> {
                toasts.dispose();
                stage.hide();
            });
        }
    }

    private void show(ClientOptions.Theme theme) {
        Platform.setImplicitExit(false);
        Ui.fxRun(() -> {
            board = new NoticeBoard(clock, opened::add);
            toasts = new NoticeToasts(board, ChatApplication.texts(Locale.ENGLISH));
            var content = new Label("the chat");
            content.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            var scene = new Scene(new StackPane(content, toasts.root()), 800, 600);
            new Themes(theme).apply(scene);
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
        });
    }

    private void deliver(Notification notification) {
        Ui.fxRun(() -> board.deliver(notification));
    }

    private static List<String> titles(FxRobot robot) {
        return Ui.fx(() -> robot.lookup(".toast-title").queryAllAs(Label.class).stream().map(Label::getText).toList());
    }

    private static Node toastOf(FxRobot robot, String title) {
        return Ui.fx(() -> {
            Node node = robot.lookup(".toast-title").queryAllAs(Label.class).stream()
                    .filter(label -> label.getText().equals(title)).findFirst().orElseThrow();
            while (!node.getStyleClass().contains("toast")) {
                node = node.getParent();
            }
            return node;
        });
    }

    private static Button button(FxRobot robot, String title, String styleClass) {
        Node toast = toastOf(robot, title);
        return Ui.fx(() -> robot.from(toast).lookup("." + styleClass).queryAs(Button.class));
    }

    @ParameterizedTest
    @EnumSource(value = ClientOptions.Theme.class, names = {"LIGHT", "DARK"})
    @DisplayName("a notice shows at the top right, newest first, with its words, in both themes")
    void shows(ClientOptions.Theme theme, FxRobot robot) {
        show(theme);
        deliver(TO_BOB);
        deliver(IN_RUST);

        Ui.await("two toasts", () -> robot.lookup(".toast").queryAll().size() == 2);
        assertThat(titles(robot)).containsExactly("carol mentioned you in #rust", "Private message from bob");
        assertThat(Ui.fx(() -> robot.lookup(".toast-text").queryAllAs(Label.class).stream().map(Label::getText).toList()))
                .containsExactly("alice?", "are you there?");
        Node bobs = toastOf(robot, "Private message from bob");
        double width = Ui.fx(() -> stage.getScene().getWidth());
        // A toast just added is placed by the next layout pass.
        Ui.await("placed at the right", () -> bobs.localToScene(bobs.getLayoutBounds()).getMaxX() > width - 40);
        Bounds toast = Ui.fx(() -> bobs.localToScene(bobs.getLayoutBounds()));
        assertThat(toast.getMaxX()).as("at the right").isGreaterThan(width - 40).isLessThanOrEqualTo(width);
        assertThat(toast.getMinY()).as("near the top").isLessThan(300);
        Button open = button(robot, "Private message from bob", "toast-open");
        assertThat(Ui.fx(open::getText)).isEqualTo("Open");
    }

    @Test
    @DisplayName("\"Open\" opens the notice's conversation and takes the notice away")
    void open(FxRobot robot) {
        show(ClientOptions.Theme.LIGHT);
        deliver(TO_BOB);
        deliver(IN_RUST);
        Ui.await("two toasts", () -> robot.lookup(".toast").queryAll().size() == 2);

        robot.clickOn(button(robot, "Private message from bob", "toast-open"));

        Ui.await("the conversation opened", () -> opened.equals(List.of(new Name("bob"))));
        Ui.await("its toast gone", () -> titles(robot).equals(List.of("carol mentioned you in #rust")));
    }

    @Test
    @DisplayName("the close button dismisses without opening; Esc dismisses the rest")
    void dismiss(FxRobot robot) {
        show(ClientOptions.Theme.LIGHT);
        deliver(TO_BOB);
        deliver(IN_RUST);
        deliver(new Notification(new Name("dave"), "Private message from dave", "yo"));
        Ui.await("three toasts", () -> robot.lookup(".toast").queryAll().size() == 3);

        robot.clickOn(button(robot, "carol mentioned you in #rust", "toast-dismiss"));
        Ui.await("one toast gone", () -> titles(robot).equals(
                List.of("Private message from dave", "Private message from bob")));

        Button open = button(robot, "Private message from bob", "toast-open");
        Ui.fxRun(open::requestFocus);
        robot.type(KeyCode.ESCAPE);

        Ui.await("all gone", () -> robot.lookup(".toast").queryAll().isEmpty());
        assertThat(opened).isEmpty();
    }

    @Test
    @DisplayName("a notice goes by itself once it has been seen for its lifetime")
    void expires(FxRobot robot) {
        show(ClientOptions.Theme.LIGHT);
        deliver(TO_BOB);
        Ui.await("the toast", () -> robot.lookup(".toast").queryAll().size() == 1);

        clock.advance(NoticeBoard.LIFETIME);

        Ui.await("gone", () -> robot.lookup(".toast").queryAll().isEmpty());
        assertThat(opened).isEmpty();
    }
}
