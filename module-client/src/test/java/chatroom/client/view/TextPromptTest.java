package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.viewmodel.PromptChecks;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/// The one-field prompt, used with the keyboard only.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class TextPromptTest {

    private final List<String> answers = new CopyOnWriteArrayList<>();
    private Dialog<String> dialog;

    @AfterEach
    void close() {
        Owners.closeAll();
    }

    private void open(UnaryOperator<TextPrompt> configure) {
        Ui.fxRun(() -> {
            var owner = Owners.owner(ClientOptions.Theme.LIGHT);
            var texts = Owners.english();
            dialog = configure.apply(TextPrompt.of(texts, texts.get("prompt.name.title"), texts.get("prompt.name.label")))
                    .show(owner, answers::add);
        });
        Ui.await("the field focused", () -> Owners.focusOwner(dialog) instanceof TextField field
                && "promptField".equals(field.getId()));
    }

    /// Types `text` into the dialog (TestFX writes to the window it targets, not the focused one).
    private void write(FxRobot robot, String text) {
        robot.targetWindow(Ui.fx(() -> dialog.getDialogPane().getScene().getWindow())).write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void erase(FxRobot robot, int characters) {
        robot.targetWindow(Ui.fx(() -> dialog.getDialogPane().getScene().getWindow())).eraseText(characters);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void type(FxRobot robot, KeyCode... keys) {
        robot.type(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String error() {
        return Ui.fx(() -> {
            var label = (Label) dialog.getDialogPane().lookup("#promptError");
            return label.isVisible() ? label.getText() : "";
        });
    }

    private boolean okDisabled() {
        return Ui.fx(() -> dialog.getDialogPane().lookup("#promptOk").isDisabled());
    }

    @Test
    @DisplayName("the initial text is selected, so typing replaces it; Enter confirms")
    void replaceAndConfirm(FxRobot robot) {
        open(prompt -> prompt.initial("alice").check(new PromptChecks(Owners.english()).name()));

        write(robot, "alicia");
        type(robot, KeyCode.ENTER);

        assertThat(answers).containsExactly("alicia");
        Ui.await("the prompt to close", () -> !dialog.isShowing());
    }

    @Test
    @DisplayName("an invalid text is explained and Enter does nothing; an empty one disables OK silently")
    void invalid(FxRobot robot) {
        open(prompt -> prompt.check(new PromptChecks(Owners.english()).name()));
        assertThat(okDisabled()).isTrue();
        assertThat(error()).isEmpty();

        write(robot, "al ice");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error()).isEqualTo("A name may hold only letters, digits, _ - and . (a space is not allowed).");
        assertThat(okDisabled()).isTrue();
        type(robot, KeyCode.ENTER);
        assertThat(answers).isEmpty();
        assertThat(Ui.fx(dialog::isShowing)).isTrue();

        erase(robot, 4);
        write(robot, "ice");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error()).isEmpty();
        type(robot, KeyCode.ENTER);
        assertThat(answers).containsExactly("alice");
    }

    @Test
    @DisplayName("Esc cancels: nothing is answered")
    void escape(FxRobot robot) {
        open(prompt -> prompt.initial("topic").allowBlank());

        type(robot, KeyCode.ESCAPE);

        Ui.await("the prompt to close", () -> !dialog.isShowing());
        assertThat(answers).isEmpty();
    }

    @Test
    @DisplayName("a blank answer is accepted where allowed (no reason)")
    void blankAllowed(FxRobot robot) {
        open(prompt -> prompt.allowBlank());
        assertThat(okDisabled()).isFalse();

        type(robot, KeyCode.ENTER);

        assertThat(answers).containsExactly("");
    }

    @Test
    @DisplayName("a secret prompt hides what is typed and hands it over as typed")
    void secret(FxRobot robot) {
        open(prompt -> prompt.secret().check(new PromptChecks(Owners.english()).password()));
        assertThat(Ui.fx(() -> Owners.focusOwner(dialog))).isInstanceOf(PasswordField.class);

        write(robot, "s3cret!");
        type(robot, KeyCode.ENTER);

        assertThat(answers).containsExactly("s3cret!");
    }
}
