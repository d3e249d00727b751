package chatroom.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
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
        return token.codePoints().noneMatch(c -> c == ' ' || c == '\t' || Text.isForbidden(c));
    }

    static void requireMessage(String text) {
        Objects.requireNonNull(text, "text");
        if (Text.checkMessage(text) instanceof Parsed.Invalid<String> invalid) {
            throw new IllegalArgumentException(invalid.detail());
        }
    }

    /// A topic, reason or away text: allowed characters, at most [Limits#MAX_TOPIC_BYTES];
    /// may be empty.
    static void requireShortText(String text) {
        Objects.requireNonNull(text, "text");
        if (Text.checkShortText(text) instanceof Parsed.Invalid<String> invalid) {
            throw new IllegalArgumentException(invalid.detail());
        }
    }

    /// An away text: a short text that is not blank (no text at all means "back").
    static void requireAwayText(String text) {
        requireShortText(text);
        if (text.isBlank()) {
            throw new IllegalArgumentException("an away text must not be blank");
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

    /// ISO-8601 in UTC, always with three digits of milliseconds (unlike `Instant.toString`).
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").toFormatter(Locale.ROOT).withZone(ZoneOffset.UTC);

    static String formatTime(Instant time) {
        return TIME.format(time);
    }

    /// First and last instants the wire's four-digit years can write.
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /// `time` to the millisecond, which is what the wire carries.
    ///
    /// @throws IllegalArgumentException if `time` is outside the years 0000 to 9999
    static Instant toMillis(Instant time) {
        Instant millis = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
        if (millis.isBefore(EARLIEST) || millis.isAfter(LATEST)) {
            throw new IllegalArgumentException("time outside the years 0000 to 9999: " + time);
        }
        return millis;
    }
}
