package chatroom.client.viewmodel;

import chatroom.client.core.ClientEvent;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static chatroom.client.viewmodel.Attention.Decision.DISABLED;
import static chatroom.client.viewmodel.Attention.Decision.FOCUSED;
import static chatroom.client.viewmodel.Attention.Decision.HELD;
import static chatroom.client.viewmodel.Attention.Decision.HISTORY;
import static chatroom.client.viewmodel.Attention.Decision.MUTED;
import static chatroom.client.viewmodel.Attention.Decision.NOTIFIED;
import static chatroom.client.viewmodel.Attention.Decision.NOT_FOR_ME;
import static chatroom.client.viewmodel.Attention.Decision.OWN;
import static org.assertj.core.api.Assertions.assertThat;

/// When a message notifies and how it is worded, without the toolkit: a recording notifier,
/// a clock the test moves, and the window's focus set by hand.
class AttentionTest {

    private static final Name BOB = new Name("bob");
    private static final RoomName RUST = RoomName.of("rust");
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final Fixtures.Clock clock = new Fixtures.Clock(Instant.parse("2026-01-10T09:00:00Z"));
    private final List<Notification> delivered = new ArrayList<>();
    private final Set<Target> muted = new HashSet<>();
    private Attention attention;

    @BeforeEach
    void create() {
        attention = attention(Fixtures.english());
    }

    private Attention attention(Texts texts) {
        var created = new Attention(texts, clock, WINDOW, delivered::add, muted::contains);
        created.windowFocusedProperty().set(false);
        return created;
    }

    private static Attention.Incoming privately(String from, String text) {
        return new Attention.Incoming(new Name(from), from, text, false, false, false);
    }

    private static Attention.Incoming mentioning(RoomName room, String from, String text) {
        return new Attention.Incoming(room, from, text, true, false, false);
    }

    private static Attention.Incoming plain(RoomName room, String from, String text) {
        return new Attention.Incoming(room, from, text, false, false, false);
    }

    @Nested
    @DisplayName("what notifies")
    class Rules {

        @Test
        @DisplayName("a private message while the window is not focused")
        void privateMessage() {
            assertThat(attention.onMessage(privately("bob", "are you there?"))).isEqualTo(NOTIFIED);

            assertThat(delivered).containsExactly(new Notification(BOB, "Private message from bob", "are you there?"));
        }

        @Test
        @DisplayName("a mention in a room while the window is not focused")
        void mention() {
            assertThat(attention.onMessage(mentioning(RUST, "bob", "alice, look at this"))).isEqualTo(NOTIFIED);

            assertThat(delivered).containsExactly(new Notification(RUST, "bob mentioned you in #rust", "alice, look at this"));
        }

        @Test
        @DisplayName("a room message that does not name the person does not")
        void plainRoomMessage() {
            assertThat(attention.onMessage(plain(RUST, "bob", "hello all"))).isEqualTo(NOT_FOR_ME);

            assertThat(delivered).isEmpty();
        }

        @Test
        @DisplayName("nothing while the window is focused; again once it is not")
        void focused() {
            attention.windowFocusedProperty().set(true);

            assertThat(attention.onMessage(privately("bob", "one"))).isEqualTo(FOCUSED);
            assertThat(attention.onMessage(mentioning(RUST, "bob", "alice?"))).isEqualTo(FOCUSED);
            assertThat(delivered).isEmpty();

            attention.windowFocusedProperty().set(false);
            assertThat(attention.onMessage(privately("bob", "two"))).isEqualTo(NOTIFIED);
            assertThat(delivered).extracting(Notification::text).containsExactly("two");
        }

        @Test
        @DisplayName("a new Attention notifies nothing until the view says the window is not focused")
        void focusedUntilBound() {
            var fresh = new Attention(Fixtures.english(), clock, WINDOW, delivered::add, muted::contains);

            assertThat(fresh.onMessage(privately("bob", "early"))).isEqualTo(FOCUSED);
            assertThat(delivered).isEmpty();
        }

        @Test
        @DisplayName("nothing while notifications are off")
        void disabled() {
            attention.enabledProperty().set(false);

            assertThat(attention.onMessage(privately("bob", "one"))).isEqualTo(DISABLED);
            assertThat(attention.onMessage(mentioning(RUST, "bob", "alice?"))).isEqualTo(DISABLED);
            assertThat(delivered).isEmpty();
        }

        @Test
        @DisplayName("nothing from a muted conversation, others still notify; unmuted it notifies again")
        void muted() {
            muted.add(RUST);

            assertThat(attention.onMessage(mentioning(RUST, "bob", "alice?"))).isEqualTo(MUTED);
            assertThat(attention.onMessage(mentioning(RoomName.of("java"), "bob", "alice?"))).isEqualTo(NOTIFIED);
            assertThat(attention.onMessage(privately("bob", "hi"))).isEqualTo(NOTIFIED);
            assertThat(delivered).extracting(Notification::conversation).containsExactly(RoomName.of("java"), BOB);

            muted.remove(RUST);
            assertThat(attention.onMessage(mentioning(RUST, "bob", "alice?"))).isEqualTo(NOTIFIED);
        }

        @Test
        @DisplayName("a muted private conversation stays quiet")
        void mutedPrivate() {
            muted.add(BOB);

            assertThat(attention.onMessage(privately("bob", "psst"))).isEqualTo(MUTED);
            assertThat(delivered).isEmpty();
        }

        @Test
        @DisplayName("never for history, even a private message or a mention")
        void history() {
            assertThat(attention.onMessage(new Attention.Incoming(BOB, "bob", "old", false, false, true)))
                    .isEqualTo(HISTORY);
            assertThat(attention.onMessage(new Attention.Incoming(RUST, "bob", "alice old", true, false, true)))
                    .isEqualTo(HISTORY);
            assertThat(delivered).isEmpty();
        }

        @Test
        @DisplayName("never for the person's own messages, even one that names them")
        void own() {
            assertThat(attention.onMessage(new Attention.Incoming(BOB, "alice", "hi bob", false, true, false)))
                    .isEqualTo(OWN);
            assertThat(attention.onMessage(new Attention.Incoming(RUST, "alice", "alice here", true, true, false)))
                    .isEqualTo(OWN);
            assertThat(delivered).isEmpty();
        }
    }

    @Nested
    @DisplayName("bursts")
    class Coalescing {

        @Test
        @DisplayName("one notification per conversation per window; the held ones are told when it has passed")
        void heldThenTold() {
            assertThat(attention.onMessage(privately("bob", "one"))).isEqualTo(NOTIFIED);
            clock.advance(Duration.ofSeconds(2));
            assertThat(attention.onMessage(privately("bob", "two"))).isEqualTo(HELD);
            clock.advance(Duration.ofSeconds(2));
            assertThat(attention.onMessage(privately("bob", "three"))).isEqualTo(HELD);
            assertThat(delivered).hasSize(1);

            clock.advance(Duration.ofSeconds(5));
            attention.tick();
            assertThat(delivered).as("the window has not passed yet").hasSize(1);

            clock.advance(Duration.ofSeconds(1));
            attention.tick();
            assertThat(delivered).hasSize(2);
            assertThat(delivered.get(1)).isEqualTo(
                    new Notification(BOB, "Private message from bob", "2 new messages from bob\nthree"));

            clock.advance(Duration.ofSeconds(30));
            attention.tick();
            assertThat(delivered).as("told once").hasSize(2);
        }

        @Test
        @DisplayName("a message after the window tells the held ones with it")
        void nextMessageTellsHeld() {
            attention.onMessage(privately("bob", "one"));
            attention.onMessage(privately("bob", "two"));
            attention.onMessage(privately("bob", "three"));
            clock.advance(WINDOW);

            assertThat(attention.onMessage(privately("bob", "four"))).isEqualTo(NOTIFIED);

            assertThat(delivered).extracting(Notification::text).containsExactly("one", "3 new messages from bob\nfour");
        }

        @Test
        @DisplayName("after a quiet window a message is told alone again")
        void quietThenSingle() {
            attention.onMessage(privately("bob", "one"));
            clock.advance(WINDOW);
            attention.tick();
            clock.advance(Duration.ofSeconds(1));

            assertThat(attention.onMessage(privately("bob", "two"))).isEqualTo(NOTIFIED);
            assertThat(delivered).extracting(Notification::text).containsExactly("one", "two");
        }

        @Test
        @DisplayName("conversations are coalesced apart")
        void perConversation() {
            assertThat(attention.onMessage(privately("bob", "hi"))).isEqualTo(NOTIFIED);
            assertThat(attention.onMessage(privately("carol", "hi"))).isEqualTo(NOTIFIED);
            assertThat(attention.onMessage(mentioning(RUST, "bob", "alice"))).isEqualTo(NOTIFIED);
            assertThat(attention.onMessage(privately("bob", "again"))).isEqualTo(HELD);

            assertThat(delivered).extracting(Notification::conversation)
                    .containsExactly(BOB, new Name("carol"), RUST);
        }

        @Test
        @DisplayName("a conversation is the same whatever the case of its name")
        void caseInsensitive() {
            attention.onMessage(mentioning(RoomName.of("Rust"), "bob", "alice"));

            assertThat(attention.onMessage(mentioning(RUST, "bob", "alice"))).isEqualTo(HELD);
            assertThat(attention.onMessage(privately("BOB", "hi"))).isEqualTo(NOTIFIED);
            assertThat(attention.onMessage(privately("bob", "hi"))).isEqualTo(HELD);
        }

        @Test
        @DisplayName("mentions by several people in a room are counted for the room")
        void severalSenders() {
            attention.onMessage(mentioning(RUST, "bob", "alice 1"));
            attention.onMessage(mentioning(RUST, "carol", "alice 2"));
            attention.onMessage(mentioning(RUST, "dave", "alice 3"));
            attention.onMessage(mentioning(RUST, "carol", "alice 4"));
            clock.advance(WINDOW);
            attention.tick();

            assertThat(delivered).hasSize(2);
            assertThat(delivered.get(1)).isEqualTo(new Notification(RUST, "#rust", "3 new mentions in #rust\ncarol: alice 4"));
        }

        @Test
        @DisplayName("focusing the window forgets what was held: the person is looking")
        void focusForgets() {
            attention.onMessage(privately("bob", "one"));
            attention.onMessage(privately("bob", "two"));
            attention.windowFocusedProperty().set(true);
            attention.windowFocusedProperty().set(false);
            clock.advance(WINDOW);
            attention.tick();
            assertThat(delivered).hasSize(1);

            assertThat(attention.onMessage(privately("bob", "three"))).isEqualTo(NOTIFIED);
            assertThat(delivered).extracting(Notification::text).containsExactly("one", "three");
        }

        @Test
        @DisplayName("held messages of a conversation muted meanwhile, or with notifications turned off, are not told")
        void mutedWhileHeld() {
            attention.onMessage(privately("bob", "one"));
            attention.onMessage(privately("bob", "two"));
            attention.onMessage(privately("carol", "one"));
            attention.onMessage(privately("carol", "two"));
            muted.add(BOB);
            clock.advance(WINDOW);
            attention.tick();

            assertThat(delivered).extracting(Notification::text).containsExactly("one", "one", "two");
            assertThat(delivered.getLast().conversation()).isEqualTo(new Name("carol"));

            attention.onMessage(privately("carol", "three"));
            attention.enabledProperty().set(false);
            clock.advance(WINDOW);
            attention.tick();
            assertThat(delivered).hasSize(3);
        }

        @Test
        @DisplayName("a held message does not hold back a message that should not notify anyway")
        void ignoredDoNotCount() {
            attention.onMessage(mentioning(RUST, "bob", "alice"));
            attention.onMessage(plain(RUST, "bob", "plain"));
            attention.onMessage(new Attention.Incoming(RUST, "alice", "mine", false, true, false));
            clock.advance(WINDOW);
            attention.tick();

            assertThat(delivered).hasSize(1);
        }
    }

    @Nested
    @DisplayName("wording")
    class Wording {

        @Test
        @DisplayName("in Italian")
        void italian() {
            var italian = attention(Fixtures.italian());
            italian.onMessage(privately("bob", "ciao"));
            italian.onMessage(privately("bob", "ci sei?"));
            italian.onMessage(privately("bob", "rispondi"));
            italian.onMessage(mentioning(RUST, "carol", "alice!"));
            italian.onMessage(mentioning(RUST, "dave", "alice?"));
            italian.onMessage(mentioning(RUST, "erin", "alice."));
            clock.advance(WINDOW);
            italian.tick();

            assertThat(delivered).containsExactlyInAnyOrder(
                    new Notification(BOB, "Messaggio privato da bob", "ciao"),
                    new Notification(RUST, "carol ti ha menzionato in #rust", "alice!"),
                    new Notification(BOB, "Messaggio privato da bob", "2 nuovi messaggi da bob\nrispondi"),
                    new Notification(RUST, "#rust", "2 nuove menzioni in #rust\nerin: alice."));
        }

        @Test
        @DisplayName("a long message is cut at a word with an ellipsis, on one line")
        void longText() {
            String words = "word ".repeat(100) + "end";
            attention.onMessage(privately("bob", "first line\n\nsecond   line\t" + words));

            String text = delivered.getFirst().text();
            assertThat(text).startsWith("first line second line word word").endsWith("word…");
            assertThat(text.codePointCount(0, text.length())).isLessThanOrEqualTo(Excerpt.MAX);
            assertThat(text).doesNotContain("\n").doesNotContain("wor…");
        }

        @Test
        @DisplayName("a long word is cut where it must, never inside an emoji")
        void longWord() {
            String emoji = "😀".repeat(300);
            String cut = Excerpt.of(emoji);

            assertThat(cut).endsWith("…").hasSize(2 * (Excerpt.MAX - 1) + 1);
            assertThat(cut.codePoints().limit(Excerpt.MAX - 1)).allMatch(cp -> cp == "😀".codePointAt(0));
            assertThat(Excerpt.of("short one")).isEqualTo("short one");
            assertThat(Excerpt.of("x".repeat(Excerpt.MAX))).isEqualTo("x".repeat(Excerpt.MAX));
        }

        @Test
        @DisplayName("direction overrides are taken out")
        void directionControls() {
            assertThat(Excerpt.of("pay \u202Eevil\u202C now")).isEqualTo("pay evil now");
        }
    }

    @Nested
    @DisplayName("from the client's events")
    class FromEvents {

        private final Instant time = Instant.parse("2026-01-10T09:00:00Z");

        @Test
        @DisplayName("a room message: own when the person sent it, the mention as given")
        void roomMessage() {
            var fromBob = new ClientEvent.Message(RUST, new ServerFrame.Chat(1, time, BOB, "alice?"), false);
            var mine = new ClientEvent.Message(RUST, new ServerFrame.Chat(2, time, new Name("Alice"), "hi"), true);

            assertThat(Attention.Incoming.of(fromBob, new Name("alice"), true))
                    .isEqualTo(new Attention.Incoming(RUST, "bob", "alice?", true, false, false));
            assertThat(Attention.Incoming.of(mine, new Name("alice"), false))
                    .isEqualTo(new Attention.Incoming(RUST, "Alice", "hi", false, true, true));
        }

        @Test
        @DisplayName("a private message, received or sent, and an action")
        void privateMessage() {
            var received = new ClientEvent.PrivateMessage(BOB, new ServerFrame.Chat(1, time, BOB, "waves", true), false);
            var sent = new ClientEvent.PrivateMessage(BOB, new ServerFrame.Chat(2, time, new Name("alice"), "hi"), false);

            var incoming = Attention.Incoming.of(received);
            assertThat(incoming).isEqualTo(new Attention.Incoming(BOB, "bob", "bob waves", false, false, false));
            assertThat(incoming.isPrivate()).isTrue();
            assertThat(Attention.Incoming.of(sent).own()).isTrue();
            assertThat(attention.onMessage(Attention.Incoming.of(sent))).isEqualTo(OWN);
            assertThat(attention.onMessage(incoming)).isEqualTo(NOTIFIED);
        }
    }
}
