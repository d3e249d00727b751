package chatroom.server.internal;

import chatroom.protocol.RoomName;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/// What every room shares: the clock, the message ids, where messages are saved and changes
/// recorded, how much history is replayed, and where moderation is logged.
///
/// @param ids         the last message id given out, server-wide: ids increase across rooms
///                    and private conversations (and across restarts, see [Community])
/// @param store       where messages are saved before delivery; empty keeps them in memory only
/// @param historySize messages kept in memory per room and replayed to joiners
/// @param maxAge      messages older than this are not replayed
/// @param irc         how IRC members are shown what happens
record RoomContext(Clock clock, AtomicLong ids, Optional<HistoryStore> store, int historySize,
                   Optional<Duration> maxAge, RoomName defaultRoom, ModerationLog moderationLog, IrcLines irc) {

    long nextId() {
        return ids.incrementAndGet();
    }

    /// `kept` without the messages older than the age limit (`--history-max Nd`), which are
    /// never replayed even before compaction removes them.
    java.util.List<chatroom.protocol.ServerFrame.Chat> withinAgeLimit(java.util.List<chatroom.protocol.ServerFrame.Chat> kept) {
        if (maxAge.isEmpty() || kept.isEmpty()) {
            return kept;
        }
        long cutoff = HistoryLog.cutoffMillis(clock.instant(), maxAge.get());
        return kept.stream().filter(chat -> chat.time().toEpochMilli() >= cutoff).toList();
    }

    /// Records a change of lasting state; nothing to do without a store.
    void record(RoomChange change) {
        store.ifPresent(store -> store.record(change));
    }
}
