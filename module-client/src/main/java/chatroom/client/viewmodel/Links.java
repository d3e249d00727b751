package chatroom.client.viewmodel;

import java.net.IDN;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Finds the links in a message's text: `http://` and `https://` addresses, `www.` addresses
/// (opened as `http://`) and `mailto:` addresses.
///
/// Conservative on purpose, because a click opens whatever is found in the system browser:
/// - a link starts at a word's start (`xhttp://` is no link) and stops at a space, a quote or
///   an angle bracket;
/// - punctuation that ends a sentence (`.,:;!?'"*`) is not part of it, nor is a closing bracket
///   that no opening bracket in the link matches (`(see https://example.org/a_(b))` keeps the
///   inner pair and leaves the outer bracket out);
/// - only `http`, `https` and `mailto` are ever opened (never `file:`, `javascript:` or
///   anything else), an address with a user part (`https://bank.example@evil.example`) stays
///   text, and characters a URI cannot hold are percent-encoded (host names in other scripts
///   become their ASCII form).
///
/// Pure functions; any thread.
public final class Links {

    /// A piece of a message's text: the pieces of [#split] joined give the text back.
    public sealed interface Segment {
        /// The piece as written.
        String text();
    }

    /// Text that is not a link.
    public record Plain(String text) implements Segment {
        public Plain {
            Objects.requireNonNull(text, "text");
        }
    }

    /// A link: `text` as written, `uri` what a click opens (always [#openable]).
    public record Link(String text, URI uri) implements Segment {
        public Link {
            Objects.requireNonNull(text, "text");
            if (!openable(uri)) {
                throw new IllegalArgumentException("not a link to open: " + uri);
            }
        }
    }

    /// Where a link may start; its end is then trimmed by [#linkEnd].
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}_@./\\-])(?:https?://|mailto:|www\\.)[^\\s\\p{Z}\\p{Cc}<>\"`“”‘’«»]+",
            Pattern.CASE_INSENSITIVE);
    private static final String SENTENCE_END = ".,:;!?'\"*";
    private static final Pattern MAIL = Pattern.compile("[^@/?#]+@[^@/?#.]+(?:\\.[^@/?#.]+)+(?:\\?.*)?");
    private static final Pattern WWW_HOST = Pattern.compile("(?i)www(?:\\.[\\p{L}\\p{N}\\-]+){2,}");

    private Links() {
    }

    /// `text` cut into plain pieces and links, in order; no piece is empty, and no two plain
    /// pieces follow each other.
    public static List<Segment> split(String text) {
        List<Segment> segments = new ArrayList<>();
        Matcher candidate = CANDIDATE.matcher(text);
        int plainFrom = 0;
        while (candidate.find()) {
            int end = linkEnd(text, candidate.start(), candidate.end());
            String written = text.substring(candidate.start(), end);
            Optional<URI> uri = toUri(written);
            if (uri.isPresent()) {
                if (candidate.start() > plainFrom) {
                    segments.add(new Plain(text.substring(plainFrom, candidate.start())));
                }
                segments.add(new Link(written, uri.get()));
                plainFrom = end;
            }
        }
        if (plainFrom < text.length()) {
            segments.add(new Plain(text.substring(plainFrom)));
        }
        return segments;
    }

    /// Whether a click may open `uri`: an `http` or `https` address with a host, or a
    /// `mailto` address.
    public static boolean openable(URI uri) {
        if (uri == null || uri.getScheme() == null || !uri.isAbsolute()) {
            return false;
        }
        return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "http", "https" -> uri.getRawAuthority() != null && uri.getRawUserInfo() == null
                    && !uri.getRawAuthority().contains("@");
            case "mailto" -> uri.getRawSchemeSpecificPart() != null && uri.getRawSchemeSpecificPart().contains("@");
            default -> false;
        };
    }

    /// The end of the link that starts at `start`, given the candidate ends at `end`:
    /// sentence punctuation and unmatched brackets at its end are left out.
    static int linkEnd(String text, int start, int end) {
        while (end > start) {
            char last = text.charAt(end - 1);
            if (SENTENCE_END.indexOf(last) >= 0 || last == '(' || last == '[' || last == '{') {
                end--;
            } else if (last == ')' || last == ']' || last == '}') {
                char open = last == ')' ? '(' : last == ']' ? '[' : '{';
                if (count(text, start, end, open) >= count(text, start, end, last)) {
                    break;
                }
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static int count(String text, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /// The URI a written link opens, if it is one this class opens.
    private static Optional<URI> toUri(String written) {
        String lower = written.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:")) {
            String address = written.substring("mailto:".length());
            return MAIL.matcher(address).matches() ? create("mailto:" + encode(address)) : Optional.empty();
        }
        boolean www = lower.startsWith("www.");
        if (!www && !lower.startsWith("http://") && !lower.startsWith("https://")) {
            // Trimmed down to less than its start ("www" of "www.").
            return Optional.empty();
        }
        String scheme = www ? "http" : lower.substring(0, lower.indexOf(':'));
        String rest = www ? written : written.substring(scheme.length() + "://".length());
        int authorityEnd = indexOfAny(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        if (authority.isEmpty() || authority.contains("@")) {
            return Optional.empty();
        }
        Optional<String> host = asciiAuthority(authority);
        if (host.isEmpty() || (www && !WWW_HOST.matcher(host.get().split(":", 2)[0]).matches())) {
            return Optional.empty();
        }
        return create(scheme + "://" + host.get() + encode(rest.substring(authorityEnd)));
    }

    /// `authority` (a host, maybe with a port) in ASCII, if it is one.
    private static Optional<String> asciiAuthority(String authority) {
        if (authority.startsWith("[")) {
            // An IPv6 address: only hex digits, colons and dots inside the brackets.
            return authority.matches("\\[[0-9A-Fa-f:.]+](?::[0-9]{1,5})?") ? Optional.of(authority) : Optional.empty();
        }
        int colon = authority.indexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        String port = colon < 0 ? "" : authority.substring(colon);
        if (!port.isEmpty() && !port.matches(":[0-9]{1,5}")) {
            return Optional.empty();
        }
        try {
            String ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            return ascii.matches("[A-Za-z0-9](?:[A-Za-z0-9\\-_.]*[A-Za-z0-9])?")
                    ? Optional.of(ascii + port) : Optional.empty();
        } catch (IllegalArgumentException e) {
            // Not a host name IDN can write in ASCII: the text stays text.
            return Optional.empty();
        }
    }

    private static Optional<URI> create(String uri) {
        try {
            URI parsed = new URI(uri);
            return openable(parsed) ? Optional.of(parsed) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            // Something encode() let through that URI still refuses: no link, the text stays.
            return Optional.empty();
        }
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /// `text` (what follows the host) with every character a URI cannot hold there
    /// percent-encoded (as UTF-8): a `%` that starts no escape and a `#` after the first are
    /// encoded too.
    private static String encode(String text) {
        var out = new StringBuilder(text.length());
        boolean inFragment = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (c == '%' && isEscape(text, i)) {
                out.append('%');
            } else if (c == '#' && !inFragment) {
                inFragment = true;
                out.append('#');
            } else if (c != '#' && c < 128 && (Character.isLetterOrDigit(c) || "-._~:/?@!$&'()*+,;=".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
            i = next;
        }
        return out.toString();
    }

    private static boolean isEscape(String text, int percent) {
        return percent + 2 < text.length() && Character.digit(text.charAt(percent + 1), 16) >= 0
                && Character.digit(text.charAt(percent + 2), 16) >= 0;
    }
}
