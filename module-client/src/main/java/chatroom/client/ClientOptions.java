package chatroom.client;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/// How `chatroom --client` was asked to start.
///
/// @param host   the server's host, if given on the command line
/// @param port   the server's port, if given
/// @param name   the name to use; when given (with or without host and port) the client
///               connects at once instead of showing the connect dialog
/// @param theme  the look
/// @param locale the language of the UI; empty for the system's
public record ClientOptions(Optional<String> host, Optional<Integer> port, Optional<String> name,
                            Theme theme, Optional<Locale> locale) {

    public ClientOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(locale, "locale");
    }

    /// No arguments: the dialog with its defaults, the system's theme and language.
    public static ClientOptions defaults() {
        return new ClientOptions(Optional.empty(), Optional.empty(), Optional.empty(), Theme.SYSTEM, Optional.empty());
    }

    /// The look of the desktop client.
    public enum Theme {
        LIGHT, DARK,
        /// Follow the operating system's preference where JavaFX can read it, else light.
        SYSTEM
    }
}
