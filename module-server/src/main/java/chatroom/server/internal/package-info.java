/// The server's implementation. Start here: the threads, and the path of a message.
///
/// ## Threads
///
/// | thread | how many | what it does |
/// |---|---|---|
/// | `chatroom-acceptor` | one platform thread | accepts connections, applies the per-address limits and `--max-clients`, and hands each new [chatroom.server.internal.Connection] to the connections' executor ([chatroom.server.internal.ServerImpl]) |
/// | `chatroom-poller` | one platform thread | waits (a `Selector`) until a plain connection has input, or a full socket drains ([chatroom.server.internal.Poller]); an idle connection has no thread at all |
/// | read tasks, `chatroom-connection-N` | one virtual thread per connection while it has input | read and decode lines, run the dialect's handler ([chatroom.server.internal.PlainHandler], [chatroom.server.internal.StructuredHandler], [chatroom.server.internal.IrcHandler]), which calls the [chatroom.server.internal.Community]; end when no input is left. A TLS connection keeps its virtual thread, because the JDK's TLS reads block ([chatroom.server.internal.Transport#blocks()]) |
/// | writers, `chatroom-writer-N` | a fork-join pool of one platform thread per core | drain each client's byte-bounded queue ([chatroom.server.internal.Outbound]) in one write per round; never block (a full socket is handed back to the poller). TLS clients' writers run on virtual threads of their own, since their writes block |
/// | `chatroom-journal` | one platform thread, with a data directory | saves messages before they are delivered and records rooms' lasting state ([chatroom.server.internal.Journal], [chatroom.server.internal.Archive]) |
/// | `chatroom-janitor` | one platform thread | handshake timeouts, heartbeats, the greetings held back for 0.4 s, forgetting per-address counters and room-creation buckets |
///
/// The connections' executor also runs what must not happen under a room's lock: logging a
/// moderation action ([chatroom.server.internal.ModerationLog]), waking the reader of a
/// client whose send queue overflowed.
///
/// ## The path of a message
///
/// 1. The poller sees input on alice's socket and starts her read task, which decodes the
///    line `hello` and hands it to her dialect's handler.
/// 2. The plain handler reads it as [chatroom.protocol.Command] `Say`, and asks the
///    [chatroom.server.internal.LocalCommunity] to say it in her current room.
/// 3. The [chatroom.server.internal.Room] takes its lock, checks that alice is in it and not
///    muted, and gives the message the next id (server-wide, increasing). With a data
///    directory it queues the message for the journal and lets go of the lock; the journal
///    thread writes (and, with `--fsync always`, forces) a batch of messages and hands them
///    back to their rooms, which take their lock again. Without one, delivery goes on at once.
/// 4. Under the room's lock, the message is added to the room's history and broadcast: an
///    [chatroom.server.internal.Outgoing] encodes it at most once per
///    [chatroom.server.internal.Encoding] (plain in the current room, plain elsewhere,
///    structured version 1, version 2) and once per [chatroom.server.internal.IrcForm] for IRC
///    members (the combination of their capabilities that changes the bytes: `server-time`,
///    `message-tags`, `extended-join`, `away-notify`; [chatroom.server.internal.IrcLines]
///    renders them; a member without `echo-message` is left out of its own message by its
///    connection), and each member's connection queues the shared bytes
///    (no copy, no lock, no I/O). The writers to start are gathered and started together
///    ([chatroom.server.internal.WriterStarts]).
/// 5. A writer copies the queued frames of its client into one buffer and writes them with
///    one system call. A client whose queue exceeds `--send-queue` is disconnected
///    ("SendQ exceeded") by another thread, never the broadcasting one.
///
/// Private messages go the same way through [chatroom.server.internal.PrivateChats], with a
/// history per pair of names; events about a member rather than a room (a rename, an away
/// text, leaving the chat) go once to each member sharing a room with it.
///
/// ## Locks
///
/// A room's lock guards its members, history and [chatroom.server.internal.RoomRules];
/// nothing under it does I/O or logs. A member's [chatroom.server.internal.Membership] is
/// changed under its room's lock; no code takes a room's lock while holding another lock.
/// Names are claimed in a concurrent map ([chatroom.server.internal.Directory]).
package chatroom.server.internal;
