package chatroom.client.viewmodel;

import chatroom.client.core.ClientEvent;
import chatroom.protocol.LeaveReason;
import chatroom.protocol.Name;
import chatroom.protocol.ServerFrame;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/// Turns what happens into rows of the message list: formats times in the local zone, puts a
/// day separator before the first row of each day, and marks own messages and mentions.
///
/// Confined to the thread that owns its [ChatViewModel] (the FX thread).
final class Transcript {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /// Characters that silently reorder text (bidi embeddings, overrides and isolates): a
    /// message could use them to look like something else, so they are not shown.
    private static final Pattern DIRECTION_CONTROLS = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");

    private final ViewModelContext context;
    private final DateTimeFormatter dayFormat;
    private LocalDate lastDay;
    private Name me;
    private Pattern mention;

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

    Name me() {
        return me;
    }

    void message(ServerFrame.Chat chat, List<ChatItem> out) {
        boolean own = chat.from().key().equals(me.key());
        String text = DIRECTION_CONTROLS.matcher(chat.text()).replaceAll("");
        if (chat.action()) {
            // "/me waves": told as what its sender did, not as something said.
            notice(chat.time(), context.texts().format("notice.action", chat.from(), text), ChatItem.NoticeKind.PRESENCE,
                    out);
            return;
        }
        boolean mentioned = !own && mention.matcher(text).find();
        add(chat.time(), time -> new ChatItem.Message(chat.id(), time, chat.from().value(), text, own, mentioned), out);
    }

    void presence(ClientEvent.Presence presence, List<ChatItem> out) {
        Texts texts = context.texts();
        switch (presence.frame()) {
            case ServerFrame.Joined joined -> notice(joined.time(), joined.name().key().equals(me.key())
                    ? texts.format("notice.joined.self", joined.name())
                    : texts.format("notice.joined", joined.name()), ChatItem.NoticeKind.PRESENCE, out);
            case ServerFrame.Left left -> notice(left.time(),
                    texts.format("notice.left", left.name()) + leaveSuffix(left.reason()),
                    ChatItem.NoticeKind.PRESENCE, out);
            case ServerFrame.Renamed renamed -> notice(renamed.time(),
                    texts.format("notice.renamed", renamed.from(), renamed.to()), ChatItem.NoticeKind.PRESENCE, out);
            // Leaving the room shows as a version 1 server showed it: as leaving the chat.
            case ServerFrame.Parted parted -> notice(parted.time(),
                    texts.format("notice.left", parted.name()) + leaveSuffix(LeaveReason.QUIT),
                    ChatItem.NoticeKind.PRESENCE, out);
            case ServerFrame.Kicked kicked -> notice(kicked.time(),
                    texts.format("notice.left", kicked.name()) + leaveSuffix(LeaveReason.KICKED),
                    ChatItem.NoticeKind.PRESENCE, out);
            // ClientEvent.Presence admits only the five above.
            case ServerFrame.Hello _, ServerFrame.Welcome _, ServerFrame.Members _, ServerFrame.History _,
                 ServerFrame.Chat _, ServerFrame.Notice _, ServerFrame.Error _, ServerFrame.Ping _,
                 ServerFrame.Pong _, ServerFrame.Bye _, ServerFrame.InRoom _, ServerFrame.Private _,
                 ServerFrame.PrivateHistory _, ServerFrame.Away _, ServerFrame.RoomList _, ServerFrame.RoomInfo _,
                 ServerFrame.Topic _, ServerFrame.Moderated _ ->
                    throw new IllegalArgumentException("not a presence frame: " + presence.frame());
        }
    }

    /// The row that marks where unread messages begin (the transcript helper's part replaces this).
    ChatItem unreadMarker() {
        return new ChatItem.Notice(TIME.format(context.clock().instant().atZone(context.zone())),
                context.texts().get("chat.unread"), ChatItem.NoticeKind.CONNECTION);
    }

    /// A notice stamped with the local clock.
    void notice(String text, ChatItem.NoticeKind kind, List<ChatItem> out) {
        notice(context.clock().instant(), text, kind, out);
    }

    void notice(Instant when, String text, ChatItem.NoticeKind kind, List<ChatItem> out) {
        add(when, time -> new ChatItem.Notice(time, text, kind), out);
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
        };
    }

    private void add(Instant when, Function<String, ChatItem> row, List<ChatItem> out) {
        ZonedDateTime local = when.atZone(context.zone());
        LocalDate day = local.toLocalDate();
        if (!day.equals(lastDay)) {
            lastDay = day;
            out.add(new ChatItem.DaySeparator(dayFormat.format(day)));
        }
        out.add(row.apply(TIME.format(local)));
    }
}
