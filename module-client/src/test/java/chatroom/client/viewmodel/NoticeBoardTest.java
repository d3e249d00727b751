package chatroom.client.viewmodel;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// The in-window notices without the toolkit: a clock the test moves, the window's focus set
/// by hand.
class NoticeBoardTest {

    private static final Name BOB = new Name("bob");
    private static final RoomName RUST = RoomName.of("rust");

    private final Fixtures.Clock clock = new Fixtures.Clock(Instant.parse("2026-01-10T09:00:00Z"));
    private final List<Target> opened = new ArrayList<>();
    private NoticeBoard board;

    @BeforeEach
    void create() {
        board = new NoticeBoard(clock, opened::add);
    }

    private static Notification about(Target conversation, String text) {
        return new Notification(conversation, "title", text);
    }

    private List<String> texts() {
        return board.notices().stream().map(notice -> notice.notification().text()).toList();
    }

    @Test
    @DisplayName("a notice seen in a focused window goes after its lifetime, not before")
    void expiresWhileFocused() {
        board.deliver(about(BOB, "hi"));
        clock.advance(NoticeBoard.LIFETIME.minusMillis(1));
        board.tick();
        assertThat(texts()).containsExactly("hi");

        clock.advance(Duration.ofMillis(1));
        board.tick();
        assertThat(board.notices()).isEmpty();
    }

    @Test
    @DisplayName("time away from the window does not count: the lifetime starts when the window is focused")
    void waitsForTheFocus() {
        board.windowFocusedProperty().set(false);
        board.deliver(about(BOB, "while away"));
        clock.advance(Duration.ofMinutes(30));
        board.tick();
        assertThat(texts()).containsExactly("while away");

        board.windowFocusedProperty().set(true);
        clock.advance(NoticeBoard.LIFETIME.minusSeconds(1));
        board.tick();
        assertThat(texts()).as("just seen").containsExactly("while away");

        board.windowFocusedProperty().set(false);
        clock.advance(Duration.ofMinutes(5));
        board.windowFocusedProperty().set(true);
        clock.advance(Duration.ofSeconds(1));
        board.tick();
        assertThat(texts()).as("the clock starts again at each focus").containsExactly("while away");

        clock.advance(NoticeBoard.LIFETIME);
        board.tick();
        assertThat(board.notices()).isEmpty();
    }

    @Test
    @DisplayName("newest first, one per conversation, at most a few")
    void newestFirst() {
        board.deliver(about(BOB, "one"));
        board.deliver(about(RUST, "two"));
        board.deliver(about(new Name("BOB"), "three"));
        assertThat(texts()).containsExactly("three", "two");

        board.deliver(about(new Name("carol"), "four"));
        board.deliver(about(new Name("dave"), "five"));
        assertThat(texts()).hasSize(NoticeBoard.MAX_SHOWN).containsExactly("five", "four", "three");
    }

    @Test
    @DisplayName("opening a notice opens its conversation and takes it away")
    void open() {
        board.deliver(about(BOB, "one"));
        board.deliver(about(RUST, "two"));

        board.open(board.notices().get(1));

        assertThat(opened).containsExactly(BOB);
        assertThat(texts()).containsExactly("two");
    }

    @Test
    @DisplayName("dismissing takes a notice away without opening anything; Esc takes all")
    void dismiss() {
        board.deliver(about(BOB, "one"));
        board.deliver(about(RUST, "two"));

        board.dismiss(board.notices().getFirst());
        assertThat(texts()).containsExactly("one");

        board.deliver(about(RUST, "three"));
        assertThat(board.dismissAll()).isTrue();
        assertThat(board.notices()).isEmpty();
        assertThat(board.dismissAll()).as("nothing left to dismiss").isFalse();
        assertThat(opened).isEmpty();
    }
}
