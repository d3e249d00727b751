package chatroom.protocol;

import java.util.Optional;
import java.util.stream.Collectors;

/// The plain dialect: what a person with `nc` or `telnet` sees. This is a public contract
/// (`docs/protocol.md`): scripts depend on it, so its lines only ever change by addition.
///
/// - A chat message is `NAME: TEXT`. Names hold no `:` and no space, so the first `": "`
///   of the line always ends the sender's name.
/// - Every other line the server sends starts with [#NOTICE_PREFIX] (`* `), which no chat
///   line can start with, because `*` is not allowed in names.
public final class PlainText {

    /// Start of every line that is not a chat message.
    public static final String NOTICE_PREFIX = "* ";

    /// The command that leaves the chat.
    public static final String QUIT_COMMAND = "/quit";

    /// First line on every new connection, before the server knows the dialect.
    public static final String GREETING = NOTICE_PREFIX + "Welcome to chatroom! Type your name and press Enter.";

    /// The one line a TLS-only server sends, in plain text, to a connection that does not start
    /// a TLS handshake (its first byte is not a TLS record, or it says nothing for 2 s); then it
    /// closes. A client that reads it knows to reconnect with TLS.
    public static final String TLS_REQUIRED = NOTICE_PREFIX + "This server accepts only TLS connections. "
            + "Connect with TLS: chatroom --client --tls, or openssl s_client -connect HOST:PORT.";

    private PlainText() {
    }

    /// The line that shows `frame` to a plain-dialect member, if that dialect shows it at all
    /// (heartbeats, history and protocol handshakes are structured-only).
    public static Optional<String> render(ServerFrame frame) {
        return switch (frame) {
            case ServerFrame.Chat chat -> Optional.of(chat.from().value() + ": " + chat.text());
            case ServerFrame.Joined joined -> notice(joined.name() + " joined the chat");
            case ServerFrame.Left left -> notice(left.name() + " left the chat" + left.reason().plainSuffix());
            case ServerFrame.Renamed renamed -> notice(renamed.from() + " is now known as " + renamed.to());
            case ServerFrame.Welcome welcome -> notice("Welcome, " + welcome.name()
                    + "! Type a message and press Enter to send it; " + QUIT_COMMAND + " leaves.");
            case ServerFrame.Members members -> members.names().isEmpty()
                    ? Optional.empty()
                    : notice("In the chat: " + members.names().stream().map(Name::value)
                            .collect(Collectors.joining(", ")) + (members.more() ? "," : ""));
            case ServerFrame.Notice notice -> notice(notice.text());
            case ServerFrame.Error error -> notice("Error: " + error.text());
            case ServerFrame.Bye bye -> notice(bye.text());
            case ServerFrame.Hello hello -> Optional.empty();
            case ServerFrame.History history -> Optional.empty();
            case ServerFrame.Ping ping -> Optional.empty();
            case ServerFrame.Pong pong -> Optional.empty();
        };
    }

    /// Whether a plain-dialect line asks to leave.
    public static boolean isQuit(String line) {
        return line.strip().equalsIgnoreCase(QUIT_COMMAND);
    }

    private static Optional<String> notice(String text) {
        return Optional.of(NOTICE_PREFIX + text);
    }
}
