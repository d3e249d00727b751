package chatroom.client.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// What was sent from the input, most recent first, and the entry being recalled (Up/Down).
///
/// A recall walks on only while the input shows the recalled entry unedited: the owner calls
/// [#forget()] on any other change of the text.
///
/// Not thread-safe: confined to its [InputViewModel]'s thread.
final class InputHistory {

    private final int limit;
    private final List<String> entries = new ArrayList<>();
    /// The index of the entry shown, or -1 when none is.
    private int shown = -1;

    /// A history of at most `limit` entries; older ones are dropped.
    InputHistory(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit);
        }
        this.limit = limit;
    }

    /// Remembers a sent text, unless it is the same as the last one; ends any recall.
    void add(String entry) {
        shown = -1;
        if (!entries.isEmpty() && entries.getFirst().equals(entry)) {
            return;
        }
        entries.addFirst(entry);
        if (entries.size() > limit) {
            entries.removeLast();
        }
    }

    /// The entry before the one shown, if `current` (the input's text) is empty or is the
    /// entry shown; empty at the oldest entry or when the input holds something else.
    Optional<String> previous(String current) {
        if (!showing(current)) {
            if (!current.isEmpty()) {
                return Optional.empty();
            }
            shown = -1;
        }
        if (shown + 1 >= entries.size()) {
            return Optional.empty();
        }
        shown++;
        return Optional.of(entries.get(shown));
    }

    /// The entry after the one shown, or the empty text after the newest; empty unless the input
    /// shows an entry unedited.
    Optional<String> next(String current) {
        if (!showing(current)) {
            return Optional.empty();
        }
        shown--;
        return Optional.of(shown < 0 ? "" : entries.get(shown));
    }

    /// Ends the recall: the input was edited.
    void forget() {
        shown = -1;
    }

    /// The entries, most recent first.
    List<String> entries() {
        return List.copyOf(entries);
    }

    private boolean showing(String current) {
        return shown >= 0 && entries.get(shown).equals(current);
    }
}
