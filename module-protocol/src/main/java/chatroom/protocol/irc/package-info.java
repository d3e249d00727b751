/// The IRC dialect's wire format: [chatroom.protocol.irc.IrcMessage] (tags, source, command,
/// parameters; parsed as a value, encoded so no part can start a second line) and the numeric
/// replies ([chatroom.protocol.irc.IrcNumeric]). The server maps IRC commands onto the
/// community's rooms and private conversations; this package only knows the syntax.
package chatroom.protocol.irc;
