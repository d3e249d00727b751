package chatroom.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/// Rules for text that may appear inside a frame. They are what makes a forged line
/// impossible: a text can never hold anything a terminal or a client shows as a line break.
public final class Text {

    private Text() {
    }

    /// Whether `codePoint` may never appear in a frame: every Unicode control character
    /// (C0, DEL, C1, so also a lone `\r` and NEL) except the horizontal tab, the Unicode line
    /// and paragraph separators, and unpaired surrogates (which UTF-8 cannot carry).
    public static boolean isForbidden(int codePoint) {
        if (codePoint == '\t') {
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.SURROGATE
                || codePoint == '\u2028'
                || codePoint == '\u2029';
    }

    /// Why `text` cannot be put in a frame, if it cannot.
    public static Optional<Parsed.Invalid<String>> checkCharacters(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isForbidden(cp)) {
                return Optional.of(new Parsed.Invalid<>(ErrorCode.BAD_CHARACTER,
                        "character U+%04X is not allowed at position %d".formatted(cp, i)));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    /// Checks a chat message text: allowed characters, not blank, at most [Limits#MAX_TEXT_BYTES].
    public static Parsed<String> checkMessage(String text) {
        var bad = checkCharacters(text);
        if (bad.isPresent()) {
            return bad.get();
        }
        if (text.isBlank()) {
            return Parsed.invalid(ErrorCode.EMPTY_TEXT, "empty message not sent");
        }
        int bytes = utf8Length(text);
        if (bytes > Limits.MAX_TEXT_BYTES) {
            return Parsed.invalid(ErrorCode.TEXT_TOO_LONG, "message of %d bytes not sent (limit %d)"
                    .formatted(bytes, Limits.MAX_TEXT_BYTES));
        }
        return Parsed.ok(text);
    }

    /// Checks a topic, a part or kick reason, or an away text: allowed characters and at most
    /// [Limits#MAX_TOPIC_BYTES]; may be empty or blank (no topic, no reason).
    public static Parsed<String> checkShortText(String text) {
        var bad = checkCharacters(text);
        if (bad.isPresent()) {
            return bad.get();
        }
        int bytes = utf8Length(text);
        if (bytes > Limits.MAX_TOPIC_BYTES) {
            return Parsed.invalid(ErrorCode.TEXT_TOO_LONG, "text of %d bytes is too long (limit %d)"
                    .formatted(bytes, Limits.MAX_TOPIC_BYTES));
        }
        return Parsed.ok(text);
    }

    /// Checks a password (`PASS :password`): not empty, no control character (TAB included, so
    /// that any password can be typed on one line) and at most [Limits#MAX_PASSWORD_BYTES].
    ///
    /// The refusal never quotes the password, nor says where in it the problem is.
    public static Parsed<String> checkPassword(String password) {
        if (password.isEmpty()) {
            return Parsed.invalid(ErrorCode.BAD_FRAME, PASSWORD_FORM);
        }
        for (int i = 0; i < password.length(); ) {
            int cp = password.codePointAt(i);
            if (cp == '\t' || isForbidden(cp)) {
                return Parsed.invalid(ErrorCode.BAD_CHARACTER, "a password cannot hold control characters");
            }
            i += Character.charCount(cp);
        }
        if (utf8Length(password) > Limits.MAX_PASSWORD_BYTES) {
            return Parsed.invalid(ErrorCode.TEXT_TOO_LONG,
                    "a password is at most " + Limits.MAX_PASSWORD_BYTES + " bytes long");
        }
        return Parsed.ok(password);
    }

    /// What a refused `PASS` frame is told instead of the usual detail, which would quote it.
    static final String PASSWORD_FORM = "PASS takes the password as its text: PASS :password";

    /// What a refused `OPER` frame is told instead of the usual detail, which would quote it.
    static final String OPER_FORM = "OPER takes the password as its text: OPER :password";

    /// Length of `text` in UTF-8 without encoding it.
    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /// `line` in UTF-8 followed by `\n`: the bytes of one frame on the wire.
    public static byte[] frameBytes(String line) {
        byte[] body = line.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[body.length + 1];
        System.arraycopy(body, 0, frame, 0, body.length);
        frame[body.length] = '\n';
        return frame;
    }
}
