package chatroom.client.viewmodel;

import chatroom.client.core.LoginOutcome;
import chatroom.client.core.ServerAddress;

import java.nio.file.Path;

/// The desktop client's words about certificates and passwords, shared by the connect dialog
/// and the chat (a certificate can change on a reconnect). A changed certificate may be an
/// attack: the text says so, shows both fingerprints and the only ways to accept the new one.
final class TrustWords {

    private TrustWords() {
    }

    /// Why a login needs the person, as one text (lines separated by `\n`).
    static String explain(Texts texts, ServerAddress server, LoginOutcome outcome) {
        return switch (outcome) {
            case LoginOutcome.CertificateChanged changed -> changed(texts, changed);
            case LoginOutcome.NotTrusted notTrusted -> texts.format("trust.notTrusted", notTrusted.server());
            case LoginOutcome.PasswordRequired required -> texts.format("password.required", server);
            case LoginOutcome.WrongPassword wrong -> texts.format("password.wrong", server);
            case LoginOutcome.LoggedIn loggedIn -> "";
            case LoginOutcome.NameRefused refused -> refused.detail();
            case LoginOutcome.Unreachable unreachable -> unreachable.reason();
            case LoginOutcome.Cancelled cancelled -> texts.get("connect.cancelled");
        };
    }

    private static String changed(Texts texts, LoginOutcome.CertificateChanged changed) {
        String file = changed.knownServers().map(Path::toString).orElse("known_servers");
        String compact = changed.presented().value().replace(":", "");
        return String.join("\n",
                texts.format("trust.changed.title", changed.server()),
                texts.get("trust.changed.body"),
                texts.format("trust.changed.expected", changed.expected()),
                texts.format("trust.changed.presented", changed.presented()),
                switch (changed.expectedBy()) {
                    case KNOWN_SERVERS -> texts.format("trust.changed.by.known", file);
                    case TRUST_OPTION -> texts.get("trust.changed.by.option");
                    case THIS_SESSION -> texts.get("trust.changed.by.session");
                },
                changed.expectedBy() == LoginOutcome.ExpectedBy.TRUST_OPTION
                        ? texts.format("trust.changed.howto.option", compact)
                        : texts.format("trust.changed.howto.known", compact, changed.server(), file));
    }
}
