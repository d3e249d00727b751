package chatroom.client.view;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ListChangeListener;
import javafx.event.EventTarget;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollToEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

import java.util.List;
import java.util.OptionalDouble;

/// Keeps a list scrolled to its newest row while the person is there, and counts the rows
/// they have not seen while they read older ones.
///
/// **Following is decided by the person, never by the layout.** The list starts following;
/// it stops only when the person scrolls towards older rows (wheel, scroll bar, keys, a
/// drag, or a `ListView.scrollTo` by other code) and the view, once laid out, is no longer
/// at the bottom; it resumes when a scroll leaves the view at the bottom, or on
/// [#jumpToBottom()]. Rows being added never change it. (The follower before this one
/// re-derived "at the bottom" from the flow's last visible cell each time rows were added;
/// while the flow had not laid out the previous batch yet, or had laid it out with estimated
/// row heights that the real, wrapped rows then exceeded, the last row it showed was not
/// the last row of the list, and the list stopped following for good.)
///
/// **The bottom is reached after layout.** A `VirtualFlow` places rows from estimated
/// heights and measures the real ones only as it creates their cells, so a scroll to the end
/// made when rows arrive can stop short of the end once the rows are measured. So the
/// follower checks after every layout pass of the scene (a post-layout pulse listener):
/// while following, if the last row does not end at the viewport's bottom, it scrolls there
/// and lays the list out again at once, before the pulse renders. This also covers rows
/// whose height changes later, a resized list, replaced items and rows that arrived before
/// the list was first laid out. A pulse that still ends short asks for another one, at most
/// [#MAX_FAILED_PULSES] in a row, so a list that can never get there cannot loop forever.
///
/// FX thread only.
public final class FollowBottom<T> {

    /// How far (in pixels) the last row may end below the viewport and still count as shown.
    private static final double EXACT = 0.5;
    /// How close to the bottom a person's scroll must end to count as "at the bottom".
    private static final double PERSON_SLACK = 8;
    private static final int LAYOUTS_PER_PULSE = 4;
    private static final int MAX_FAILED_PULSES = 10;

    private final ListView<T> list;
    private final FlowBottom bottom;
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(this, "following", true);
    private final ReadOnlyIntegerWrapper unseen = new ReadOnlyIntegerWrapper(this, "unseen", 0);
    private final Runnable afterLayout = this::afterLayout;
    private final ListChangeListener<T> onChange = this::changed;

    /// A scroll by the person, waiting for the layout that shows where it ended.
    private Gesture gesture = Gesture.NONE;
    /// The pointer is held on the scroll bar, or drags the rows: where the view ends is
    /// the person's choice on every pulse until it is released.
    private boolean pointerScrolling;
    private int failedPulses;

    /// Which way a person's scroll went, as far as the input tells.
    private enum Gesture {
        NONE, OLDER, NEWER, EITHER;

        Gesture and(Gesture other) {
            return this == NONE || this == other ? other : EITHER;
        }
    }

    private FollowBottom(ListView<T> list) {
        this.list = list;
        this.bottom = new FlowBottom(list);
    }

    /// Makes `list` follow its newest row and returns the follower.
    public static <T> FollowBottom<T> install(ListView<T> list) {
        var follower = new FollowBottom<>(list);
        if (list.getItems() != null) {
            list.getItems().addListener(follower.onChange);
        }
        list.itemsProperty().subscribe((before, after) -> {
            if (before != null) {
                before.removeListener(follower.onChange);
            }
            if (after != null) {
                after.addListener(follower.onChange);
            }
            follower.jumpToBottom();
        });
        follower.moved(null, list.getScene());
        list.sceneProperty().subscribe(follower::moved);
        list.addEventFilter(ScrollEvent.SCROLL, event -> follower.wheel(event.getDeltaY()));
        list.addEventFilter(KeyEvent.KEY_PRESSED, follower::key);
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, event -> follower.pointer(event, false));
        list.addEventFilter(MouseEvent.MOUSE_DRAGGED, event -> follower.pointer(event, true));
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, event -> follower.released());
        // Code that shows a row (a search hit, say) moves the view as a person would.
        list.addEventFilter(ScrollToEvent.ANY, event -> follower.person(Gesture.EITHER));
        for (var size : List.of(list.widthProperty(), list.heightProperty(), list.visibleProperty())) {
            size.addListener(observable -> follower.retry());
        }
        return follower;
    }

    /// Whether the list keeps its newest row in view.
    public ReadOnlyBooleanProperty followingProperty() {
        return following.getReadOnlyProperty();
    }

    /// How many rows arrived since the person scrolled away from the bottom (0 while following).
    public ReadOnlyIntegerProperty unseenProperty() {
        return unseen.getReadOnlyProperty();
    }

    /// Scrolls to the newest row and follows again: the "new messages" button, or the
    /// person's own message being sent.
    public void jumpToBottom() {
        gesture = Gesture.NONE;
        following.set(true);
        unseen.set(0);
        retry();
    }

    private void changed(ListChangeListener.Change<? extends T> change) {
        int added = 0;
        while (change.next()) {
            added += change.getAddedSize() - change.getRemovedSize();
        }
        if (list.getItems().isEmpty()) {
            following.set(true);
        }
        if (following.get()) {
            unseen.set(0);
            retry();
        } else {
            unseen.set(Math.clamp((long) unseen.get() + added, 0, list.getItems().size()));
        }
    }

    /// Something changed that may move the bottom: the next pulses may scroll again.
    private void retry() {
        failedPulses = 0;
        if (following.get()) {
            list.requestLayout();
        }
    }

    private void moved(Scene before, Scene after) {
        if (before != null) {
            before.removePostLayoutPulseListener(afterLayout);
        }
        if (after != null) {
            after.addPostLayoutPulseListener(afterLayout);
            retry();
        }
    }

    private void wheel(double deltaY) {
        if (deltaY != 0) {
            person(deltaY > 0 ? Gesture.OLDER : Gesture.NEWER);
        }
    }

    private void key(KeyEvent event) {
        switch (event.getCode()) {
            case UP, KP_UP, PAGE_UP, HOME -> person(Gesture.OLDER);
            case DOWN, KP_DOWN, PAGE_DOWN, END -> person(Gesture.NEWER);
            default -> {
            }
        }
    }

    /// A press on the vertical scroll bar, or a drag anywhere (the flow pans with the mouse):
    /// the person moves the view. A click on a row does not.
    private void pointer(MouseEvent event, boolean dragged) {
        if (dragged || onVerticalScrollBar(event.getTarget())) {
            pointerScrolling = true;
            person(Gesture.EITHER);
        }
    }

    private void released() {
        if (pointerScrolling) {
            pointerScrolling = false;
            person(Gesture.EITHER);
        }
    }

    private void person(Gesture moved) {
        gesture = gesture.and(moved);
        list.requestLayout();
    }

    private boolean onVerticalScrollBar(EventTarget target) {
        for (Node node = target instanceof Node n ? n : null; node != null && node != list; node = node.getParent()) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                return true;
            }
        }
        return false;
    }

    /// After each layout pass of the scene: first where the person's scroll ended, then the
    /// bottom if following.
    private void afterLayout() {
        if (pointerScrolling) {
            gesture = gesture.and(Gesture.EITHER);
        }
        if (gesture != Gesture.NONE) {
            decide();
        }
        if (following.get()) {
            keepAtBottom();
        }
    }

    private void decide() {
        OptionalDouble gap = bottom.gap();
        if (gap.isEmpty()) {
            return; // not laid out yet: decide once it is
        }
        boolean atBottom = gap.getAsDouble() <= PERSON_SLACK || bottom.scrollBarAtEnd();
        switch (gesture) {
            // Towards older rows: rows arriving in the same pulse must not count as a scroll down.
            case OLDER, EITHER -> following.set(atBottom);
            case NEWER, NONE -> following.set(following.get() || atBottom);
        }
        gesture = Gesture.NONE;
        if (following.get()) {
            unseen.set(0);
            failedPulses = 0;
        }
    }

    private void keepAtBottom() {
        for (int layout = 0; layout < LAYOUTS_PER_PULSE; layout++) {
            OptionalDouble gap = bottom.gap();
            if (gap.isEmpty()) {
                return; // no size or no skin yet: its first layout brings another pulse
            }
            if (gap.getAsDouble() <= EXACT) {
                failedPulses = 0;
                return;
            }
            bottom.scrollTowardsEnd();
            list.layout();
        }
        if (++failedPulses < MAX_FAILED_PULSES) {
            list.requestLayout();
        }
    }
}
