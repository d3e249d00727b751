package chatroom.client.view;

import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/// The application's icon on its windows: title bar, task bar, Alt+Tab. JavaFX hands the
/// window system one image, the best fit for the size that system wants (128 px on Linux and
/// macOS, 32 px on Windows, as of JavaFX 26), so the list offers each common size drawn for it
/// rather than one image to be scaled.
///
/// The files are copies of `jlink/src/main/package/icons/chatroom-NN.png` (made from
/// `chatroom.svg` there, as its README tells), in this package beside the stylesheets: the
/// module reads its own resources, so no `opens` is needed. Dialogs (`javafx.scene.control.Dialog`)
/// take their owner's icons by themselves; a plain owned [Stage] (the preferences window) does not,
/// so it is given them as well.
final class WindowIcons {

    /// The sizes, in pixels, of the square images given to every window.
    static final List<Integer> SIZES = List.of(16, 32, 48, 64, 128, 256);

    private WindowIcons() {
    }

    /// Gives `stage` the application's icon in every size.
    static void apply(Stage stage) {
        stage.getIcons().setAll(Loaded.IMAGES);
    }

    /// Loaded once, on the first window; decoded before `apply` returns (the images are a few
    /// kilobytes in all), so a window never shows without its icon.
    private static final class Loaded {
        static final List<Image> IMAGES = SIZES.stream().map(WindowIcons::load).toList();
    }

    private static Image load(int size) {
        String file = "chatroom-" + size + ".png";
        try (InputStream in = WindowIcons.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing window icon " + file);
            }
            var image = new Image(in);
            if (image.isError()) {
                throw new IllegalStateException("unreadable window icon " + file, image.getException());
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read window icon " + file, e);
        }
    }
}
