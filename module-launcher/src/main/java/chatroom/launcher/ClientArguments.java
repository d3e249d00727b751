package chatroom.launcher;

import chatroom.client.ClientOptions;
import chatroom.server.ServerPassword;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;

/// The options of `chatroom --client`.
final class ClientArguments {

    @Option(names = "--console", description = "Chat in this terminal instead of a window (no display needed).")
    boolean console;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Your name; with it the client connects at once, without the connect dialog.")
    String name;

    @Option(names = "--theme", paramLabel = "THEME",
            description = "light, dark, or system to follow the operating system (default: as in the preferences,"
                    + " else system).")
    String theme;

    @Option(names = "--lang", paramLabel = "LANGUAGE",
            description = "Language of the window, e.g. en or it (default: as in the preferences, else the"
                    + " system's).")
    String language;

    @Option(names = "--trust", paramLabel = "FINGERPRINT",
            description = "Trust the server whose certificate has this SHA-256 fingerprint (64 hex digits, with or"
                    + " without ':') without asking, and no other self-signed one; for scripts, and to accept a"
                    + " server's new certificate.")
    String trust;


    /// The client options these arguments, the positional `host`/`port` and the data directory
    /// (which holds the servers trusted on first contact) describe.
    ///
    /// @throws IllegalArgumentException if a value is not valid, or the password file cannot be
    ///                                  read (the message never holds the password)
    ClientOptions toOptions(Optional<String> host, Optional<Integer> port, Path dataDir, Path passwordFile,
                            boolean tls) {
        port.ifPresent(value -> {
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("PORT must be between 1 and 65535, not " + value);
            }
        });
        Optional<String> chosenName = Optional.ofNullable(name);
        chosenName.ifPresent(value -> {
            if (chatroom.protocol.Name.parse(value) instanceof chatroom.protocol.Parsed.Invalid<?> invalid) {
                throw new IllegalArgumentException("--name: " + invalid.detail());
            }
        });
        ClientOptions.Theme chosenTheme = theme();
        Optional<Locale> chosenLocale = locale();
        Optional<String> password = password(passwordFile);
        try {
            return new ClientOptions(host, port, chosenName, chosenTheme, chosenLocale, tls, Optional.ofNullable(trust),
                    password, Optional.of(dataDir), theme != null);
        } catch (IllegalArgumentException e) {
            // The only check left to the options themselves is the fingerprint's.
            throw new IllegalArgumentException("--trust: " + e.getMessage(), e);
        }
    }

    /// The first line of `--password-file`, checked as the server checks it.
    private static Optional<String> password(Path passwordFile) {
        if (passwordFile == null) {
            return Optional.empty();
        }
        String first;
        try (var lines = Files.lines(passwordFile, StandardCharsets.UTF_8)) {
            first = lines.findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            String reason = e instanceof UncheckedIOException unchecked ? unchecked.getCause().toString() : e.toString();
            throw new IllegalArgumentException("--password-file: cannot read " + passwordFile + " (" + reason + ")");
        }
        try {
            ServerPassword.of(first);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--password-file " + passwordFile + ": " + e.getMessage());
        }
        if (first.isBlank()) {
            throw new IllegalArgumentException("--password-file " + passwordFile + ": the password is only spaces");
        }
        return Optional.of(first);
    }

    /// The theme asked for; [ClientOptions.Theme#SYSTEM] (a default the preferences may replace)
    /// when none was.
    private ClientOptions.Theme theme() {
        if (theme == null) {
            return ClientOptions.Theme.SYSTEM;
        }
        return switch (theme.toLowerCase(Locale.ROOT)) {
            case "light" -> ClientOptions.Theme.LIGHT;
            case "dark" -> ClientOptions.Theme.DARK;
            case "system" -> ClientOptions.Theme.SYSTEM;
            default -> throw new IllegalArgumentException("--theme must be light, dark or system, not '" + theme + "'");
        };
    }

    private Optional<Locale> locale() {
        if (language == null) {
            return Optional.empty();
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(language).build();
            if (locale.getLanguage().isEmpty()) {
                throw new IllformedLocaleException("no language");
            }
            return Optional.of(locale);
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException("--lang needs a language such as en or it, not '" + language + "'");
        }
    }
}
