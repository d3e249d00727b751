package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.viewmodel.PreferencesViewModel;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// The application's icon on the client's windows.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class WindowIconsTest {

    /// Where the packaging keeps the icon's files, from this module's directory (the tests'
    /// working directory).
    private static final Path PACKAGED = Path.of("..", "jlink", "src", "main", "package", "icons");

    @AfterEach
    void close() {
        Ui.closeAll();
        Owners.closeAll();
    }

    /// The side of each square image, in the order given.
    private static List<Integer> sizes(List<Image> icons) {
        return icons.stream().map(icon -> {
            assertThat(icon.isError()).as("icon decoded").isFalse();
            assertThat(icon.getHeight()).as("square icon").isEqualTo(icon.getWidth());
            return (int) icon.getWidth();
        }).toList();
    }

    @Test
    @DisplayName("the window the application opens (its primary stage) carries the icon in every size")
    void appWindow() {
        var window = Ui.open(Ui.options(null, null, null), Ui.MANUAL);

        List<Image> icons = Ui.fx(() -> List.copyOf(window.stage().getIcons()));

        assertThat(Ui.fx(() -> window.stage().isShowing())).isTrue();
        assertThat(sizes(icons)).containsExactly(16, 32, 48, 64, 128, 256);
        // The bubble, above its "#", is the light theme's accent (light.css: -cr-accent).
        Image large = icons.getLast();
        assertThat(large.getPixelReader().getColor(128, 24)).isEqualTo(Color.web("#4f46e5"));
    }

    @Test
    @DisplayName("the preferences window, a stage of its own, carries it too")
    void preferences() {
        var texts = Owners.english();
        Stage dialog = Ui.fx(() -> {
            var owner = Owners.owner(ClientOptions.Theme.LIGHT);
            var store = PreferencesStore.inMemory(Preferences.DEFAULTS);
            var preferences = new PreferencesDialog(owner, new PreferencesViewModel(store, texts), texts,
                    new Themes(ClientOptions.Theme.LIGHT));
            preferences.show();
            return preferences.stage();
        });

        assertThat(sizes(Ui.fx(() -> List.copyOf(dialog.getIcons())))).containsExactly(16, 32, 48, 64, 128, 256);
    }

    @Test
    @DisplayName("the window's icons are the packaged icon's files, byte for byte")
    void sameAsPackaged() throws IOException {
        for (int size : WindowIcons.SIZES) {
            String file = "chatroom-" + size + ".png";
            try (InputStream in = WindowIcons.class.getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                assertThat(in.readAllBytes()).as(file).isEqualTo(Files.readAllBytes(PACKAGED.resolve(file)));
            }
        }
    }
}
