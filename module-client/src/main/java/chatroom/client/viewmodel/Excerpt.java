package chatroom.client.viewmodel;

import java.util.regex.Pattern;

/// Shortens a message to what a notification can show: one line, at most [#MAX] characters
/// (code points, so no emoji is cut in half), cut at a word when one ends near the limit,
/// with "…" where text was left out.
final class Excerpt {

    /// The longest excerpt, "…" included: about two lines of a desktop notification.
    static final int MAX = 140;
    /// How far back from the limit a cut looks for the end of a word.
    private static final int WORD_SLACK = 25;
    /// Line breaks and runs of blanks become one space: a notification is read at a glance.
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    /// Characters that silently reorder text; see `Transcript`.
    private static final Pattern DIRECTION_CONTROLS = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");

    private Excerpt() {
    }

    static String of(String text) {
        String flat = BLANKS.matcher(DIRECTION_CONTROLS.matcher(text).replaceAll("")).replaceAll(" ").strip();
        if (flat.codePointCount(0, flat.length()) <= MAX) {
            return flat;
        }
        int end = flat.offsetByCodePoints(0, MAX - 1);
        int space = flat.lastIndexOf(' ', end);
        if (space > 0 && flat.codePointCount(space, end) <= WORD_SLACK) {
            end = space;
        }
        return flat.substring(0, end).stripTrailing() + "…";
    }
}
