package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.core.preferences.WindowLayout;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/// Renders the real chat window (real server, three rooms, a private conversation, a few
/// members and messages) in the light and the dark theme and checks that the pictures are not
/// blank. Written to `target/screenshot.png` and `target/screenshot-dark.png` (and the connect
/// dialog to `target/connect-dialog.png`); with `-Dscreenshot=true` also to `docs/`, the
/// pictures in the README:
///
/// ```
/// ./mvnw -q -pl module-client -am verify -Dscreenshot=true -Dtest=ScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false
/// ```
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class ScreenshotTest {

    private ChatServer server;

    @AfterEach
    void stop() throws Exception {
        Ui.closeAll();
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    @Test
    @DisplayName("the workbench renders with rooms, a private conversation, messages and notices, in both themes")
    void rendersChatWindow() throws Exception {
        server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.defaults());
        server.start();
        int port = server.address().getPort();
        try (var bob = Peer.join(port, "bob"); var carol = Peer.join(port, "carol")) {
            carol.type("/topic Release day: 2.0 ships at 17:00");
            bob.say("Morning! Is the build green again?");
            carol.say("Yes, the flaky reconnect test is fixed.");
            bob.say("Nice. I'll cut the release after lunch.");
            bob.say("The notes are at https://example.org/chatroom/2.0");

            var store = PreferencesStore.inMemory(Preferences.DEFAULTS.withLayout(
                    new WindowLayout(1120, 700, false, 200, 180, true, true)));
            var window = Ui.open(Ui.options("127.0.0.1", port, "alice"), Ui.MANUAL, store, link -> { });
            // The dialog too, with an inline error and a fallback note (to target/ only).
            var dialog = Ui.open(Ui.options("", null, null), Ui.MANUAL);
            Ui.fxRun(() -> dialog.app().connectViewModel().nameProperty().set("bob smith"));
            write(Ui.fx(() -> toBufferedImage(dialog.stage().getScene().snapshot(null))),
                    Path.of("target", "connect-dialog.png"));
            Ui.await("the chat", () -> window.app().chatViewModel().isPresent()
                    && window.chat().connectedProperty().get());
            for (String room : new String[] {"#rust", "#design"}) {
                Ui.fxRun(() -> {
                    window.chat().inputProperty().set("/join " + room);
                    window.chat().send();
                });
                Ui.await(room, () -> window.chat().conversations().all().stream()
                        .anyMatch(c -> c.titleProperty().get().equals(room)));
            }
            bob.type("/join #rust");
            Ui.await("bob in #rust", () -> window.chat().conversations().rooms().stream()
                    .filter(c -> c.titleProperty().get().equals("#rust"))
                    .anyMatch(c -> c.members().stream().anyMatch(m -> m.name().value().equals("bob"))));
            Ui.fxRun(() -> window.chat().conversations().move(-2));
            Ui.await("the lobby open", () -> window.chat().conversations().openProperty().get().titleProperty().get()
                    .equals("#lobby"));
            bob.type("/msg #rust the borrow checker won again");
            bob.type("/msg #rust but the fix is in");
            carol.type("/msg alice cake in the kitchen at four");
            carol.type("/me brings coffee for everyone");
            bob.type("/msg #lobby @alice could you check the new screenshot in the README?");
            Ui.await("bob's mention", () -> window.messageTexts().contains(
                    "@alice could you check the new screenshot in the README?"));
            Ui.fxRun(() -> {
                window.chat().inputProperty().set("On it. The dark theme looks great too.");
                window.chat().send();
            });
            bob.await("alice's message", () -> bob.messages().contains("On it. The dark theme looks great too."));
            try (var dave = Peer.join(port, "dave")) {
                dave.say("brb");
                dave.quit();
            }
            Ui.await("dave's leave", () -> window.notices().contains("dave left the chat"));
            Ui.await("#rust unread", () -> window.chat().conversations().rooms().stream()
                    .anyMatch(c -> c.unreadProperty().get() == 2));

            BufferedImage light = Ui.fx(() -> toBufferedImage(window.stage().getScene().snapshot(null)));
            Ui.fxRun(() -> window.app().themes().setTheme(ClientOptions.Theme.DARK));
            BufferedImage dark = Ui.fx(() -> toBufferedImage(window.stage().getScene().snapshot(null)));
            for (BufferedImage image : new BufferedImage[] {light, dark}) {
                assertThat(image.getWidth()).isGreaterThanOrEqualTo(600);
                assertThat(image.getHeight()).isGreaterThanOrEqualTo(400);
                assertThat(colours(image)).as("distinct colours").isGreaterThan(50);
            }
            assertThat(light.getRGB(light.getWidth() / 2, light.getHeight() / 2))
                    .isNotEqualTo(dark.getRGB(dark.getWidth() / 2, dark.getHeight() / 2));

            write(light, Path.of("target", "screenshot.png"));
            write(dark, Path.of("target", "screenshot-dark.png"));
            if (Boolean.getBoolean("screenshot")) {
                write(light, Path.of("..", "docs", "screenshot.png"));
                write(dark, Path.of("..", "docs", "screenshot-dark.png"));
            }
        }
    }

    private static BufferedImage toBufferedImage(Image image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        var buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, width, height, argb, 0, width);
        return buffered;
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

}
