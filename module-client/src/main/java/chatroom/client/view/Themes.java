package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.core.preferences.Preferences;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/// Puts the stylesheets on a scene: the layout (`chatroom.css`), a palette (`light.css` or
/// `dark.css`) and the base font size (a one-rule stylesheet setting the root's
/// `-fx-font-size`, which every other size in `chatroom.css` is relative to, in `em`).
/// [ClientOptions.Theme#SYSTEM] follows the platform's colour scheme, also when it changes while
/// the client runs. [#setTheme] and [#setFontSize] restyle every scene at once (the
/// preferences dialog's Apply). FX thread only.
final class Themes {

    private static final String LAYOUT = stylesheet("chatroom.css");
    private static final String LIGHT = stylesheet("light.css");
    private static final String DARK = stylesheet("dark.css");

    private ClientOptions.Theme theme;
    private int fontSize;
    private String fontSheet;
    private final ChangeListener<ColorScheme> follow = (observable, before, after) -> {
        if (theme == ClientOptions.Theme.SYSTEM) {
            refreshAll();
        }
    };
    private final List<Scene> scenes = new ArrayList<>();

    /// Themes with the default font size.
    Themes(ClientOptions.Theme theme) {
        this(theme, Preferences.DEFAULT_FONT_SIZE);
    }

    /// @param fontSize the base font size in points (pixels at 96 dpi), as in [Preferences]
    Themes(ClientOptions.Theme theme, int fontSize) {
        this.theme = Objects.requireNonNull(theme, "theme");
        this.fontSize = fontSize;
        this.fontSheet = fontSheet(fontSize);
        Platform.getPreferences().colorSchemeProperty().addListener(follow);
    }

    /// Styles `scene` now and whenever the theme, the font size or the system's scheme changes
    /// (until [#forget(Scene)] or [#dispose()]).
    void apply(Scene scene) {
        if (!scenes.contains(scene)) {
            scenes.add(scene);
        }
        refresh(scene);
    }

    /// Stops styling `scene` (a dialog that closed).
    void forget(Scene scene) {
        scenes.remove(scene);
    }

    /// Switches every scene to `chosen`.
    void setTheme(ClientOptions.Theme chosen) {
        theme = Objects.requireNonNull(chosen, "chosen");
        refreshAll();
    }

    /// Sets the base font size of every scene.
    void setFontSize(int size) {
        fontSize = size;
        fontSheet = fontSheet(size);
        refreshAll();
    }

    /// Takes the theme and font size of `preferences`.
    void use(Preferences preferences) {
        theme = preferences.theme();
        fontSize = preferences.fontSize();
        fontSheet = fontSheet(fontSize);
        refreshAll();
    }

    ClientOptions.Theme theme() {
        return theme;
    }

    int fontSize() {
        return fontSize;
    }

    /// Whether the dark palette is in use.
    boolean dark() {
        return switch (theme) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
    }

    /// Stops following the system's scheme.
    void dispose() {
        Platform.getPreferences().colorSchemeProperty().removeListener(follow);
        scenes.clear();
    }

    private void refreshAll() {
        scenes.forEach(this::refresh);
    }

    private void refresh(Scene scene) {
        scene.getStylesheets().setAll(LAYOUT, dark() ? DARK : LIGHT, fontSheet);
    }

    /// A stylesheet of one rule, as a `data:` URL (JavaFX reads those since 17): no file, and
    /// no inline style on a root that views may replace.
    private static String fontSheet(int size) {
        String css = ".root { -fx-font-size: " + size + "px; }";
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    private static String stylesheet(String file) {
        URL url = Themes.class.getResource(file);
        if (url == null) {
            throw new IllegalStateException("missing stylesheet " + file);
        }
        return url.toExternalForm();
    }
}
