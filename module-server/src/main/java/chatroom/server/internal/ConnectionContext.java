package chatroom.server.internal;

import chatroom.protocol.RoomName;
import chatroom.server.ServerConfig;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/// What a [Connection] uses, handed to it instead of the whole server.
///
/// @param writers         runs the writers of connections whose writes never block
/// @param blockingWriters runs the writers of connections whose writes block (TLS)
/// @param background      runs what must not happen under a lock (logging, closing a socket)
/// @param closed          told, as the last thing a connection does, that it has ended
/// @param product         `chatroom/VERSION`, for the structured `HELLO`
/// @param irc             how IRC members are shown frames
/// @param timers          runs a connection's short delayed tasks (its held greeting): the
///                        janitor's thread, so they cost no thread of their own
/// @param store           the data directory's store, if any: a member who leaves waits for
///                        what it said to be delivered
record ConnectionContext(ServerConfig config, Poller poller, Community community, RoomName defaultRoom,
                         Executor writers, Executor blockingWriters, Executor background,
                         Consumer<Connection> closed, String product, IrcLines irc,
                         ScheduledExecutorService timers, Optional<HistoryStore> store) {

    /// Where a connection over `transport` runs its writers.
    Executor writersFor(Transport transport) {
        return transport.blocks() ? blockingWriters : writers;
    }
}
