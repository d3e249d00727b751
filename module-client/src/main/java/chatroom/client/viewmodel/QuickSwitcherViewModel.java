package chatroom.client.viewmodel;

import chatroom.protocol.Target;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/// The quick switcher (Ctrl+K): every room and private conversation of the person and every
/// person they can write to, narrowed by a query whose letters must appear in order (`rs`
/// finds `#rust`), ranked so the likeliest choice is first, and a selection moved with
/// [#up()] and [#down()]. [#choose()] opens the selected entry's [Target].
///
/// Ranking: a label equal to the query, then one starting with it (a room's `#` ignored), then
/// one containing it, then one holding its letters apart; within each, entries with unread
/// messages first, then tighter matches, then the order [#setEntries(List)] gave. With no query
/// the entries keep that order, unread ones first.
///
/// FX thread only (or the test's thread).
public final class QuickSwitcherViewModel {

    /// What an entry opens.
    public enum Kind {
        /// A room the person is in.
        ROOM,
        /// An open private conversation.
        PRIVATE,
        /// A person with no conversation yet: choosing them starts one.
        PERSON
    }

    /// One choice: `label` as shown (`#rust`, `bob`), its unread count, and what it opens.
    public record Entry(String label, Kind kind, int unread, Target target) {
        public Entry {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            if (unread < 0) {
                throw new IllegalArgumentException("unread must not be negative: " + unread);
            }
        }
    }

    /// How well a label matches: lower tiers first, then lower spreads (letters closer
    /// together, or nearer the start).
    private record Score(int tier, int spread) {
    }

    private record Match(Entry entry, Score score, int order) {
        int tier() {
            return score.tier();
        }

        int spread() {
            return score.spread();
        }
    }

    private static final int EXACT = 0;
    private static final int PREFIX = 1;
    private static final int CONTAINS = 2;
    private static final int SCATTERED = 3;

    private static final Comparator<Match> RANKING = Comparator.comparingInt(Match::tier)
            .thenComparing(match -> match.entry().unread() == 0)
            .thenComparingInt(Match::spread)
            .thenComparingInt(Match::order);

    private final Consumer<Target> open;
    private List<Entry> entries = List.of();
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Entry> matches = FXCollections.observableArrayList();
    private final ObservableList<Entry> matchesView = FXCollections.unmodifiableObservableList(matches);
    private final ReadOnlyIntegerWrapper selectedIndex = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<Entry> selected = new ReadOnlyObjectWrapper<>();

    /// @param open opens the chosen room, conversation or person
    public QuickSwitcherViewModel(Consumer<Target> open) {
        this.open = Objects.requireNonNull(open, "open");
        query.addListener((observable, before, after) -> rank());
        selectedIndex.addListener((observable, before, after) -> selected.set(
                after.intValue() < 0 ? null : matches.get(after.intValue())));
    }

    /// What can be switched to, in the order to show without a query (the sidebar's order,
    /// then people). A target listed twice keeps its first entry, so an open private
    /// conversation hides the same person listed as [Kind#PERSON].
    public void setEntries(List<Entry> all) {
        Set<String> seen = new HashSet<>();
        List<Entry> distinct = new ArrayList<>(all.size());
        for (Entry entry : all) {
            if (seen.add(key(entry.target()))) {
                distinct.add(entry);
            }
        }
        entries = List.copyOf(distinct);
        rank();
    }

    /// Selects the previous match (stays on the first).
    public void up() {
        select(selectedIndex.get() - 1);
    }

    /// Selects the next match (stays on the last).
    public void down() {
        select(selectedIndex.get() + 1);
    }

    /// Selects the match at `index`, kept within the list.
    public void select(int index) {
        selectedIndex.set(matches.isEmpty() ? -1 : Math.clamp(index, 0, matches.size() - 1));
    }

    /// Opens the selected match; false (and nothing opened) if nothing matches.
    public boolean choose() {
        Entry entry = selected.get();
        if (entry == null) {
            return false;
        }
        open.accept(entry.target());
        return true;
    }

    private void rank() {
        String wanted = query.get() == null ? "" : query.get().strip().toLowerCase(Locale.ROOT);
        List<Match> found = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            int order = i;
            score(entry.label().toLowerCase(Locale.ROOT), wanted)
                    .ifPresent(score -> found.add(new Match(entry, score, order)));
        }
        found.sort(RANKING);
        // A new list, so the selection is reset before the old index could point past its end.
        selectedIndex.set(-1);
        matches.setAll(found.stream().map(Match::entry).toList());
        select(0);
    }

    /// The score of `label` if every character of `query` appears in it in order.
    private static Optional<Score> score(String label, String query) {
        if (query.isEmpty()) {
            return Optional.of(new Score(PREFIX, 0));
        }
        String bareLabel = label.startsWith("#") ? label.substring(1) : label;
        String bareQuery = query.startsWith("#") && !bareLabel.equals(label) ? query.substring(1) : query;
        if (bareQuery.isEmpty() || bareLabel.equals(bareQuery)) {
            return Optional.of(new Score(EXACT, 0));
        }
        if (bareLabel.startsWith(bareQuery)) {
            return Optional.of(new Score(PREFIX, bareLabel.length() - bareQuery.length()));
        }
        int at = bareLabel.indexOf(bareQuery);
        if (at >= 0) {
            return Optional.of(new Score(CONTAINS, at));
        }
        int first = -1;
        int from = 0;
        for (int i = 0; i < bareQuery.length(); ) {
            int cp = bareQuery.codePointAt(i);
            int found = bareLabel.indexOf(cp, from);
            if (found < 0) {
                return Optional.empty();
            }
            if (first < 0) {
                first = found;
            }
            from = found + Character.charCount(cp);
            i += Character.charCount(cp);
        }
        return Optional.of(new Score(SCATTERED, from - first - bareQuery.length()));
    }

    private static String key(Target target) {
        return target.value().toLowerCase(Locale.ROOT);
    }

    /// What is typed.
    public StringProperty queryProperty() {
        return query;
    }

    /// The entries matching the query, best first.
    public ObservableList<Entry> matches() {
        return matchesView;
    }

    /// The index of the selected match in [#matches()]; -1 when nothing matches.
    public ReadOnlyIntegerProperty selectedIndexProperty() {
        return selectedIndex.getReadOnlyProperty();
    }

    /// The selected match, `null` when nothing matches.
    public ReadOnlyObjectProperty<Entry> selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}
