package chatroom.protocol;

import java.util.Objects;
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

    /// What starts an action (`/me waves`) after `* `: `* * alice waves`. No notice starts
    /// with `*`, since no name may hold one, so an action never passes for a notice.
    public static final String ACTION_MARK = "* ";

    /// The command that leaves the chat.
    public static final String QUIT_COMMAND = "/quit";

    /// First line on every new connection, before the server knows the dialect.
    public static final String GREETING = NOTICE_PREFIX + "Welcome to chatroom! Type your name and press Enter.";

    /// First line on every new connection, instead of [#GREETING], when the server needs a
    /// password: the plain client's first line is then the password.
    public static final String PASSWORD_GREETING = NOTICE_PREFIX
            + "Welcome to chatroom! This server needs a password: type it and press Enter.";

    /// The answer to the right password in the plain dialect; the name comes next.
    public static final String PASSWORD_ACCEPTED = NOTICE_PREFIX + "Password accepted. Type your name and press Enter.";

    /// The answer to a wrong password in the plain dialect (after a delay); then the server
    /// closes the connection.
    public static final String WRONG_PASSWORD = NOTICE_PREFIX + "Error: wrong password; goodbye.";

    /// The one line a TLS-only server sends to a client that did not start a TLS handshake,
    /// before it closes the connection. Clients that read it reconnect with TLS.
    public static final String TLS_REQUIRED = NOTICE_PREFIX + "This server accepts only TLS connections."
            + " Connect with TLS: chatroom --client --tls, or openssl s_client -connect HOST:PORT.";

    private PlainText() {
    }

    /// Whom a plain line is for: the member's own name (private messages read differently to
    /// their sender), and the room their lines go to now (its events look exactly as the one
    /// room's did before rooms existed; other rooms' events name their room).
    ///
    /// @param self    the member's name, once chosen
    /// @param current the member's current room, if it is in one
    public record Viewer(Optional<Name> self, Optional<RoomName> current) {
        /// Nobody in particular: every room's events name their room.
        public static final Viewer NOBODY = new Viewer(Optional.empty(), Optional.empty());

        public Viewer {
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(current, "current");
        }

        boolean isIn(RoomName room) {
            return current.isPresent() && current.get().sameAs(room);
        }
    }

    /// The line that shows `frame` to a plain-dialect member, if that dialect shows it at all
    /// (heartbeats, history and protocol handshakes are structured-only). A bare room event
    /// is shown as an event of the member's current room.
    public static Optional<String> render(ServerFrame frame) {
        return render(frame, Viewer.NOBODY);
    }

    /// The line that shows `frame` to `viewer`, if the plain dialect shows it at all.
    public static Optional<String> render(ServerFrame frame, Viewer viewer) {
        return switch (frame) {
            case ServerFrame.RoomEvent event -> roomEvent(event);
            case ServerFrame.InRoom(RoomName room, ServerFrame.RoomEvent event) -> viewer.isIn(room)
                    ? roomEvent(event)
                    : roomEvent(event).map(line -> elsewhere(room, line));
            case ServerFrame.Private(Name to, ServerFrame.Chat chat) -> {
                boolean sent = viewer.self().filter(self -> self.key().equals(chat.from().key())).isPresent();
                String text = chat.action() ? "* " + chat.from() + " " + chat.text() : chat.text();
                yield notice((sent ? "[to " + to : "[from " + chat.from()) + "] " + text);
            }
            case ServerFrame.Left left -> notice(left.name() + " left the chat" + left.reason().plainSuffix()
                    + (left.text().isEmpty() ? "" : ": " + left.text()));
            case ServerFrame.Renamed renamed -> notice(renamed.from() + " is now known as " + renamed.to());
            case ServerFrame.Invited invited -> notice(viewer.self().filter(self -> self.key().equals(
                    invited.by().key())).isPresent()
                    ? "You invited " + invited.name() + " to " + invited.room()
                    : invited.by() + " invites you to " + invited.room() + ": /join " + invited.room() + " to go in");
            case ServerFrame.Away away -> notice(away.text().map(text -> away.name() + " is away: " + text)
                    .orElse(away.name() + " is back"));
            case ServerFrame.Welcome welcome -> notice("Welcome, " + welcome.name()
                    + "! Type a message and press Enter to send it; " + QUIT_COMMAND + " leaves.");
            case ServerFrame.RoomList list -> notice(list.count() == 1 ? "1 room:" : list.count() + " rooms:");
            case ServerFrame.RoomInfo info -> notice(info.room() + " (" + info.members()
                    + (info.members() == 1 ? " member)" : " members)") + (info.topic().isEmpty() ? "" : ": " + info.topic()));
            case ServerFrame.Notice notice -> notice(notice.text());
            case ServerFrame.Error error -> notice("Error: " + error.text());
            case ServerFrame.Bye bye -> notice(bye.text());
            case ServerFrame.Hello hello -> Optional.empty();
            case ServerFrame.PrivateHistory history -> Optional.empty();
            case ServerFrame.Ping ping -> Optional.empty();
            case ServerFrame.Pong pong -> Optional.empty();
        };
    }

    /// A room event as the member's current room shows it.
    private static Optional<String> roomEvent(ServerFrame.RoomEvent event) {
        return switch (event) {
            case ServerFrame.Chat chat -> Optional.of(chat.action()
                    ? NOTICE_PREFIX + ACTION_MARK + chat.from() + " " + chat.text()
                    : chat.from().value() + ": " + chat.text());
            case ServerFrame.Joined joined -> notice(joined.name() + " joined the chat");
            case ServerFrame.Parted parted -> notice(parted.name() + " left the room"
                    + (parted.reason().isEmpty() ? "" : ": " + parted.reason()));
            case ServerFrame.Kicked kicked -> notice(kicked.name() + " was kicked out by " + kicked.by()
                    + (kicked.reason().isEmpty() ? "" : ": " + kicked.reason()));
            case ServerFrame.Members members -> members.members().isEmpty()
                    ? Optional.empty()
                    : notice("In the chat: " + members.members().stream().map(PlainText::member)
                            .collect(Collectors.joining(", ")) + (members.more() ? "," : ""));
            case ServerFrame.Topic topic -> notice(topic.text().isEmpty()
                    ? topic.by().map(by -> "The topic was cleared by " + by).orElse("No topic is set")
                    : "Topic: " + topic.text() + topic.by().map(by -> " (set by " + by + ")").orElse(""));
            case ServerFrame.Moderated moderated -> notice(moderation(moderated));
            case ServerFrame.History history -> Optional.empty();
        };
    }

    private static String moderation(ServerFrame.Moderated moderated) {
        String by = moderated.by().value();
        String target = moderated.target().orElse("");
        return switch (moderated.action()) {
            case OP -> by + " made " + target + " an operator";
            case DEOP -> by + " took operator status from " + target;
            case BAN -> by + " banned " + target;
            case UNBAN -> by + " lifted the ban on " + target;
            case MUTE -> by + " muted " + target;
            case UNMUTE -> by + " unmuted " + target;
            case LOCK_TOPIC -> by + " locked the topic: only operators may change it";
            case UNLOCK_TOPIC -> by + " unlocked the topic: everyone may change it";
            case CLOSE -> by + " closed the room";
            case VOICE -> by + " gave " + target + " a voice";
            case DEVOICE -> by + " took the voice from " + target;
            case MODERATE -> by + " made the room moderated: only operators and voiced members may speak";
            case UNMODERATE -> by + " made the room unmoderated: everyone may speak";
            case INVITE_ONLY -> by + " made the room invite-only: only invited members may join";
            case PUBLIC -> by + " made the room public: anyone may join";
            case SET_KEY -> by + " set the room's key to " + target + ": joining needs it";
            case CLEAR_KEY -> by + " removed the room's key";
            case SET_LIMIT -> by + " limited the room to " + target + " members";
            case CLEAR_LIMIT -> by + " removed the room's member limit";
        };
    }

    /// A member in a plain list: `@` before an operator, `+` before a voiced member, `(away)`
    /// and `(muted)` after.
    private static String member(Member member) {
        return (member.operator() ? "@" : "") + (member.voiced() ? "+" : "") + member.name()
                + (member.away() ? " (away)" : "") + (member.muted() ? " (muted)" : "");
    }

    /// `line`, of a room other than the member's current one, with the room named after `* `.
    private static String elsewhere(RoomName room, String line) {
        String tag = NOTICE_PREFIX + "[" + room + "] ";
        return line.startsWith(NOTICE_PREFIX) ? tag + line.substring(NOTICE_PREFIX.length()) : tag + line;
    }

    /// Whether a plain-dialect line asks to leave.
    public static boolean isQuit(String line) {
        return line.strip().equalsIgnoreCase(QUIT_COMMAND);
    }

    private static Optional<String> notice(String text) {
        return Optional.of(NOTICE_PREFIX + text);
    }
}
