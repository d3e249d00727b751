package chatroom.client.viewmodel;

import chatroom.protocol.Target;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/// The notices shown inside the window when the desktop has no notifications of its own: a
/// short list, newest first, each with a button that opens its conversation.
///
/// A notice goes away when the person opens or dismisses it, or by itself once the window has
/// been focused for [#LIFETIME] (time spent away from the window does not count, or the person
/// would never see what was meant for them while away). A conversation has at most one
/// notice: a new one replaces it. The view calls [#tick()] a few times a second.
///
/// It is a [Notifier], so it can stand wherever a desktop notifier would. FX thread only.
public final class NoticeBoard implements Notifier {

    /// How long a notice stays while the window is focused.
    public static final Duration LIFETIME = Duration.ofSeconds(8);
    /// The most notices shown at once; older ones make way.
    public static final int MAX_SHOWN = 3;

    /// One notice on the board.
    ///
    /// @param id           tells two notices with the same words apart
    /// @param notification what it tells
    public record Notice(long id, Notification notification) {
        public Notice {
            Objects.requireNonNull(notification, "notification");
        }
    }

    private final InstantSource clock;
    private final Consumer<Target> open;
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final ObservableList<Notice> noticesView = FXCollections.unmodifiableObservableList(notices);
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(true);
    /// Since when each notice has been in front of the person (absent while the window is not
    /// focused).
    private final Map<Long, Instant> seenSince = new HashMap<>();
    private long nextId;

    /// @param clock the time notices age by (the context's clock)
    /// @param open  opens a conversation (and brings the window to the front)
    public NoticeBoard(InstantSource clock, Consumer<Target> open) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.open = Objects.requireNonNull(open, "open");
        windowFocused.subscribe(focused -> {
            if (focused) {
                notices.forEach(this::seen);
            } else {
                seenSince.clear();
            }
        });
    }

    /// Shows `notification`, replacing the notice of the same conversation.
    @Override
    public void deliver(Notification notification) {
        String key = Attention.key(notification.conversation());
        notices.stream().filter(notice -> Attention.key(notice.notification().conversation()).equals(key))
                .findFirst().ifPresent(this::remove);
        var notice = new Notice(nextId++, notification);
        notices.addFirst(notice);
        while (notices.size() > MAX_SHOWN) {
            remove(notices.getLast());
        }
        if (windowFocused.get()) {
            seen(notice);
        }
    }

    /// Opens the conversation of `notice` and takes the notice away.
    public void open(Notice notice) {
        remove(notice);
        open.accept(notice.notification().conversation());
    }

    /// Takes `notice` away.
    public void dismiss(Notice notice) {
        remove(notice);
    }

    /// Takes every notice away (Esc). Says whether there was one, so Esc can do something
    /// else when there was not.
    public boolean dismissAll() {
        boolean any = !notices.isEmpty();
        notices.clear();
        seenSince.clear();
        return any;
    }

    /// Takes away the notices that have been seen for [#LIFETIME].
    public void tick() {
        Instant now = clock.instant();
        notices.removeIf(notice -> {
            Instant since = seenSince.get(notice.id());
            boolean old = since != null && !now.isBefore(since.plus(LIFETIME));
            if (old) {
                seenSince.remove(notice.id());
            }
            return old;
        });
    }

    /// The notices, newest first.
    public ObservableList<Notice> notices() {
        return noticesView;
    }

    /// Whether the window has the focus: bind it to the stage's `focusedProperty()`.
    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
    }

    private void seen(Notice notice) {
        seenSince.putIfAbsent(notice.id(), clock.instant());
    }

    private void remove(Notice notice) {
        notices.remove(notice);
        seenSince.remove(notice.id());
    }
}
