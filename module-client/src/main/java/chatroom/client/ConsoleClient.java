package chatroom.client;

import chatroom.client.console.ConsoleSession;
import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.Security;
import chatroom.client.core.ServerAddress;
import chatroom.client.core.TrustPrompt;
import chatroom.client.core.TrustSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;

/// `chatroom --client --console`: the chat in a terminal, for a server box or an SSH session.
/// Reads messages from `in`, prints the conversation to `out`; never starts JavaFX.
public final class ConsoleClient {

    /// Exit code when the server's certificate was not trusted (changed, or not accepted).
    public static final int EXIT_UNTRUSTED = ConsoleSession.EXIT_UNTRUSTED;

    private ConsoleClient() {
    }

    /// Runs until `/quit` or the end of `in`. Returns 0 after a normal end, 1 if the server
    /// could not be reached or refused the password, 3 if its certificate was not trusted
    /// (see [ConsoleSession#run]).
    public static int run(ClientOptions options, BufferedReader in, PrintWriter out) {
        var address = new ServerAddress(options.host().orElse(ServerAddress.DEFAULT_HOST),
                options.port().orElse(ServerAddress.DEFAULT_PORT));
        var session = new ConsoleSession(address, security(options), in, out, ZoneId.systemDefault(),
                ReconnectPolicy.standard());
        try {
            return session.run(options.name());
        } catch (IOException e) {
            out.println("* Cannot read the input: " + e.getMessage());
            return ConsoleSession.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConsoleSession.EXIT_FAILED;
        }
    }

    /// TLS, trust and password as the options give them; the console asks its own question.
    static Security security(ClientOptions options) {
        return new Security(options.tls(), TrustSettings.of(options.dataDir(), options.trust()), options.password(),
                TrustPrompt.REFUSE,
                Security.DEFAULT_ANSWER_TIMEOUT);
    }
}
