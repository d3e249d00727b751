package chatroom.client.view;

import chatroom.client.viewmodel.CompletionSource;
import chatroom.client.viewmodel.InputViewModel;
import chatroom.protocol.Command;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/// The message input in a window of its own, typed into with the keyboard: Enter sends,
/// Shift+Enter does not, Tab completes without moving the focus, Up recalls, Esc goes on to
/// the window, and nothing ever disables it.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class MessageInputTest {

    /// What the input handed on (read on the test's thread, written on the FX thread).
    private final List<Command> performed = new CopyOnWriteArrayList<>();
    /// Keys that reached the window after the input.
    private final List<KeyCode> reachedWindow = new CopyOnWriteArrayList<>();
    private Stage stage;
    private MessageInput input;
    private InputViewModel model;

    @BeforeEach
    void show() {
        Platform.setImplicitExit(false);
        Ui.fxRun(() -> {
            model = new InputViewModel(ChatApplication.texts(Locale.ENGLISH), command -> {
                performed.add(command);
                return Optional.empty();
            }, CompletionSource.of(() -> List.of(new Name("alice"), new Name("bob"), new Name("Bea")),
                    () -> List.of(RoomName.of("lobby"))));
            input = new MessageInput(model, ChatApplication.texts(Locale.ENGLISH));
            var other = new Button("elsewhere");
            other.setId("elsewhere");
            var scene = new Scene(new VBox(8, other, input.root()), 480, 320);
            scene.addEventHandler(KeyEvent.KEY_PRESSED, event -> reachedWindow.add(event.getCode()));
            new Themes(chatroom.client.ClientOptions.Theme.LIGHT).apply(scene);
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
            input.focus();
        });
        Ui.await("the input has the focus", () -> input.area().isFocused());
    }

    @AfterEach
    void close() {
        Ui.fxRun(stage::hide);
    }

    private String text() {
        return Ui.fx(() -> input.area().getText());
    }

    private boolean inputHasFocus() {
        return Ui.fx(() -> stage.getScene().getFocusOwner() == input.area());
    }

    @Test
    @DisplayName("Enter sends what was typed and empties the input")
    void enterSends(FxRobot robot) {
        robot.write("hi bob").type(KeyCode.ENTER);

        Ui.await("the message is handed on", () -> performed.equals(List.of(new Command.Say("hi bob"))));
        assertThat(text()).isEmpty();
    }

    @Test
    @DisplayName("a typed command is done, not sent as text")
    void commands(FxRobot robot) {
        robot.write("/nick bobby").type(KeyCode.ENTER);

        Ui.await("the command is handed on", () -> performed.equals(List.of(new Command.Nick(new Name("bobby")))));
    }

    @Test
    @DisplayName("Shift+Enter starts a new line and sends nothing; the input grows, up to five rows")
    void shiftEnter(FxRobot robot) {
        robot.write("one").push(KeyCode.SHIFT, KeyCode.ENTER).write("two");

        assertThat(text()).isEqualTo("one\ntwo");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(performed).isEmpty();
        Ui.await("two rows", () -> input.area().getPrefRowCount() == 2);

        for (int i = 0; i < 6; i++) {
            robot.push(KeyCode.SHIFT, KeyCode.ENTER).write("more");
        }
        Ui.await("five rows at most", () -> input.area().getPrefRowCount() == MessageInput.MAX_ROWS);

        robot.type(KeyCode.ENTER);
        Ui.await("each line sent", () -> performed.size() == 8);
        assertThat(performed.subList(0, 2)).containsExactly(new Command.Say("one"), new Command.Say("two"));
        Ui.await("back to one row", () -> input.area().getPrefRowCount() == 1);
    }

    @Test
    @DisplayName("a long line that wraps grows the input too")
    void wrapping(FxRobot robot) {
        Ui.fxRun(() -> model.textProperty().set("word ".repeat(60)));

        Ui.await("more than one row", () -> input.area().getPrefRowCount() > 1);
    }

    @Test
    @DisplayName("Tab completes the word before the caret and cycles, Shift+Tab goes back; the focus stays")
    void tab(FxRobot robot) {
        robot.write("hi b").type(KeyCode.TAB);

        assertThat(text()).isEqualTo("hi bob ");
        assertThat(Ui.fx(() -> input.area().getCaretPosition())).isEqualTo(7);
        assertThat(inputHasFocus()).isTrue();

        robot.type(KeyCode.TAB);
        assertThat(text()).isEqualTo("hi Bea ");
        robot.push(KeyCode.SHIFT, KeyCode.TAB);
        assertThat(text()).isEqualTo("hi bob ");
        assertThat(inputHasFocus()).isTrue();

        robot.write("in #lo").type(KeyCode.TAB);
        assertThat(text()).isEqualTo("hi bob in #lobby ");
        robot.type(KeyCode.TAB);
        assertThat(inputHasFocus()).as("Tab with nothing to complete").isTrue();
        assertThat(text()).isEqualTo("hi bob in #lobby ");
    }

    @Test
    @DisplayName("Up on an empty input recalls the last sent text, Down returns to the empty input")
    void upRecalls(FxRobot robot) {
        robot.write("first").type(KeyCode.ENTER).write("second").type(KeyCode.ENTER);
        Ui.await("both sent", () -> performed.size() == 2);

        robot.type(KeyCode.UP);
        assertThat(text()).isEqualTo("second");
        assertThat(Ui.fx(() -> input.area().getCaretPosition())).isEqualTo(6);
        robot.type(KeyCode.UP);
        assertThat(text()).isEqualTo("first");
        robot.type(KeyCode.DOWN, KeyCode.DOWN);
        assertThat(text()).isEmpty();
    }

    @Test
    @DisplayName("in a text of several lines, Up moves the caret up, and recalls nothing")
    void upInText(FxRobot robot) {
        robot.write("sent").type(KeyCode.ENTER);
        robot.write("one").push(KeyCode.SHIFT, KeyCode.ENTER).write("two");

        robot.type(KeyCode.UP);

        assertThat(text()).isEqualTo("one\ntwo");
        assertThat(Ui.fx(() -> input.area().getCaretPosition())).isLessThanOrEqualTo(3);
        assertThat(reachedWindow).doesNotContain(KeyCode.UP);
    }

    @Test
    @DisplayName("Esc is not the input's: it reaches the window's key bindings")
    void escapeGoesOn(FxRobot robot) {
        robot.write("draft").type(KeyCode.ESCAPE);

        Ui.await("Esc reached the window", () -> reachedWindow.contains(KeyCode.ESCAPE));
        assertThat(text()).isEqualTo("draft");
        assertThat(reachedWindow).doesNotContain(KeyCode.ENTER, KeyCode.TAB);
    }

    @Test
    @DisplayName("a refused line stays, with the reason under the input until it is edited")
    void refusal(FxRobot robot) {
        robot.write("/frobnicate").type(KeyCode.ENTER);

        Label error = Ui.fx(() -> robot.lookup("#inputError").queryAs(Label.class));
        Ui.await("the reason shows", () -> error.isVisible() && error.getText().startsWith("Unknown command /frobnicate"));
        assertThat(text()).isEqualTo("/frobnicate");
        assertThat(performed).isEmpty();

        robot.type(KeyCode.BACK_SPACE);
        Ui.await("the reason goes", () -> !error.isVisible());
    }

    @Test
    @DisplayName("the input is never disabled and takes typing at any time")
    void alwaysEnabled(FxRobot robot) {
        TextArea area = input.area();
        assertThat(Ui.fx(() -> area.isDisabled() || !area.isEditable())).isFalse();
        assertThat(Ui.fx(area::getPromptText)).contains("Enter").contains("/help");

        robot.write("still typing");
        assertThat(text()).isEqualTo("still typing");
    }

    @Test
    @DisplayName("a mention from elsewhere goes in at the caret, and the focus comes back to the input")
    void mention(FxRobot robot) {
        robot.clickOn("#elsewhere");
        assertThat(inputHasFocus()).isFalse();

        Ui.fxRun(() -> input.mention(new Name("alice")));

        Ui.await("the input has the focus again", this::inputHasFocus);
        assertThat(text()).isEqualTo("alice: ");
        robot.write("hi");
        assertThat(text()).isEqualTo("alice: hi");

        Ui.fxRun(() -> input.insert("> quoted"));
        assertThat(text()).isEqualTo("alice: hi > quoted");
    }
}
