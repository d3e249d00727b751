package chatroom.protocol;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/// Invariants shared by the frame records.
final class Tokens {

    /// Longest attribute value; far below a frame so that a frame of attributes always fits.
    static final int MAX_TOKEN_LENGTH = 256;

    private Tokens() {
    }

    /// An attribute value: 1 to [#MAX_TOKEN_LENGTH] characters, no space, no forbidden
    /// character, not starting with `:` (which would start the trailing text).
    static String requireToken(String token, String what) {
        Objects.requireNonNull(token, what);
        if (!isToken(token)) {
            throw new IllegalArgumentException(what + " is not a valid token: " + token);
        }
        return token;
    }

    static boolean isToken(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || token.charAt(0) == ':') {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == ' ' || c == '\t' || Text.isForbidden(c)) {
                return false;
            }
        }
        return true;
    }

    static void requireMessage(String text) {
        Objects.requireNonNull(text, "text");
        if (Text.checkMessage(text) instanceof Parsed.Invalid<String> invalid) {
            throw new IllegalArgumentException(invalid.detail());
        }
    }

    static void requireText(String text) {
        Objects.requireNonNull(text, "text");
        Text.checkCharacters(text).ifPresent(invalid -> {
            throw new IllegalArgumentException(invalid.detail());
        });
        if (Text.utf8Length(text) > Limits.MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("text longer than " + Limits.MAX_TEXT_BYTES + " bytes");
        }
    }

    static Instant toMillis(Instant time) {
        return Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    }
}
