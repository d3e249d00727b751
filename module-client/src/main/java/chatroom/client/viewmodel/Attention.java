package chatroom.client.viewmodel;

import chatroom.client.core.ClientEvent;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/// Decides when a new message deserves a notification, and words it.
///
/// A message notifies when someone else sent it live (not replayed from history), it names
/// the person or is private, the window is not focused, notifications are on, and its
/// conversation is not muted. Bursts are coalesced: each conversation notifies at most once
/// per [#COALESCE] window; the messages held back meanwhile are told together ("3 new
/// messages from bob") by the next message after the window, or by [#tick()] once the window
/// has passed. Focusing the window forgets what was held back: the person is looking.
///
/// Knows no toolkit: the view binds [#windowFocusedProperty()] to the stage's focus, and a
/// [Notifier] delivers. FX thread only (or the test's thread).
public final class Attention {

    /// The shortest time between two notifications of one conversation.
    public static final Duration COALESCE = Duration.ofSeconds(10);

    /// What [#onMessage] did with a message; each reason not to notify is its own value, so a
    /// test (or a log) can tell them apart.
    public enum Decision {
        /// Delivered now.
        NOTIFIED,
        /// Held back: its conversation notified less than [#COALESCE] ago. Told later.
        HELD,
        /// Replayed history, not news.
        HISTORY,
        /// The person's own message.
        OWN,
        /// A room message that does not name the person.
        NOT_FOR_ME,
        /// The window is focused: the person sees it already.
        FOCUSED,
        /// Notifications are turned off.
        DISABLED,
        /// Its conversation is muted.
        MUTED
    }

    /// A new message, as [Attention] needs to know it.
    ///
    /// @param conversation a room, or the other member of a private conversation (so a
    ///                     [Name] here means a private message)
    /// @param sender       who wrote it
    /// @param text         what they wrote
    /// @param mentionsMe   it names the person (as the transcript marks mentions)
    /// @param own          the person sent it (from this or another of their clients)
    /// @param fromHistory  replayed from before this client (re)joined
    public record Incoming(Target conversation, String sender, String text, boolean mentionsMe, boolean own,
                           boolean fromHistory) {

        public Incoming {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(text, "text");
        }

        /// A private message: its conversation is a member, not a room.
        public boolean isPrivate() {
            return switch (conversation) {
                case Name _ -> true;
                case RoomName _ -> false;
            };
        }

        /// A room message from the client, `mentionsMe` as the transcript decided it.
        public static Incoming of(ClientEvent.Message message, Name me, boolean mentionsMe) {
            var chat = message.chat();
            return new Incoming(message.room(), chat.from().value(), spoken(chat), mentionsMe,
                    chat.from().key().equals(me.key()), message.fromHistory());
        }

        /// A private message from the client (sent or received).
        public static Incoming of(ClientEvent.PrivateMessage message) {
            var chat = message.chat();
            return new Incoming(message.with(), chat.from().value(), spoken(chat), false, message.sent(),
                    message.fromHistory());
        }

        /// "/me waves" reads "bob waves".
        private static String spoken(ServerFrame.Chat chat) {
            return chat.action() ? chat.from().value() + " " + chat.text() : chat.text();
        }
    }

    private final Texts texts;
    private final InstantSource clock;
    private final Duration window;
    private final Notifier notifier;
    private final Predicate<Target> muted;
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(true);
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    /// Per conversation (by [#key]): when it last notified, and what was held back since.
    private final Map<String, Burst> bursts = new HashMap<>();

    /// @param context  its words and its clock
    /// @param notifier where notifications go
    /// @param muted    the conversations whose notifications are off (asked at each message,
    ///                 so the caller may change its answer at any time)
    public Attention(ViewModelContext context, Notifier notifier, Predicate<Target> muted) {
        this(context.texts(), context.clock(), COALESCE, notifier, muted);
    }

    Attention(Texts texts, InstantSource clock, Duration window, Notifier notifier, Predicate<Target> muted) {
        this.texts = Objects.requireNonNull(texts, "texts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.muted = Objects.requireNonNull(muted, "muted");
        windowFocused.subscribe(focused -> {
            if (focused) {
                bursts.clear();
            }
        });
    }

    /// Whether the window has the focus. Bind it to the stage's `focusedProperty()`; it is
    /// `true` until then, so nothing notifies before the window exists.
    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
    }

    /// Whether notifications are on at all (the preference).
    public BooleanProperty enabledProperty() {
        return enabled;
    }

    /// Considers one new message: notifies, holds it back for a coalesced notification, or
    /// lets it be, and says which.
    public Decision onMessage(Incoming message) {
        Decision decision = judge(message);
        if (decision != Decision.NOTIFIED) {
            return decision;
        }
        Instant now = clock.instant();
        Burst burst = bursts.computeIfAbsent(key(message.conversation()), any -> new Burst());
        burst.add(message);
        if (burst.lastNotified != null && now.isBefore(burst.lastNotified.plus(window))) {
            return Decision.HELD;
        }
        deliver(burst, now);
        return Decision.NOTIFIED;
    }

    /// Tells what was held back in conversations whose window has passed (if it should still
    /// be told). Call it about once a second; it is cheap when nothing is held.
    public void tick() {
        if (bursts.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (Iterator<Burst> each = bursts.values().iterator(); each.hasNext(); ) {
            Burst burst = each.next();
            boolean due = !now.isBefore(burst.lastNotified.plus(window));
            if (burst.count > 0 && due && judgeNow(burst.latest) == Decision.NOTIFIED) {
                deliver(burst, now);
            } else if (due) {
                // Quiet for a whole window, or no longer to be told: start afresh next time.
                each.remove();
            }
        }
    }

    /// Whether `message` should notify, before coalescing.
    private Decision judge(Incoming message) {
        if (message.fromHistory()) {
            return Decision.HISTORY;
        }
        if (message.own()) {
            return Decision.OWN;
        }
        if (!message.isPrivate() && !message.mentionsMe()) {
            return Decision.NOT_FOR_ME;
        }
        return judgeNow(message);
    }

    /// The conditions that can change while a message is held back.
    private Decision judgeNow(Incoming message) {
        if (windowFocused.get()) {
            return Decision.FOCUSED;
        }
        if (!enabled.get()) {
            return Decision.DISABLED;
        }
        if (muted.test(message.conversation())) {
            return Decision.MUTED;
        }
        return Decision.NOTIFIED;
    }

    private void deliver(Burst burst, Instant now) {
        notifier.deliver(burst.wording(texts));
        burst.reset(now);
    }

    /// Conversations compare by name regardless of case, as the server compares them; a
    /// room's key starts with `#`, which no member's name has.
    static String key(Target conversation) {
        return conversation.value().toLowerCase(Locale.ROOT);
    }

    /// The messages of one conversation not yet told, and when it last notified.
    private static final class Burst {
        private Instant lastNotified;
        private int count;
        private final Set<String> senders = new LinkedHashSet<>();
        private Incoming latest;

        void add(Incoming message) {
            count++;
            senders.add(message.sender());
            latest = message;
        }

        void reset(Instant now) {
            lastNotified = now;
            count = 0;
            senders.clear();
        }

        Notification wording(Texts texts) {
            String title = switch (latest.conversation()) {
                case Name _ -> texts.format("attention.private.title", latest.sender());
                case RoomName room -> senders.size() == 1
                        ? texts.format("attention.mention.title", latest.sender(), room.value())
                        : room.value();
            };
            String excerpt = Excerpt.of(latest.text());
            if (count == 1) {
                return new Notification(latest.conversation(), title, excerpt);
            }
            String summary = senders.size() == 1
                    ? texts.format("attention.many.from", count, latest.sender())
                    : texts.format("attention.many.in", count, latest.conversation().value());
            String last = senders.size() == 1 ? excerpt : latest.sender() + ": " + excerpt;
            return new Notification(latest.conversation(), title, summary + "\n" + last);
        }
    }
}
