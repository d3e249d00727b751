package chatroom.client;

import chatroom.client.core.Fingerprint;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/// How `chatroom --client` was asked to start.
///
/// @param host     the server's host, if given on the command line
/// @param port     the server's port, if given
/// @param name     the name to use; when given (with or without host and port) the client
///                 connects at once instead of showing the connect dialog
/// @param theme    the look
/// @param locale   the language of the UI; empty for the system's
/// @param tls      connect with TLS from the start (`--tls`; a server that accepts only TLS is
///                 reconnected to with TLS anyway)
/// @param trust    the SHA-256 fingerprint of the server's certificate to accept without asking
///                 (`--trust`), as 64 hex digits with or without `:`; any other certificate
///                 that no authority vouches for is refused
/// @param password the server's password (`--password-file`); never shown by [#toString()]
/// @param dataDir  the data directory, which holds `known_servers` (the servers trusted on
///                 first contact) and `preferences.properties`; empty to remember them for
///                 this run only
/// @param themeGiven whether `theme` was asked for (`--theme`), so that it wins over the
///                 preferences; [ClientOptions.Theme#SYSTEM] when not given is only a default
public record ClientOptions(Optional<String> host, Optional<Integer> port, Optional<String> name,
                            Theme theme, Optional<Locale> locale, boolean tls, Optional<String> trust,
                            Optional<String> password, Optional<Path> dataDir, boolean themeGiven) {

    /// @throws IllegalArgumentException if `trust` is not a SHA-256 fingerprint (the message
    ///         says what one looks like)
    public ClientOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dataDir, "dataDir");
        trust = trust.map(text -> Fingerprint.parse(text).value());
    }

    /// Options where a theme other than [ClientOptions.Theme#SYSTEM] counts as given (callers
    /// that do not tell "asked for" from "default").
    public ClientOptions(Optional<String> host, Optional<Integer> port, Optional<String> name, Theme theme,
                         Optional<Locale> locale, boolean tls, Optional<String> trust, Optional<String> password,
                         Optional<Path> dataDir) {
        this(host, port, name, theme, locale, tls, trust, password, dataDir, theme != Theme.SYSTEM);
    }

    /// Options without TLS settings, password or data directory.
    public ClientOptions(Optional<String> host, Optional<Integer> port, Optional<String> name, Theme theme,
                         Optional<Locale> locale) {
        this(host, port, name, theme, locale, false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /// No arguments: the dialog with its defaults, the system's theme and language.
    public static ClientOptions defaults() {
        return new ClientOptions(Optional.empty(), Optional.empty(), Optional.empty(), Theme.SYSTEM, Optional.empty());
    }

    /// These options with `chosen` as the theme (still counted as given or not, as before):
    /// how the preferences' theme takes the place of a default.
    public ClientOptions withTheme(Theme chosen) {
        return new ClientOptions(host, port, name, chosen, locale, tls, trust, password, dataDir, themeGiven);
    }

    @Override
    public String toString() {
        return "ClientOptions[host=" + host + ", port=" + port + ", name=" + name + ", theme=" + theme + (themeGiven ? "" : " (default)")
                + ", locale=" + locale + ", tls=" + tls + ", trust=" + trust
                + ", password=" + (password.isPresent() ? "(hidden)" : "none") + ", dataDir=" + dataDir + "]";
    }

    /// The look of the desktop client.
    public enum Theme {
        LIGHT, DARK,
        /// Follow the operating system's preference where JavaFX can read it, else light.
        SYSTEM
    }
}
