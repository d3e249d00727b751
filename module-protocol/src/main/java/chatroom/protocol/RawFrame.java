package chatroom.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/// The syntax every structured frame shares, before its verb gives it meaning:
///
/// ```
/// frame     = verb *( 1*SP key "=" value ) [ 1*SP ":" trailing ]
/// verb      = ALPHA *( ALPHA / "-" )          ; case-insensitive, written in upper case
/// key       = lower *( lower / DIGIT / "-" )
/// value     = a token: no space, not starting with ":"
/// trailing  = any text (spaces included) to the end of the line
/// ```
///
/// Unknown keys are kept and ignored by the codecs, which is what lets a later version add
/// attributes without breaking older peers.
record RawFrame(String verb, Map<String, String> attributes, Optional<String> trailing) {

    private static final Pattern VERB = Pattern.compile("[A-Za-z][A-Za-z-]*");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*");

    RawFrame {
        attributes = Map.copyOf(attributes);
    }

    static Parsed<RawFrame> parse(String line) {
        int trailingStart = line.startsWith(":") ? 0 : line.indexOf(" :");
        String head = trailingStart < 0 ? line : line.substring(0, trailingStart);
        Optional<String> trailing = trailingStart < 0
                ? Optional.empty()
                : Optional.of(line.substring(trailingStart + (trailingStart == 0 ? 1 : 2)));
        String[] words = head.trim().split(" +");
        if (words.length == 0 || words[0].isEmpty()) {
            return Parsed.invalid(ErrorCode.BAD_FRAME, "a frame starts with a verb");
        }
        // Checked before upper-casing: Unicode case rules would turn "ſay" into "SAY".
        if (!VERB.matcher(words[0]).matches()) {
            return Parsed.invalid(ErrorCode.UNKNOWN_VERB, "'" + words[0] + "' is not a verb");
        }
        String verb = words[0].toUpperCase(java.util.Locale.ROOT);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            int equals = word.indexOf('=');
            if (equals <= 0 || equals == word.length() - 1) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, "'" + word + "' is not key=value");
            }
            String key = word.substring(0, equals);
            if (!KEY.matcher(key).matches()) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, "'" + key + "' is not a valid key");
            }
            if (attributes.putIfAbsent(key, word.substring(equals + 1)) != null) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, "'" + key + "' appears twice");
            }
        }
        return Parsed.ok(new RawFrame(verb, attributes, trailing));
    }

    Parsed<String> required(String key) {
        String value = attributes.get(key);
        return value == null
                ? Parsed.invalid(ErrorCode.BAD_FRAME, verb + " needs " + key + "=")
                : Parsed.ok(value);
    }

    Optional<String> optional(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /// An optional attribute that must be a token if present; `fallback` if absent.
    Parsed<String> token(String key, String fallback) {
        String value = attributes.getOrDefault(key, fallback);
        return Tokens.isToken(value)
                ? Parsed.ok(value)
                : Parsed.invalid(ErrorCode.BAD_FRAME, key + " is not a valid token");
    }

    Parsed<String> requiredToken(String key) {
        return required(key).then(value -> token(key, value));
    }

    Parsed<Long> requiredLong(String key, long min) {
        return required(key).then(value -> toLong(key, value, min));
    }

    Parsed<Integer> requiredInt(String key, int min) {
        return requiredLong(key, min).then(value -> value > Integer.MAX_VALUE
                ? Parsed.invalid(ErrorCode.BAD_FRAME, key + " is too large")
                : Parsed.ok(value.intValue()));
    }

    Parsed<Name> requiredName(String key) {
        return required(key).then(Name::parse);
    }

    Parsed<Instant> requiredTime(String key) {
        return required(key).then(value -> {
            try {
                return Parsed.ok(Instant.parse(value));
            } catch (DateTimeParseException e) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, key + " is not an ISO-8601 instant: " + value);
            }
        });
    }

    Parsed<RoomName> requiredRoom(String key) {
        return required(key).then(RoomName::parse);
    }

    /// The `target=` of a moderation `action`, checked as [Moderation#requireTarget] checks
    /// it. An action that takes no target ignores one, like any attribute it does not use.
    Parsed<Optional<String>> moderationTarget(Moderation action) {
        return switch (action.argument()) {
            case NONE -> Parsed.ok(Optional.empty());
            case NAME -> requiredName("target").then(name -> Parsed.ok(Optional.of(name.value())));
            case NAME_OR_ADDRESS -> requiredToken("target").then(target -> Parsed.ok(Optional.of(target)));
            case KEY -> required("target").then(key -> badFrame(Moderation.checkKey(key)))
                    .then(key -> Parsed.ok(Optional.of(key)));
            case LIMIT -> required("target").then(limit -> badFrame(Moderation.checkLimit(limit))
                    .then(valid -> Parsed.ok(Optional.of(limit))));
        };
    }

    /// `parsed`, refused as [ErrorCode#BAD_FRAME] (a frame's value) if it is refused.
    static <T> Parsed<T> badFrame(Parsed<T> parsed) {
        return switch (parsed) {
            case Parsed.Ok<T> ok -> ok;
            case Parsed.Invalid<T> invalid -> Parsed.invalid(ErrorCode.BAD_FRAME, invalid.detail());
        };
    }

    Parsed<String> requiredTrailing() {
        return trailing.<Parsed<String>>map(Parsed::ok)
                .orElseGet(() -> Parsed.invalid(ErrorCode.BAD_FRAME, verb + " needs a text after ' :'"));
    }

    static Parsed<Long> toLong(String key, String value, long min) {
        try {
            long number = Long.parseLong(value);
            return number < min
                    ? Parsed.invalid(ErrorCode.BAD_FRAME, key + " must be at least " + min)
                    : Parsed.ok(number);
        } catch (NumberFormatException e) {
            return Parsed.invalid(ErrorCode.BAD_FRAME, key + " is not a number: " + value);
        }
    }

    /// Builds the text of a frame; the codecs pass only values their records already checked.
    static final class Writer {
        private final StringBuilder line = new StringBuilder(64);

        Writer(String verb) {
            line.append(verb);
        }

        Writer attribute(String key, Object value) {
            line.append(' ').append(key).append('=').append(value);
            return this;
        }

        String trailing(String text) {
            return line.append(" :").append(text).toString();
        }

        String end() {
            return line.toString();
        }
    }
}
