package chatroom.client.view;

import chatroom.client.viewmodel.InputViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.protocol.Name;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/// The message input: a text area that grows with what is typed (one row up to [#MAX_ROWS],
/// then it scrolls) and, under it, why the last try was refused. It binds to an
/// [InputViewModel] and hands it its keys:
///
/// - Enter sends; Shift+Enter starts a new line (never a send).
/// - Tab completes the word before the caret (again: the next candidate), Shift+Tab goes
///   backwards; neither moves the focus (Ctrl+Tab still does, as in any text area).
/// - Up on the first line recalls the previous sent text when the input is empty or shows a
///   recalled one unedited, Down on the last line the next; otherwise they move the caret.
/// - Esc, and keys with Alt or Ctrl, are left to the window's key bindings.
///
/// It is never disabled: while the connection is down, what is typed is sent as usual and
/// the client core keeps it as "sending…" until it can go. FX thread only.
final class MessageInput {

    /// The most rows the input grows to.
    static final int MAX_ROWS = 5;

    private final InputViewModel model;
    private final TextArea area = new TextArea();
    private final VBox root;
    /// Measures one line of the area's font.
    private final Text probe = new Text("X");
    /// The skin's text node, whose height tells how many rows the text wraps to.
    private Text shown;

    MessageInput(InputViewModel model, Texts texts) {
        this.model = model;
        area.setId("input");
        area.getStyleClass().add("message-input");
        area.setPromptText(texts.get("composer.prompt"));
        area.setWrapText(true);
        area.setPrefRowCount(1);
        area.textProperty().bindBidirectional(model.textProperty());
        area.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        // The text node that measures the wrapped text exists once the skin and its scroll
        // pane have been laid out: it is looked for until it is found.
        area.textProperty().subscribe(text -> fitRows());
        area.widthProperty().subscribe(width -> fitRows());
        area.fontProperty().subscribe(font -> fitRows());
        var error = Views.messageLabel("inputError", "field-error", model.errorProperty());
        root = new VBox(4, area, error);
        root.getStyleClass().add("message-input-box");
    }

    /// The input and its error line, to put in a layout.
    Parent root() {
        return root;
    }

    /// The text area itself (for focus traversal and tests).
    TextArea area() {
        return area;
    }

    /// Gives the input the keyboard focus.
    void focus() {
        area.requestFocus();
    }

    /// Inserts `words` at the caret (with a space before them unless they start a word) and
    /// gives the input the focus, the caret after them: for "reply" or a quote.
    void insert(String words) {
        area.positionCaret(model.insert(words, area.getCaretPosition()));
        focus();
    }

    /// Inserts `name` at the caret as Tab completes it (`alice: ` at the start of a line,
    /// `alice ` elsewhere) and gives the input the focus: for a mention from the member list.
    void mention(Name name) {
        area.positionCaret(model.mention(name, area.getCaretPosition()));
        focus();
    }

    private void onKey(KeyEvent event) {
        if (event.isAltDown() || event.isControlDown() || event.isMetaDown() || event.isShortcutDown()) {
            return;
        }
        KeyCode code = event.getCode();
        switch (code) {
            case ENTER -> {
                event.consume();
                if (event.isShiftDown()) {
                    area.replaceSelection("\n");
                } else {
                    model.submit();
                }
            }
            case TAB -> {
                event.consume();
                int caret = area.getCaretPosition();
                area.positionCaret(event.isShiftDown() ? model.completeBackward(caret) : model.complete(caret));
            }
            case UP -> {
                if (!event.isShiftDown() && onFirstLine() && model.recallPrevious()) {
                    event.consume();
                    area.end();
                }
            }
            case DOWN -> {
                if (!event.isShiftDown() && onLastLine() && model.recallNext()) {
                    event.consume();
                    area.end();
                }
            }
            default -> {
                // Typing: the text area's own.
            }
        }
    }

    private boolean onFirstLine() {
        return typed().lastIndexOf('\n', area.getCaretPosition() - 1) < 0;
    }

    private boolean onLastLine() {
        return typed().indexOf('\n', area.getCaretPosition()) < 0;
    }

    private String typed() {
        return area.getText() == null ? "" : area.getText();
    }

    /// The skin's text node (the one in the content's group; the prompt is another), followed
    /// once found; `null` before the skin has built it.
    private Text shownText() {
        if (shown == null) {
            shown = area.lookupAll(".text").stream()
                    .filter(node -> node instanceof Text && node.getParent() instanceof Group)
                    .map(Text.class::cast)
                    .findFirst().orElse(null);
            if (shown != null) {
                shown.layoutBoundsProperty().subscribe(bounds -> fitRows());
            }
        }
        return shown;
    }

    /// As many rows as the text takes, wrapped, from 1 to [#MAX_ROWS]; before the skin has
    /// wrapped it, as many as it has lines.
    private void fitRows() {
        int rows;
        Text text = shownText();
        if (text != null && text.getText().equals(typed())) {
            probe.setFont(area.getFont());
            double line = probe.getLayoutBounds().getHeight();
            rows = (int) Math.round(text.getLayoutBounds().getHeight() / line);
        } else {
            rows = (int) typed().chars().filter(c -> c == '\n').count() + 1;
        }
        area.setPrefRowCount(Math.clamp(rows, 1, MAX_ROWS));
    }
}
