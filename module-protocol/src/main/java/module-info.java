/// The chatroom wire protocol: framing ([chatroom.protocol.LineDecoder]), the message types of
/// the structured dialect ([chatroom.protocol.ClientFrame], [chatroom.protocol.ServerFrame])
/// with their codecs, the plain dialect's text ([chatroom.protocol.PlainText]), and the IRC
/// dialect's message syntax (`chatroom.protocol.irc`).
///
/// It has no dependencies and does no I/O; server and clients share it.
module chatroom.protocol {
    exports chatroom.protocol;
    exports chatroom.protocol.irc;
}
