/// The chatroom wire protocol: framing ([chatroom.protocol.LineDecoder]), the message types of
/// the structured dialect ([chatroom.protocol.ClientFrame], [chatroom.protocol.ServerFrame])
/// with their codecs, and the plain dialect's text ([chatroom.protocol.PlainText]).
///
/// It has no dependencies and does no I/O; server and clients share it.
module chatroom.protocol {
    exports chatroom.protocol;
}
