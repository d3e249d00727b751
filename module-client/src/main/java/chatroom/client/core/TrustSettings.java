package chatroom.client.core;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;

/// What a client trusts besides the certificate authorities.
///
/// @param knownServers the servers the person trusted before
/// @param pinned       a fingerprint given on the command line (`--trust`): the only
///                     certificate accepted from a server that no authority vouches for
/// @param authorities  the certificate authorities to accept; empty for the Java runtime's
///                     own (`cacerts`), which is what the application uses
public record TrustSettings(KnownServers knownServers, Optional<Fingerprint> pinned, Optional<KeyStore> authorities) {

    public TrustSettings {
        Objects.requireNonNull(knownServers, "knownServers");
        Objects.requireNonNull(pinned, "pinned");
        Objects.requireNonNull(authorities, "authorities");
    }

    /// The settings of a client started with `dataDir` (which holds the known-servers file;
    /// empty to remember for this run only) and `--trust` (a fingerprint as [Fingerprint#parse]
    /// reads it), with the runtime's authorities.
    public static TrustSettings of(Optional<Path> dataDir, Optional<String> trust) {
        return new TrustSettings(dataDir.map(KnownServers::in).orElseGet(KnownServers::inMemory),
                trust.map(Fingerprint::parse), Optional.empty());
    }

    /// Nothing remembered beyond this run, nothing pinned, the runtime's authorities.
    public static TrustSettings inMemory() {
        return new TrustSettings(KnownServers.inMemory(), Optional.empty(), Optional.empty());
    }
}
