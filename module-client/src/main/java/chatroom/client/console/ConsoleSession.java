package chatroom.client.console;

import chatroom.client.core.ChatClient;
import chatroom.client.core.ClientEvent;
import chatroom.client.core.Fingerprint;
import chatroom.client.core.LoginOutcome;
import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.Security;
import chatroom.client.core.ServerAddress;
import chatroom.protocol.Command;
import chatroom.protocol.Commands;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/// The terminal client: lines from `in` are read as the plain dialect reads them
/// ([Commands#parse]: the same `/commands`, the same `/help`), plus the console's own
/// `/reconnect`, which retries at once; a line that is no command is a message to the current
/// room. Everything that happens is printed to `out` as `[HH:mm] ` and a line that names its
/// room or conversation ([ConsoleLines]). It uses the same client core as the desktop client,
/// so it reconnects the same way (and rejoins its rooms), and it never touches JavaFX, so it
/// runs where there is no display.
public final class ConsoleSession {

    /// Exit code after a normal end.
    public static final int EXIT_OK = 0;
    /// Exit code when the server could not be reached, or refused the password.
    public static final int EXIT_FAILED = 1;
    /// Exit code when the server's certificate was not trusted: it changed (the loud warning),
    /// or the person did not trust a new server.
    public static final int EXIT_UNTRUSTED = 3;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(5);
    /// The console's own command, besides the plain dialect's.
    private static final String RECONNECT = "/reconnect";

    private final ServerAddress address;
    private final BufferedReader in;
    private final PrintWriter out;
    private final ZoneId zone;
    private final ReconnectPolicy policy;
    private final Security security;
    /// The keyboard's lines once logged in, and the client's verdict when it stops by itself.
    private final BlockingQueue<Input> inputs = new LinkedBlockingQueue<>();
    private final ConsoleLines lines = new ConsoleLines();
    private int exitCode = EXIT_FAILED;

    /// A session without TLS (until a server asks for it) and without a password.
    public ConsoleSession(ServerAddress address, BufferedReader in, PrintWriter out, ZoneId zone, ReconnectPolicy policy) {
        this(address, Security.plain(), in, out, zone, policy);
    }

    /// A session secured as `security` says; its prompt is replaced by the question on `out`,
    /// answered on `in`.
    public ConsoleSession(ServerAddress address, Security security, BufferedReader in, PrintWriter out, ZoneId zone,
                          ReconnectPolicy policy) {
        this.address = address;
        this.in = in;
        this.out = out;
        this.zone = zone;
        this.policy = policy;
        this.security = new Security(security.tls(), security.trust(), security.password(), this::askTrust,
                security.answerTimeout());
    }

    /// Runs until `/quit` or the end of the input; returns the exit code: [#EXIT_OK] after a
    /// normal end, [#EXIT_FAILED] if the server could not be reached or refused the password,
    /// [#EXIT_UNTRUSTED] if its certificate was not trusted (also when it changes during a
    /// reconnect, which ends the session with a loud warning).
    public int run(Optional<String> initialName) throws IOException, InterruptedException {
        Optional<ChatClient> client = login(initialName);
        if (client.isEmpty()) {
            return exitCode;
        }
        ChatClient chat = client.get();
        Thread.ofVirtual().name("console-keyboard").start(this::readKeyboard);
        try {
            while (true) {
                Input input = inputs.take();
                if (input.line().isEmpty()) {
                    return input.exitCode();
                }
                String line = input.line().get();
                if (PlainText.isQuit(line)) {
                    return EXIT_OK;
                }
                if (line.strip().equalsIgnoreCase(RECONNECT)) {
                    chat.reconnectNow();
                } else if (!line.isBlank() && type(chat, line)) {
                    return EXIT_OK;
                }
            }
        } finally {
            chat.quit();
            chat.awaitClosed(QUIT_TIMEOUT);
        }
    }

    /// Does what a typed line asks; returns whether it asks to leave. A line that cannot be
    /// read, or a command the client cannot carry out, prints why and sends nothing.
    private boolean type(ChatClient chat, String line) {
        switch (Commands.parse(line)) {
            case Parsed.Ok<Command>(Command.Quit quit) -> {
                return true;
            }
            case Parsed.Ok<Command>(Command.Help help) -> Command.HELP.forEach(text -> print(PlainText.NOTICE_PREFIX + text));
            case Parsed.Ok<Command>(Command command) -> {
                if (chat.perform(command) instanceof Parsed.Invalid<Command> refused) {
                    print("* Error: " + refused.detail());
                }
            }
            case Parsed.Invalid<Command> invalid -> print("* Error: " + invalid.detail());
        }
        return false;
    }

    /// Hands the keyboard's lines to [#run]; the end of the input ends the session normally.
    private void readKeyboard() {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                inputs.add(new Input(Optional.of(line), EXIT_OK));
            }
        } catch (IOException e) {
            print("* Cannot read the input: " + e.getMessage());
        }
        inputs.add(new Input(Optional.empty(), EXIT_OK));
    }

    /// Asks on the terminal whether to trust a new server; the client core waits for the answer.
    private CompletableFuture<Boolean> askTrust(ServerAddress server, Fingerprint fingerprint) {
        TrustTexts.firstContact(server, fingerprint).forEach(this::print);
        out.print(TrustTexts.QUESTION);
        out.flush();
        var answer = new CompletableFuture<Boolean>();
        // Read on a thread of its own: the core waits on the answer only a bounded time.
        Thread.ofVirtual().name("console-trust-question").start(() -> {
            try {
                String line = in.readLine();
                answer.complete(line != null && (line.strip().equalsIgnoreCase("y") || line.strip().equalsIgnoreCase("yes")));
            } catch (IOException e) {
                answer.complete(false);
            }
        });
        return answer;
    }

    /// Logs in, asking again for a name while the server refuses it. Empty if the server
    /// cannot be reached, is not trusted, or the input ended first; [#exitCode] then says which.
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
            var client = new ChatClient(address, new Name(candidate.get()), security, Runnable::run, this::show,
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
                case LoginOutcome.NotTrusted notTrusted -> {
                    TrustTexts.notTrusted(notTrusted).forEach(this::print);
                    exitCode = EXIT_UNTRUSTED;
                    return Optional.empty();
                }
                case LoginOutcome.CertificateChanged changed -> {
                    TrustTexts.changed(changed).forEach(this::print);
                    exitCode = EXIT_UNTRUSTED;
                    return Optional.empty();
                }
                case LoginOutcome.PasswordRequired required -> {
                    TrustTexts.passwordRequired(address).forEach(this::print);
                    return Optional.empty();
                }
                case LoginOutcome.WrongPassword wrong -> {
                    TrustTexts.wrongPassword(address).forEach(this::print);
                    return Optional.empty();
                }
            }
        }
    }

    private void show(List<ClientEvent> batch) {
        for (ClientEvent event : batch) {
            for (ConsoleLines.Line line : lines.of(event)) {
                line.time().ifPresentOrElse(time -> print(time, line.text()), () -> print(line.text()));
            }
            if (event instanceof ClientEvent.Stopped stopped) {
                stop(stopped.why());
            }
        }
    }

    /// The client stopped reconnecting for a reason only the person can settle: say it, and end.
    private void stop(LoginOutcome why) {
        int code = EXIT_FAILED;
        switch (why) {
            case LoginOutcome.CertificateChanged changed -> {
                TrustTexts.changed(changed).forEach(this::print);
                code = EXIT_UNTRUSTED;
            }
            case LoginOutcome.NotTrusted notTrusted -> {
                TrustTexts.notTrusted(notTrusted).forEach(this::print);
                code = EXIT_UNTRUSTED;
            }
            case LoginOutcome.PasswordRequired required -> TrustTexts.passwordRequired(address).forEach(this::print);
            case LoginOutcome.WrongPassword wrong -> TrustTexts.wrongPassword(address).forEach(this::print);
            case LoginOutcome.LoggedIn loggedIn -> print("* Stopped.");
            case LoginOutcome.NameRefused refused -> print("* Stopped: " + refused.detail());
            case LoginOutcome.Unreachable unreachable -> print("* Stopped: " + unreachable.reason());
            case LoginOutcome.Cancelled cancelled -> print("* Stopped.");
        }
        inputs.add(new Input(Optional.empty(), code));
    }

    /// A line from the keyboard, or (empty) the end of the session with its exit code.
    private record Input(Optional<String> line, int exitCode) {
    }

    private void print(String text) {
        print(Clock.systemUTC().instant(), text);
    }

    private void print(Instant time, String text) {
        out.println("[" + TIME.format(time.atZone(zone)) + "] " + text);
        out.flush();
    }
}
