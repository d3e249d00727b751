package chatroom.protocol;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/// A member's name: 1 to [Limits#MAX_NAME_LENGTH] Unicode letters, digits, `_`, `-` or `.`.
/// No spaces, so a name never looks like a structured frame, and no `:`, so a chat line
/// `name: text` always splits at its first `": "`.
///
/// @param value the name as its owner typed it
public record Name(String value) implements Target {

    public Name {
        Objects.requireNonNull(value, "value");
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /// Checks `candidate` against the naming rules.
    public static Parsed<Name> parse(String candidate) {
        return problem(candidate)
                .<Parsed<Name>>map(problem -> Parsed.invalid(ErrorCode.NAME_INVALID, problem))
                .orElseGet(() -> Parsed.ok(new Name(candidate)));
    }

    /// The form two names are compared in: names that differ only in case are the same name.
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }

    /// Why `candidate` is not a valid name, if it is not.
    static Optional<String> problem(String candidate) {
        int length = candidate.codePointCount(0, candidate.length());
        if (length == 0) {
            return Optional.of("a name needs at least one character");
        }
        if (length > Limits.MAX_NAME_LENGTH) {
            return Optional.of("a name has at most %d characters, this one has %d"
                    .formatted(Limits.MAX_NAME_LENGTH, length));
        }
        for (int i = 0; i < candidate.length(); ) {
            int cp = candidate.codePointAt(i);
            if (!isNameCharacter(cp)) {
                return Optional.of("a name may hold only letters, digits, '_', '-' and '.' (no spaces); %s is not allowed"
                        .formatted(describe(cp)));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    private static boolean isNameCharacter(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.';
    }

    private static String describe(int cp) {
        if (cp == ' ') {
            return "a space";
        }
        if (Text.isForbidden(cp) || Character.isWhitespace(cp) || !Character.isDefined(cp)) {
            return "U+%04X".formatted(cp);
        }
        return "'%s' (U+%04X)".formatted(Character.toString(cp), cp);
    }
}
