package chatroom.client.viewmodel;

import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;

/// One conversation of the workbench: a room the person is in, or a private conversation
/// with one person. It holds its transcript, what is unread in it, and (for a room) its
/// topic and members; the sidebar shows one entry per conversation.
///
/// **Unread.** A message that arrives while the conversation is not being read (not open,
/// or the window not focused) counts as unread; a mention of the person, or any private
/// message, also as a mention. The first unread message gets an unread marker row above it,
/// so coming back shows where the person left off; opening the conversation clears the
/// counts (the marker stays until the next unread message moves it).
///
/// FX thread only (or the test's thread, with a direct executor).
public final class ConversationViewModel {

    /// The most rows one conversation keeps; older ones are dropped.
    public static final int MAX_ITEMS = 10_000;

    /// A private conversation's person may change their name; a room's name never changes.
    private Target target;
    private String key;
    private final Transcript transcript;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ObservableList<ChatItem> items = FXCollections.observableArrayList();
    private final ObservableList<ChatItem> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ObservableList<Member> members = FXCollections.observableArrayList();
    private final ObservableList<Member> membersView = FXCollections.unmodifiableObservableList(members);
    private final ReadOnlyIntegerWrapper unread = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper mentions = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper topic = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper muted = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper away = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper joined = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper operator = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper topicLocked = new ReadOnlyBooleanWrapper();
    /// The unread marker row now in [#items], if any.
    private ChatItem marker;
    private final TranscriptSearch search;
    /// What the person is typing here, kept while another conversation is open.
    private String draft = "";
    /// The highest message id shown; ids only grow, so a repeat is never shown twice.
    private long lastMessageId;

    ConversationViewModel(Target target, Transcript transcript) {
        this.target = target;
        this.key = keyOf(target);
        this.transcript = transcript;
        this.search = new TranscriptSearch(itemsView, transcript.texts());
        title.set(switch (target) {
            case RoomName room -> room.value();
            case Name name -> name.value();
        });
        if (target instanceof Name person) {
            // A private conversation's "members": the other person, away or not.
            members.setAll(Member.plain(person));
        }
    }

    /// The key of a conversation with `target`: rooms and names ignoring case, and a room
    /// never equal to a name (room names start with `#`).
    static String keyOf(Target target) {
        return switch (target) {
            case RoomName room -> room.value().toLowerCase(Locale.ROOT);
            case Name name -> name.key();
        };
    }

    /// Where this conversation's messages go.
    public Target target() {
        return target;
    }

    /// A room (rather than a private conversation).
    public boolean isRoom() {
        return target instanceof RoomName;
    }

    String key() {
        return key;
    }

    Transcript transcript() {
        return transcript;
    }

    /// Adds rows to the transcript. `unreadMessages` of them are new messages that the person
    /// has not seen if `beingRead` is false; `mentioned` says whether one of them wants the
    /// person's attention.
    void append(List<ChatItem> rows, int unreadMessages, boolean mentioned, boolean beingRead) {
        if (rows.isEmpty()) {
            return;
        }
        if (unreadMessages > 0 && !beingRead) {
            unread.set(unread.get() + unreadMessages);
            if (mentioned) {
                mentions.set(mentions.get() + 1);
            }
        }
        // A new unread marker replaces the one from the last time the person was away.
        rows.stream().filter(ChatItem.UnreadMarker.class::isInstance).findFirst().ifPresent(newMarker -> {
            if (marker != null) {
                items.remove(marker);
            }
            marker = newMarker;
        });
        if (rows.size() >= MAX_ITEMS) {
            items.setAll(rows.subList(rows.size() - MAX_ITEMS, rows.size()));
        } else {
            items.addAll(rows);
            int excess = items.size() - MAX_ITEMS;
            if (excess > 0) {
                Transcript.dropOldest(items, excess);
            }
        }
    }

    /// The person is reading this conversation now: nothing in it is unread any more.
    void markRead() {
        unread.set(0);
        mentions.set(0);
    }

    /// Whether a message with `id` is new here (and remembers it).
    boolean firstSight(long id) {
        if (id <= lastMessageId) {
            return false;
        }
        lastMessageId = id;
        return true;
    }

    void setMembers(List<Member> list, Name me) {
        members.setAll(list);
        operator.set(list.stream().anyMatch(member -> member.operator() && member.name().key().equals(me.key())));
    }

    void setTopic(String text) {
        topic.set(text);
    }

    void setTopicLocked(boolean locked) {
        topicLocked.set(locked);
    }

    void setMuted(boolean mute) {
        muted.set(mute);
    }

    void setAway(boolean isAway) {
        away.set(isAway);
        if (target instanceof Name person) {
            members.setAll(new Member(person, false, false, isAway));
        }
    }

    void setJoined(boolean isJoined) {
        joined.set(isJoined);
    }

    void renameTo(Name name) {
        target = name;
        key = keyOf(name);
        title.set(name.value());
        members.setAll(new Member(name, false, false, away.get()));
    }

    String draft() {
        return draft;
    }

    void saveDraft(String text) {
        draft = text == null ? "" : text;
    }

    /// Search in this conversation's transcript (Ctrl+F).
    public TranscriptSearch search() {
        return search;
    }

    /// Whether an unread message now would be the first since the person last read here.
    boolean readUpToDate() {
        return unread.get() == 0;
    }

    /// The room's name with `#`, or the other person's name.
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /// The transcript: messages, notices, day separators and the unread marker, oldest first.
    public ObservableList<ChatItem> items() {
        return itemsView;
    }

    /// The room's members, sorted ignoring case; for a private conversation, the other person.
    public ObservableList<Member> members() {
        return membersView;
    }

    /// Messages that arrived while the person was not reading this conversation.
    public ReadOnlyIntegerProperty unreadProperty() {
        return unread.getReadOnlyProperty();
    }

    /// Unread messages that mention the person (every unread private message counts).
    public ReadOnlyIntegerProperty mentionsProperty() {
        return mentions.getReadOnlyProperty();
    }

    /// The room's topic; empty when it has none (and for a private conversation).
    public ReadOnlyStringProperty topicProperty() {
        return topic.getReadOnlyProperty();
    }

    /// The person turned notifications off for this conversation.
    public ReadOnlyBooleanProperty mutedProperty() {
        return muted.getReadOnlyProperty();
    }

    /// The other person of a private conversation is away.
    public ReadOnlyBooleanProperty awayProperty() {
        return away.getReadOnlyProperty();
    }

    /// Still in the room (false after being kicked, or when the room was closed); a private
    /// conversation is always "joined".
    public ReadOnlyBooleanProperty joinedProperty() {
        return joined.getReadOnlyProperty();
    }

    /// Only operators may set the topic (as far as this client has seen it locked).
    public ReadOnlyBooleanProperty topicLockedProperty() {
        return topicLocked.getReadOnlyProperty();
    }

    /// The person is an operator of this room.
    public ReadOnlyBooleanProperty operatorProperty() {
        return operator.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return "Conversation[" + title.get() + "]";
    }
}
