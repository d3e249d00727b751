package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.viewmodel.ChatItem;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/// The message list follows its newest row while the person is at the bottom, whatever the
/// order of batches, layouts and resizes, and offers a "new messages" button when they are
/// not. The window is the chat's (900×620, dark, Italian) with the chat's wrapping rows.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class FollowBottomTest {

    /// Wraps over many lines at 900 pixels, and over very many while the list has no width yet.
    private static final String LONG = "Questa è una riga molto lunga, scritta da nc senza mai andare a capo; ".repeat(24);
    private static final int BATCH = 40;

    private Stage stage;
    private ObservableList<ChatItem> items;
    private ListView<ChatItem> list;
    private JumpToLatest<ChatItem> jump;
    private int nextId;

    @AfterEach
    void close() {
        if (stage != null) {
            Ui.fxRun(stage::hide);
        }
    }

    private ChatItem.Message line(String text) {
        nextId++;
        return new ChatItem.Message(nextId, "10:" + nextId % 60, "nc" + nextId % 3, text, false, false);
    }

    private List<ChatItem> lines(int count) {
        var lines = new ArrayList<ChatItem>();
        for (int i = 0; i < count; i++) {
            lines.add(line("riga " + (nextId + 1)));
        }
        return lines;
    }

    private List<ChatItem> greeting() {
        return List.of(new ChatItem.DaySeparator("lunedì 2 marzo 2026"),
                new ChatItem.Notice("10:00", "Connesso a 127.0.0.1:53000", ChatItem.NoticeKind.CONNECTION),
                new ChatItem.Notice("10:00", "Benvenuto alice nella stanza lobby", ChatItem.NoticeKind.PRESENCE));
    }

    /// Builds the list with `rows` already in it, then shows it `width`×`height` (FX thread).
    private void build(List<ChatItem> rows, double width, double height) {
        items = FXCollections.observableArrayList(rows);
        list = new ListView<>(items);
        list.setId("messages");
        list.getStyleClass().add("messages");
        list.setFocusTraversable(false);
        list.setCellFactory(view -> new ChatItemCell(view.widthProperty()));
        jump = new JumpToLatest<>(list, ChatApplication.texts(Locale.ITALIAN));
        var scene = new Scene(jump.root(), width, height);
        new Themes(ClientOptions.Theme.DARK).apply(scene);
        stage = new Stage();
        stage.setScene(scene);
        stage.show();
    }

    private void open(List<ChatItem> rows) {
        Platform.setImplicitExit(false);
        Ui.fxRun(() -> build(rows, 900, 620));
    }

    /// Waits until the last row ends inside the viewport, then for some more pulses, and checks
    /// it still does (a view that reaches the bottom and slides away again fails).
    private void assertFollowsToTheEnd() {
        try {
            Ui.await("the last row shown whole at the bottom", this::lastRowShown);
        } catch (AssertionError timedOut) {
            throw new AssertionError("the list stopped short of its last row: " + Ui.fx(this::where), timedOut);
        }
        pulses(6);
        assertThat(Ui.fx(this::where)).as("where the list stays").endsWith("last row shown");
    }

    private boolean lastRowShown() {
        return where().endsWith("last row shown");
    }

    /// What the list shows: `rows 12..41 of 42, last row shown` (FX thread).
    private String where() {
        var flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (first == null || last == null) {
            return "no rows shown";
        }
        Node viewport = flow.lookup(".clipped-container");
        double rowEnd = last.localToScene(0, last.getHeight()).getY();
        double viewportEnd = viewport.localToScene(0, flow.getViewportLength()).getY();
        boolean shown = last.getIndex() == items.size() - 1 && rowEnd <= viewportEnd + 1;
        return "rows " + first.getIndex() + ".." + last.getIndex() + " of " + items.size() + ", last row "
                + (shown ? "shown" : "ends " + Math.round(rowEnd - viewportEnd) + " px below the viewport");
    }

    private int firstVisible() {
        IndexedCell<?> first = ((VirtualFlow<?>) list.lookup(".virtual-flow")).getFirstVisibleCell();
        return first == null ? -1 : first.getIndex();
    }

    /// Waits for `count` pulses of the FX toolkit: layouts and post-layout work have run.
    private static void pulses(int count) {
        var done = new CountDownLatch(count);
        Ui.fxRun(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                done.countDown();
                if (done.getCount() == 0) {
                    stop();
                }
            }
        }.start());
        try {
            assertThat(done.await(Ui.TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("%d pulses", count).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Nested
    @DisplayName("while at the bottom, the list follows every time")
    class Follows {

        @Test
        @DisplayName("a long wrapping line, then 40 lines in one batch, right after the window opened")
        void longLineThenBurst() {
            open(greeting());
            var longLine = line(LONG);
            var burst = lines(BATCH);
            Platform.runLater(() -> items.add(longLine));
            Platform.runLater(() -> items.addAll(burst));
            assertFollowsToTheEnd();
        }

        @Test
        @DisplayName("batches that arrive before the window is shown")
        void beforeFirstLayout() {
            Platform.setImplicitExit(false);
            Ui.fxRun(() -> {
                var rows = new ArrayList<>(greeting());
                rows.add(line(LONG));
                build(rows, 900, 620);
                items.addAll(lines(BATCH));
                items.add(line(LONG));
                items.addAll(lines(5));
            });
            assertFollowsToTheEnd();
        }

        @Test
        @DisplayName("several batches between two pulses, long lines among them")
        void batchesBetweenPulses() {
            open(greeting());
            for (int batch = 0; batch < 8; batch++) {
                var rows = new ArrayList<ChatItem>(lines(5));
                rows.add(line(LONG.substring(0, 300 + 150 * batch)));
                Platform.runLater(() -> items.addAll(rows));
            }
            assertFollowsToTheEnd();
            var more = lines(BATCH);
            Ui.fxRun(() -> {
                items.add(line(LONG));
                items.addAll(more);
            });
            assertFollowsToTheEnd();
        }

        @Test
        @DisplayName("a window that opens small and grows while the rows arrive")
        void windowGrows() {
            Platform.setImplicitExit(false);
            Ui.fxRun(() -> build(greeting(), 420, 300));
            var longLine = line(LONG);
            var burst = lines(BATCH);
            Platform.runLater(() -> items.add(longLine));
            Platform.runLater(() -> {
                stage.setWidth(900);
                stage.setHeight(620);
                items.addAll(burst);
            });
            assertFollowsToTheEnd();
        }

        @Test
        @DisplayName("the list resized: narrower (rows grow taller), shorter, wider again")
        void resized() {
            var rows = new ArrayList<>(greeting());
            rows.addAll(lines(30));
            rows.add(line(LONG));
            open(rows);
            assertFollowsToTheEnd();
            Ui.fxRun(() -> stage.setWidth(560));
            assertFollowsToTheEnd();
            Ui.fxRun(() -> stage.setHeight(380));
            assertFollowsToTheEnd();
            Ui.fxRun(() -> {
                stage.setWidth(1000);
                stage.setHeight(700);
            });
            assertFollowsToTheEnd();
        }

        @Test
        @DisplayName("the last row grows taller after it was laid out")
        void lastRowGrows() {
            var rows = new ArrayList<>(greeting());
            rows.addAll(lines(BATCH));
            open(rows);
            assertFollowsToTheEnd();
            var longer = line(LONG);
            Ui.fxRun(() -> items.set(items.size() - 1, longer));
            assertFollowsToTheEnd();
            var longerStill = line(LONG + LONG);
            Ui.fxRun(() -> items.set(items.size() - 1, longerStill));
            assertFollowsToTheEnd();
        }

        @Test
        @DisplayName("items replaced with setAll, more of them than before")
        void replaced() {
            open(greeting());
            var history = new ArrayList<>(greeting());
            history.addAll(lines(60));
            history.add(line(LONG));
            history.addAll(lines(3));
            Platform.runLater(() -> items.setAll(history));
            assertFollowsToTheEnd();
        }
    }

    @Nested
    @DisplayName("while reading older rows")
    class ScrolledUp {

        private void openScrolledUp(FxRobot robot) {
            var rows = new ArrayList<>(greeting());
            rows.addAll(lines(BATCH));
            open(rows);
            assertFollowsToTheEnd();
            robot.moveTo(list).scroll(15, VerticalDirection.UP);
            Ui.await("the list scrolled up", () -> !jump.follower().followingProperty().get());
            pulses(3);
        }

        private Button button(FxRobot robot) {
            return Ui.fx(() -> robot.lookup("#jumpToLatest").queryButton());
        }

        @Test
        @DisplayName("new rows do not pull the view down; the button counts them, in Italian")
        void noYank(FxRobot robot) {
            openScrolledUp(robot);
            int top = Ui.fx(FollowBottomTest.this::firstVisible);
            assertThat(Ui.fx(() -> button(robot).isVisible())).as("button before new rows").isFalse();

            var three = lines(3);
            Platform.runLater(() -> items.addAll(three));
            Ui.await("the button", () -> button(robot).isVisible());
            pulses(4);
            assertThat(Ui.fx(FollowBottomTest.this::firstVisible)).as("first row shown").isEqualTo(top);
            assertThat(Ui.fx(() -> button(robot).getText())).isEqualTo("↓ 3 nuovi messaggi");
            assertThat(Ui.fx(FollowBottomTest.this::lastRowShown)).isFalse();
        }

        @Test
        @DisplayName("the button scrolls to the newest row, hides, and the list follows again")
        void jump(FxRobot robot) {
            openScrolledUp(robot);
            var one = line(LONG);
            Platform.runLater(() -> items.add(one));
            Ui.await("the button", () -> button(robot).isVisible());
            assertThat(Ui.fx(() -> button(robot).getText())).isEqualTo("↓ 1 nuovo messaggio");

            robot.clickOn("#jumpToLatest");
            assertFollowsToTheEnd();
            assertThat(Ui.fx(() -> button(robot).isVisible())).isFalse();
            assertThat(Ui.fx(() -> jump.follower().unseenProperty().get())).isZero();

            var burst = lines(BATCH);
            Platform.runLater(() -> items.addAll(burst));
            assertFollowsToTheEnd();
        }

        @Test
        @DisplayName("scrolling back down to the end follows again")
        void scrollBackDown(FxRobot robot) {
            openScrolledUp(robot);
            var two = lines(2);
            Platform.runLater(() -> items.addAll(two));
            Ui.await("the button", () -> button(robot).isVisible());
            robot.moveTo(list).scroll(200, VerticalDirection.DOWN);
            Ui.await("following again", () -> jump.follower().followingProperty().get());
            assertThat(Ui.fx(() -> button(robot).isVisible())).isFalse();
            var burst = lines(BATCH);
            Platform.runLater(() -> items.addAll(burst));
            assertFollowsToTheEnd();
        }

        @Test
        @DisplayName("the person's own message brings the view to the bottom (jumpToBottom)")
        void ownMessage(FxRobot robot) {
            openScrolledUp(robot);
            Ui.fxRun(() -> {
                items.add(new ChatItem.Message(9_999, "10:59", "alice", "la mia risposta", true, false));
                jump.follower().jumpToBottom();
            });
            assertFollowsToTheEnd();
        }

        @Test
        @DisplayName("code that scrolls to an older row (ListView.scrollTo) stops following too")
        void scrollToByCode() {
            var rows = new ArrayList<>(greeting());
            rows.addAll(lines(BATCH));
            open(rows);
            assertFollowsToTheEnd();
            Ui.fxRun(() -> list.scrollTo(0));
            Ui.await("the top row", () -> firstVisible() == 0);
            var more = lines(5);
            Platform.runLater(() -> items.addAll(more));
            Ui.await("five unseen", () -> jump.follower().unseenProperty().get() == 5);
            pulses(4);
            assertThat(Ui.fx(FollowBottomTest.this::firstVisible)).isZero();
        }
    }
}
