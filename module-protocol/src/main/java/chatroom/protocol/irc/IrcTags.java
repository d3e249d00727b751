package chatroom.protocol.irc;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Parsed;

import java.util.LinkedHashMap;
import java.util.Map;

/// IRCv3 message tags: the key grammar and the value escaping
/// (`\:` for `;`, `\s` for a space, `\\`, `\r`, `\n`).
final class IrcTags {

    private IrcTags() {
    }

    /// `[+][vendor/]name`: a name of letters, digits and `-`; a vendor of host-name characters.
    static boolean isKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        String rest = key.charAt(0) == '+' ? key.substring(1) : key;
        int slash = rest.lastIndexOf('/');
        String vendor = slash < 0 ? "" : rest.substring(0, slash);
        String name = rest.substring(slash + 1);
        if (slash >= 0 && (vendor.isEmpty() || !vendor.chars().allMatch(c -> isKeyChar(c) || c == '.'))) {
            return false;
        }
        return !name.isEmpty() && name.chars().allMatch(IrcTags::isKeyChar);
    }

    private static boolean isKeyChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }

    static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> out.append("\\:");
                case ' ' -> out.append("\\s");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    static String unescape(String value) {
        var out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
            } else if (i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(switch (next) {
                    case ':' -> ';';
                    case 's' -> ' ';
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    // `\\`, and any other escaped character, stand for themselves.
                    default -> next;
                });
            }
            // A lone `\` at the end is dropped, as IRCv3 says.
        }
        return out.toString();
    }

    /// The tags of `section` (what is between `@` and the space). A key given twice keeps its
    /// last value, as IRCv3 says; a value unescaped to CR or LF is refused, since no part of a
    /// message may hold one.
    static Parsed<Map<String, String>> parse(String section) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : section.split(";", -1)) {
            if (tag.isEmpty()) {
                continue;
            }
            int equals = tag.indexOf('=');
            String key = equals < 0 ? tag : tag.substring(0, equals);
            if (!isKey(key)) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, "not a tag key: " + (key.length() <= 40 ? key
                        : key.substring(0, 40) + "…"));
            }
            String value = equals < 0 ? "" : unescape(tag.substring(equals + 1));
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                return Parsed.invalid(ErrorCode.BAD_CHARACTER, "a tag value cannot hold NUL, CR or LF");
            }
            tags.put(key, value);
        }
        return Parsed.ok(tags);
    }
}
