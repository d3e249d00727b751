package chatroom.client.viewmodel;

import chatroom.client.core.ClientEvent;
import chatroom.protocol.LeaveReason;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/// Turns what happens in one conversation (a room, or a private conversation) into rows of its
/// message list: formats times in the local zone, puts a day separator before the first row of
/// each day, marks own messages and mentions, groups messages, and words topics and moderation
/// in the UI's language.
///
/// **Grouping.** A [ChatItem.Message] is `continued` (shown without avatar, name and time)
/// when all of these hold:
/// - the row before it is a message (not an action) from the same sender (same name, ignoring
///   case): any other row in between (a notice, a day separator, an unread marker, an action)
///   opens a new group;
/// - it is on the same local day (a new day starts with a separator, so this follows from the
///   rule above);
/// - it was sent at most [#GROUP_GAP] (5 minutes) after the previous message of the group: a
///   long conversation with short pauses stays one group, a pause of more opens a new one.
///
/// The rule looks at what this transcript added last, so every row of the list must be added
/// through it (or [#breakGroup()] called after adding one by other means).
///
/// Confined to the thread that owns its view-model (the FX thread).
final class Transcript {

    /// The longest pause between two messages of one group.
    static final Duration GROUP_GAP = Duration.ofMinutes(5);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /// Characters that silently reorder text (bidi embeddings, overrides and isolates): a
    /// message could use them to look like something else, so they are not shown.
    private static final Pattern DIRECTION_CONTROLS = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");

    /// The group the next message may continue: its sender's key and its last message's time.
    private record Group(String sender, Instant last) {
    }

    private final ViewModelContext context;
    private final DateTimeFormatter dayFormat;
    private LocalDate lastDay;
    private Name me;
    private Pattern mention;
    /// `null` when the last row added was not a message.
    private Group group;
    /// The topic as last told to this transcript; `null` before the first.
    private String knownTopic;

    Transcript(ViewModelContext context, Name me) {
        this.context = context;
        this.dayFormat = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(context.texts().locale());
        rename(me);
    }

    /// This client's person is now called `name` (after a login or a rename).
    void rename(Name name) {
        me = name;
        // A whole word: not next to another letter, digit or '_' ("@alice," counts, "malice" not).
        mention = Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(name.value()) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    Texts texts() {
        return context.texts();
    }

    Name me() {
        return me;
    }

    /// A message or an action of a room or of a private conversation (its sender is
    /// `chat.from()`: this client's person for one it sent).
    void message(ServerFrame.Chat chat, List<ChatItem> out) {
        boolean own = chat.from().key().equals(me.key());
        String text = clean(chat.text());
        boolean mentioned = !own && mention.matcher(text).find();
        ZonedDateTime local = chat.time().atZone(context.zone());
        boolean newDay = startDay(local, out);
        String time = TIME.format(local);
        if (chat.action()) {
            // "/me waves": told as what its sender did, in a row of its own.
            out.add(new ChatItem.Action(chat.id(), time, chat.from().value(), text, own, mentioned));
            group = null;
            return;
        }
        boolean continued = !newDay && group != null && group.sender().equals(chat.from().key())
                && Duration.between(group.last(), chat.time()).abs().compareTo(GROUP_GAP) <= 0;
        out.add(new ChatItem.Message(chat.id(), time, chat.from().value(), text, own, mentioned, continued));
        group = new Group(chat.from().key(), chat.time());
    }

    void presence(ClientEvent.Presence presence, List<ChatItem> out) {
        Texts texts = context.texts();
        switch (presence.frame()) {
            case ServerFrame.Joined joined -> notice(joined.time(), joined.name().key().equals(me.key())
                    ? texts.format("notice.joined.self", joined.name())
                    : texts.format("notice.joined", joined.name()), ChatItem.NoticeKind.PRESENCE, out);
            case ServerFrame.Left left -> notice(left.time(),
                    texts.format("notice.left", left.name()) + leaveSuffix(left.reason())
                            + (left.text().isBlank() ? "" : texts.format("notice.parted.reason", left.text())),
                    ChatItem.NoticeKind.PRESENCE, out);
            case ServerFrame.Renamed renamed -> notice(renamed.time(),
                    texts.format("notice.renamed", renamed.from(), renamed.to()), ChatItem.NoticeKind.PRESENCE, out);
            // Leaving the room shows as a version 1 server showed it: as leaving the chat.
            // Leaving a room is not leaving the chat: the room is named, and the reason given.
            case ServerFrame.Parted parted -> notice(parted.time(), texts.format("notice.parted", parted.name(),
                            presence.room().map(RoomName::value).orElse(""))
                            + (parted.reason().isBlank() ? "" : texts.format("notice.parted.reason", parted.reason())),
                    ChatItem.NoticeKind.PRESENCE, out);
            // An operator's act, told as one with who did it and why.
            case ServerFrame.Kicked kicked -> notice(kicked.time(), withReason(kicked.name().key().equals(me.key())
                    ? texts.format("transcript.kicked.self", kicked.by())
                    : texts.format("transcript.kicked", kicked.name(), kicked.by()), kicked.reason()),
                    ChatItem.NoticeKind.MODERATION, out);
            // ClientEvent.Presence admits only the five above.
            case ServerFrame.Hello _, ServerFrame.Welcome _, ServerFrame.Members _, ServerFrame.History _,
                 ServerFrame.Chat _, ServerFrame.Notice _, ServerFrame.Error _, ServerFrame.Ping _,
                 ServerFrame.Pong _, ServerFrame.Bye _, ServerFrame.InRoom _, ServerFrame.Private _,
                 ServerFrame.PrivateHistory _, ServerFrame.Away _, ServerFrame.RoomList _, ServerFrame.RoomInfo _,
                 ServerFrame.Topic _, ServerFrame.Moderated _, ServerFrame.Invited _ ->
                    throw new IllegalArgumentException("not a presence frame: " + presence.frame());
        }
    }

    /// The room's topic. The first one this transcript hears is the topic as it is ("Topic: …",
    /// stamped now; nothing if there is none); after that only a change is told ("alice set the
    /// topic: …", stamped when it was set), so the same topic told again on a reconnect adds no
    /// row.
    void topic(ClientEvent.Topic event, List<ChatItem> out) {
        ServerFrame.Topic topic = event.topic();
        Texts texts = context.texts();
        String text = clean(topic.text());
        if (knownTopic == null) {
            knownTopic = text;
            if (!text.isEmpty()) {
                String said = topic.by().map(by -> texts.format("transcript.topic.currentBy", text, by))
                        .orElseGet(() -> texts.format("transcript.topic.current", text));
                notice(said, ChatItem.NoticeKind.TOPIC, out);
            }
            return;
        }
        if (text.equals(knownTopic)) {
            return;
        }
        knownTopic = text;
        String said;
        if (text.isEmpty()) {
            said = topic.by().map(by -> texts.format("transcript.topic.clearedBy", by))
                    .orElseGet(() -> texts.get("transcript.topic.cleared"));
        } else {
            said = topic.by().map(by -> texts.format("transcript.topic.set", by, text))
                    .orElseGet(() -> texts.format("transcript.topic.changed", text));
        }
        notice(topic.time().orElseGet(context.clock()::instant), said, ChatItem.NoticeKind.TOPIC, out);
    }

    /// An operator changed something in the room (operators, voices, mutes, bans, the topic
    /// lock, who may speak or join), or closed it: "alice muted bob", "alice locked the
    /// topic…".
    void moderated(ClientEvent.Moderated event, List<ChatItem> out) {
        ServerFrame.Moderated moderated = event.moderated();
        String key = switch (moderated.action()) {
            case OP -> "transcript.mod.op";
            case DEOP -> "transcript.mod.deop";
            case BAN -> "transcript.mod.ban";
            case UNBAN -> "transcript.mod.unban";
            case MUTE -> "transcript.mod.mute";
            case UNMUTE -> "transcript.mod.unmute";
            case LOCK_TOPIC -> "transcript.mod.lockTopic";
            case UNLOCK_TOPIC -> "transcript.mod.unlockTopic";
            case CLOSE -> "transcript.mod.close";
            case VOICE -> "transcript.mod.voice";
            case DEVOICE -> "transcript.mod.devoice";
            case MODERATE -> "transcript.mod.moderate";
            case UNMODERATE -> "transcript.mod.unmoderate";
            case INVITE_ONLY -> "transcript.mod.inviteOnly";
            case PUBLIC -> "transcript.mod.public";
            case SET_KEY -> "transcript.mod.setKey";
            case CLEAR_KEY -> "transcript.mod.clearKey";
            case SET_LIMIT -> "transcript.mod.setLimit";
            case CLEAR_LIMIT -> "transcript.mod.clearLimit";
        };
        notice(moderated.time(), context.texts().format(key, moderated.by(), moderated.target().orElse("")),
                ChatItem.NoticeKind.MODERATION, out);
    }

    /// Marks where the person left off: the rows added after it are new to them. The next
    /// message opens a new group. Removing an older marker is the caller's.
    void unreadMarker(List<ChatItem> out) {
        out.add(new ChatItem.UnreadMarker(context.texts().get("transcript.unread")));
        group = null;
    }

    /// The next message opens a new group: for a row added to the list other than through
    /// this transcript.
    void breakGroup() {
        group = null;
    }

    /// Drops the `count` oldest rows of `items` (a list kept to a bounded size). If the row
    /// that becomes the first continued a group whose head was dropped, it becomes the head:
    /// the list never starts with a message shown without its sender.
    static void dropOldest(List<ChatItem> items, int count) {
        if (count <= 0) {
            return;
        }
        items.subList(0, Math.min(count, items.size())).clear();
        if (!items.isEmpty() && items.getFirst() instanceof ChatItem.Message first && first.continued()) {
            items.set(0, new ChatItem.Message(first.id(), first.time(), first.sender(), first.text(), first.own(),
                    first.mention(), false));
        }
    }

    /// A notice stamped with the local clock.
    void notice(String text, ChatItem.NoticeKind kind, List<ChatItem> out) {
        notice(context.clock().instant(), text, kind, out);
    }

    void notice(Instant when, String text, ChatItem.NoticeKind kind, List<ChatItem> out) {
        add(when, time -> new ChatItem.Notice(time, text, kind), out);
    }

    private String withReason(String said, String reason) {
        String why = clean(reason);
        return why.isEmpty() ? said : context.texts().format("transcript.withReason", said, why);
    }

    private static String clean(String text) {
        return DIRECTION_CONTROLS.matcher(text).replaceAll("");
    }

    private String leaveSuffix(LeaveReason reason) {
        return switch (reason) {
            case QUIT -> "";
            case CLOSED -> context.texts().get("notice.left.closed");
            case TIMEOUT -> context.texts().get("notice.left.timeout");
            case SENDQ -> context.texts().get("notice.left.sendq");
            case SHUTDOWN -> context.texts().get("notice.left.shutdown");
            case FLOOD -> context.texts().get("notice.left.flood");
            case KICKED -> context.texts().get("notice.left.kicked");
            case KILLED -> context.texts().get("notice.left.killed");
        };
    }

    /// Adds a row that is not a message: it ends the current group.
    private void add(Instant when, Function<String, ChatItem> row, List<ChatItem> out) {
        ZonedDateTime local = when.atZone(context.zone());
        startDay(local, out);
        out.add(row.apply(TIME.format(local)));
        group = null;
    }

    /// Adds a day separator if `local` is on another day than the last row; true if it did.
    private boolean startDay(ZonedDateTime local, List<ChatItem> out) {
        LocalDate day = local.toLocalDate();
        if (day.equals(lastDay)) {
            return false;
        }
        lastDay = day;
        out.add(new ChatItem.DaySeparator(dayFormat.format(day)));
        group = null;
        return true;
    }
}
