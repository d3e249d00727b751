package chatroom.client.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/// Search in one conversation's message list: the rows whose text or sender holds the query
/// (ignoring case), walked one at a time.
///
/// Matches are counted from the newest: a new query starts at the newest match ("1 of 7"),
/// [#next()] goes to the next older one and [#previous()] to the next newer one, both wrapping
/// around. The list may change while searching (messages arrive, old rows are dropped): the
/// matches follow it, and the current match stays on the same row while that row is there.
/// Only messages, actions and notices are searched (not day separators nor the unread marker).
///
/// FX thread only (or the test's thread), like the list it searches.
public final class TranscriptSearch {

    private static final int[] NONE = new int[0];

    private final ObservableList<ChatItem> items;
    private final Texts texts;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");
    private final ReadOnlyIntegerWrapper matchCount = new ReadOnlyIntegerWrapper(this, "matchCount");
    private final ReadOnlyIntegerWrapper currentIndex = new ReadOnlyIntegerWrapper(this, "currentIndex", -1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    /// Indexes in [#items] of the matching rows, ascending.
    private int[] matches = NONE;
    /// The current match's row (compared by identity: equal rows may repeat), or `null`.
    private ChatItem current;
    private Pattern pattern;

    /// A search over `items`, closed and with no query.
    public TranscriptSearch(ObservableList<ChatItem> items, Texts texts) {
        this.items = Objects.requireNonNull(items, "items");
        this.texts = Objects.requireNonNull(texts, "texts");
        query.addListener((observable, before, after) -> restart());
        items.addListener((ListChangeListener<ChatItem>) change -> {
            if (pattern != null) {
                follow();
            }
        });
    }

    /// Opens the search (the view shows its bar); the query is kept from before.
    public void open() {
        open.set(true);
    }

    /// Closes the search and forgets the query: nothing matches any more.
    public void close() {
        open.set(false);
        query.set("");
    }

    /// Goes to the next older match, or from the oldest to the newest.
    public void next() {
        step(-1);
    }

    /// Goes to the next newer match, or from the newest to the oldest.
    public void previous() {
        step(1);
    }

    /// What to look for; blank: nothing. Setting it starts again from the newest match.
    public StringProperty queryProperty() {
        return query;
    }

    /// Whether the search is open (its bar shown).
    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /// How many rows match.
    public ReadOnlyIntegerProperty matchCountProperty() {
        return matchCount.getReadOnlyProperty();
    }

    /// The current match's index in the list; -1 when there is none.
    public ReadOnlyIntegerProperty currentIndexProperty() {
        return currentIndex.getReadOnlyProperty();
    }

    /// "2 of 7" (counted from the newest), "No matches", or empty without a query.
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    private void restart() {
        String text = query.get() == null ? "" : query.get().strip();
        pattern = text.isEmpty() ? null
                : Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        matches = pattern == null ? NONE : findAll();
        current = matches.length == 0 ? null : items.get(matches[matches.length - 1]);
        publish();
    }

    /// The list changed: find the matches again and stay on the same row while it is there.
    /// If it was dropped, go to the oldest match (rows are dropped from the oldest end); if
    /// nothing matched before, to the newest.
    private void follow() {
        boolean hadMatch = current != null;
        matches = findAll();
        if (position() < 0) {
            current = matches.length == 0 ? null : items.get(matches[hadMatch ? 0 : matches.length - 1]);
        }
        publish();
    }

    private void step(int towardsNewer) {
        if (matches.length == 0) {
            return;
        }
        int at = position();
        current = items.get(matches[Math.floorMod(at + towardsNewer, matches.length)]);
        publish();
    }

    /// The current match's position in [#matches], or -1.
    private int position() {
        if (current == null) {
            return -1;
        }
        for (int i = matches.length - 1; i >= 0; i--) {
            if (items.get(matches[i]) == current) {
                return i;
            }
        }
        return -1;
    }

    private int[] findAll() {
        int[] found = new int[items.size()];
        int count = 0;
        for (int i = 0; i < items.size(); i++) {
            if (matches(items.get(i))) {
                found[count++] = i;
            }
        }
        return Arrays.copyOf(found, count);
    }

    private boolean matches(ChatItem item) {
        return switch (item) {
            case ChatItem.Message m -> pattern.matcher(m.text()).find() || pattern.matcher(m.sender()).find();
            case ChatItem.Action a -> pattern.matcher(a.sender() + " " + a.text()).find();
            case ChatItem.Notice n -> pattern.matcher(n.text()).find();
            case ChatItem.DaySeparator _, ChatItem.UnreadMarker _ -> false;
        };
    }

    private void publish() {
        int at = position();
        matchCount.set(matches.length);
        currentIndex.set(at < 0 ? -1 : matches[at]);
        if (pattern == null) {
            status.set("");
        } else if (matches.length == 0) {
            status.set(texts.get("transcript.search.none"));
        } else {
            status.set(texts.format("transcript.search.status", matches.length - at, matches.length));
        }
    }
}
