/// The client core: a chat session with one server, with no UI. [chatroom.client.core.ChatClient]
/// is its facade (the public API and the lifecycle); the rest is package-private.
///
/// ## The pieces
/// - `SessionLoop`: the connection loop. Connects and logs in through the `Connector`, serves
///   the server's frames until the link drops, waits as the [chatroom.client.core.ReconnectPolicy]
///   says, and again.
/// - `Connector`: one attempt, TCP, TLS (the `TrustGate` decides whether to trust the
///   certificate and asks the [chatroom.client.core.TrustPrompt]), handshake (`Handshake`) and
///   login. It ends
///   in an `Attempt`, a sealed value: `Connected`, `Refused` (with the
///   [chatroom.client.core.LoginOutcome]) or `Again` (reach the server differently, at once).
///   No exception is control flow; a socket's `IOException` becomes a value where it is caught.
/// - `ClientState`: the client's lock and what it guards: the `Session` (rooms, members, private
///   conversations, the outbox: everything known of the chat, routed to `Rooms`, `CatchUp`,
///   `CommandFrames` and `Delivery`), the current link, and whether the client is quitting or
///   should reconnect. It also holds the reconnect wait.
/// - `FrameWriter`: queues frames for the writer thread. `EventBatcher`: hands events to the
///   listener's executor in batches.
///
/// ## The threads
/// - The **session thread** (virtual, `chatroom-client-session`) runs the `SessionLoop`: it
///   alone blocks on connecting, on TLS, on the trust question and on reading.
/// - The **writer thread** (virtual, `chatroom-client-writer`) writes the frames queued by
///   callers and by the session thread, in order; nobody else writes to a socket.
/// - The **listener's executor** (the FX thread in the desktop client, the publishing thread
///   in tests) runs the listener with batches of [chatroom.client.core.ClientEvent]s.
/// - Callers of the public API, on any thread, take the client's lock only to change the
///   session and queue frames: no I/O happens under it.
///
/// The client's lock is never held while a listener runs: a change under it queues its events
/// in the batcher, in the order it made them (so two threads never swap them), and they are
/// handed to the listener once the lock is let go; the trust question is asked holding no
/// lock. So a listener may call back into the client from any thread without deadlock
/// (`ListenerLockTest` checks this for every path that publishes).
package chatroom.client.core;
