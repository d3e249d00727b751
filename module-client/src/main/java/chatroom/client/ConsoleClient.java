package chatroom.client;

import chatroom.client.console.ConsoleSession;
import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.ServerAddress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;

/// `chatroom --client --console`: the chat in a terminal, for a server box or an SSH session.
/// Reads messages from `in`, prints the conversation to `out`; never starts JavaFX.
public final class ConsoleClient {

    private ConsoleClient() {
    }

    /// Runs until `/quit` or the end of `in`. Returns 0 after a normal end, 1 if the server
    /// could not be reached.
    public static int run(ClientOptions options, BufferedReader in, PrintWriter out) {
        var address = new ServerAddress(options.host().orElse(ServerAddress.DEFAULT_HOST),
                options.port().orElse(ServerAddress.DEFAULT_PORT));
        var session = new ConsoleSession(address, in, out, ZoneId.systemDefault(), ReconnectPolicy.standard());
        try {
            return session.run(options.name());
        } catch (IOException e) {
            out.println("* Cannot read the input: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
