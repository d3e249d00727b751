package chatroom.launcher;

import chatroom.client.ClientOptions;
import picocli.CommandLine.Option;

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

    @Option(names = "--theme", paramLabel = "THEME", defaultValue = "system",
            description = "light, dark, or system to follow the operating system (default: ${DEFAULT-VALUE}).")
    String theme;

    @Option(names = "--lang", paramLabel = "LANGUAGE",
            description = "Language of the window, e.g. en or it (default: the system's).")
    String language;

    /// The client options these arguments and the positional `host`/`port` describe.
    ///
    /// @throws IllegalArgumentException if a value is not valid
    ClientOptions toOptions(Optional<String> host, Optional<Integer> port) {
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
        return new ClientOptions(host, port, chosenName, theme(), locale());
    }

    private ClientOptions.Theme theme() {
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
