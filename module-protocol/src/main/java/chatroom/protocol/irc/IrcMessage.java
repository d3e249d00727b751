package chatroom.protocol.irc;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Parsed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/// One IRC message, as the Modern IRC client protocol and IRCv3 message tags describe it:
/// `['@' tags SPACE] [':' source SPACE] command [params]`, without its line ending.
///
/// A message is valid by construction: its command is letters or a three-digit numeric; no
/// part holds NUL, CR or LF (so no message can smuggle a second line); every parameter but the
/// last is a non-empty word that does not start with `:`; there are at most
/// [#MAX_PARAMS] parameters; tag keys follow the grammar and values are any text (escaped on
/// the wire by [#encode()]).
///
/// @param tags    the message tags, in their order (a tag without a value maps to `""`)
/// @param source  where the message comes from (`nick!user@host` or a server name), if said
/// @param command the command (as sent: upper case for verbs by convention) or a numeric
/// @param params  the parameters, the last of which may hold spaces or be empty
public record IrcMessage(Map<String, String> tags, Optional<String> source, String command, List<String> params) {

    /// The most bytes of a line without its tags, CR LF included (RFC 1459 and Modern IRC).
    public static final int MAX_LINE_BYTES = 512;
    /// The most bytes of the tag section, its `@` and the space after it included (IRCv3).
    public static final int MAX_TAGS_BYTES = 8191;
    /// The most bytes of a whole line without its CR LF: [#MAX_TAGS_BYTES] of tags and the
    /// rest of [#MAX_LINE_BYTES]. A reader may discard a longer line unparsed (and answer it as
    /// [#parse] answers a line too long).
    public static final int MAX_TAGGED_LINE_BYTES = MAX_TAGS_BYTES + MAX_LINE_BYTES - 2;
    /// The most parameters a message may have.
    public static final int MAX_PARAMS = 15;

    public IrcMessage {
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(tags, "tags").forEach((key, value) -> {
            if (!IrcTags.isKey(key)) {
                throw new IllegalArgumentException("not a tag key: " + key);
            }
            requireLineSafe("tag value", Objects.requireNonNull(value, "tag value"));
            copy.put(key, value);
        });
        tags = java.util.Collections.unmodifiableMap(copy);
        Objects.requireNonNull(source, "source");
        source.ifPresent(value -> {
            if (value.isEmpty() || value.contains(" ")) {
                throw new IllegalArgumentException("not a source: " + value);
            }
            requireLineSafe("source", value);
        });
        if (!isCommand(Objects.requireNonNull(command, "command"))) {
            throw new IllegalArgumentException("not a command: " + command);
        }
        params = List.copyOf(params);
        if (params.size() > MAX_PARAMS) {
            throw new IllegalArgumentException("more than " + MAX_PARAMS + " parameters");
        }
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            requireLineSafe("parameter", param);
            boolean last = i == params.size() - 1;
            if (!last && !isMiddle(param)) {
                throw new IllegalArgumentException("only the last parameter may be empty, start with ':' or hold a"
                        + " space: " + param);
            }
        }
    }

    /// A message with no tags and no source (what a client sends).
    public static IrcMessage of(String command, String... params) {
        return new IrcMessage(Map.of(), Optional.empty(), command, List.of(params));
    }

    /// A message from `source` (what a server sends).
    public static IrcMessage from(String source, String command, String... params) {
        return new IrcMessage(Map.of(), Optional.of(source), command, List.of(params));
    }

    /// This message with `tags` in place of its own.
    public IrcMessage withTags(Map<String, String> replacement) {
        return new IrcMessage(replacement, source, command, params);
    }

    /// The command in upper case, as a server compares it (`privmsg` is `PRIVMSG`).
    public String verb() {
        return command.toUpperCase(java.util.Locale.ROOT);
    }

    /// The `index`th parameter, if there is one.
    public Optional<String> param(int index) {
        return index < params.size() ? Optional.of(params.get(index)) : Optional.empty();
    }

    /// The wire form without the line ending: tags escaped, the last parameter after ` :` when
    /// it must be (empty, starting with `:`, or holding a space).
    public String encode() {
        var line = new StringBuilder(64);
        if (!tags.isEmpty()) {
            line.append('@');
            appendTagData(tags, line);
            line.append(' ');
        }
        source.ifPresent(value -> line.append(':').append(value).append(' '));
        line.append(command);
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            line.append(' ');
            if (i == params.size() - 1 && !isMiddle(param)) {
                line.append(':');
            }
            line.append(param);
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return encode();
    }

    /// `tags` as the tag data of a line (what goes between `@` and the space), values escaped:
    /// `a=b;c`; empty for no tags. How a server passes on tags it was sent (client-only tags)
    /// in a line it encodes itself.
    ///
    /// @throws IllegalArgumentException if a key does not follow the grammar or a value holds
    ///                                  NUL, CR or LF
    public static String tagData(Map<String, String> tags) {
        var data = new StringBuilder(32);
        tags.forEach((key, value) -> {
            if (!IrcTags.isKey(key)) {
                throw new IllegalArgumentException("not a tag key: " + key);
            }
            requireLineSafe("tag value", value);
        });
        appendTagData(tags, data);
        return data.toString();
    }

    /// `line`, a message already encoded (with tags or without), with `key=value` as its first
    /// tag: how a server adds a tag of its own (a `label`, a `batch`) to a line it encoded
    /// before, ahead of any client-only tags, as IRCv3 wants server tags first.
    ///
    /// @throws IllegalArgumentException if `key` does not follow the grammar or `value` holds
    ///                                  NUL, CR or LF
    public static String withFirstTag(String line, String key, String value) {
        if (!IrcTags.isKey(key)) {
            throw new IllegalArgumentException("not a tag key: " + key);
        }
        requireLineSafe("tag value", value);
        var tagged = new StringBuilder(line.length() + key.length() + value.length() + 3).append('@').append(key);
        if (!value.isEmpty()) {
            tagged.append('=');
            IrcTags.escape(value, tagged);
        }
        return line.startsWith("@")
                ? tagged.append(';').append(line, 1, line.length()).toString()
                : tagged.append(' ').append(line).toString();
    }

    private static void appendTagData(Map<String, String> tags, StringBuilder out) {
        boolean first = true;
        for (var tag : tags.entrySet()) {
            if (!first) {
                out.append(';');
            }
            first = false;
            out.append(tag.getKey());
            if (!tag.getValue().isEmpty()) {
                out.append('=');
                IrcTags.escape(tag.getValue(), out);
            }
        }
    }

    /// Reads one line (its CR LF or LF already taken off, or not: a trailing CR is dropped) as
    /// a client sent it. Refused, as a value, if it is empty, too long ([#MAX_LINE_BYTES]
    /// without tags, [#MAX_TAGS_BYTES] of tags: [ErrorCode#FRAME_TOO_LONG]), holds NUL or a
    /// line break ([ErrorCode#BAD_CHARACTER]), or does not follow the grammar
    /// ([ErrorCode#BAD_FRAME]). Never throws.
    public static Parsed<IrcMessage> parse(String line) {
        Objects.requireNonNull(line, "line");
        String text = line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                : line.endsWith("\n") || line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (text.indexOf('\0') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            return Parsed.invalid(ErrorCode.BAD_CHARACTER, "NUL, CR and LF cannot be part of a line");
        }
        int at = skipSpaces(text, 0);
        Map<String, String> tags = Map.of();
        if (at < text.length() && text.charAt(at) == '@') {
            int end = text.indexOf(' ', at);
            if (end < 0) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, "tags but no command");
            }
            if (utf8Length(text, at, end + 1) > MAX_TAGS_BYTES) {
                return Parsed.invalid(ErrorCode.FRAME_TOO_LONG, "the tags are longer than " + MAX_TAGS_BYTES + " bytes");
            }
            Parsed<Map<String, String>> read = IrcTags.parse(text.substring(at + 1, end));
            if (read instanceof Parsed.Invalid<Map<String, String>> invalid) {
                return invalid.retype();
            }
            tags = ((Parsed.Ok<Map<String, String>>) read).value();
            at = skipSpaces(text, end);
        }
        // The rest, with the CR LF a client sent after it, must fit the classic 512 bytes.
        if (utf8Length(text, at, text.length()) + 2 > MAX_LINE_BYTES) {
            return Parsed.invalid(ErrorCode.FRAME_TOO_LONG, "the line is longer than " + MAX_LINE_BYTES + " bytes");
        }
        Optional<String> source = Optional.empty();
        if (at < text.length() && text.charAt(at) == ':') {
            int end = text.indexOf(' ', at);
            if (end < 0 || end == at + 1) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, "a source but no command");
            }
            source = Optional.of(text.substring(at + 1, end));
            at = skipSpaces(text, end);
        }
        int end = text.indexOf(' ', at);
        String command = text.substring(at, end < 0 ? text.length() : end);
        if (command.isEmpty()) {
            return Parsed.invalid(ErrorCode.EMPTY_TEXT, "an empty line");
        }
        if (!isCommand(command)) {
            return Parsed.invalid(ErrorCode.BAD_FRAME, "not a command: " + shorten(command));
        }
        List<String> params = new ArrayList<>();
        at = end < 0 ? text.length() : skipSpaces(text, end);
        while (at < text.length()) {
            if (text.charAt(at) == ':' || params.size() == MAX_PARAMS - 1) {
                // The trailing parameter: the rest of the line, spaces and all.
                params.add(text.charAt(at) == ':' ? text.substring(at + 1) : text.substring(at));
                break;
            }
            int next = text.indexOf(' ', at);
            params.add(text.substring(at, next < 0 ? text.length() : next));
            at = next < 0 ? text.length() : skipSpaces(text, next);
        }
        return Parsed.ok(new IrcMessage(tags, source, command, params));
    }

    /// Whether `firstLine` opens an IRC session: it begins with `CAP`, `PASS`, `NICK` or
    /// `USER` and a space, in any case (such a line can never be a name, which has no space,
    /// nor `HELLO v=…`, the structured dialect's opening).
    public static boolean opensIrc(String firstLine) {
        Objects.requireNonNull(firstLine, "firstLine");
        int space = firstLine.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String word = firstLine.substring(0, space).toUpperCase(java.util.Locale.ROOT);
        return word.equals("CAP") || word.equals("PASS") || word.equals("NICK") || word.equals("USER");
    }

    static boolean isCommand(String command) {
        if (command.length() == 3 && command.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return !command.isEmpty() && command.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }

    private static boolean isMiddle(String param) {
        return !param.isEmpty() && param.charAt(0) != ':' && param.indexOf(' ') < 0;
    }

    private static void requireLineSafe(String what, String value) {
        if (value.indexOf('\0') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a " + what + " cannot hold NUL, CR or LF");
        }
    }

    private static int skipSpaces(String text, int from) {
        int at = from;
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at;
    }

    private static int utf8Length(String text, int from, int to) {
        return text.substring(from, Math.min(to, text.length())).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
