package chatroom.client.viewmodel;

import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/// The UI's words in one language, from a [ResourceBundle].
///
/// Placeholders are `{0}`, `{1}`, … and are replaced literally: unlike `MessageFormat`, an
/// apostrophe needs no escaping, which matters in Italian ("l'ultimo", "un'altra").
///
/// Immutable, so any thread may use it.
public final class Texts {

    private final ResourceBundle bundle;
    private final Locale locale;

    /// @param bundle the words
    /// @param locale the locale used for dates
    public Texts(ResourceBundle bundle, Locale locale) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.locale = Objects.requireNonNull(locale, "locale");
    }

    /// The text for `key`.
    ///
    /// @throws java.util.MissingResourceException if the bundle has no such key (a bug: every
    ///         key is in the base bundle, and a test checks that every translation has them all)
    public String get(String key) {
        return bundle.getString(key);
    }

    /// Whether there are words for `key`.
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /// The text for `key` with `{i}` replaced by `args[i]`.
    public String format(String key, Object... args) {
        String text = get(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    public Locale locale() {
        return locale;
    }
}
