package chatroom.client.view;

import chatroom.client.core.TcpProxy;

import chatroom.client.viewmodel.ChatItem;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// Losing the connection and getting it back, with a real server on 127.0.0.1: the banner,
/// its countdown and buttons, and a message list without gaps or duplicates afterwards.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class ReconnectTest {

    private ChatServer server;
    private TcpProxy proxy;

    @AfterEach
    void stop() {
        Ui.closeAll();
        if (proxy != null) {
            proxy.close();
        }
        server.stop(Duration.ZERO);
    }

    private static ChatServer start(int port) throws IOException {
        var started = ChatServer.create(new InetSocketAddress("127.0.0.1", port), ServerConfig.defaults());
        started.start();
        return started;
    }

    private static String label(FxRobot robot, String id) {
        return Ui.fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static boolean visible(FxRobot robot, String id) {
        return Ui.fx(() -> robot.lookup(id).query().isVisible());
    }

    @Test
    @DisplayName("the server goes away: banner, stop, \"Reconnect?\"; back on the same port: reconnects")
    void serverRestart(FxRobot robot) throws IOException {
        server = start(0);
        int port = server.address().getPort();
        var alice = Ui.open(Ui.options("127.0.0.1", port, "alice"), Ui.MANUAL);
        Ui.await("connected", () -> alice.app().chatViewModel().isPresent() && alice.chat().connectedProperty().get());
        try (var bob = Peer.join(port, "bob")) {
            bob.say("before the restart");
        }
        Ui.await("bob's message", () -> alice.messageTexts().contains("before the restart"));

        server.stop(Duration.ZERO);

        Ui.await("the banner", () -> robot.lookup("#banner").query().isVisible());
        assertThat(label(robot, "#bannerReason")).startsWith("Connection lost: ");
        assertThat(label(robot, "#bannerPrompt")).matches("Reconnecting in \\d+ s…");
        assertThat(visible(robot, "#stopReconnecting")).isTrue();
        assertThat(Ui.fx(() -> robot.lookup("#reconnectNow").queryAs(Button.class).getText())).isEqualTo("Reconnect now");

        robot.clickOn("#stopReconnecting");

        Ui.await("the question", () -> robot.lookup("#bannerPrompt").queryAs(Label.class).getText().equals("Reconnect?"));
        assertThat(visible(robot, "#stopReconnecting")).isFalse();
        assertThat(Ui.fx(() -> robot.lookup("#reconnectNow").queryAs(Button.class).getText())).isEqualTo("Reconnect");
        assertThat(visible(robot, "#closeChat")).isTrue();

        server = start(port);
        robot.clickOn("#reconnectNow");

        Ui.await("reconnected", () -> alice.chat().connectedProperty().get() && !robot.lookup("#banner").query().isVisible());
        Ui.await("the notice", () -> alice.notices().contains("Reconnected to 127.0.0.1:" + port + "."));
        try (var carol = Peer.join(port, "carol")) {
            carol.say("after the restart");
        }
        Ui.await("carol's message", () -> alice.messageTexts().contains("after the restart"));
        assertThat(alice.messageTexts()).containsExactly("before the restart", "after the restart");
        assertThat(alice.notices()).filteredOn(text -> text.startsWith("Connection lost")).hasSize(1);
    }

    @Test
    @DisplayName("a cut connection to a running server: history after it fills in, nothing twice")
    void cutConnection(FxRobot robot) throws IOException {
        server = start(0);
        int port = server.address().getPort();
        proxy = new TcpProxy(server.address());
        try (var bob = Peer.join(port, "bob")) {
            bob.say("one");
            var alice = Ui.open(Ui.options("127.0.0.1", proxy.port(), "alice"), Ui.MANUAL);
            Ui.await("connected", () -> alice.app().chatViewModel().isPresent() && alice.chat().connectedProperty().get());
            bob.say("two");
            Ui.fxRun(() -> {
                alice.chat().inputProperty().set("three");
                alice.chat().send();
            });
            Peer.await("alice's message", () -> bob.messages().contains("three"));
            Ui.await("three messages", () -> alice.messageTexts().size() == 3);

            proxy.sever();
            Ui.await("the banner", () -> robot.lookup("#banner").query().isVisible());
            bob.say("four, while alice is away");
            bob.say("five");

            robot.clickOn("#reconnectNow");

            Ui.await("the missed messages", () -> alice.messageTexts().contains("five"));
            Ui.await("the banner gone", () -> !robot.lookup("#banner").query().isVisible());
            bob.say("six");
            Ui.await("a live message", () -> alice.messageTexts().contains("six"));
            var texts = alice.messageTexts();
            assertThat(texts).containsExactly("one", "two", "three", "four, while alice is away", "five", "six");
            assertThat(texts).as("each message once").doesNotHaveDuplicates();
            List<Long> ids = alice.items().stream()
                    .filter(ChatItem.Message.class::isInstance)
                    .map(item -> ((ChatItem.Message) item).id()).toList();
            assertThat(ids).doesNotHaveDuplicates().isSorted();
            assertThat(alice.notices()).contains("Reconnected to 127.0.0.1:" + proxy.port() + ".");
            assertThat(Ui.fx(() -> alice.chat().pending().isEmpty())).isTrue();
        }
    }

    @Test
    @DisplayName("\"Close chat\" in the banner leaves and closes the window")
    void closeFromBanner(FxRobot robot) throws IOException {
        server = start(0);
        var alice = Ui.open(Ui.options("127.0.0.1", server.address().getPort(), "alice"), Ui.MANUAL);
        Ui.await("connected", () -> alice.app().chatViewModel().isPresent() && alice.chat().connectedProperty().get());
        server.stop(Duration.ZERO);
        Ui.await("the banner", () -> robot.lookup("#banner").query().isVisible());

        robot.clickOn("#closeChat");

        Ui.await("closed", () -> alice.closed().get() == 1);
        assertThat(Ui.fx(() -> alice.stage().isShowing())).isFalse();
    }
}
