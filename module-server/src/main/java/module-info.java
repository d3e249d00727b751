/// The chatroom server: [chatroom.server.ChatServer] binds a TCP port and serves many rooms
/// and private conversations to plain-text (`nc`) and structured clients on that port; with a
/// [chatroom.server.TlsIdentity], only over TLS (JDK `javax.net.ssl`).
///
/// Only the API package is exported; the implementation in `chatroom.server.internal` is not.
module chatroom.server {
    requires chatroom.protocol;

    exports chatroom.server;
}
