package chatroom.bench;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/// The real desktop client's window, driven from outside as a person would: it finds the chat
/// window among JavaFX's windows, types into its input (`#input`) and reads what its lists
/// show (`#sidebarRooms`, the open conversation's `#messages`, its title `#room`).
///
/// The bench reaches the window through the node ids the view sets, since the client module
/// exports no view or view-model: if those ids change, this class must follow.
///
/// Every method but [#onFx] is called off the FX thread and hands its work to the FX thread;
/// every wait is bounded by the timeout given.
final class DesktopWindow {

    /// How often a condition on the window is looked at while waiting.
    private static final Duration POLL = Duration.ofMillis(10);
    /// How many rows from the end of a transcript are searched for a line.
    private static final int SCAN = 50;

    private final Stage stage;
    private final Duration timeout;

    private DesktopWindow(Stage stage, Duration timeout) {
        this.stage = stage;
        this.timeout = timeout;
    }

    /// Waits until JavaFX runs and shows the chat (logged in: the input and sidebar exist),
    /// as long as `running` (the client's thread) says the client has not given up.
    static DesktopWindow await(Duration timeout, BooleanSupplier running) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && running.getAsBoolean()) {
            Optional<Stage> chat;
            try {
                chat = onFx(DesktopWindow::chatStage, timeout);
            } catch (IllegalStateException notYet) {
                // The toolkit has not started yet.
                chat = Optional.empty();
            }
            if (chat.isPresent()) {
                return new DesktopWindow(chat.get(), timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new BenchException.ConnectFailed(running.getAsBoolean()
                ? "the desktop client showed no chat within " + timeout.toSeconds() + " s"
                : "the desktop client ended without showing the chat (JavaFX starts only once per JVM; without a "
                        + "display it needs the headless glass platform)");
    }

    private static Optional<Stage> chatStage() {
        for (Window window : List.copyOf(Window.getWindows())) {
            if (window instanceof Stage stage && stage.isShowing() && stage.getScene() != null
                    && stage.getScene().lookup("#input") != null && stage.getScene().lookup("#sidebarRooms") != null) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }

    /// Types `line` into the input and presses Enter.
    void type(String line) {
        onFx(() -> {
            var input = (TextInputControl) scene().lookup("#input");
            input.setText(line);
            // Enter, as a person presses it (the input is a text area: Enter sends).
            input.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
            return null;
        }, timeout);
    }

    /// Rooms in the sidebar (the lobby counts).
    int rooms() {
        return onFx(() -> ((ListView<?>) scene().lookup("#sidebarRooms")).getItems().size(), timeout);
    }

    /// The open conversation's title (`#r0`).
    String openTitle() {
        return onFx(() -> ((Label) scene().lookup("#room")).getText(), timeout);
    }

    /// Rows in the open conversation's transcript.
    int rows() {
        return onFx(() -> messages().getItems().size(), timeout);
    }

    /// Where a row stands in the open conversation's transcript.
    enum Place {
        /// Not among the transcript's last rows.
        ABSENT,
        /// In the transcript, but outside the visible part of the list.
        IN_LIST,
        /// In the visible part of the list: laid out and drawn, not just added.
        SHOWN
    }

    /// Where the row holding `marker` is (among the transcript's last rows).
    Place place(String marker) {
        return onFx(() -> {
            ListView<?> list = messages();
            var items = list.getItems();
            int at = -1;
            for (int i = items.size() - 1; i >= Math.max(0, items.size() - SCAN) && at < 0; i--) {
                // A row's record text carries the message text (see the view-model's ChatItem).
                if (String.valueOf(items.get(i)).contains(marker)) {
                    at = i;
                }
            }
            if (at < 0) {
                return Place.ABSENT;
            }
            return visible(list, at) ? Place.SHOWN : Place.IN_LIST;
        }, timeout);
    }

    /// Whether the transcript's last row is in the visible part of the list.
    boolean atBottom() {
        return onFx(() -> {
            ListView<?> list = messages();
            return !list.getItems().isEmpty() && visible(list, list.getItems().size() - 1);
        }, timeout);
    }

    /// Scrolls the open transcript to its end, as a person dragging the scroll bar down would.
    void scrollToEnd() {
        onFx(() -> {
            ListView<?> list = messages();
            list.scrollTo(list.getItems().size() - 1);
            if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.setPosition(1);
            }
            return null;
        }, timeout);
    }

    /// When the row holding a marker reached the transcript and the screen, in milliseconds
    /// after `started`; empty if it did not.
    record Arrival(OptionalDouble inListMillis, OptionalDouble shownMillis) {
    }

    /// Watches for the row holding `marker`: up to `timeout` for it to reach the transcript,
    /// then up to `grace` more for it to be shown (a list that stopped following the newest
    /// row never shows it).
    Arrival arrival(String marker, long started, Duration grace) {
        long deadline = System.nanoTime() + timeout.toNanos();
        OptionalDouble inList = OptionalDouble.empty();
        while (System.nanoTime() < deadline) {
            Place place = place(marker);
            long now = System.nanoTime();
            if (place != Place.ABSENT && inList.isEmpty()) {
                inList = OptionalDouble.of((now - started) / 1e6);
                deadline = Math.min(deadline, now + grace.toNanos());
            }
            if (place == Place.SHOWN) {
                return new Arrival(inList, OptionalDouble.of((now - started) / 1e6));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return new Arrival(inList, OptionalDouble.empty());
    }

    private static boolean visible(ListView<?> list, int index) {
        if (!(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return false;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        return first != null && last != null && first.getIndex() <= index && index <= last.getIndex();
    }

    /// What the open transcript shows, for a failure's message: its rows, the visible ones,
    /// and the last row.
    String describe() {
        return onFx(() -> {
            ListView<?> list = messages();
            var items = list.getItems();
            String visible = list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow
                    && flow.getFirstVisibleCell() != null && flow.getLastVisibleCell() != null
                    ? "rows " + flow.getFirstVisibleCell().getIndex() + "-" + flow.getLastVisibleCell().getIndex()
                    + " visible" : "no visible rows";
            return items.size() + " rows, " + visible + ", the last " + (items.isEmpty() ? "none" : items.getLast());
        }, timeout);
    }

    /// Waits (polling every few milliseconds) until `condition` holds; false after `within`.
    static boolean until(BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return condition.getAsBoolean();
    }

    /// Closes the window as its close button would: the client leaves and JavaFX exits.
    void close() {
        onFx(() -> {
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            return null;
        }, timeout);
    }

    private Scene scene() {
        return stage.getScene();
    }

    private ListView<?> messages() {
        Node list = scene().lookup("#messages");
        if (!(list instanceof ListView<?> view)) {
            throw new IllegalStateException("no conversation is open");
        }
        return view;
    }

    /// Runs `work` on the FX thread and returns its result.
    ///
    /// @throws IllegalStateException if JavaFX is not running, or `work` failed or took longer
    ///         than `timeout`
    static <T> T onFx(Callable<T> work, Duration timeout) {
        var result = new CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | LinkageError e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("on the FX thread: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
