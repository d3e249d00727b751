package chatroom.client.core.preferences;

import chatroom.client.ClientOptions.Theme;
import chatroom.client.core.ServerAddress;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/// The text of `preferences.properties`: UTF-8, one `key = value` per line, `#` starts a
/// comment line, blank lines are ignored. Written with a header that explains every key, so
/// a person can edit it (while the client is not running: the client rewrites it).
///
/// ```
/// version = 1
/// theme = system                      # light, dark or system
/// language = system                   # system, en or it
/// font.size = 13                      # 10 to 24
/// notifications = true
/// connect.on.start = false
/// window.width = 900                  # and window.height, window.maximized,
///                                     # window.sidebar.width, window.sidebar.shown,
///                                     # window.members.width, window.members.shown
/// server.1.address = chat.example.org:53000
/// server.1.name = Luca
/// server.1.tls = true
/// server.1.rooms = #lobby #rust       # separated by spaces
/// server.1.muted = #random bob        # rooms and members
/// server.1.last.used = 2026-01-10T09:00:00Z
/// ```
///
/// (Comments stand on lines of their own; the `#` above are for this explanation only.)
/// Reading is lenient: a value that is not valid falls back to its default and a line that
/// is not `key = value` is skipped, each with a [Problem]; only a missing or unknown
/// `version` makes the whole file unusable.
public final class PreferencesFile {

    /// The format version this client writes and reads.
    public static final int VERSION = 1;

    private PreferencesFile() {
    }

    /// Something in the file that was not used.
    ///
    /// @param line   the line's number (1-based), 0 for the file as a whole
    /// @param detail what was wrong, in English (for the log)
    public record Problem(int line, String detail) {
    }

    /// What reading a file's lines gave.
    public sealed interface Reading {
        /// The preferences, with the problems met on the way (each value concerned is its default).
        record Read(Preferences preferences, List<Problem> problems) implements Reading {
            public Read {
                problems = List.copyOf(problems);
            }
        }

        /// Not a preferences file this client understands (no version, or another version).
        record Unusable(String reason) implements Reading {
        }
    }

    /// Reads `lines`.
    public static Reading parse(List<String> lines) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problems.add(new Problem(i + 1, "not 'key = value'"));
                continue;
            }
            String key = line.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (entries.put(key, new Entry(i + 1, line.substring(equals + 1).strip())) != null) {
                problems.add(new Problem(i + 1, key + " given twice: the last one counts"));
            }
        }
        Entry version = entries.remove("version");
        if (version == null) {
            return new Reading.Unusable("no 'version' line");
        }
        if (!version.value.equals(String.valueOf(VERSION))) {
            return new Reading.Unusable("version " + version.value + " is not " + VERSION);
        }
        return new Reading.Read(new Reader(entries, problems).preferences(), problems);
    }

    /// The file's text for `preferences`: the header, then every key.
    public static String write(Preferences preferences) {
        var out = new StringBuilder();
        out.append("""
                # chatroom desktop client preferences (the client rewrites this file: edit it while the client
                # is not running). One 'key = value' per line; lines starting with # are comments.
                #   theme = light, dark or system          language = system, en or it
                #   font.size = %d to %d                     notifications, connect.on.start = true or false
                #   window.* = the chat window's size and panels, in pixels
                #   server.N.* = a server logged in to: address (host:port), name, tls, rooms to rejoin and
                #                muted conversations (separated by spaces), last.used (an ISO-8601 instant)
                """.formatted(Preferences.MIN_FONT_SIZE, Preferences.MAX_FONT_SIZE));
        line(out, "version", VERSION);
        line(out, "theme", preferences.theme().name().toLowerCase(Locale.ROOT));
        line(out, "language", preferences.language().code());
        line(out, "font.size", preferences.fontSize());
        line(out, "notifications", preferences.notifications());
        line(out, "connect.on.start", preferences.connectOnStart());
        WindowLayout layout = preferences.layout();
        line(out, "window.width", layout.width());
        line(out, "window.height", layout.height());
        line(out, "window.maximized", layout.maximized());
        line(out, "window.sidebar.width", layout.sidebarWidth());
        line(out, "window.sidebar.shown", layout.sidebarShown());
        line(out, "window.members.width", layout.memberListWidth());
        line(out, "window.members.shown", layout.memberListShown());
        int n = 0;
        for (SavedServer server : preferences.servers()) {
            String prefix = "server." + ++n + ".";
            out.append('\n');
            line(out, prefix + "address", server.address());
            line(out, prefix + "name", server.name().value());
            line(out, prefix + "tls", server.tls());
            line(out, prefix + "rooms", String.join(" ", server.rooms().stream().map(RoomName::value).toList()));
            line(out, prefix + "muted", String.join(" ", server.muted().stream().map(Target::value).toList()));
            line(out, prefix + "last.used", server.lastUsed());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, Object value) {
        out.append(key).append(" = ").append(value).append('\n');
    }

    private record Entry(int line, String value) {
    }

    /// Reads the values one by one, each falling back to its default with a problem noted.
    private static final class Reader {
        private final Map<String, Entry> entries;
        private final List<Problem> problems;

        Reader(Map<String, Entry> entries, List<Problem> problems) {
            this.entries = entries;
            this.problems = problems;
        }

        Preferences preferences() {
            Preferences defaults = Preferences.DEFAULTS;
            WindowLayout base = WindowLayout.DEFAULT;
            Theme theme = value("theme", defaults.theme(), text -> switch (text.toLowerCase(Locale.ROOT)) {
                case "light" -> Optional.of(Theme.LIGHT);
                case "dark" -> Optional.of(Theme.DARK);
                case "system" -> Optional.of(Theme.SYSTEM);
                default -> Optional.empty();
            });
            Language language = value("language", defaults.language(), Language::fromCode);
            int fontSize = number("font.size", defaults.fontSize(), Preferences.MIN_FONT_SIZE, Preferences.MAX_FONT_SIZE);
            boolean notifications = bool("notifications", defaults.notifications());
            boolean connectOnStart = bool("connect.on.start", defaults.connectOnStart());
            var layout = new WindowLayout(
                    number("window.width", base.width(), WindowLayout.MIN_SIDE, WindowLayout.MAX_SIDE),
                    number("window.height", base.height(), WindowLayout.MIN_SIDE, WindowLayout.MAX_SIDE),
                    bool("window.maximized", base.maximized()),
                    number("window.sidebar.width", base.sidebarWidth(), WindowLayout.MIN_PANEL, WindowLayout.MAX_PANEL),
                    number("window.members.width", base.memberListWidth(), WindowLayout.MIN_PANEL, WindowLayout.MAX_PANEL),
                    bool("window.sidebar.shown", base.sidebarShown()),
                    bool("window.members.shown", base.memberListShown()));
            List<SavedServer> servers = servers();
            for (var left : entries.entrySet()) {
                problems.add(new Problem(left.getValue().line, "unknown key " + left.getKey()));
            }
            return new Preferences(theme, language, fontSize, notifications, connectOnStart, servers, layout);
        }

        private List<SavedServer> servers() {
            var numbers = new TreeMap<Integer, String>();
            for (String key : entries.keySet()) {
                if (key.startsWith("server.") && key.endsWith(".address")) {
                    String number = key.substring("server.".length(), key.length() - ".address".length());
                    try {
                        numbers.put(Integer.parseInt(number), "server." + number + ".");
                    } catch (NumberFormatException e) {
                        // Left in entries: reported as an unknown key.
                    }
                }
            }
            List<SavedServer> servers = new ArrayList<>();
            for (String prefix : numbers.values()) {
                server(prefix).ifPresent(server -> {
                    if (servers.stream().anyMatch(other -> other.key().equals(server.key()))) {
                        problems.add(new Problem(0, prefix + "address: " + server.key() + " is saved twice"));
                    } else {
                        servers.add(server);
                    }
                });
            }
            return servers;
        }

        /// The server under `prefix`; without a valid address or name it is dropped, its other
        /// values fall back one by one.
        private Optional<SavedServer> server(String prefix) {
            Optional<ServerAddress> address = value(prefix + "address", Optional.empty(),
                    text -> address(text).map(Optional::of));
            Optional<Name> name = value(prefix + "name", Optional.empty(),
                    text -> Name.parse(text) instanceof Parsed.Ok<Name>(Name ok) ? Optional.of(Optional.of(ok))
                            : Optional.empty());
            boolean tls = bool(prefix + "tls", false);
            List<RoomName> rooms = list(prefix + "rooms", text -> RoomName.parse(text) instanceof Parsed.Ok<RoomName>(
                    RoomName ok) ? Optional.of(ok) : Optional.empty());
            List<Target> muted = list(prefix + "muted", text -> Target.parse(text) instanceof Parsed.Ok<Target>(
                    Target ok) ? Optional.of(ok) : Optional.empty());
            Instant lastUsed = value(prefix + "last.used", Instant.EPOCH, text -> {
                try {
                    return Optional.of(Instant.parse(text));
                } catch (DateTimeException e) {
                    return Optional.empty();
                }
            });
            if (address.isEmpty() || name.isEmpty()) {
                problems.add(new Problem(0, prefix + "* dropped: it needs a valid address and name"));
                return Optional.empty();
            }
            return Optional.of(new SavedServer(address.get(), name.get(), tls, rooms, muted, lastUsed));
        }

        private <T> T value(String key, T fallback, Function<String, Optional<T>> reader) {
            Entry entry = entries.remove(key);
            if (entry == null) {
                return fallback;
            }
            Optional<T> read = reader.apply(entry.value);
            if (read.isEmpty()) {
                problems.add(new Problem(entry.line, key + ": '" + entry.value + "' is not valid, using the default"));
            }
            return read.orElse(fallback);
        }

        private <T> List<T> list(String key, Function<String, Optional<T>> reader) {
            Entry entry = entries.remove(key);
            if (entry == null || entry.value.isEmpty()) {
                return List.of();
            }
            List<T> items = new ArrayList<>();
            for (String word : entry.value.split("\\s+")) {
                reader.apply(word).ifPresentOrElse(items::add,
                        () -> problems.add(new Problem(entry.line, key + ": '" + word + "' is not valid, skipped")));
            }
            return items;
        }

        private boolean bool(String key, boolean fallback) {
            return value(key, fallback, text -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> Optional.of(true);
                case "false", "no", "off" -> Optional.of(false);
                default -> Optional.empty();
            });
        }

        private int number(String key, int fallback, int min, int max) {
            return value(key, fallback, text -> {
                try {
                    int number = Integer.parseInt(text);
                    return number >= min && number <= max ? Optional.of(number) : Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
        }
    }

    /// `host:port` (`[v6]:port` for an IPv6 address), if it is one.
    private static Optional<ServerAddress> address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        var resolution = ServerAddress.resolve(host, text.substring(colon + 1));
        return resolution.fallbacks().isEmpty() ? Optional.of(resolution.address()) : Optional.empty();
    }
}
