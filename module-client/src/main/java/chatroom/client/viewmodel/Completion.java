package chatroom.client.viewmodel;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/// Tab completion of the word before the caret, and the cycle that repeated Tabs walk.
///
/// The word decides what it completes to: `/jo` at the start of the text a command word
/// (`/join `), `#lo` a room (`#lobby `), anything else a person's name (`alice: ` at the start
/// of a line, as a chat addresses someone; `alice ` elsewhere). Prefixes match ignoring case;
/// candidates keep their own case. With several candidates the first is taken; the next Tab
/// (while text and caret are as the completion left them) replaces it with the next one,
/// round and round, and Shift+Tab goes backwards.
///
/// Not thread-safe: confined to its [InputViewModel]'s thread.
final class Completion {

    /// A completed text and where the caret goes in it.
    record Result(String text, int caret) {
    }

    /// The candidates being cycled through: `index` is the one shown, spanning
    /// `[start, end)` of `text`, with the caret at `caret`.
    private record Cycle(List<String> candidates, int index, int start, int end, String text, int caret) {
    }

    private Cycle cycle;

    /// Completes the word before `caret` in `text`, or goes `step` (1 or -1) along the cycle
    /// the last completion started; empty when there is nothing to complete.
    Optional<Result> complete(String text, int caret, int step, CompletionSource source) {
        int at = Math.clamp(caret, 0, text.length());
        if (cycle != null && cycle.text().equals(text) && cycle.caret() == at) {
            return Optional.of(show(cycle.candidates(), Math.floorMod(cycle.index() + step, cycle.candidates().size()),
                    cycle.start(), cycle.end(), text));
        }
        cycle = null;
        int start = at;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        List<String> candidates = candidates(text, start, text.substring(start, at), source);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(show(candidates, step > 0 ? 0 : candidates.size() - 1, start, at, text));
    }

    /// Ends the cycle: the text was changed by something other than a completion.
    void reset() {
        cycle = null;
    }

    /// `text` with `[start, end)` replaced by candidate `index`. A space the candidate ends
    /// with is not doubled when the text goes on with one: the caret goes after that one.
    private Result show(List<String> candidates, int index, int start, int end, String text) {
        String candidate = candidates.get(index);
        String rest = text.substring(end);
        int caret = start + candidate.length();
        if (candidate.endsWith(" ") && rest.startsWith(" ")) {
            candidate = candidate.substring(0, candidate.length() - 1);
        }
        String completed = text.substring(0, start) + candidate + rest;
        cycle = new Cycle(candidates, index, start, start + candidate.length(), completed, caret);
        return new Result(completed, caret);
    }

    /// What `word` (which starts at `start` of `text`) may complete to, each with what follows it.
    private static List<String> candidates(String text, int start, String word, CompletionSource source) {
        if (word.isEmpty()) {
            return List.of();
        }
        if (word.startsWith("/")) {
            // Only a whole typed line is read as a command, and only from its first character.
            return start == 0 ? matching(word, CommandWords.WORDS, " ") : List.of();
        }
        if (word.startsWith("#")) {
            return matching(word, source.rooms().stream().map(RoomName::value).toList(), " ");
        }
        boolean lineStart = start == 0 || text.charAt(start - 1) == '\n';
        return matching(word, source.people().stream().map(Name::value).toList(), lineStart ? ": " : " ");
    }

    /// The `names` that start with `prefix` ignoring case, each once (ignoring case), in order.
    private static List<String> matching(String prefix, List<String> names, String suffix) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        Set<String> seen = new HashSet<>();
        List<String> found = new ArrayList<>();
        for (String name : names) {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.startsWith(lower) && seen.add(key)) {
                found.add(name + suffix);
            }
        }
        return List.copyOf(found);
    }
}
