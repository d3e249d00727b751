package chatroom.client.viewmodel;

import java.util.Objects;

/// One row of the message list. Rows are immutable; the view picks a look for each kind.
public sealed interface ChatItem {

    /// A chat message.
    ///
    /// @param id      the server's id (unique within the list)
    /// @param time    the local time, `HH:mm`
    /// @param sender  who sent it
    /// @param text    what they wrote, with invisible direction overrides removed
    /// @param own     sent by this client's person
    /// @param mention someone else's message that names this client's person
    record Message(long id, String time, String sender, String text, boolean own, boolean mention)
            implements ChatItem {
        public Message {
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

    /// The kinds of [Notice].
    enum NoticeKind {
        /// Somebody joined, left or changed their name.
        PRESENCE,
        /// The connection was lost, restored, or something else about this client.
        CONNECTION,
        /// Something the server refused or reported as an error.
        ERROR
    }
}
