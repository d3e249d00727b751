package chatroom.client.view;

import chatroom.client.viewmodel.Texts;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/// A small dialog asking for one text: a topic, a new name, an away text, the operator
/// password (hidden as typed), a kick or ban reason. What is wrong with the text shows under
/// the field and keeps OK disabled; an empty text disables OK too unless [#allowBlank()].
/// Enter is OK, Esc cancels.
///
/// `TextPrompt.of(texts, title, label).initial(topic).check(checks.shortText()).allowBlank()
/// .show(window, chat::setTopic)`. FX thread only.
final class TextPrompt {

    private final Texts texts;
    private final String title;
    private final String label;
    private String initial = "";
    private boolean secret;
    private boolean allowBlank;
    private String okText;
    private Function<String, Optional<String>> check = text -> Optional.empty();

    private TextPrompt(Texts texts, String title, String label) {
        this.texts = Objects.requireNonNull(texts, "texts");
        this.title = Objects.requireNonNull(title, "title");
        this.label = Objects.requireNonNull(label, "label");
        this.okText = texts.get("prompt.ok");
    }

    /// A prompt titled `title` with `label` above its field.
    static TextPrompt of(Texts texts, String title, String label) {
        return new TextPrompt(texts, title, label);
    }

    /// The text the field starts with (selected, so typing replaces it).
    TextPrompt initial(String text) {
        this.initial = Objects.requireNonNull(text, "text");
        return this;
    }

    /// A password field: what is typed is not shown.
    TextPrompt secret() {
        this.secret = true;
        return this;
    }

    /// An empty text may be confirmed (no reason, no topic).
    TextPrompt allowBlank() {
        this.allowBlank = true;
        return this;
    }

    /// The OK button's words, if not "OK".
    TextPrompt okText(String text) {
        this.okText = Objects.requireNonNull(text, "text");
        return this;
    }

    /// What is wrong with a text, if anything (see `PromptChecks`).
    TextPrompt check(Function<String, Optional<String>> problem) {
        this.check = Objects.requireNonNull(problem, "problem");
        return this;
    }

    /// Shows the prompt (without waiting); `onOk` receives the text as typed when OK is chosen.
    /// Returns the dialog, already showing.
    Dialog<String> show(Window owner, Consumer<String> onOk) {
        Dialog<String> dialog = build(owner);
        dialog.setOnHidden(event -> {
            String result = dialog.getResult();
            if (result != null) {
                onOk.accept(result);
            }
        });
        dialog.show();
        return dialog;
    }

    private Dialog<String> build(Window owner) {
        var dialog = new Dialog<String>();
        Dialogs.prepare(dialog, owner, "textPrompt", "text-prompt");
        dialog.setTitle(title);
        TextField field = secret ? new PasswordField() : new TextField(initial);
        field.setId("promptField");
        field.setPrefColumnCount(28);
        var caption = new Label(label);
        caption.setLabelFor(field);
        caption.setWrapText(true);
        StringBinding problem = Bindings.createStringBinding(
                () -> check.apply(field.getText() == null ? "" : field.getText()).orElse(""), field.textProperty());
        var error = Views.messageLabel("promptError", "field-error", problem);
        BooleanBinding invalid = Bindings.createBooleanBinding(
                () -> !problem.get().isEmpty() || (!allowBlank && field.getText().isBlank()),
                problem, field.textProperty());

        var ok = new ButtonType(okText, ButtonBar.ButtonData.OK_DONE);
        var cancel = new ButtonType(texts.get("prompt.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        var pane = dialog.getDialogPane();
        pane.getButtonTypes().setAll(ok, cancel);
        pane.setContent(new VBox(6, caption, field, error));
        var okButton = pane.lookupButton(ok);
        okButton.setId("promptOk");
        okButton.disableProperty().bind(invalid);
        // A disabled button ignores Enter and clicks, but not `fire()` from code: nothing
        // invalid is confirmed either way.
        okButton.addEventFilter(ActionEvent.ACTION, event -> {
            if (invalid.get()) {
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == ok ? field.getText() : null);
        dialog.setOnShown(event -> {
            field.requestFocus();
            field.selectAll();
        });
        return dialog;
    }
}
