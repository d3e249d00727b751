package chatroom.client.view;

import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/// The connect dialog against a real server on 127.0.0.1.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class ConnectDialogTest {

    private ChatServer server;
    private int port;

    @BeforeEach
    void startServer() throws IOException {
        server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.defaults());
        server.start();
        port = server.address().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        Ui.closeAll();
        server.stop(Duration.ZERO);
    }

    private static String text(FxRobot robot, String id) {
        return Ui.fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static boolean shown(FxRobot robot, String id) {
        return Ui.fx(() -> robot.lookup(id).query().isVisible());
    }

    private static void type(FxRobot robot, String id, String text) {
        Ui.fxRun(() -> robot.lookup(id).queryAs(TextField.class).setText(text));
    }

    @Test
    @DisplayName("opens with localhost, 53000 and the name field focused")
    void defaults(FxRobot robot) {
        var window = Ui.open(Ui.options(null, null, null), Ui.MANUAL);

        assertThat(Ui.fx(() -> window.stage().getTitle())).isEqualTo("Connect to chatroom");
        assertThat(Ui.fx(() -> robot.from(window.stage().getScene().getRoot()).lookup("#host").queryAs(TextField.class).getText()))
                .isEqualTo("localhost");
        assertThat(Ui.fx(() -> robot.from(window.stage().getScene().getRoot()).lookup("#port").queryAs(TextField.class).getText()))
                .isEqualTo("53000");
        assertThat(Ui.fx(() -> window.stage().getScene().getFocusOwner().getId())).isEqualTo("name");
        assertThat(Ui.fx(() -> robot.from(window.stage().getScene().getRoot()).lookup("#connect").queryAs(Button.class)
                .isDefaultButton())).isTrue();
    }

    @Test
    @DisplayName("empty host and port fall back to localhost:53000, an invalid port says so")
    void fallbacks(FxRobot robot) {
        Ui.open(Ui.options("127.0.0.1", port, null), Ui.MANUAL);

        type(robot, "#host", "");
        type(robot, "#port", "");
        assertThat(text(robot, "#addressNote")).isEqualTo("No server given: using localhost. No port given: using 53000.");

        type(robot, "#host", "127.0.0.1");
        type(robot, "#port", "abc");
        assertThat(text(robot, "#addressNote")).isEqualTo("“abc” is not a port (1–65535): using 53000.");

        type(robot, "#port", String.valueOf(port));
        assertThat(shown(robot, "#addressNote")).isFalse();
    }

    @Test
    @DisplayName("an invalid name is explained and disables Connect")
    void invalidName(FxRobot robot) {
        Ui.open(Ui.options("127.0.0.1", port, null), Ui.MANUAL);

        type(robot, "#name", "bob smith");

        assertThat(text(robot, "#nameError")).isEqualTo("A name may hold only letters, digits, _ - and . (a space is not allowed).");
        assertThat(Ui.fx(() -> robot.lookup("#connect").query().isDisabled())).isTrue();
        type(robot, "#name", "");
        assertThat(shown(robot, "#nameError")).isFalse();
        assertThat(Ui.fx(() -> robot.lookup("#connect").query().isDisabled())).isTrue();
    }

    @Test
    @DisplayName("a taken name is reported; another name connects without restarting")
    void takenName(FxRobot robot) {
        try (var alice = Peer.join(port, "alice")) {
            var window = Ui.open(Ui.options("127.0.0.1", port, null), Ui.MANUAL);
            type(robot, "#name", "Alice");

            robot.clickOn("#connect");

            Ui.await("the refusal", () -> robot.lookup("#nameError").queryAs(Label.class).getText()
                    .equals("The name Alice is already taken: please choose another."));
            assertThat(Ui.fx(() -> robot.lookup("#name").query().isDisabled())).isFalse();
            type(robot, "#name", "alice2");
            assertThat(shown(robot, "#nameError")).isFalse();
            robot.clickOn("#connect");

            Ui.await("the chat window", () -> window.app().chatViewModel().isPresent()
                    && window.stage().getScene().lookup("#messages") != null);
            assertThat(Ui.fx(() -> window.stage().getTitle())).startsWith("chatroom — #lobby @ 127.0.0.1:" + port);
            assertThat(Ui.fx(() -> window.stage().getScene().getFocusOwner().getId())).isEqualTo("input");
        }
    }

    @Test
    @DisplayName("a name given at start connects at once; refused, the dialog shows why")
    void nameGivenAtStart(FxRobot robot) {
        try (var alice = Peer.join(port, "alice")) {
            var direct = Ui.open(Ui.options("127.0.0.1", port, "carol"), Ui.MANUAL);
            Ui.await("the chat window", () -> direct.stage().isShowing() && direct.app().chatViewModel().isPresent());
            Ui.closeAll();

            var refused = Ui.open(Ui.options("127.0.0.1", port, "alice"), Ui.MANUAL);
            Ui.await("the dialog", () -> refused.stage().isShowing());
            assertThat(Ui.fx(() -> refused.stage().getScene().lookup("#nameError") instanceof Label label
                    ? label.getText() : "")).isEqualTo("The name alice is already taken: please choose another.");
        }
    }

    @Test
    @DisplayName("an unreachable server is reported and can be tried again; Quit closes the application")
    void unreachable(FxRobot robot) throws IOException {
        int closedPort;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        var window = Ui.open(Ui.options("127.0.0.1", closedPort, "carol"), Ui.MANUAL);

        Ui.await("the failure", () -> window.stage().isShowing()
                && robot.lookup("#connect").queryAs(Button.class).getText().equals("Try again"));
        assertThat(text(robot, "#connectMessage")).startsWith("Could not connect to 127.0.0.1:" + closedPort + ": ")
                .endsWith("Try again?");
        type(robot, "#port", String.valueOf(port));
        robot.clickOn("#connect");
        Ui.await("the chat window", () -> window.app().chatViewModel().isPresent());

        var other = Ui.open(Ui.options("127.0.0.1", closedPort, null), Ui.MANUAL);
        Ui.fxRun(() -> other.stage().toFront());
        robot.clickOn(robot.from(Ui.fx(() -> other.stage().getScene().getRoot())).lookup("#dismiss").queryButton());
        assertThat(other.closed().get()).isEqualTo(1);
        assertThat(Ui.fx(() -> other.stage().isShowing())).isFalse();
    }

    @Test
    @DisplayName("connecting shows progress and locks the fields; Cancel stops it at once")
    void cancel(FxRobot robot) throws Exception {
        // A peer that accepts the connection and never answers: the handshake hangs.
        try (var silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var accepted = Thread.ofVirtual().start(() -> {
                try (Socket socket = silent.accept(); InputStream in = socket.getInputStream()) {
                    in.transferTo(OutputStreamSink.INSTANCE);
                } catch (IOException e) {
                    // The client hung up: what Cancel should do.
                }
            });
            var window = Ui.open(Ui.options("127.0.0.1", silent.getLocalPort(), null), Ui.MANUAL);
            type(robot, "#name", "dora");
            robot.clickOn("#connect");

            Ui.await("progress", () -> robot.lookup("#progress").queryAs(ProgressIndicator.class).isVisible());
            assertThat(Ui.fx(() -> robot.lookup("#name").query().isDisabled())).isTrue();
            assertThat(Ui.fx(() -> robot.lookup("#dismiss").queryAs(Button.class).getText())).isEqualTo("Cancel");

            robot.clickOn("#dismiss");

            assertThat(Ui.fx(() -> robot.lookup("#name").query().isDisabled())).isFalse();
            assertThat(Ui.fx(() -> robot.lookup("#progress").query().isVisible())).isFalse();
            assertThat(text(robot, "#connectMessage")).isEqualTo("Cancelled.");
            assertThat(accepted.join(Duration.ofSeconds(Ui.TIMEOUT_SECONDS))).as("client hung up").isTrue();
            assertThat(window.closed().get()).isZero();
        }
    }

    /// Discards what it is given.
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }
    }
}
