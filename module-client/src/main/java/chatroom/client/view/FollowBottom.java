package chatroom.client.view;

import javafx.collections.ListChangeListener;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;

/// Keeps a list scrolled to its newest row, but only while the person is already there:
/// someone reading older messages is not yanked down by every new one.
///
/// Whether the list is "at the bottom" is decided just before rows are added, from the last
/// row the list shows. Two details make that reliable:
///
/// - the listener is added once the list has its skin, so that it runs after the skin's own
///   and a scroll already counts the new rows;
/// - the rows shown are only updated by a layout pass: while a scroll to the end waits for
///   one (batches can arrive faster than pulses), the list keeps following.
///
/// FX thread only.
final class FollowBottom<T> {

    private final ListView<T> list;
    private boolean following = true;
    private boolean scrollAwaitingLayout;
    private boolean installed;

    private FollowBottom(ListView<T> list) {
        this.list = list;
    }

    static <T> void install(ListView<T> list) {
        var follower = new FollowBottom<>(list);
        list.skinProperty().subscribe(skin -> {
            if (skin != null && !follower.installed) {
                follower.installed = true;
                list.getItems().addListener(follower::changed);
                follower.scrollToEnd();
            }
        });
        list.sceneProperty().subscribe(scene -> {
            if (scene != null) {
                scene.addPostLayoutPulseListener(() -> follower.scrollAwaitingLayout = false);
            }
        });
    }

    private void changed(ListChangeListener.Change<? extends T> change) {
        int added = 0;
        while (change.next()) {
            added += change.getAddedSize() - change.getRemovedSize();
        }
        if (added > 0 && !scrollAwaitingLayout) {
            // Rows were added at the end: were we showing the last of the rows before?
            following = lastVisibleIndex() >= list.getItems().size() - added - 1;
        }
        if (following) {
            scrollToEnd();
        }
    }

    private void scrollToEnd() {
        if (list.getItems().isEmpty()) {
            return;
        }
        // scrollTo brings the flow's row count up to date, but with rows of different heights
        // it may stop a row short of the end; position 1 is the end.
        list.scrollTo(list.getItems().size() - 1);
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.setPosition(1);
        }
        scrollAwaitingLayout = true;
    }

    /// The index of the last row shown, or `Integer.MAX_VALUE` if the list shows no rows.
    private int lastVisibleIndex() {
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            IndexedCell<?> last = flow.getLastVisibleCell();
            return last == null ? Integer.MAX_VALUE : last.getIndex();
        }
        return Integer.MAX_VALUE;
    }
}
