package chatroom.client.view;

import chatroom.client.ClientOptions;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/// Puts the stylesheets on a scene: the layout (`chatroom.css`) and a palette (`light.css` or
/// `dark.css`). [ClientOptions.Theme#SYSTEM] follows the platform's colour scheme, also when
/// it changes while the client runs. FX thread only.
final class Themes {

    private static final String LAYOUT = stylesheet("chatroom.css");
    private static final String LIGHT = stylesheet("light.css");
    private static final String DARK = stylesheet("dark.css");

    private final ClientOptions.Theme theme;
    private final ChangeListener<ColorScheme> follow = (observable, before, after) -> refreshAll();
    private final List<Scene> scenes = new ArrayList<>();

    Themes(ClientOptions.Theme theme) {
        this.theme = Objects.requireNonNull(theme, "theme");
        if (theme == ClientOptions.Theme.SYSTEM) {
            Platform.getPreferences().colorSchemeProperty().addListener(follow);
        }
    }

    /// Styles `scene` now and whenever the system's scheme changes (until [#dispose()]).
    void apply(Scene scene) {
        scenes.add(scene);
        refresh(scene);
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
        scene.getStylesheets().setAll(LAYOUT, dark() ? DARK : LIGHT);
    }

    private static String stylesheet(String file) {
        URL url = Themes.class.getResource(file);
        if (url == null) {
            throw new IllegalStateException("missing stylesheet " + file);
        }
        return url.toExternalForm();
    }
}
