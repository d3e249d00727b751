package chatroom.client.console;

import chatroom.client.core.ChatClient;
import chatroom.client.core.ClientEvent;
import chatroom.client.core.ConnectionState;
import chatroom.client.core.LoginOutcome;
import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.ServerAddress;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;

/// The terminal client: lines from `in` are messages (`/quit` leaves, `/reconnect` retries at
/// once), and everything that happens is printed to `out` as `[HH:mm] name: text` or
/// `[HH:mm] * notice`. It uses the same client core as the desktop client, so it reconnects the
/// same way, and it never touches JavaFX, so it runs where there is no display.
public final class ConsoleSession {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(5);

    private final ServerAddress address;
    private final BufferedReader in;
    private final PrintWriter out;
    private final ZoneId zone;
    private final ReconnectPolicy policy;

    public ConsoleSession(ServerAddress address, BufferedReader in, PrintWriter out, ZoneId zone, ReconnectPolicy policy) {
        this.address = address;
        this.in = in;
        this.out = out;
        this.zone = zone;
        this.policy = policy;
    }

    /// Runs until `/quit` or the end of the input; returns the exit code: 0 after a normal end,
    /// 1 if the server could not be reached.
    public int run(Optional<String> initialName) throws IOException, InterruptedException {
        Optional<ChatClient> client = login(initialName);
        if (client.isEmpty()) {
            return 1;
        }
        ChatClient chat = client.get();
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (PlainText.isQuit(line)) {
                    break;
                }
                if (line.strip().equalsIgnoreCase("/reconnect")) {
                    chat.reconnectNow();
                } else if (!line.isBlank() && chat.send(line) instanceof Parsed.Invalid<String> invalid) {
                    print("* Not sent: " + invalid.detail());
                }
            }
        } finally {
            chat.quit();
            chat.awaitClosed(QUIT_TIMEOUT);
        }
        return 0;
    }

    /// Logs in, asking again for a name while the server refuses it. Empty if the server
    /// cannot be reached or the input ended first.
    private Optional<ChatClient> login(Optional<String> initialName) throws IOException, InterruptedException {
        Optional<String> candidate = initialName;
        while (true) {
            if (candidate.isEmpty()) {
                print("* Your name?");
                String line = in.readLine();
                if (line == null) {
                    return Optional.empty();
                }
                candidate = Optional.of(line.strip());
            }
            if (Name.parse(candidate.get()) instanceof Parsed.Invalid<Name> invalid) {
                print("* " + invalid.detail() + "; try another name.");
                candidate = Optional.empty();
                continue;
            }
            var client = new ChatClient(address, new Name(candidate.get()), Runnable::run, this::show,
                    policy, new SplittableRandom());
            LoginOutcome outcome;
            try {
                outcome = client.start().get();
            } catch (ExecutionException e) {
                outcome = new LoginOutcome.Unreachable(String.valueOf(e.getCause()));
            }
            switch (outcome) {
                case LoginOutcome.LoggedIn loggedIn -> {
                    return Optional.of(client);
                }
                case LoginOutcome.NameRefused refused -> {
                    print("* " + refused.detail() + "; try another name.");
                    candidate = Optional.empty();
                }
                case LoginOutcome.Unreachable unreachable -> {
                    print("* Cannot connect to " + address + ": " + unreachable.reason());
                    return Optional.empty();
                }
                case LoginOutcome.Cancelled cancelled -> {
                    return Optional.empty();
                }
            }
        }
    }

    private void show(List<ClientEvent> batch) {
        for (ClientEvent event : batch) {
            switch (event) {
                case ClientEvent.Message message -> print(message.chat().time(),
                        message.chat().from() + ": " + message.chat().text());
                case ClientEvent.Presence presence -> PlainText.render(presence.frame())
                        .ifPresent(line -> print(presence.time(), line));
                case ClientEvent.Notice notice -> print((notice.error() ? "* Error: " : "* ") + notice.text());
                case ClientEvent.Welcome welcome -> print("* " + (welcome.reconnected() ? "Reconnected" : "Connected")
                        + " to " + welcome.server() + " as " + welcome.name() + ", room " + welcome.room()
                        + ". Type a message and press Enter; /quit leaves.");
                case ClientEvent.StateChanged changed -> describe(changed).ifPresent(this::print);
                case ClientEvent.Members members -> {
                    // The member list is shown on joins and leaves; printing it whole each time is noise.
                }
                case ClientEvent.Unconfirmed unconfirmed -> {
                    // A console shows a message once the server has echoed it; nothing to redraw.
                }
            }
        }
    }

    private static Optional<String> describe(ClientEvent.StateChanged changed) {
        if (changed.state() != ConnectionState.WAITING_TO_RECONNECT) {
            return Optional.empty();
        }
        String reason = changed.reason().map(text -> " (" + text + ")").orElse("");
        return Optional.of(changed.retryIn()
                .map(delay -> "* Connection lost" + reason + "; reconnecting in "
                        + Math.max(1, Math.round(delay.toMillis() / 1000.0)) + " s. /reconnect tries now.")
                .orElse("* Connection lost" + reason + ". /reconnect tries again, /quit leaves."));
    }

    private void print(String text) {
        print(Clock.systemUTC().instant(), text);
    }

    private void print(Instant time, String text) {
        out.println("[" + TIME.format(time.atZone(zone)) + "] " + text);
        out.flush();
    }
}
