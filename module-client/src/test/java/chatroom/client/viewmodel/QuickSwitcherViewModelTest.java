package chatroom.client.viewmodel;

import chatroom.client.viewmodel.QuickSwitcherViewModel.Entry;
import chatroom.client.viewmodel.QuickSwitcherViewModel.Kind;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// The quick switcher's matching, ranking and selection, without the FX toolkit.
class QuickSwitcherViewModelTest {

    private final List<Target> opened = new ArrayList<>();
    private final QuickSwitcherViewModel switcher = new QuickSwitcherViewModel(opened::add);

    private static Entry room(String name, int unread) {
        return new Entry("#" + name, Kind.ROOM, unread, RoomName.of(name));
    }

    private static Entry person(String name, Kind kind, int unread) {
        return new Entry(name, kind, unread, new Name(name));
    }

    private List<String> labels() {
        return switcher.matches().stream().map(Entry::label).toList();
    }

    @Test
    @DisplayName("with no query: every entry in the given order, unread ones first, the first selected")
    void noQuery() {
        switcher.setEntries(List.of(room("lobby", 0), room("rust", 3), person("bob", Kind.PRIVATE, 0),
                person("carol", Kind.PERSON, 1)));

        assertThat(labels()).containsExactly("#rust", "carol", "#lobby", "bob");
        assertThat(switcher.selectedIndexProperty().get()).isZero();
        assertThat(switcher.selectedProperty().get().label()).isEqualTo("#rust");
    }

    @Test
    @DisplayName("letters in order match anywhere, in any case; others do not")
    void fuzzy() {
        switcher.setEntries(List.of(room("rust", 0), room("lobby", 0), person("Ruth", Kind.PERSON, 0)));

        switcher.queryProperty().set("RST");
        assertThat(labels()).containsExactly("#rust");
        switcher.queryProperty().set("lby");
        assertThat(labels()).containsExactly("#lobby");
        switcher.queryProperty().set("xyz");
        assertThat(labels()).isEmpty();
        assertThat(switcher.selectedProperty().get()).isNull();
        assertThat(switcher.choose()).isFalse();
        assertThat(opened).isEmpty();
    }

    @Test
    @DisplayName("exact first, then prefixes (a room's # ignored), then contained, then scattered; unread first within each")
    void ranking() {
        switcher.setEntries(List.of(
                person("trust", Kind.PERSON, 0),     // contains "rust"
                room("rustaceans", 0),               // prefix
                person("r-u-s-t", Kind.PERSON, 9),   // scattered, unread
                room("rusty", 2),                    // prefix, unread
                room("rust", 0)));                   // exact

        switcher.queryProperty().set("rust");
        assertThat(labels()).containsExactly("#rust", "#rusty", "#rustaceans", "trust", "r-u-s-t");

        switcher.queryProperty().set("#rus");
        assertThat(labels()).startsWith("#rusty", "#rust", "#rustaceans");
    }

    @Test
    @DisplayName("a target listed twice keeps its first entry (an open conversation hides the person)")
    void duplicates() {
        switcher.setEntries(List.of(person("bob", Kind.PRIVATE, 2), person("Bob", Kind.PERSON, 0)));

        assertThat(switcher.matches()).containsExactly(person("bob", Kind.PRIVATE, 2));
    }

    @Test
    @DisplayName("up and down move the selection within the matches; choose opens the selected target")
    void selection() {
        switcher.setEntries(List.of(room("lobby", 0), room("rust", 0), person("bob", Kind.PERSON, 0)));

        switcher.up();
        assertThat(switcher.selectedIndexProperty().get()).isZero();
        switcher.down();
        switcher.down();
        switcher.down();
        assertThat(switcher.selectedProperty().get().label()).isEqualTo("bob");
        switcher.up();
        assertThat(switcher.choose()).isTrue();
        assertThat(opened).containsExactly(RoomName.of("rust"));

        switcher.queryProperty().set("b");
        assertThat(switcher.selectedIndexProperty().get()).as("a new query selects the best match").isZero();
        assertThat(switcher.selectedProperty().get().label()).isEqualTo("bob");
        switcher.choose();
        assertThat(opened).containsExactly(RoomName.of("rust"), new Name("bob"));
    }
}
