package chatroom.client.core;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// The messages this client was asked to send that the server has not confirmed yet, to every
/// room and member, oldest first. A message is confirmed by its echo: the server sends every
/// message back to its sender, in the order it was sent to that room or member, so the echo
/// confirms the oldest message still waiting for the same target. Messages are kept across
/// reconnects; on a new link each target's messages wait until its history has been replayed
/// (which may confirm some of them), and the rest are sent again.
///
/// Guarded by the client's lock ([ClientState]).
final class Outbox {

    /// Where an entry stands on the current link.
    enum Status {
        /// Not sent on this link (yet).
        QUEUED,
        /// Sent on this link; neither refused nor confirmed.
        SENT
    }

    /// One message. Identity matters: the same text may be sent twice.
    static final class Entry {
        final Target to;
        final String text;
        final boolean action;
        Status status = Status.QUEUED;

        Entry(Target to, String text, boolean action) {
            this.to = to;
            this.text = text;
            this.action = action;
        }

        @Override
        public String toString() {
            return "Entry[" + to.value() + (action ? " action" : "") + " " + status + "]";
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    Entry add(Target to, String text, boolean action) {
        var entry = new Entry(to, text, action);
        entries.add(entry);
        return entry;
    }

    /// A new link: nothing has been sent on it yet.
    void newLink() {
        entries.forEach(entry -> entry.status = Status.QUEUED);
    }

    /// The entries to `to` not yet sent on this link, oldest first, now marked sent.
    List<Entry> takeQueued(Target to) {
        List<Entry> taken = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.status == Status.QUEUED && same(entry.to, to)) {
                entry.status = Status.SENT;
                taken.add(entry);
            }
        }
        return taken;
    }

    /// The echo `chat` of a message to `to` came back: confirms the oldest entry to `to` if it
    /// is that message. Returns whether it did.
    boolean confirm(Target to, ServerFrame.Chat chat) {
        for (Entry entry : entries) {
            if (same(entry.to, to)) {
                if (entry.text.equals(chat.text()) && entry.action == chat.action()) {
                    entries.remove(entry);
                    return true;
                }
                return false;
            }
        }
        return false;
    }

    /// Removes `entry` (refused by the server); whether it was still here.
    boolean remove(Entry entry) {
        return entries.remove(entry);
    }

    /// The oldest entry sent on this link, if any.
    Optional<Entry> oldestSent() {
        return entries.stream().filter(entry -> entry.status != Status.QUEUED).findFirst();
    }

    /// Removes and returns every entry to `to`.
    List<Entry> removeAll(Target to) {
        List<Entry> removed = entries.stream().filter(entry -> same(entry.to, to)).toList();
        entries.removeAll(removed);
        return removed;
    }

    /// The targets that have entries, each once, in the order of their oldest entry.
    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Entry entry : entries) {
            if (targets.stream().noneMatch(target -> same(target, entry.to))) {
                targets.add(entry.to);
            }
        }
        return targets;
    }

    List<String> texts() {
        return entries.stream().map(entry -> entry.text).toList();
    }

    /// Whether two targets are the same room or the same member (names compare ignoring case).
    static boolean same(Target a, Target b) {
        return key(a).equals(key(b));
    }

    /// A target's key: a room's key starts with `#`, which no member's name holds.
    static String key(Target target) {
        return switch (target) {
            case RoomName room -> room.key();
            case Name name -> name.key();
        };
    }
}
