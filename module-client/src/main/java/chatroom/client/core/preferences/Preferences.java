package chatroom.client.core.preferences;

import chatroom.client.ClientOptions.Theme;
import chatroom.client.core.ServerAddress;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/// What the person chose for the desktop client, kept in `preferences.properties` in the data
/// folder by [PreferencesStore]. Immutable: every `with…` returns a changed copy.
///
/// @param theme          the look (the command line's `--theme` wins for one run)
/// @param language       the window's language, from the next start (`--lang` wins)
/// @param fontSize       the base font size in points, [#MIN_FONT_SIZE] to [#MAX_FONT_SIZE]
/// @param notifications  whether mentions and private messages raise desktop notifications
/// @param connectOnStart whether to log in to [#lastServer()] at start, without the dialog
/// @param servers        the servers logged in to, the most recently used first (at most one
///                       per [SavedServer#key()]; at most [#MAX_SERVERS])
/// @param layout         the chat window's size and panels
public record Preferences(Theme theme, Language language, int fontSize, boolean notifications,
                          boolean connectOnStart, List<SavedServer> servers, WindowLayout layout) {

    public static final int MIN_FONT_SIZE = 10;
    public static final int MAX_FONT_SIZE = 24;
    public static final int DEFAULT_FONT_SIZE = 13;
    /// Servers kept; the least recently used are forgotten beyond this.
    public static final int MAX_SERVERS = 30;

    /// The preferences of a first start.
    public static final Preferences DEFAULTS = new Preferences(Theme.SYSTEM, Language.SYSTEM, DEFAULT_FONT_SIZE,
            true, false, List.of(), WindowLayout.DEFAULT);

    /// @throws IllegalArgumentException if the font size is out of bounds or two servers
    ///                                  share a key
    public Preferences {
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(layout, "layout");
        WindowLayout.check("fontSize", fontSize, MIN_FONT_SIZE, MAX_FONT_SIZE);
        Set<String> keys = new HashSet<>();
        for (SavedServer server : servers) {
            if (!keys.add(server.key())) {
                throw new IllegalArgumentException("the server " + server.key() + " is saved twice");
            }
        }
        servers = servers.stream().sorted(Comparator.comparing(SavedServer::lastUsed).reversed())
                .limit(MAX_SERVERS).toList();
    }

    /// The server used most recently, if any.
    public Optional<SavedServer> lastServer() {
        return servers.isEmpty() ? Optional.empty() : Optional.of(servers.getFirst());
    }

    /// The saved server at `address` (the host compared ignoring case), if any.
    public Optional<SavedServer> server(ServerAddress address) {
        String key = SavedServer.key(address);
        return servers.stream().filter(server -> server.key().equals(key)).findFirst();
    }

    /// The rooms to rejoin at `address`; empty for a server not saved.
    public List<RoomName> roomsFor(ServerAddress address) {
        return server(address).map(SavedServer::rooms).orElse(List.of());
    }

    /// Whether `conversation` on `address` is muted.
    public boolean isMuted(ServerAddress address, Target conversation) {
        return server(address).map(server -> server.isMuted(conversation)).orElse(false);
    }

    public Preferences withTheme(Theme chosen) {
        return new Preferences(chosen, language, fontSize, notifications, connectOnStart, servers, layout);
    }

    public Preferences withLanguage(Language chosen) {
        return new Preferences(theme, chosen, fontSize, notifications, connectOnStart, servers, layout);
    }

    /// @throws IllegalArgumentException if `size` is out of bounds
    public Preferences withFontSize(int size) {
        return new Preferences(theme, language, size, notifications, connectOnStart, servers, layout);
    }

    public Preferences withNotifications(boolean on) {
        return new Preferences(theme, language, fontSize, on, connectOnStart, servers, layout);
    }

    public Preferences withConnectOnStart(boolean on) {
        return new Preferences(theme, language, fontSize, notifications, on, servers, layout);
    }

    public Preferences withLayout(WindowLayout chosen) {
        return new Preferences(theme, language, fontSize, notifications, connectOnStart, servers, chosen);
    }

    /// A successful login at `when`: the server becomes the last one, with `name` and `tls`;
    /// its rooms and muted conversations are kept.
    public Preferences withServerUsed(ServerAddress address, Name name, boolean tls, Instant when) {
        SavedServer used = server(address).map(saved -> saved.usedAgain(name, tls, when))
                .orElseGet(() -> new SavedServer(address, name, tls, when));
        return replace(address, used);
    }

    /// The rooms to rejoin at `address` (a server not saved is left alone).
    public Preferences withRooms(ServerAddress address, List<RoomName> rooms) {
        return change(address, saved -> saved.withRooms(rooms));
    }

    /// Mutes or unmutes `conversation` at `address` (a server not saved is left alone).
    public Preferences withMuted(ServerAddress address, Target conversation, boolean muted) {
        return change(address, saved -> saved.withMuted(conversation, muted));
    }

    /// Forgets the server at `address`.
    public Preferences withoutServer(ServerAddress address) {
        String key = SavedServer.key(address);
        return withServers(servers.stream().filter(server -> !server.key().equals(key)).toList());
    }

    public Preferences withServers(List<SavedServer> chosen) {
        return new Preferences(theme, language, fontSize, notifications, connectOnStart, chosen, layout);
    }

    private Preferences change(ServerAddress address, UnaryOperator<SavedServer> how) {
        return server(address).map(saved -> replace(address, how.apply(saved))).orElse(this);
    }

    private Preferences replace(ServerAddress address, SavedServer next) {
        String key = SavedServer.key(address);
        List<SavedServer> list = new ArrayList<>(servers.size() + 1);
        list.add(next);
        servers.stream().filter(server -> !server.key().equals(key)).forEach(list::add);
        return withServers(list);
    }
}
