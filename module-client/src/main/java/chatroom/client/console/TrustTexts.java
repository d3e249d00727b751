package chatroom.client.console;

import chatroom.client.core.Fingerprint;
import chatroom.client.core.LoginOutcome;
import chatroom.client.core.ServerAddress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/// What the terminal client says about certificates and passwords. Kept apart from the session
/// because the words matter: a changed certificate may be an attack, and the text must say so
/// plainly and tell the person exactly how to proceed if it is not.
final class TrustTexts {

    /// The question after [#firstContact]; the answer is `y` or `yes`, anything else is no.
    static final String QUESTION = "Trust this server? [y/N] ";

    private TrustTexts() {
    }

    static List<String> firstContact(ServerAddress server, Fingerprint fingerprint) {
        return List.of(
                "* The server " + server + " is new to this client. Its TLS certificate has the SHA-256 fingerprint",
                "*   " + fingerprint,
                "* Check it against the fingerprint the server's operator gave you (the server prints it when it"
                        + " starts). If they match, trust the server: it will be remembered.");
    }

    static List<String> notTrusted(LoginOutcome.NotTrusted refused) {
        return List.of("* Not connected: the certificate of " + refused.server() + " was not trusted."
                + " Nothing was sent to the server.");
    }

    /// The loud warning, one line per element.
    static List<String> changed(LoginOutcome.CertificateChanged changed) {
        String file = changed.knownServers().map(Path::toString).orElse("the known_servers file");
        List<String> lines = new ArrayList<>();
        lines.add("* @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@");
        lines.add("* WARNING: THE CERTIFICATE OF " + changed.server() + " IS NOT THE ONE EXPECTED!");
        lines.add("* @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@");
        lines.add("* Somebody may be intercepting your connection (a man-in-the-middle attack),");
        lines.add("* or the server's operator may have replaced its certificate.");
        lines.add("* Expected fingerprint:  " + changed.expected());
        lines.add("* Presented fingerprint: " + changed.presented());
        lines.add("* Expected because " + switch (changed.expectedBy()) {
            case KNOWN_SERVERS -> "you trusted this server before (" + file + ").";
            case TRUST_OPTION -> "--trust gave that fingerprint.";
            case THIS_SESSION -> "this session was connected to the server with it.";
        });
        lines.add("* The connection was refused and nothing was sent to the server.");
        lines.add("* Only if the server's operator confirms the new fingerprint, accept it by starting the client");
        lines.add("* with --trust " + changed.presented().value().replace(":", "")
                + (changed.expectedBy() == LoginOutcome.ExpectedBy.TRUST_OPTION
                        ? "." : ", or by removing the line for " + changed.server() + " from " + file + "."));
        return List.copyOf(lines);
    }

    static List<String> passwordRequired(ServerAddress server) {
        return List.of("* " + server + " needs a password: start the client with --password-file FILE"
                + " (the password on the file's first line).");
    }

    static List<String> wrongPassword(ServerAddress server) {
        return List.of("* " + server + " refused the password: wrong password.");
    }
}
