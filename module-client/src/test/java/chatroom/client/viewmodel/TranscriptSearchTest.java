package chatroom.client.viewmodel;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// Search in a conversation's list, on the test's thread (no toolkit).
class TranscriptSearchTest {

    private final ObservableList<ChatItem> items = FXCollections.observableArrayList();
    private final TranscriptSearch search = new TranscriptSearch(items, Fixtures.english());

    private static ChatItem.Message message(long id, String sender, String text) {
        return new ChatItem.Message(id, "10:00", sender, text, false, false);
    }

    private void fill() {
        items.setAll(
                new ChatItem.DaySeparator("Saturday, January 10, 2026"),
                message(1, "bob", "Lunch at noon?"),                                      // 1
                new ChatItem.Notice("10:01", "carol joined the chat", ChatItem.NoticeKind.PRESENCE),
                message(3, "carol", "lunch, yes"),                                        // 3
                new ChatItem.Action(4, "10:02", "bob", "brings LUNCH", false, false),     // 4
                new ChatItem.UnreadMarker("New"),
                message(6, "dave", "no thanks"),
                message(7, "alice", "see you at lunch"));                                 // 7
    }

    private int current() {
        return search.currentIndexProperty().get();
    }

    @Test
    @DisplayName("a query finds messages, actions and notices ignoring case, starting from the newest")
    void findsFromNewest() {
        fill();

        search.open();
        search.queryProperty().set("LUNCH");

        assertThat(search.matchCountProperty().get()).isEqualTo(4);
        assertThat(current()).isEqualTo(7);
        assertThat(search.statusProperty().get()).isEqualTo("1 of 4");
    }

    @Test
    @DisplayName("next goes older and wraps to the newest; previous goes newer and wraps to the oldest")
    void walksAndWraps() {
        fill();
        search.queryProperty().set("lunch");
        List<Integer> visited = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            search.next();
            visited.add(current());
            statuses.add(search.statusProperty().get());
        }

        assertThat(visited).containsExactly(4, 3, 1, 7, 4);
        assertThat(statuses).containsExactly("2 of 4", "3 of 4", "4 of 4", "1 of 4", "2 of 4");

        search.previous();
        assertThat(current()).isEqualTo(7);
        search.previous();
        assertThat(current()).isEqualTo(1);
        assertThat(search.statusProperty().get()).isEqualTo("4 of 4");
    }

    @Test
    @DisplayName("senders match, and a notice's text; day separators and the unread marker never do")
    void whatMatches() {
        fill();

        search.queryProperty().set("carol");
        assertThat(search.matchCountProperty().get()).isEqualTo(2);
        search.queryProperty().set("bob brings");
        assertThat(current()).isEqualTo(4);
        search.queryProperty().set("saturday");
        assertThat(search.matchCountProperty().get()).isZero();
        search.queryProperty().set("new");
        assertThat(search.matchCountProperty().get()).isZero();
    }

    @Test
    @DisplayName("an empty or blank query matches nothing and says nothing; no match says so")
    void emptyQueryAndNoMatch() {
        fill();

        search.queryProperty().set("   ");
        assertThat(search.matchCountProperty().get()).isZero();
        assertThat(current()).isEqualTo(-1);
        assertThat(search.statusProperty().get()).isEmpty();
        search.next();
        search.previous();
        assertThat(current()).isEqualTo(-1);

        search.queryProperty().set("pizza");
        assertThat(current()).isEqualTo(-1);
        assertThat(search.statusProperty().get()).isEqualTo("No matches");
    }

    @Test
    @DisplayName("rows arriving add matches and keep the current one; a dropped current row moves to the oldest")
    void followsTheList() {
        fill();
        search.queryProperty().set("lunch");
        search.next();
        assertThat(current()).isEqualTo(4);

        items.add(message(8, "erin", "lunch!"));
        assertThat(search.matchCountProperty().get()).isEqualTo(5);
        assertThat(current()).isEqualTo(4);
        assertThat(search.statusProperty().get()).isEqualTo("3 of 5");

        // The oldest rows are dropped: the current row only moves.
        items.remove(0, 2);
        assertThat(current()).isEqualTo(2);
        assertThat(search.statusProperty().get()).isEqualTo("3 of 4");

        // The current row itself is dropped.
        items.remove(0, 3);
        assertThat(items.get(current())).isEqualTo(message(7, "alice", "see you at lunch"));
        assertThat(search.statusProperty().get()).isEqualTo("2 of 2");
    }

    @Test
    @DisplayName("a first match arriving becomes the current one; equal rows are told apart")
    void firstMatchArrives() {
        search.queryProperty().set("hello");
        assertThat(search.statusProperty().get()).isEqualTo("No matches");

        items.add(message(1, "bob", "hello"));
        items.add(new ChatItem.Notice("10:00", "hello", ChatItem.NoticeKind.CONNECTION));
        items.add(new ChatItem.Notice("10:00", "hello", ChatItem.NoticeKind.CONNECTION));
        assertThat(current()).isEqualTo(0);
        search.previous();
        search.previous();
        assertThat(current()).isEqualTo(2);
        search.next();
        assertThat(current()).isEqualTo(1);
    }

    @Test
    @DisplayName("close forgets the query and clears the match; Italian status")
    void closeAndItalian() {
        fill();
        var italian = new TranscriptSearch(items, Fixtures.italian());
        italian.open();
        italian.queryProperty().set("lunch");
        assertThat(italian.statusProperty().get()).isEqualTo("1 di 4");
        italian.queryProperty().set("pizza");
        assertThat(italian.statusProperty().get()).isEqualTo("Nessun risultato");

        italian.close();
        assertThat(italian.openProperty().get()).isFalse();
        assertThat(italian.queryProperty().get()).isEmpty();
        assertThat(italian.currentIndexProperty().get()).isEqualTo(-1);
        assertThat(italian.statusProperty().get()).isEmpty();
        items.add(message(9, "bob", "pizza"));
        assertThat(italian.matchCountProperty().get()).isZero();
    }
}
