package chatroom.client.viewmodel;

import java.util.Objects;

/// One row of the message list. Rows are immutable; the view picks a look for each kind.
public sealed interface ChatItem {

    /// A chat message.
    ///
    /// @param id        the server's id (unique within the list)
    /// @param time      the local time, `HH:mm`
    /// @param sender    who sent it
    /// @param text      what they wrote, with invisible direction overrides removed
    /// @param own       sent by this client's person
    /// @param mention   someone else's message that names this client's person
    /// @param continued it continues its sender's group, so it is shown without avatar, name
    ///                  and time: see [Transcript] for the rule
    record Message(long id, String time, String sender, String text, boolean own, boolean mention,
                   boolean continued) implements ChatItem {
        public Message {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(text, "text");
        }

        /// A message that opens a group (shown with its sender's header).
        public Message(long id, String time, String sender, String text, boolean own, boolean mention) {
            this(id, time, sender, text, own, mention, false);
        }
    }

    /// What its sender did (`/me waves`): shown as "bob waves", never grouped.
    ///
    /// @param id      the server's id (unique within the list)
    /// @param time    the local time, `HH:mm`
    /// @param sender  who did it
    /// @param text    what they did, with invisible direction overrides removed
    /// @param own     done by this client's person
    /// @param mention someone else's action that names this client's person
    record Action(long id, String time, String sender, String text, boolean own, boolean mention)
            implements ChatItem {
        public Action {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(text, "text");
        }
    }

    /// Something that happened rather than something somebody said.
    ///
    /// @param time the local time, `HH:mm`
    /// @param text what happened, in the UI's language
    /// @param kind how it should look
    record Notice(String time, String text, NoticeKind kind) implements ChatItem {
        public Notice {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /// The first row of a new day (in local time).
    ///
    /// @param label the date, written out in the UI's language
    record DaySeparator(String label) implements ChatItem {
        public DaySeparator {
            Objects.requireNonNull(label, "label");
        }
    }

    /// Where the person left off: the rows below it arrived while they were not looking.
    ///
    /// @param label what the marker says ("New"), in the UI's language
    record UnreadMarker(String label) implements ChatItem {
        public UnreadMarker {
            Objects.requireNonNull(label, "label");
        }
    }

    /// The kinds of [Notice].
    enum NoticeKind {
        /// Somebody joined, left or changed their name.
        PRESENCE,
        /// The connection was lost, restored, or something else about this client.
        CONNECTION,
        /// Something the server refused or reported as an error.
        ERROR,
        /// The room's topic, or a change of it.
        TOPIC,
        /// An operator acted: a kick, a ban, a mute, operator status, the topic lock, closing.
        MODERATION
    }
}
