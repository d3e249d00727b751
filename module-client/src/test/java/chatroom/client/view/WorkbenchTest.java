package chatroom.client.view;

import chatroom.client.core.ClientEvent;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.viewmodel.ChatItem;
import chatroom.client.viewmodel.ConversationViewModel;
import chatroom.protocol.RoomName;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
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
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/// The workbench against a real server, driven with the keyboard and the mouse as a person
/// would: rooms, typed commands, private conversations, the member list's menu, the quick
/// switcher, search, and what is remembered between runs.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class WorkbenchTest {

    private ChatServer server;
    private int port;
    private final PreferencesStore store = PreferencesStore.inMemory(Preferences.DEFAULTS);
    private final List<String> links = new CopyOnWriteArrayList<>();

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
        var window = Ui.open(Ui.options("127.0.0.1", port, "alice"), Ui.MANUAL, store, links::add);
        Ui.await("alice connected", () -> window.app().chatViewModel().isPresent()
                && window.chat().connectedProperty().get());
        return window;
    }

    private static String open(Ui.Window window) {
        return Ui.fx(() -> window.chat().conversations().openProperty().get().titleProperty().get());
    }

    private static List<String> sidebar(Ui.Window window) {
        return Ui.fx(() -> window.chat().conversations().all().stream().map(c -> c.titleProperty().get()).toList());
    }

    private static void type(FxRobot robot, String line) {
        robot.clickOn("#input").write(line).type(KeyCode.ENTER);
    }

    private static ConversationViewModel conversation(Ui.Window window, String title) {
        return Ui.fx(() -> window.chat().conversations().all().stream()
                .filter(c -> c.titleProperty().get().equals(title)).findFirst().orElseThrow());
    }

    @Test
    @DisplayName("a typed /join opens the room in the sidebar; messages go to the open conversation; Alt+Up/Down switch")
    void joinAndTalk(FxRobot robot) {
        try (var bob = Peer.join(port, "bob")) {
            bob.type("/join #rust");
            var alice = openAlice();

            type(robot, "/join #rust");
            Ui.await("#rust open", () -> open(alice).equals("#rust"));
            assertThat(sidebar(alice)).containsExactly("#lobby", "#rust");
            Ui.await("bob listed in #rust", () -> conversation(alice, "#rust").members().size() == 2);

            type(robot, "hello rust");
            Peer.await("bob hears it in #rust", () -> bob.events().stream().anyMatch(event ->
                    event instanceof ClientEvent.Message message && message.room().equals(RoomName.of("rust"))
                            && message.chat().text().equals("hello rust")));

            robot.press(KeyCode.ALT).type(KeyCode.UP).release(KeyCode.ALT);
            Ui.await("#lobby open", () -> open(alice).equals("#lobby"));
            robot.press(KeyCode.ALT).type(KeyCode.DOWN).release(KeyCode.ALT);
            Ui.await("#rust open again", () -> open(alice).equals("#rust"));
        }
    }

    @Test
    @DisplayName("/nick, /me and /help are commands, never chat text (fault 4)")
    void typedCommands(FxRobot robot) {
        try (var bob = Peer.join(port, "bob")) {
            var alice = openAlice();

            type(robot, "/nick alicia");
            Ui.await("renamed", () -> alice.chat().meProperty().get().equals("alicia"));
            type(robot, "/me waves");
            Peer.await("bob sees the action", () -> bob.events().stream().anyMatch(event ->
                    event instanceof ClientEvent.Message message && message.chat().action()
                            && message.chat().text().equals("waves")));
            Ui.await("the action in alice's transcript", () -> alice.items().stream().anyMatch(item ->
                    item instanceof ChatItem.Action action && action.text().equals("waves")));

            type(robot, "/help");
            Ui.await("the shortcuts sheet", () -> robot.lookup("#shortcutsSheet").tryQuery().isPresent());
            robot.targetWindow(Ui.fx(() -> robot.lookup("#shortcutsSheet").query().getScene().getWindow()))
                    .type(KeyCode.ESCAPE);
            Ui.await("the sheet closed", () -> robot.lookup("#shortcutsSheet").tryQuery().isEmpty());
            robot.targetWindow(alice.stage());

            assertThat(bob.messages()).noneMatch(text -> text.startsWith("/"));
        }
    }

    @Test
    @DisplayName("a private message opens a conversation with a mention badge; the member menu opens one too")
    void privateConversations(FxRobot robot) {
        try (var bob = Peer.join(port, "bob"); var carol = Peer.join(port, "carol")) {
            var alice = openAlice();
            bob.type("/msg alice are you free?");
            Ui.await("bob in the sidebar", () -> sidebar(alice).contains("bob"));
            var withBob = conversation(alice, "bob");
            Ui.await("counted as a mention", () -> withBob.mentionsProperty().get() == 1);
            assertThat(open(alice)).isEqualTo("#lobby");
            Ui.await("the badge", () -> robot.lookup("#sidebarPeople .badge").queryAllAs(Label.class).stream()
                    .anyMatch(badge -> badge.isVisible() && badge.getText().equals("@ 1")));

            Ui.await("carol listed", () -> alice.chat().members().stream()
                    .anyMatch(member -> member.name().value().equals("carol")));
            robot.rightClickOn(robot.lookup("#members .list-cell").match(node ->
                    node instanceof javafx.scene.control.ListCell<?> cell && cell.getText() != null
                            && cell.getText().equals("carol")).<javafx.scene.Node>query());
            robot.clickOn("#memberMessage");
            Ui.await("the conversation with carol", () -> open(alice).equals("carol"));

            // By keyboard: the member list, Down to bob, Enter.
            for (int i = 0; i < 3 && !open(alice).equals("#lobby"); i++) {
                robot.press(KeyCode.ALT).type(KeyCode.UP).release(KeyCode.ALT);
            }
            Ui.await("back in #lobby", () -> open(alice).equals("#lobby"));
            Ui.fxRun(() -> robot.lookup("#members").query().requestFocus());
            Ui.fxRun(() -> robot.lookup("#members").<javafx.scene.control.ListView<?>>query().getSelectionModel()
                    .clearSelection());
            for (int i = 0; i < 3 && !selectedMember(robot).equals("bob"); i++) {
                robot.type(KeyCode.DOWN);
            }
            assertThat(selectedMember(robot)).isEqualTo("bob");
            robot.type(KeyCode.ENTER);
            Ui.await("the conversation with bob opened by keyboard", () -> open(alice).equals("bob"));
            robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
            Ui.await("the switcher", () -> robot.lookup("#quickSwitcher").tryQuery().isPresent());
            robot.targetWindow(Ui.fx(() -> robot.lookup("#quickSwitcher").query().getScene().getWindow()))
                    .write("carol").type(KeyCode.ENTER);
            robot.targetWindow(alice.stage());
            Ui.await("carol again", () -> open(alice).equals("carol"));

            type(robot, "hi carol");
            Peer.await("carol's private message", () -> carol.events().stream().anyMatch(event ->
                    event instanceof ClientEvent.PrivateMessage message && message.chat().text().equals("hi carol")));
        }
    }

    @Test
    @DisplayName("Ctrl+K switches by name; Ctrl+F finds a message; a link opens in the browser")
    void switcherSearchAndLinks(FxRobot robot) {
        try (var bob = Peer.join(port, "bob")) {
            var alice = openAlice();
            type(robot, "/join #design");
            Ui.await("#design open", () -> open(alice).equals("#design"));
            robot.press(KeyCode.ALT).type(KeyCode.UP).release(KeyCode.ALT);
            Ui.await("#lobby open", () -> open(alice).equals("#lobby"));
            bob.say("the spec is at https://example.org/spec today");
            bob.say("unrelated");

            robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
            Ui.await("the switcher", () -> robot.lookup("#quickSwitcher").tryQuery().isPresent());
            // TestFX types into the window it targets, not the focused one.
            robot.targetWindow(Ui.fx(() -> robot.lookup("#quickSwitcher").query().getScene().getWindow()))
                    .write("desi").type(KeyCode.ENTER);
            robot.targetWindow(alice.stage());
            Ui.await("#design open by the switcher", () -> open(alice).equals("#design"));

            robot.press(KeyCode.ALT).type(KeyCode.UP).release(KeyCode.ALT);
            robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
            robot.write("spec");
            var lobby = conversation(alice, "#lobby");
            Ui.await("one match", () -> lobby.search().matchCountProperty().get() == 1);
            robot.type(KeyCode.ESCAPE);
            Ui.await("search closed", () -> !lobby.search().openProperty().get());

            robot.clickOn(robot.lookup(".hyperlink").match(node -> node instanceof javafx.scene.control.Hyperlink link
                    && link.getText().contains("example.org")).<javafx.scene.Node>query());
            Ui.await("the link opened", () -> links.contains("https://example.org/spec"));
        }
    }

    @Test
    @DisplayName("the rooms, the hidden member list and the window's size come back on the next run")
    void remembered(FxRobot robot) {
        var alice = openAlice();
        type(robot, "/join #rust");
        Ui.await("#rust open", () -> open(alice).equals("#rust"));
        double sidebarBefore = Ui.fx(() -> robot.lookup("#sidebar").query().getLayoutBounds().getWidth());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.B).release(KeyCode.SHIFT, KeyCode.CONTROL);
        Ui.await("the member list hidden", () -> robot.lookup("#membersPane").tryQuery().isEmpty());
        // The other panel keeps its width; the conversation takes the space.
        Ui.await("the sidebar as wide as before", () -> Math.abs(
                robot.lookup("#sidebar").query().getLayoutBounds().getWidth() - sidebarBefore) < 8);
        Ui.fxRun(() -> alice.chat().quit());
        Ui.await("closed", () -> alice.closed().get() == 1);

        assertThat(store.current().roomsFor(alice.chat().server())).extracting(RoomName::value).contains("#rust");
        assertThat(store.current().layout().memberListShown()).isFalse();

        var again = openAlice();
        Ui.await("#rust joined again", () -> sidebar(again).contains("#rust")
                && conversation(again, "#rust").joinedProperty().get());
        assertThat(open(again)).isEqualTo("#lobby");
        assertThat(Ui.fx(() -> robot.lookup("#membersPane").tryQuery().isEmpty())).isTrue();
    }

    @Test
    @DisplayName("the window title carries the unread count of the other conversations")
    void unreadInTitle(FxRobot robot) {
        try (var bob = Peer.join(port, "bob")) {
            bob.type("/join #rust");
            var alice = openAlice();
            type(robot, "/join #rust");
            Ui.await("#rust open", () -> open(alice).equals("#rust"));

            bob.type("/msg #lobby one for the lobby");
            bob.type("/msg #lobby two for the lobby");

            Ui.await("(2) in the title", () -> alice.stage().getTitle().startsWith("(2) "));
            robot.press(KeyCode.ALT).type(KeyCode.UP).release(KeyCode.ALT);
            Ui.await("read", () -> !alice.stage().getTitle().startsWith("("));
            ListView<?> list = Ui.fx(() -> (ListView<?>) robot.lookup("#messages").match(javafx.scene.Node::isVisible)
                    .query());
            assertThat(Ui.fx(() -> list.getItems().stream().anyMatch(ChatItem.UnreadMarker.class::isInstance))).isTrue();
            assertThat(Ui.fx(() -> robot.lookup("#input").queryAs(TextInputControl.class).isDisabled())).isFalse();
        }
    }

    private static String selectedMember(FxRobot robot) {
        return Ui.fx(() -> {
            Object selected = robot.lookup("#members").<javafx.scene.control.ListView<?>>query().getSelectionModel()
                    .getSelectedItem();
            return selected instanceof chatroom.protocol.Member member ? member.name().value() : "";
        });
    }

    private static void onMember(FxRobot robot, String name, String item) {
        robot.rightClickOn(robot.lookup("#members .list-cell").match(node ->
                node instanceof javafx.scene.control.ListCell<?> cell && cell.getText() != null
                        && cell.getText().replace("@", "").equals(name)).<javafx.scene.Node>query());
        robot.clickOn(item);
    }

    @Test
    @DisplayName("a room's operator mutes, makes operator and kicks from the member list's menu")
    void moderationFromTheMemberList(FxRobot robot) {
        try (var bob = Peer.join(port, "bob")) {
            var alice = openAlice();
            type(robot, "/join #ops");
            Ui.await("#ops open", () -> open(alice).equals("#ops"));
            try {
                Ui.await("alice operator", () -> conversation(alice, "#ops").operatorProperty().get());
            } catch (AssertionError e) {
                throw new AssertionError("members " + Ui.fx(() -> conversation(alice, "#ops").members().toString()) + " me " + alice.chat().me(), e);
            }
            bob.type("/join #ops");
            Ui.await("bob listed", () -> conversation(alice, "#ops").members().size() == 2);

            onMember(robot, "bob", "#memberMute");
            Ui.await("bob muted", () -> conversation(alice, "#ops").members().stream()
                    .anyMatch(member -> member.name().value().equals("bob") && member.muted()));

            onMember(robot, "bob", "#memberUnmute");
            onMember(robot, "bob", "#memberOp");
            Ui.await("bob operator", () -> conversation(alice, "#ops").members().stream()
                    .anyMatch(member -> member.name().value().equals("bob") && member.operator() && !member.muted()));

            onMember(robot, "bob", "#memberKick");
            Ui.await("the reason prompt", () -> robot.lookup("#promptField").tryQuery().isPresent());
            robot.targetWindow(Ui.fx(() -> robot.lookup("#promptField").query().getScene().getWindow()))
                    .clickOn("#promptField").write("enough").type(KeyCode.ENTER);
            robot.targetWindow(alice.stage());
            Ui.await("bob kicked", () -> conversation(alice, "#ops").members().size() == 1);
            Peer.await("bob told why", () -> bob.events().stream().anyMatch(event ->
                    event instanceof ClientEvent.Presence presence
                            && presence.frame() instanceof chatroom.protocol.ServerFrame.Kicked kicked
                            && kicked.reason().equals("enough")));
        }
    }

    @Test
    @DisplayName("Ctrl+J lists the server's rooms; Enter on a typed name creates and opens it")
    void joinDialog(FxRobot robot) {
        try (var bob = Peer.join(port, "bob")) {
            bob.type("/join #music");
            var alice = openAlice();
            robot.clickOn("#input");
            robot.press(KeyCode.CONTROL).type(KeyCode.J).release(KeyCode.CONTROL);
            Ui.await("the directory", () -> robot.lookup("#roomTable").tryQuery().isPresent());
            Ui.await("#music listed", () -> alice.chat().serverRooms().stream()
                    .anyMatch(room -> room.room().value().equals("#music")));
            robot.targetWindow(Ui.fx(() -> robot.lookup("#roomName").query().getScene().getWindow()))
                    .clickOn("#roomName").write("poetry").type(KeyCode.ENTER);
            robot.targetWindow(alice.stage());
            Ui.await("#poetry open", () -> open(alice).equals("#poetry"));
            assertThat(sidebar(alice)).containsExactly("#lobby", "#poetry");
        }
    }
}
