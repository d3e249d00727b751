package chatroom.client.view;

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

/// Renders the real chat window (real server, a few members and messages, light theme) and
/// checks that the picture is not blank. Written to `target/screenshot.png` (and the connect
/// dialog to `target/connect-dialog.png`); with
/// `-Dscreenshot=true` also to `docs/screenshot.png`, the picture in the README:
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
    @DisplayName("the chat window renders with members, messages and notices")
    void rendersChatWindow() throws Exception {
        server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.defaults());
        server.start();
        int port = server.address().getPort();
        try (var bob = Peer.join(port, "bob"); var carol = Peer.join(port, "carol")) {
            bob.say("Morning! Is the build green again?");
            carol.say("Yes, the flaky reconnect test is fixed.");
            bob.say("Nice. I'll cut the release after lunch.");

            var window = Ui.open(Ui.options("127.0.0.1", port, "alice"), Ui.MANUAL);
            // The dialog too, with an inline error and a fallback note (to target/ only).
            var dialog = Ui.open(Ui.options("", null, null), Ui.MANUAL);
            Ui.fxRun(() -> dialog.app().connectViewModel().nameProperty().set("bob smith"));
            write(Ui.fx(() -> toBufferedImage(dialog.stage().getScene().snapshot(null))),
                    Path.of("target", "connect-dialog.png"));
            Ui.await("the chat", () -> window.app().chatViewModel().isPresent());
            bob.say("@alice could you check the new screenshot in the README?");
            Ui.fxRun(() -> {
                window.chat().inputProperty().set("On it. The dark theme looks great too.");
                window.chat().send();
            });
            bob.await("alice's message", () -> bob.messages().contains("On it. The dark theme looks great too."));
            carol.say("For the record: the server keeps a bounded send queue per client, so a slow reader never "
                    + "holds anybody else up, and the desktop client applies network events in batches, so "
                    + "thousands of messages arrive without freezing the window.");
            try (var dave = Peer.join(port, "dave")) {
                dave.say("brb");
                dave.quit();
            }
            Ui.await("dave's leave", () -> window.notices().contains("dave left the chat"));

            BufferedImage image = Ui.fx(() -> toBufferedImage(window.stage().getScene().snapshot(null)));
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(600);
            assertThat(image.getHeight()).isGreaterThanOrEqualTo(400);
            assertThat(colours(image)).as("distinct colours").isGreaterThan(50);

            write(image, Path.of("target", "screenshot.png"));
            if (Boolean.getBoolean("screenshot")) {
                write(image, Path.of("..", "docs", "screenshot.png"));
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
