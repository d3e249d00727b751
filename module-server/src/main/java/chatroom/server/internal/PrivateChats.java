package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.ServerFrame;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/// The private conversations: for each pair of names, its history (read from the store the
/// first time the pair talks in this run) and the order of its messages.
///
/// A private message goes to its sender and its recipient only, encoded for each. With a
/// store it is saved before either sees it, like a room's message.
///
/// Thread-safe.
final class PrivateChats {

    private final ConcurrentHashMap<Conversation.Pair, PairHistory> byPair = new ConcurrentHashMap<>();
    private final RoomContext context;
    private final Directory directory;

    PrivateChats(RoomContext context, Directory directory) {
        this.context = context;
        this.directory = directory;
    }

    /// Sends `text` from `sender` to `recipient` (saved first, with a store).
    Optional<ServerFrame.Error> say(Connection sender, Connection recipient, String text, boolean action,
                                    MessageExtras extras) {
        var pair = Conversation.Pair.between(sender.name(), recipient.name());
        PairHistory conversation = conversation(pair);
        context.store().ifPresent(HistoryStore::awaitSpace);
        conversation.lock.lock();
        try {
            var chat = new ServerFrame.Chat(context.nextId(), context.clock().instant(), sender.name(), text, action);
            if (context.store().isEmpty()) {
                conversation.history.add(chat);
                deliver(pair, chat, sender, extras);
            } else if (!context.store().get().submit(new Journal.Entry(pair, chat, sender, extras))) {
                return Optional.of(new ServerFrame.Error(ErrorCode.WRONG_STATE, "the server is shutting down"));
            }
            return Optional.empty();
        } finally {
            conversation.lock.unlock();
        }
    }

    /// Delivers messages of `pair` that the store has saved, in id order.
    void deliverSaved(Conversation.Pair pair, List<Journal.Entry> saved) {
        PairHistory conversation = conversation(pair);
        conversation.lock.lock();
        try {
            for (Journal.Entry entry : saved) {
                conversation.history.add(entry.chat());
                deliver(pair, entry.chat(), entry.sender(), entry.extras());
            }
        } finally {
            conversation.lock.unlock();
        }
    }

    /// Sends `member` its private conversation with `other` after `afterId`, without those
    /// older than the age limit. Looking keeps nothing in memory for a pair that never talked
    /// in this run (anyone may ask about any name).
    void sendHistory(Connection member, Name other, long afterId) {
        var pair = Conversation.Pair.between(member.name(), other);
        List<ServerFrame.Chat> replay = kept(member.name(), other).stream().filter(chat -> chat.id() > afterId)
                .toList();
        member.send(new ServerFrame.PrivateHistory(other, replay.size()));
        for (ServerFrame.Chat chat : replay) {
            member.send(new ServerFrame.Private(recipientOf(pair, chat), chat));
        }
    }

    /// The kept messages of the conversation between `name` and `other` (two different
    /// names), oldest first, without those older than the age limit. A pair this run has not
    /// seen is read from the store (on the caller's thread, holding no lock, waiting for the
    /// journal thread) and is not kept in memory afterwards.
    List<ServerFrame.Chat> kept(Name name, Name other) {
        var pair = Conversation.Pair.between(name, other);
        PairHistory known = byPair.get(pair);
        List<ServerFrame.Chat> kept;
        if (known == null) {
            kept = context.store().map(store -> store.recent(pair)).orElse(List.of());
        } else {
            known.lock.lock();
            try {
                kept = known.history.after(Long.MIN_VALUE);
            } finally {
                known.lock.unlock();
            }
        }
        return context.withinAgeLimit(kept);
    }

    /// `name`'s private conversations this run has seen (talked in, or read from the store to
    /// send a message): the other party's name and the kept messages, oldest first, within
    /// the age limit. Conversations only on disk, untouched since the server started, are not
    /// among them (finding those would mean reading the data directory).
    List<Community.Kept> conversationsOf(Name name) {
        List<Community.Kept> found = new java.util.ArrayList<>();
        byPair.forEach((pair, conversation) -> {
            Name other = pair.first().key().equals(name.key()) ? pair.second()
                    : pair.second().key().equals(name.key()) ? pair.first() : null;
            if (other != null) {
                List<ServerFrame.Chat> kept;
                conversation.lock.lock();
                try {
                    kept = conversation.history.after(Long.MIN_VALUE);
                } finally {
                    conversation.lock.unlock();
                }
                found.add(new Community.Kept(other, context.withinAgeLimit(kept)));
            }
        });
        return found;
    }

    /// Whoever holds the recipient's name now, then the sender (the connection that sent it,
    /// if still open). The recipient comes first so that the sender's echo means the message
    /// is already queued for the recipient: anything the recipient is sent after the sender
    /// saw its echo comes after the message.
    private void deliver(Conversation.Pair pair, ServerFrame.Chat chat, Connection sender, MessageExtras extras) {
        Name to = recipientOf(pair, chat);
        var frame = new ServerFrame.Private(to, chat);
        directory.find(to).filter(recipient -> recipient != sender)
                .ifPresent(recipient -> recipient.sendPrivate(frame, extras, false));
        if (sender != null) {
            sender.sendPrivate(frame, extras, true);
        }
    }

    private static Name recipientOf(Conversation.Pair pair, ServerFrame.Chat chat) {
        return pair.first().key().equals(chat.from().key()) ? pair.second() : pair.first();
    }

    /// The pair's conversation, its history read from the store first if this run has not
    /// seen it yet (on the caller's thread, holding no lock: messages of this run can only
    /// come after it is published, so nothing is missed).
    private PairHistory conversation(Conversation.Pair pair) {
        PairHistory known = byPair.get(pair);
        if (known != null) {
            return known;
        }
        var fresh = new PairHistory(context.historySize());
        context.store().ifPresent(store -> store.recent(pair).forEach(fresh.history::add));
        PairHistory raced = byPair.putIfAbsent(pair, fresh);
        return raced == null ? fresh : raced;
    }

    /// One pair's history and lock.
    private static final class PairHistory {
        final ReentrantLock lock = new ReentrantLock();
        final History history;

        PairHistory(int historySize) {
            history = new History(historySize);
        }
    }
}
