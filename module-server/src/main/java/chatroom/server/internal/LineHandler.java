package chatroom.server.internal;

/// What a connection does with each valid line, once its first line chose the dialect.
/// Called on the connection's reader thread only.
sealed interface LineHandler permits PlainHandler, StructuredHandler, IrcHandler {

    void onLine(String line);
}
