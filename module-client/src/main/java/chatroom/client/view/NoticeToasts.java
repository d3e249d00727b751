package chatroom.client.view;

import chatroom.client.viewmodel.NoticeBoard;
import chatroom.client.viewmodel.Texts;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/// The in-window notices: toasts at the top right of the window, newest first, each with
/// "Open" (opens its conversation) and a close button. A click on a toast's words or Esc
/// while a toast has the focus dismisses. Put [#root()] in a `StackPane` over the window's
/// content; it takes only the room of its toasts and lets clicks elsewhere through.
///
/// Ticks the board four times a second while a toast shows, so toasts go away by the
/// context's clock. FX thread only.
final class NoticeToasts {

    private final NoticeBoard board;
    private final Texts texts;
    private final VBox root = new VBox(8);
    private final Timeline ticker;

    NoticeToasts(NoticeBoard board, Texts texts) {
        this.board = board;
        this.texts = texts;
        root.setId("notices");
        root.getStyleClass().add("notices");
        root.setFillWidth(true);
        root.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        root.setPickOnBounds(false);
        StackPane.setAlignment(root, Pos.TOP_RIGHT);
        StackPane.setMargin(root, new Insets(12));
        root.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE && board.dismissAll()) {
                event.consume();
            }
        });

        ticker = new Timeline(new KeyFrame(Duration.millis(250), event -> board.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        board.notices().subscribe(this::refresh);
        refresh();
    }

    VBox root() {
        return root;
    }

    void dispose() {
        ticker.stop();
    }

    /// At most [NoticeBoard#MAX_SHOWN] toasts: rebuilding them all is simpler than patching.
    private void refresh() {
        root.getChildren().setAll(board.notices().stream().map(this::toast).toList());
        if (board.notices().isEmpty()) {
            ticker.stop();
        } else {
            ticker.play();
        }
    }

    private VBox toast(NoticeBoard.Notice notice) {
        var title = new Label(notice.notification().title());
        title.getStyleClass().add("toast-title");
        title.setWrapText(true);
        var text = new Label(notice.notification().text());
        text.getStyleClass().add("toast-text");
        text.setWrapText(true);
        var words = new VBox(2, title, text);
        HBox.setHgrow(words, Priority.ALWAYS);
        words.setOnMouseClicked(event -> board.dismiss(notice));

        var dismiss = new Button("×");
        dismiss.getStyleClass().add("toast-dismiss");
        dismiss.setTooltip(new Tooltip(texts.get("attention.dismiss")));
        dismiss.setAccessibleText(texts.get("attention.dismiss"));
        dismiss.setOnAction(event -> board.dismiss(notice));
        var top = new HBox(8, words, dismiss);
        top.setAlignment(Pos.TOP_LEFT);

        var open = new Button(texts.get("attention.open"));
        open.getStyleClass().addAll("toast-open", "accent");
        open.setOnAction(event -> board.open(notice));
        var actions = new HBox(open);
        actions.setAlignment(Pos.CENTER_RIGHT);

        var toast = new VBox(6, top, actions);
        toast.getStyleClass().add("toast");
        toast.setPrefWidth(320);
        toast.setMaxWidth(320);
        return toast;
    }
}
