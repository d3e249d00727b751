package chatroom.client.viewmodel;

import chatroom.client.ClientOptions;
import chatroom.client.core.ServerAddress;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.SavedServer;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/// What the connect dialog starts with, and whether to connect without showing it: the
/// command line wins, then the last server of the preferences, then the defaults.
///
/// @param host          the server field
/// @param port          the port field
/// @param name          the name field (may be empty)
/// @param tls           "Use TLS"
/// @param connectAtOnce connect at start without the dialog (a `--name`, or "connect to the
///                      last server on start" with no server on the command line)
public record ConnectStart(String host, String port, String name, boolean tls, boolean connectAtOnce) {

    public ConnectStart {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(name, "name");
    }

    /// The start for `options` and `preferences`; `loginName` is the person's login name if it
    /// is a valid chat name (the last resort for the name field).
    public static ConnectStart of(ClientOptions options, Preferences preferences, Optional<String> loginName) {
        Optional<SavedServer> last = preferences.lastServer();
        boolean addressGiven = options.host().isPresent() || options.port().isPresent();
        String host = options.host().or(() -> last.map(server -> server.address().host()))
                .orElse(ServerAddress.DEFAULT_HOST);
        // A host from the command line with no port: the port it was saved with, if it was.
        Optional<SavedServer> sameHost = preferences.servers().stream()
                .filter(server -> server.address().host().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT)))
                .findFirst();
        int port = options.port().or(() -> sameHost.map(server -> server.address().port()))
                .orElse(ServerAddress.DEFAULT_PORT);
        Optional<SavedServer> saved = preferences.server(ServerAddress.resolve(host, String.valueOf(port)).address());
        String name = options.name().or(() -> saved.map(server -> server.name().value())).or(() -> loginName)
                .orElse("");
        boolean tls = options.tls() || saved.map(SavedServer::tls).orElse(false);
        boolean connectAtOnce = options.name().isPresent()
                || (preferences.connectOnStart() && !addressGiven && last.isPresent());
        return new ConnectStart(host, String.valueOf(port), name, tls, connectAtOnce);
    }
}
