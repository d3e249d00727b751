package chatroom.client.core;

/// Where a [ChatClient] is in its life.
public enum ConnectionState {
    /// Opening the connection and logging in.
    CONNECTING,
    /// Logged in; messages flow.
    CONNECTED,
    /// The connection was lost; waiting before the next attempt (or for the person to decide).
    WAITING_TO_RECONNECT,
    /// Ended for good: the person quit, or the first attempt failed.
    CLOSED
}
