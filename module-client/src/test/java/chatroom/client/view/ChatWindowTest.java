package chatroom.client.view;

import chatroom.client.viewmodel.ChatItem;
import chatroom.protocol.LeaveReason;
import chatroom.protocol.Member;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/// The chat window with a real server on 127.0.0.1: a UI client (alice) and a core client
/// (bob) talk, come and go.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class ChatWindowTest {

    private ChatServer server;
    private int port;

    @BeforeEach
    void startServer() throws IOException {
        server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.defaults());
        server.start();
        port = server.address().getPort();
    }

    @AfterEach
    void stop() {
        Ui.closeAll();
        server.stop(Duration.ZERO);
    }

    private Ui.Window openAlice() {
        var window = Ui.open(Ui.options("127.0.0.1", port, "alice"), Ui.MANUAL);
        Ui.await("alice connected", () -> window.app().chatViewModel().isPresent()
                && window.chat().connectedProperty().get());
        return window;
    }

    @Test
    @DisplayName("two members exchange messages and see each other in the member list")
    void exchange(FxRobot robot) {
        try (var bob = Peer.join(port, "bob")) {
            bob.say("hi before alice came");
            var alice = openAlice();
            Ui.await("both members", () -> robot.lookup("#members").queryListView().getItems().size() == 2);
            assertThat(Ui.fx(() -> robot.lookup("#members").<Member>queryListView().getItems().stream().map(m -> m.name().value()).toList()))
                    .containsExactly("alice", "bob");

            bob.say("hello alice");
            Ui.await("bob's message", () -> alice.messageTexts().contains("hello alice"));
            robot.clickOn("#input").write("hi bob").type(KeyCode.ENTER);
            Peer.await("alice's message at bob", () -> bob.messages().contains("hi bob"));
            Ui.await("the echo", () -> alice.messageTexts().contains("hi bob"));
            assertThat(Ui.fx(() -> robot.lookup("#input").queryAs(javafx.scene.control.TextInputControl.class).getText())).isEmpty();

            assertThat(alice.messageTexts()).containsExactly("hi before alice came", "hello alice", "hi bob");
            var items = alice.items();
            assertThat(items.indexOf(items.stream().filter(item -> item instanceof ChatItem.Notice notice
                    && notice.text().startsWith("Welcome, alice")).findFirst().orElseThrow()))
                    .as("history above the welcome, live below")
                    .isBetween(2, items.size() - 3);
            var own = items.stream().filter(item -> item instanceof ChatItem.Message m && m.text().equals("hi bob"))
                    .map(ChatItem.Message.class::cast).findFirst().orElseThrow();
            assertThat(own.own()).isTrue();
            var mention = items.stream().filter(item -> item instanceof ChatItem.Message m && m.text().equals("hello alice"))
                    .map(ChatItem.Message.class::cast).findFirst().orElseThrow();
            assertThat(mention.mention()).isTrue();
            assertThat(Ui.fx(() -> robot.lookup(".chat-item.mention").tryQuery().isPresent())).isTrue();
            assertThat(Ui.fx(() -> robot.lookup(".chat-item.own").tryQuery().isPresent())).isTrue();
        }
    }

    @Test
    @DisplayName("joins and leaves are announced and change the member list")
    void joinAndLeave(FxRobot robot) {
        var alice = openAlice();
        var bob = Peer.join(port, "bob");
        Ui.await("bob's join", () -> alice.notices().contains("bob joined the chat"));
        Ui.await("bob listed", () -> alice.chat().members().size() == 2);

        bob.quit();

        Ui.await("bob's leave", () -> alice.notices().contains("bob left the chat"));
        Ui.await("bob unlisted", () -> alice.chat().members().stream().map(m -> m.name().value()).toList().equals(List.of("alice")));
        assertThat(Ui.fx(() -> robot.lookup(".chat-item.presence").tryQuery().isPresent())).isTrue();
        assertThat(Ui.fx(() -> robot.lookup("#status").queryAs(Label.class).getText()))
                .isEqualTo("alice · #lobby @ 127.0.0.1:" + port + " · connected");
    }

    @Test
    @DisplayName("/quit leaves properly and closes the window")
    void quitCommand(FxRobot robot) throws InterruptedException {
        try (var bob = Peer.join(port, "bob")) {
            var alice = openAlice();
            robot.clickOn("#input").write("/quit").type(KeyCode.ENTER);

            Ui.await("the window closed", () -> alice.closed().get() == 1);
            assertThat(Ui.fx(() -> alice.stage().isShowing())).isFalse();
            Peer.await("alice's leave", () -> bob.leaves().stream().anyMatch(left -> left.name().value().equals("alice")));
            assertThat(bob.leaves().getFirst().reason()).isEqualTo(LeaveReason.QUIT);
            assertThat(alice.chat().awaitClosed(Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    @DisplayName("the window's close button leaves properly")
    void closeButton() throws InterruptedException {
        try (var bob = Peer.join(port, "bob")) {
            var alice = openAlice();
            Ui.fxRun(() -> alice.stage().fireEvent(new WindowEvent(alice.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));

            Ui.await("the window closed", () -> alice.closed().get() == 1);
            Peer.await("alice's leave", () -> !bob.leaves().isEmpty());
            assertThat(bob.leaves().getFirst().reason()).isEqualTo(LeaveReason.QUIT);
            assertThat(alice.chat().awaitClosed(Duration.ofSeconds(1))).isTrue();
            assertThat(server.memberCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("the input stays usable while disconnected: a message typed then waits as sending… and is sent after reconnecting (fault 2)")
    void inputWhileDisconnected(FxRobot robot) throws IOException {
        var alice = openAlice();
        robot.clickOn("#input").write("half a thought");

        server.stop(Duration.ZERO);

        Ui.await("disconnected", () -> !alice.chat().connectedProperty().get());
        assertThat(Ui.fx(() -> robot.lookup("#input").query().isDisabled())).isFalse();
        assertThat(Ui.fx(() -> robot.lookup("#input").queryAs(javafx.scene.control.TextInputControl.class).getText())).isEqualTo("half a thought");
        assertThat(Ui.fx(() -> alice.stage().getTitle())).endsWith("(connection lost)");
        assertThat(Ui.fx(() -> robot.lookup("#messages").queryListView().getItems().isEmpty())).isFalse();
        assertThat(Ui.fx(() -> robot.lookup("#membersStale").query().isVisible())).isTrue();

        robot.clickOn("#input").type(KeyCode.ENTER);
        Ui.await("waiting as sending…", () -> alice.chat().pending().equals(List.of("half a thought")));
        assertThat(Ui.fx(() -> robot.lookup(".pending-state").queryAs(Label.class).getText())).isEqualTo("sending…");
        assertThat(Ui.fx(() -> robot.lookup("#input").queryAs(javafx.scene.control.TextInputControl.class).getText())).isEmpty();

        server = ChatServer.create(new InetSocketAddress("127.0.0.1", port), ServerConfig.defaults());
        server.start();
        robot.clickOn("#reconnectNow");
        Ui.await("reconnected", () -> alice.chat().connectedProperty().get());
        Ui.await("sent and confirmed", () -> alice.chat().pending().isEmpty());
        assertThat(Ui.fx(() -> robot.lookup("#membersStale").query().isVisible())).isFalse();
        try (var bob = Peer.join(port, "bob")) {
            Peer.await("the message in bob's history", () -> bob.messages().stream().anyMatch(line -> line.contains("half a thought")));
        }
    }
}
