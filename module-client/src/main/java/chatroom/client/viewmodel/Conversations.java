package chatroom.client.viewmodel;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/// The sidebar: the rooms the person is in (in the order they were joined) and their private
/// conversations (most recent first), which of them is open, and what is unread.
///
/// FX thread only (or the test's thread, with a direct executor).
public final class Conversations {

    private final Function<Target, Transcript> transcripts;
    private final ObservableList<ConversationViewModel> rooms = FXCollections.observableArrayList();
    private final ObservableList<ConversationViewModel> people = FXCollections.observableArrayList();
    // Kept, not made per call: a read-only view forwards changes only while it is reachable.
    private final ObservableList<ConversationViewModel> roomsView = FXCollections.unmodifiableObservableList(rooms);
    private final ObservableList<ConversationViewModel> peopleView = FXCollections.unmodifiableObservableList(people);
    private final Map<String, ConversationViewModel> byKey = new HashMap<>();
    private final ReadOnlyObjectWrapper<ConversationViewModel> open = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper windowFocused = new ReadOnlyBooleanWrapper(true);
    private final IntegerBinding totalUnread;
    /// Whether a conversation starts muted (the person muted it in an earlier run).
    private java.util.function.Predicate<Target> mutedAtStart = target -> false;

    Conversations(Function<Target, Transcript> transcripts) {
        this.transcripts = transcripts;
        var all = FXCollections.<ConversationViewModel>observableArrayList(
                conversation -> new javafx.beans.Observable[] {conversation.unreadProperty()});
        rooms.subscribe(() -> all.setAll(all()));
        people.subscribe(() -> all.setAll(all()));
        totalUnread = Bindings.createIntegerBinding(
                () -> all.stream().mapToInt(conversation -> conversation.unreadProperty().get()).sum(), all);
        open.addListener((observable, before, after) -> {
            if (after != null && windowFocused.get()) {
                after.markRead();
            }
        });
    }

    /// The conversation with `target`, if there is one.
    Optional<ConversationViewModel> find(Target target) {
        return Optional.ofNullable(byKey.get(ConversationViewModel.keyOf(target)));
    }

    /// The conversation with `target`, made (at the end of its section) if there is none.
    ConversationViewModel obtain(Target target) {
        var existing = byKey.get(ConversationViewModel.keyOf(target));
        if (existing != null) {
            return existing;
        }
        var made = new ConversationViewModel(target, transcripts.apply(target));
        made.setMuted(mutedAtStart.test(target));
        byKey.put(made.key(), made);
        (made.isRoom() ? rooms : people).add(made);
        if (open.get() == null) {
            open.set(made);
        }
        return made;
    }

    /// Removes a conversation; if it was open, the one beside it opens.
    void remove(ConversationViewModel conversation) {
        if (byKey.remove(conversation.key()) == null) {
            return;
        }
        List<ConversationViewModel> order = all();
        int at = order.indexOf(conversation);
        (conversation.isRoom() ? rooms : people).remove(conversation);
        if (open.get() == conversation) {
            List<ConversationViewModel> left = all();
            open.set(left.isEmpty() ? null : left.get(Math.min(at, left.size() - 1)));
        }
    }

    /// A private conversation's person is now called `to`: the conversation follows them.
    void renamed(Name from, Name to) {
        var conversation = byKey.get(from.key());
        if (conversation == null || byKey.containsKey(to.key())) {
            return;
        }
        byKey.remove(from.key());
        conversation.renameTo(to);
        byKey.put(conversation.key(), conversation);
    }

    /// Opens `conversation` (it must be one of these).
    public void open(ConversationViewModel conversation) {
        if (byKey.get(conversation.key()) == conversation) {
            open.set(conversation);
        }
    }

    void setMutedAtStart(java.util.function.Predicate<Target> muted) {
        mutedAtStart = muted;
        all().forEach(conversation -> conversation.setMuted(muted.test(conversation.target())));
    }

    /// Opens the conversation with `target`, if there is one.
    public void open(Target target) {
        find(target).ifPresent(open::set);
    }

    /// Opens the conversation `steps` places after the open one (before it if negative),
    /// wrapping around: Alt+Down and Alt+Up.
    public void move(int steps) {
        List<ConversationViewModel> order = all();
        if (order.isEmpty()) {
            return;
        }
        int at = Math.max(0, order.indexOf(open.get()));
        open.set(order.get(Math.floorMod(at + steps, order.size())));
    }

    /// Opens the next conversation with unread messages (mentions first), if any.
    public void openNextUnread() {
        List<ConversationViewModel> order = all();
        int at = Math.max(0, order.indexOf(open.get()));
        ConversationViewModel best = null;
        for (int step = 1; step <= order.size(); step++) {
            var candidate = order.get((at + step) % order.size());
            if (candidate.mentionsProperty().get() > 0) {
                best = candidate;
                break;
            }
            if (best == null && candidate.unreadProperty().get() > 0) {
                best = candidate;
            }
        }
        if (best != null) {
            open.set(best);
        }
    }

    /// Whether the person is reading `conversation` now.
    boolean beingRead(ConversationViewModel conversation) {
        return windowFocused.get() && open.get() == conversation;
    }

    /// The window gained or lost the focus (the view binds the stage's focus to this).
    public void setWindowFocused(boolean focused) {
        windowFocused.set(focused);
        if (focused && open.get() != null) {
            open.get().markRead();
        }
    }

    /// Every conversation, rooms first, in the sidebar's order.
    public List<ConversationViewModel> all() {
        List<ConversationViewModel> order = new ArrayList<>(rooms);
        order.addAll(people);
        return order;
    }

    /// The rooms the person is in (and rooms they were removed from, until closed).
    public ObservableList<ConversationViewModel> rooms() {
        return roomsView;
    }

    /// The private conversations.
    public ObservableList<ConversationViewModel> people() {
        return peopleView;
    }

    /// The conversation shown in the middle; `null` before the first login.
    public ReadOnlyObjectProperty<ConversationViewModel> openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty windowFocusedProperty() {
        return windowFocused.getReadOnlyProperty();
    }

    /// Unread messages in every conversation: the window title carries it.
    public IntegerBinding totalUnread() {
        return totalUnread;
    }

    /// The rooms' names, for completion.
    List<RoomName> roomNames() {
        return rooms.stream().map(conversation -> (RoomName) conversation.target()).toList();
    }
}
