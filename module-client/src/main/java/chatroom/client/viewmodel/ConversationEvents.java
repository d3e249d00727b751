package chatroom.client.viewmodel;

import chatroom.client.core.ClientEvent;
import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/// Sorts one batch of the client's events into the conversations they belong to: rows for
/// each transcript, unread counts, members, topics. Each conversation's transcript changes at
/// most once per batch (one `addAll`), so a burst of thousands of messages costs each list one
/// change, and each member list is set once, to the batch's last list.
///
/// FX thread only (or the test's thread, with a direct executor).
final class ConversationEvents {

    private final Texts texts;
    private final Conversations conversations;
    private final Supplier<Name> me;
    private final Attentive attention;
    private final Map<ConversationViewModel, Rows> rows = new LinkedHashMap<>();
    private final Map<ConversationViewModel, List<Member>> latestMembers = new LinkedHashMap<>();
    /// The rooms the client listed last.
    private Set<String> listed = Set.of();
    /// Rooms the person asked to leave: when the client no longer lists them, they go.
    private final Set<String> leaving = new HashSet<>();
    /// The room the person last asked to join: it opens once the client lists it.
    private Optional<String> wanted = Optional.empty();

    /// Told of each new message that may need the person's attention.
    interface Attentive {
        void message(ConversationViewModel conversation, ServerFrame.Chat chat, boolean mention);
    }

    ConversationEvents(Texts texts, Conversations conversations, Supplier<Name> me, Attentive attention) {
        this.texts = texts;
        this.conversations = conversations;
        this.me = me;
        this.attention = attention;
    }

    /// The rows made for one batch, per conversation.
    private static final class Rows {
        final List<ChatItem> items = new ArrayList<>();
        int unread;
        boolean mentioned;
    }

    private Rows rows(ConversationViewModel conversation) {
        return rows.computeIfAbsent(conversation, key -> new Rows());
    }

    /// Rows for `conversation` that the transcript adds: the list to add them to.
    List<ChatItem> into(ConversationViewModel conversation) {
        return rows(conversation).items;
    }

    /// Every conversation gets `text` (the connection was lost or came back).
    void noticeEverywhere(String text, ChatItem.NoticeKind kind) {
        for (var conversation : conversations.all()) {
            conversation.transcript().notice(text, kind, into(conversation));
        }
    }

    void message(ClientEvent.Message message) {
        var conversation = conversations.obtain(message.room());
        if (!conversation.firstSight(message.chat().id())) {
            return;
        }
        var out = into(conversation);
        boolean unread = !message.fromHistory() && !isMe(message.chat().from());
        if (unread) {
            markIfFirstUnread(conversation);
        }
        int before = out.size();
        conversation.transcript().message(message.chat(), out);
        if (unread) {
            boolean mention = out.size() > before && switch (out.getLast()) {
                case ChatItem.Message row -> row.mention();
                case ChatItem.Action row -> row.mention();
                case ChatItem.Notice row -> false;
                case ChatItem.DaySeparator row -> false;
                case ChatItem.UnreadMarker row -> false;
            };
            counted(conversation, mention);
            attention.message(conversation, message.chat(), mention);
        }
    }

    void privateMessage(ClientEvent.PrivateMessage message) {
        var conversation = conversations.obtain(message.with());
        if (!conversation.firstSight(message.chat().id())) {
            return;
        }
        boolean unread = !message.fromHistory() && !message.sent();
        if (unread) {
            markIfFirstUnread(conversation);
        }
        conversation.transcript().message(message.chat(), into(conversation));
        if (unread) {
            counted(conversation, true);
            attention.message(conversation, message.chat(), true);
        }
    }

    /// The first message the person has not read gets the unread marker above it.
    private void markIfFirstUnread(ConversationViewModel conversation) {
        Rows pending = rows(conversation);
        if (pending.unread == 0 && conversation.readUpToDate() && !conversations.beingRead(conversation)) {
            conversation.transcript().unreadMarker(pending.items);
        }
    }

    private void counted(ConversationViewModel conversation, boolean mention) {
        Rows pending = rows(conversation);
        pending.unread++;
        pending.mentioned |= mention;
    }

    void presence(ClientEvent.Presence presence) {
        if (presence.room().isPresent()) {
            var conversation = conversations.obtain(presence.room().get());
            conversation.transcript().presence(presence, into(conversation));
        } else if (presence.frame() instanceof ServerFrame.Left left) {
            everywhere(left.name(), presence);
        } else if (presence.frame() instanceof ServerFrame.Renamed renamed) {
            everywhere(renamed.from(), presence);
            if (isMe(renamed.from())) {
                conversations.all().forEach(conversation -> conversation.transcript().rename(renamed.to()));
            }
            conversations.renamed(renamed.from(), renamed.to());
        }
    }

    /// A member left the chat or changed their name: every room they were in says so, and so
    /// does the private conversation with them.
    private void everywhere(Name name, ClientEvent.Presence presence) {
        for (var conversation : conversations.all()) {
            boolean concerned = conversation.isRoom()
                    ? isMember(conversation, name)
                    : ConversationViewModel.keyOf(conversation.target()).equals(name.key());
            if (concerned) {
                conversation.transcript().presence(presence, into(conversation));
            }
        }
    }

    private boolean isMember(ConversationViewModel conversation, Name name) {
        List<Member> list = latestMembers.getOrDefault(conversation, conversation.members());
        return list.stream().anyMatch(member -> member.name().key().equals(name.key()));
    }

    void members(ClientEvent.Members list) {
        conversations.find(list.room()).ifPresent(conversation -> latestMembers.put(conversation, list.members()));
    }

    void topic(ClientEvent.Topic topic) {
        var conversation = conversations.obtain(topic.room());
        conversation.setTopic(topic.topic().text());
        conversation.transcript().topic(topic, into(conversation));
    }

    void moderated(ClientEvent.Moderated moderated) {
        conversations.find(moderated.room()).ifPresent(conversation -> {
            switch (moderated.moderated().action()) {
                case LOCK_TOPIC -> conversation.setTopicLocked(true);
                case UNLOCK_TOPIC -> conversation.setTopicLocked(false);
                case OP, DEOP, BAN, UNBAN, MUTE, UNMUTE, CLOSE, VOICE, DEVOICE, MODERATE, UNMODERATE, INVITE_ONLY,
                     PUBLIC, SET_KEY, CLEAR_KEY, SET_LIMIT, CLEAR_LIMIT -> {
                    // Told in the transcript; the member list shows the flags.
                }
            }
            conversation.transcript().moderated(moderated, into(conversation));
        });
    }

    void away(ClientEvent.Away away) {
        conversations.find(away.name()).ifPresent(conversation -> conversation.setAway(away.text().isPresent()));
    }

    /// The rooms the client is in now. Rooms the person left go; a room they were put out of
    /// stays, marked as left, so they can read why. A room the person just asked for opens.
    void inRooms(ClientEvent.InRooms rooms) {
        Set<String> now = new HashSet<>();
        for (RoomName room : rooms.rooms()) {
            now.add(ConversationViewModel.keyOf(room));
            conversations.obtain(room).setJoined(true);
            leaving.remove(ConversationViewModel.keyOf(room));
        }
        // Only a room the client listed before and lists no more was left: a room being joined
        // may show (its topic, its members, its join) before the client lists it.
        for (var conversation : List.copyOf(conversations.rooms())) {
            if (listed.contains(conversation.key()) && !now.contains(conversation.key())) {
                if (leaving.remove(conversation.key())) {
                    conversations.remove(conversation);
                } else {
                    conversation.setJoined(false);
                }
            }
        }
        listed = now;
        if (wanted.isPresent() && now.contains(wanted.get())) {
            conversations.all().stream().filter(conversation -> conversation.key().equals(wanted.get())).findFirst()
                    .ifPresent(conversations::open);
            wanted = Optional.empty();
        }
    }

    /// The person asked to join `room`: it opens as soon as the client is in it.
    void wantOpen(RoomName room) {
        wanted = Optional.of(ConversationViewModel.keyOf(room));
    }

    /// The person asked to leave `room`.
    void leaving(RoomName room) {
        leaving.add(ConversationViewModel.keyOf(room));
    }

    void notSent(ClientEvent.NotSent notSent) {
        Target to = notSent.to();
        var conversation = conversations.find(to).orElseGet(() -> conversations.obtain(to));
        conversation.transcript().notice(texts.format("notice.notSent", notSent.text(), notSent.reason()),
                ChatItem.NoticeKind.ERROR, into(conversation));
    }

    /// Hands the batch's rows and lists to the conversations.
    void flush() {
        latestMembers.forEach((conversation, list) -> conversation.setMembers(list, me.get()));
        latestMembers.clear();
        rows.forEach((conversation, pending) -> conversation.append(pending.items, pending.unread,
                pending.mentioned, conversations.beingRead(conversation)));
        rows.clear();
    }

    private boolean isMe(Name name) {
        return name.key().equals(me.get().key());
    }
}
