package chatroom.client.core.preferences;

import java.util.Locale;
import java.util.Optional;

/// The language of the desktop client's window. A change takes effect at the next start (the
/// words are loaded once, before the window opens).
public enum Language {
    /// The operating system's language (Italian if it is Italian, else English).
    SYSTEM("system"),
    ENGLISH("en"),
    ITALIAN("it");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /// The word in `preferences.properties`: `system`, `en` or `it`.
    public String code() {
        return code;
    }

    /// The locale to load the words for; empty for the system's.
    public Optional<Locale> locale() {
        return switch (this) {
            case SYSTEM -> Optional.empty();
            case ENGLISH -> Optional.of(Locale.ENGLISH);
            case ITALIAN -> Optional.of(Locale.ITALIAN);
        };
    }

    /// The language written as `code` (case-insensitive), if it is one.
    public static Optional<Language> fromCode(String code) {
        for (Language language : values()) {
            if (language.code.equalsIgnoreCase(code.strip())) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
