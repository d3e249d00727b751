package chatroom.protocol;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/// A room's name: `#` followed by 1 to [Limits#MAX_NAME_LENGTH] Unicode letters, digits, `_`,
/// `-` or `.` (the characters of a member's [Name]). The `#` tells a room from a member
/// wherever either may stand (`/msg #rust hi`, `/msg bob hi`), as IRC's channels do.
///
/// @param value the name as its creator typed it, `#` included
public record RoomName(String value) implements Target {

    public RoomName {
        Objects.requireNonNull(value, "value");
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /// Checks `candidate` against the rules for room names.
    public static Parsed<RoomName> parse(String candidate) {
        return problem(candidate)
                .<Parsed<RoomName>>map(problem -> Parsed.invalid(ErrorCode.ROOM_INVALID, problem))
                .orElseGet(() -> Parsed.ok(new RoomName(candidate)));
    }

    /// The room called `#` + `name` (`lobby` becomes `#lobby`); `name` may also carry its `#`.
    ///
    /// @throws IllegalArgumentException if the result breaks the rules
    public static RoomName of(String name) {
        return new RoomName(name.startsWith("#") ? name : "#" + name);
    }

    /// The form two room names are compared in: names that differ only in case are the same room.
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    /// The name without its `#` (for file names and the version 1 `WELCOME`).
    public String bare() {
        return value.substring(1);
    }

    /// Whether `other` names the same room.
    public boolean sameAs(RoomName other) {
        return key().equals(other.key());
    }

    @Override
    public String toString() {
        return value;
    }

    private static Optional<String> problem(String candidate) {
        if (!candidate.startsWith("#")) {
            return Optional.of("a room name starts with '#'");
        }
        String rest = candidate.substring(1);
        if (rest.isEmpty()) {
            return Optional.of("a room name needs at least one character after '#'");
        }
        return Name.problem(rest).map(problem -> "in a room name after '#', " + problem);
    }
}
