package chatroom.server.internal;

import chatroom.protocol.ServerFrame;

import java.time.Duration;
import java.util.List;

/// Where messages are saved before they are delivered, and where rooms' lasting state is
/// recorded: the data directory ([Archive]). A server without one (`--in-memory`) has no
/// store, and delivers at once.
///
/// Thread-safe; nothing here does I/O on the caller's thread except [#recent] for a
/// conversation not read yet.
interface HistoryStore {

    /// The newest messages kept of `conversation`, oldest first.
    List<ServerFrame.Chat> recent(Conversation conversation);

    /// Starts saving; saved (or refused) batches are handed to `listener` on the store's thread.
    void start(Journal.Listener listener);

    /// Queues a message for saving; called under its conversation's lock, in id order.
    /// Returns `false`, queueing nothing, once the store is closing.
    boolean submit(Journal.Entry entry);

    /// Waits while too many messages wait to be saved; called before taking any lock.
    void awaitSpace();

    /// Waits, up to `timeout`, until every message submitted before the call has been handed
    /// back (delivered once saved, or refused); called before taking any lock.
    void awaitHandedBack(Duration timeout);

    /// Records a change of a room's lasting state, after everything submitted before it.
    void record(RoomChange change);

    /// Saves what is queued, closes the files and releases the data directory.
    void close(Duration timeout);
}
