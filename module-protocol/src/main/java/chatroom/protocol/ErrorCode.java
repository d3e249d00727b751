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
    NOT_SAVED("not-saved");

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
