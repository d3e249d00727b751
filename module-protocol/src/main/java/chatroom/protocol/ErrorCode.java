package chatroom.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/// Why something a peer sent was refused. The [#wire()] form appears in structured `ERROR`
/// frames (`ERROR code=name-taken :...`); the list is documented in `docs/protocol.md`.
/// New codes may be added; clients treat an unknown code like [#BAD_FRAME].
public enum ErrorCode {
    /// The line did not decode as UTF-8.
    BAD_ENCODING("bad-encoding"),
    /// The line holds a control character (a lone `\r` included) or a line separator.
    BAD_CHARACTER("bad-character"),
    /// The line is longer than [Limits#MAX_FRAME_BYTES]; it was discarded.
    FRAME_TOO_LONG("frame-too-long"),
    /// The message text is longer than [Limits#MAX_TEXT_BYTES]; it was not sent.
    TEXT_TOO_LONG("text-too-long"),
    /// A structured frame with a verb this side does not know.
    UNKNOWN_VERB("unknown-verb"),
    /// A structured frame whose attributes are missing, duplicated or malformed.
    BAD_FRAME("bad-frame"),
    /// The `HELLO` asked for a protocol version the server does not speak.
    UNSUPPORTED_VERSION("unsupported-version"),
    /// The name breaks the naming rules.
    NAME_INVALID("name-invalid"),
    /// Somebody present already uses the name (compared case-insensitively).
    NAME_TAKEN("name-taken"),
    /// A frame that needs a name before `LOGIN`, or `LOGIN`/`HELLO` sent twice.
    WRONG_STATE("wrong-state"),
    /// An empty message; nothing was sent.
    EMPTY_TEXT("empty-text"),
    /// The client sends faster than the server's flood control allows; its reading is slowed.
    FLOOD("flood"),
    /// The server has no room for another connection.
    SERVER_FULL("server-full"),
    /// `LOGIN` before the server's password was given with `PASS`; the connection stays open.
    PASSWORD_REQUIRED("password-required"),
    /// `PASS` with the wrong password; the server closes the connection after this error.
    BAD_PASSWORD("bad-password"),
    /// The server could not save the message in its history log (its disk failed or is
    /// full), so it was not sent to anybody.
    NOT_SAVED("not-saved"),
    /// A room name that breaks the rules for room names.
    ROOM_INVALID("room-invalid"),
    /// No room of that name exists (and the frame or command does not create one).
    NO_SUCH_ROOM("no-such-room"),
    /// Nobody of that name is connected (or, for moderation, in the room).
    NO_SUCH_NAME("no-such-name"),
    /// The sender is not in the room the frame or command is about.
    NOT_IN_ROOM("not-in-room"),
    /// The sender is banned from the room.
    BANNED("banned"),
    /// The sender is muted in the room: its messages are not sent.
    MUTED("muted"),
    /// Only an operator of the room (or a server operator) may do that.
    NOT_OPERATOR("not-operator"),
    /// A limit on rooms: rooms per member, rooms per server, or room creations per address.
    ROOM_LIMIT("room-limit"),
    /// Only server operators may create rooms on this server (`--room-creation operators`).
    CREATION_RESTRICTED("creation-restricted"),
    /// A private message to oneself, or another target that makes no sense.
    BAD_TARGET("bad-target"),
    /// A plain-dialect `/command` this server does not know.
    UNKNOWN_COMMAND("unknown-command"),
    /// A plain-dialect `/command` with missing or malformed arguments.
    BAD_COMMAND("bad-command"),
    /// `OPER` with a wrong password, or on a server without an operator password.
    BAD_OPERATOR_PASSWORD("bad-operator-password"),
    /// More private messages a second than the server allows; the message was not sent.
    PRIVATE_FLOOD("private-flood"),
    /// The room is moderated and the sender is neither an operator nor voiced: its message
    /// was not sent.
    VOICE_NEEDED("voice-needed"),
    /// The room is invite-only and the joiner was not invited.
    INVITE_ONLY("invite-only"),
    /// The room has a key and the joiner gave none, or another.
    BAD_KEY("bad-key"),
    /// The room has as many members as its limit allows.
    ROOM_FULL("room-full");

    private static final Map<String, ErrorCode> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::wire, Function.identity()));

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /// The code as written on the wire.
    public String wire() {
        return wire;
    }

    /// The code with this wire form, if this version knows it.
    public static Optional<ErrorCode> fromWire(String wire) {
        return Optional.ofNullable(BY_WIRE.get(wire));
    }
}
