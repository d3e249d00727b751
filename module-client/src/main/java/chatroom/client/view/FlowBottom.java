package chatroom.client.view;

import javafx.geometry.Point2D;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Skin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.Region;

import java.util.Optional;
import java.util.OptionalDouble;

/// Where a list's last row is, and how to bring it to the bottom of the viewport, read from
/// the list's `VirtualFlow` as the last layout left it. FX thread only.
final class FlowBottom {

    private final ListView<?> list;
    private Skin<?> skin;
    private VirtualFlow<?> flow;

    FlowBottom(ListView<?> list) {
        this.list = list;
    }

    /// The flow of the list's skin (looked up again only when the skin changes).
    private Optional<VirtualFlow<?>> flow() {
        if (flow == null || list.getSkin() != skin) {
            skin = list.getSkin();
            flow = list.lookup(".virtual-flow") instanceof VirtualFlow<?> found ? found : null;
        }
        return Optional.ofNullable(flow);
    }

    /// How far the last row ends below the bottom of the viewport (negative: above it, when
    /// the rows do not fill the list; infinite: the last row is not among the rows shown), or
    /// empty while the list has no skin or no size, when nothing can be told.
    OptionalDouble gap() {
        int rows = list.getItems() == null ? 0 : list.getItems().size();
        if (rows == 0) {
            return OptionalDouble.of(0);
        }
        VirtualFlow<?> flow = flow().orElse(null);
        if (flow == null || flow.getWidth() <= 0 || flow.getHeight() <= 0 || flow.getViewportLength() <= 0) {
            return OptionalDouble.empty();
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (flow.getCellCount() != rows || last == null || last.getIndex() != rows - 1) {
            return OptionalDouble.of(Double.POSITIVE_INFINITY);
        }
        Region viewport = flow.lookup(".clipped-container") instanceof Region clip ? clip : flow;
        Point2D rowEnd = last.localToScene(0, last.getHeight());
        Point2D viewportEnd = viewport.localToScene(0, flow.getViewportLength());
        return OptionalDouble.of(rowEnd.getY() - viewportEnd.getY());
    }

    /// Whether the scroll bar is at its end (the flow's own idea of the bottom).
    boolean scrollBarAtEnd() {
        return flow().map(flow -> flow.getPosition() >= 1).orElse(false);
    }

    /// Moves the view towards the last row; [#gap()] tells, after a layout, how far it got.
    void scrollTowardsEnd() {
        flow().ifPresent(FlowBottom::towardsEnd);
    }

    /// With the last row's cell in place, scrolls by the pixels it ends below the viewport.
    /// The flow refuses to scroll down from position 1, and position 1 is only where its
    /// estimate of the rows' heights puts the end: when the real rows are taller, position 1
    /// stops short. So the position is first set just below 1 (which moves nothing until a
    /// layout); the scroll then moves the cells, and the flow ends at position 1 again.
    /// Without the cell, a scroll to the last index creates it, or a layout at position 1
    /// brings it close enough to be created.
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void towardsEnd(VirtualFlow flow) {
        int last = flow.getCellCount() - 1;
        if (last < 0) {
            return;
        }
        IndexedCell cell = flow.getVisibleCell(last);
        if (cell == null) {
            flow.scrollTo(last);
            flow.setPosition(1);
            return;
        }
        if (flow.getPosition() >= 1) {
            flow.setPosition(Math.nextDown(1.0));
        }
        flow.scrollToBottom(cell);
    }
}
