package chatroom.client.viewmodel;

import chatroom.client.core.ClientEvent;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/// The transcript alone, on the test's thread: grouping, actions, topics, moderation, the
/// unread marker, in both languages.
class TranscriptTest {

    private static final RoomName LOBBY = RoomName.of("lobby");

    private final Fixtures.Clock clock = new Fixtures.Clock(Instant.parse("2026-01-10T09:00:00Z"));
    private final List<ChatItem> rows = new ArrayList<>();
    private Transcript transcript = transcript(Fixtures.english());

    private Transcript transcript(Texts texts) {
        return new Transcript(Fixtures.context(Runnable::run, texts, clock), new Name("alice"));
    }

    private void say(long id, String time, String from, String text) {
        transcript.message(new ServerFrame.Chat(id, Instant.parse(time), new Name(from), text), rows);
    }

    private List<ChatItem.Message> messages() {
        return rows.stream().filter(ChatItem.Message.class::isInstance).map(ChatItem.Message.class::cast).toList();
    }

    private List<Boolean> continued() {
        return messages().stream().map(ChatItem.Message::continued).toList();
    }

    private ChatItem.Notice lastNotice() {
        return (ChatItem.Notice) rows.getLast();
    }

    @Nested
    @DisplayName("grouping")
    class Grouping {

        @Test
        @DisplayName("a message from the same sender within 5 minutes of the previous one continues its group")
        void sameSenderWithinFiveMinutes() {
            say(1, "2026-01-10T09:00:00Z", "bob", "one");
            say(2, "2026-01-10T09:04:00Z", "BOB", "two");
            // 5 minutes after the previous message, 9 after the first: the chain goes on.
            say(3, "2026-01-10T09:09:00Z", "bob", "three");

            assertThat(continued()).containsExactly(false, true, true);
        }

        @Test
        @DisplayName("a pause of more than 5 minutes opens a new group")
        void afterFiveMinutes() {
            say(1, "2026-01-10T09:00:00Z", "bob", "one");
            say(2, "2026-01-10T09:05:01Z", "bob", "two");

            assertThat(continued()).containsExactly(false, false);
        }

        @Test
        @DisplayName("another sender between opens a new group, for both")
        void anotherSenderBetween() {
            say(1, "2026-01-10T09:00:00Z", "bob", "one");
            say(2, "2026-01-10T09:00:10Z", "carol", "two");
            say(3, "2026-01-10T09:00:20Z", "bob", "three");

            assertThat(continued()).containsExactly(false, false, false);
        }

        @Test
        @DisplayName("a notice, an action or a presence between opens a new group")
        void rowsBetween() {
            say(1, "2026-01-10T09:00:00Z", "bob", "one");
            transcript.notice("you are sending too fast", ChatItem.NoticeKind.ERROR, rows);
            say(2, "2026-01-10T09:01:00Z", "bob", "two");
            transcript.message(new ServerFrame.Chat(3, Instant.parse("2026-01-10T09:01:30Z"), new Name("bob"),
                    "shrugs", true), rows);
            say(4, "2026-01-10T09:02:00Z", "bob", "four");
            transcript.presence((ClientEvent.Presence) Fixtures.joined("carol", "2026-01-10T09:02:30Z"), rows);
            say(5, "2026-01-10T09:03:00Z", "bob", "five");
            say(6, "2026-01-10T09:03:10Z", "bob", "six");

            assertThat(continued()).containsExactly(false, false, false, false, true);
        }

        @Test
        @DisplayName("a new day opens a new group, even a minute later")
        void newDay() {
            // 23:59 and 00:00 in Rome.
            say(1, "2026-01-10T22:59:00Z", "bob", "late");
            say(2, "2026-01-10T23:00:00Z", "bob", "early");

            assertThat(rows).hasSize(4);
            assertThat(rows.get(2)).isInstanceOf(ChatItem.DaySeparator.class);
            assertThat(continued()).containsExactly(false, false);
        }

        @Test
        @DisplayName("the unread marker opens a new group")
        void afterUnreadMarker() {
            say(1, "2026-01-10T09:00:00Z", "bob", "read");
            transcript.unreadMarker(rows);
            say(2, "2026-01-10T09:00:30Z", "bob", "new");
            say(3, "2026-01-10T09:00:40Z", "bob", "newer");

            assertThat(rows.get(2)).isEqualTo(new ChatItem.UnreadMarker("New"));
            assertThat(continued()).containsExactly(false, false, true);
        }

        @Test
        @DisplayName("own messages group as anyone's, and breakGroup opens a new group")
        void ownAndBreak() {
            say(1, "2026-01-10T09:00:00Z", "alice", "one");
            say(2, "2026-01-10T09:00:10Z", "alice", "two");
            transcript.breakGroup();
            say(3, "2026-01-10T09:00:20Z", "alice", "three");

            assertThat(continued()).containsExactly(false, true, false);
            assertThat(messages()).allMatch(ChatItem.Message::own);
        }

        @Test
        @DisplayName("dropping the oldest rows makes a group's first remaining message its head")
        void dropOldest() {
            say(1, "2026-01-10T09:00:00Z", "bob", "one");
            say(2, "2026-01-10T09:00:10Z", "bob", "two");
            say(3, "2026-01-10T09:00:20Z", "bob", "three");

            Transcript.dropOldest(rows, 2);

            assertThat(rows).containsExactly(new ChatItem.Message(2, "10:00", "bob", "two", false, false, false),
                    new ChatItem.Message(3, "10:00", "bob", "three", false, false, true));
            Transcript.dropOldest(rows, 5);
            assertThat(rows).isEmpty();
        }

        @Test
        @DisplayName("a private conversation's rows group by chat.from() the same way")
        void privateConversation() {
            var chats = List.of(
                    new ServerFrame.Chat(1, Instant.parse("2026-01-10T09:00:00Z"), new Name("bob"), "psst"),
                    new ServerFrame.Chat(2, Instant.parse("2026-01-10T09:00:05Z"), new Name("bob"), "alice?"),
                    new ServerFrame.Chat(3, Instant.parse("2026-01-10T09:00:09Z"), new Name("alice"), "yes"));
            chats.forEach(chat -> transcript.message(chat, rows));

            assertThat(messages()).extracting(ChatItem.Message::sender).containsExactly("bob", "bob", "alice");
            assertThat(continued()).containsExactly(false, true, false);
            assertThat(messages()).extracting(ChatItem.Message::mention).containsExactly(false, true, false);
        }
    }

    @Test
    @DisplayName("an action is a row of its own with sender, text, own and mention")
    void action() {
        transcript.message(new ServerFrame.Chat(7, Instant.parse("2026-01-10T09:02:00Z"), new Name("bob"),
                "waves at alice\u202E", true), rows);

        assertThat(rows.getLast()).isEqualTo(new ChatItem.Action(7, "10:02", "bob", "waves at alice", false, true));
    }

    @Nested
    @DisplayName("topics")
    class Topics {

        private void topic(String text, String by, String time) {
            transcript.topic(new ClientEvent.Topic(LOBBY, new ServerFrame.Topic(text, Optional.ofNullable(by)
                    .map(Name::new), Optional.ofNullable(time).map(Instant::parse))), rows);
        }

        @Test
        @DisplayName("the first is the topic as it is, stamped now; a change says who set it, when")
        void firstThenChanges() {
            topic("weekly sync", "carol", "2026-01-01T08:00:00Z");
            topic("weekly sync", "carol", "2026-01-01T08:00:00Z");
            topic("release day", "bob", "2026-01-10T09:30:00Z");
            topic("", "bob", "2026-01-10T09:40:00Z");
            topic("", null, null);
            topic("from a v1 server", null, null);

            assertThat(rows).filteredOn(ChatItem.Notice.class::isInstance).containsExactly(
                    new ChatItem.Notice("10:00", "Topic: weekly sync (set by carol)", ChatItem.NoticeKind.TOPIC),
                    new ChatItem.Notice("10:30", "bob set the topic: release day", ChatItem.NoticeKind.TOPIC),
                    new ChatItem.Notice("10:40", "bob cleared the topic", ChatItem.NoticeKind.TOPIC),
                    new ChatItem.Notice("10:00", "The topic is now: from a v1 server", ChatItem.NoticeKind.TOPIC));
        }

        @Test
        @DisplayName("no topic at first says nothing; in Italian")
        void italian() {
            transcript = transcript(Fixtures.italian());
            topic("", null, null);
            topic("rilascio", "bob", "2026-01-10T09:30:00Z");

            assertThat(rows).filteredOn(ChatItem.Notice.class::isInstance).extracting(item -> ((ChatItem.Notice) item).text())
                    .containsExactly("bob ha impostato l'argomento: rilascio");
        }
    }

    @Nested
    @DisplayName("moderation")
    class ModerationEvents {

        private void moderated(Moderation action, String target) {
            transcript.moderated(new ClientEvent.Moderated(LOBBY, new ServerFrame.Moderated(action, new Name("alice"),
                    Optional.ofNullable(target), Instant.parse("2026-01-10T09:10:00Z"))), rows);
        }

        @Test
        @DisplayName("every action is worded with who did it to whom")
        void everyAction() {
            moderated(Moderation.OP, "bob");
            moderated(Moderation.DEOP, "bob");
            moderated(Moderation.BAN, "10.0.0.7");
            moderated(Moderation.UNBAN, "carol");
            moderated(Moderation.MUTE, "bob");
            moderated(Moderation.UNMUTE, "bob");
            moderated(Moderation.LOCK_TOPIC, null);
            moderated(Moderation.UNLOCK_TOPIC, null);
            moderated(Moderation.CLOSE, null);

            assertThat(rows).filteredOn(ChatItem.Notice.class::isInstance)
                    .allMatch(item -> ((ChatItem.Notice) item).kind() == ChatItem.NoticeKind.MODERATION)
                    .extracting(item -> ((ChatItem.Notice) item).text()).containsExactly(
                            "alice made bob an operator", "alice took operator status from bob",
                            "alice banned 10.0.0.7", "alice lifted the ban on carol", "alice muted bob",
                            "alice unmuted bob", "alice locked the topic: only operators may change it",
                            "alice unlocked the topic: everyone may change it", "alice closed the room");
            assertThat(lastNotice().time()).isEqualTo("10:10");
        }

        @Test
        @DisplayName("voices and who may speak or join are worded too")
        void speakAndJoin() {
            moderated(Moderation.VOICE, "bob");
            moderated(Moderation.DEVOICE, "bob");
            moderated(Moderation.MODERATE, null);
            moderated(Moderation.UNMODERATE, null);
            moderated(Moderation.INVITE_ONLY, null);
            moderated(Moderation.PUBLIC, null);
            moderated(Moderation.SET_KEY, "sesame");
            moderated(Moderation.CLEAR_KEY, null);
            moderated(Moderation.SET_LIMIT, "12");
            moderated(Moderation.CLEAR_LIMIT, null);

            assertThat(rows).filteredOn(ChatItem.Notice.class::isInstance)
                    .extracting(item -> ((ChatItem.Notice) item).text()).containsExactly(
                            "alice gave bob a voice", "alice took the voice from bob",
                            "alice made the room moderated: only operators and voiced members may speak",
                            "alice made the room unmoderated: everyone may speak", "alice made the room invite-only",
                            "alice made the room public: anyone may join", "alice set the room's key to sesame",
                            "alice removed the room's key", "alice limited the room to 12 members",
                            "alice removed the room's member limit");
        }

        @Test
        @DisplayName("a kick says who kicked whom and why, and to the one kicked, that it was them")
        void kicks() {
            kick("bob", "carol", "spam");
            kick("bob", "carol", "");
            kick("alice", "carol", "");

            assertThat(rows).filteredOn(ChatItem.Notice.class::isInstance)
                    .allMatch(item -> ((ChatItem.Notice) item).kind() == ChatItem.NoticeKind.MODERATION)
                    .extracting(item -> ((ChatItem.Notice) item).text()).containsExactly(
                            "bob was kicked out by carol: spam", "bob was kicked out by carol",
                            "You were kicked out by carol");
        }

        @Test
        @DisplayName("in Italian")
        void italian() {
            transcript = transcript(Fixtures.italian());
            moderated(Moderation.MUTE, "bob");
            kick("bob", "alice", "spam");

            assertThat(rows).filteredOn(ChatItem.Notice.class::isInstance)
                    .extracting(item -> ((ChatItem.Notice) item).text())
                    .containsExactly("alice ha silenziato bob", "bob è stato espulso da alice: spam");
        }

        private void kick(String name, String by, String reason) {
            transcript.presence(new ClientEvent.Presence(Optional.of(LOBBY), new ServerFrame.Kicked(new Name(name),
                    new Name(by), Instant.parse("2026-01-10T09:11:00Z"), reason)), rows);
        }
    }

    @Test
    @DisplayName("the unread marker says New, or Nuovi")
    void unreadMarkerLanguages() {
        transcript.unreadMarker(rows);
        transcript(Fixtures.italian()).unreadMarker(rows);

        assertThat(rows).containsExactly(new ChatItem.UnreadMarker("New"), new ChatItem.UnreadMarker("Nuovi"));
    }
}
