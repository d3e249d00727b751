package chatroom.client.core;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/// How an attempt to connect and log in ended.
///
/// [NotTrusted], [CertificateChanged], [PasswordRequired] and [WrongPassword] are for the
/// person to settle ([#needsThePerson()]): trying again would end the same way, so a client
/// that meets one while reconnecting stops reconnecting ([ClientEvent.Stopped]).
public sealed interface LoginOutcome {

    /// Logged in; the client now keeps the connection and reconnects when it is lost.
    record LoggedIn(Name name, String room) implements LoginOutcome {
    }

    /// The server refused the name (taken or invalid): ask the person for another.
    record NameRefused(ErrorCode code, String detail) implements LoginOutcome {
    }

    /// No connection: the server could not be reached or broke off (`reason` says how).
    record Unreachable(String reason) implements LoginOutcome {
    }

    /// [ChatClient#quit()] was called before the attempt finished.
    record Cancelled() implements LoginOutcome {
    }

    /// The server was met for the first time and the person did not trust its certificate
    /// (or did not answer in time). Nothing was sent to it.
    record NotTrusted(ServerAddress server, Fingerprint fingerprint) implements LoginOutcome {
        public NotTrusted {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /// The server's certificate is not the one expected. It may have been replaced
    /// legitimately, or somebody may be intercepting the connection: the client refuses it and
    /// sends nothing. The person accepts the new certificate only outside the application: by
    /// starting it with `--trust PRESENTED`, or by removing the server's line from
    /// `knownServers`.
    ///
    /// @param expected     the fingerprint expected
    /// @param presented    the fingerprint the server presented
    /// @param expectedBy   where the expectation comes from
    /// @param knownServers the file the person trusted servers in, if there is one
    record CertificateChanged(ServerAddress server, Fingerprint expected, Fingerprint presented,
                              ExpectedBy expectedBy, Optional<Path> knownServers) implements LoginOutcome {
        public CertificateChanged {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(presented, "presented");
            Objects.requireNonNull(expectedBy, "expectedBy");
            Objects.requireNonNull(knownServers, "knownServers");
        }
    }

    /// The server needs a password and the client has none.
    record PasswordRequired() implements LoginOutcome {
    }

    /// The server refused the password (and closed the connection; one attempt per connection).
    record WrongPassword() implements LoginOutcome {
    }

    /// Where the fingerprint a [CertificateChanged] expected comes from.
    enum ExpectedBy {
        /// The person trusted the server before: its line in the known-servers file.
        KNOWN_SERVERS,
        /// The `--trust` option.
        TRUST_OPTION,
        /// An earlier connection of this same session.
        THIS_SESSION
    }

    /// Whether only the person can change this outcome (trying again would end the same way).
    default boolean needsThePerson() {
        return switch (this) {
            case NotTrusted notTrusted -> true;
            case CertificateChanged changed -> true;
            case PasswordRequired required -> true;
            case WrongPassword wrong -> true;
            case LoggedIn loggedIn -> false;
            case NameRefused refused -> false;
            case Unreachable unreachable -> false;
            case Cancelled cancelled -> false;
        };
    }
}
