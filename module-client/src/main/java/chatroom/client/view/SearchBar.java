package chatroom.client.view;

import chatroom.client.viewmodel.ChatItem;
import chatroom.client.viewmodel.Texts;
import chatroom.client.viewmodel.TranscriptSearch;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Subscription;

import java.util.function.Consumer;

/// The bar that searches the open conversation: a field, the older/newer buttons, the status
/// ("2 of 7") and a close button. Enter goes to the next older match, Shift+Enter to the next
/// newer one, Esc closes. While it is open, the current match is scrolled into view and
/// selected in the message list (styled by `.messages.searching`).
///
/// It shows the search [#attach]ed last, whose list must be the one the message list shows;
/// the window's Ctrl+F calls [#open()]. FX thread only.
final class SearchBar {

    /// On the status while the query matches nothing.
    private static final PseudoClass NO_MATCH = PseudoClass.getPseudoClass("no-match");

    private final ListView<ChatItem> list;
    private final HBox root;
    private final TextField field = new TextField();
    private final Label status = new Label();
    private final Button older;
    private final Button newer;
    private final SimpleBooleanProperty shown = new SimpleBooleanProperty();
    private TranscriptSearch search;
    private Subscription attached = Subscription.EMPTY;
    /// The row last scrolled to, so that rows arriving or going do not scroll the list again.
    private ChatItem scrolledTo;

    SearchBar(ListView<ChatItem> list, Texts texts) {
        this.list = list;
        field.setId("searchField");
        field.setPromptText(texts.get("transcript.search.prompt"));
        HBox.setHgrow(field, Priority.ALWAYS);
        field.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        status.setId("searchStatus");
        status.getStyleClass().add("search-status");
        status.setMinWidth(Label.USE_PREF_SIZE);
        older = button("searchOlder", "▲", texts.get("transcript.search.older"));
        older.setOnAction(event -> ifAttached(TranscriptSearch::next));
        newer = button("searchNewer", "▼", texts.get("transcript.search.newer"));
        newer.setOnAction(event -> ifAttached(TranscriptSearch::previous));
        var close = button("searchClose", "✕", texts.get("transcript.search.close"));
        close.setOnAction(event -> ifAttached(TranscriptSearch::close));
        root = new HBox(6, field, status, older, newer, close);
        root.setId("searchBar");
        root.getStyleClass().add("search-bar");
        root.setAlignment(Pos.CENTER_LEFT);
        Views.showIf(root, shown);
    }

    Node root() {
        return root;
    }

    /// Shows `next` from now on; the search shown before is closed.
    void attach(TranscriptSearch next) {
        if (search != null) {
            search.close();
        }
        attached.unsubscribe();
        search = next;
        scrolledTo = null;
        field.textProperty().bindBidirectional(next.queryProperty());
        status.textProperty().bind(next.statusProperty());
        older.disableProperty().bind(next.matchCountProperty().lessThan(2));
        newer.disableProperty().bind(next.matchCountProperty().lessThan(2));
        shown.bind(next.openProperty());
        attached = Subscription.combine(
                () -> field.textProperty().unbindBidirectional(next.queryProperty()),
                next.openProperty().subscribe(this::onOpen),
                next.currentIndexProperty().subscribe(index -> show(index.intValue())),
                next.statusProperty().subscribe(text -> status.pseudoClassStateChanged(NO_MATCH,
                        !text.isEmpty() && next.matchCountProperty().get() == 0)));
    }

    /// Opens the attached search and puts the cursor in its field, its text selected.
    void open() {
        if (search != null) {
            search.open();
            field.requestFocus();
            field.selectAll();
        }
    }

    private void onKey(KeyEvent event) {
        switch (event.getCode()) {
            case ENTER -> ifAttached(event.isShiftDown() ? TranscriptSearch::previous : TranscriptSearch::next);
            case ESCAPE -> ifAttached(TranscriptSearch::close);
            default -> {
                return;
            }
        }
        event.consume();
    }

    private void ifAttached(Consumer<TranscriptSearch> command) {
        if (search != null) {
            command.accept(search);
        }
    }

    private void onOpen(boolean open) {
        if (open) {
            list.getStyleClass().add("searching");
        } else {
            list.getStyleClass().remove("searching");
            list.getSelectionModel().clearSelection();
            scrolledTo = null;
        }
    }

    /// Selects the row at `index` and scrolls to it, unless it is already in sight or it is the
    /// row scrolled to last (only its index moved).
    private void show(int index) {
        if (index < 0 || index >= list.getItems().size()) {
            list.getSelectionModel().clearSelection();
            scrolledTo = null;
            return;
        }
        list.getSelectionModel().clearAndSelect(index);
        ChatItem item = list.getItems().get(index);
        if (item != scrolledTo && !inSight(index)) {
            // A little of what came before it, for context.
            list.scrollTo(Math.max(0, index - 2));
        }
        scrolledTo = item;
    }

    private boolean inSight(int index) {
        if (!(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return false;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        return first != null && last != null && index > first.getIndex() && index < last.getIndex();
    }

    private static Button button(String id, String symbol, String tip) {
        var button = new Button(symbol);
        button.setId(id);
        button.getStyleClass().add("search-button");
        button.setTooltip(new Tooltip(tip));
        button.setFocusTraversable(false);
        return button;
    }
}
