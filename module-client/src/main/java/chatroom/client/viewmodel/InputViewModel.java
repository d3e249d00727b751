package chatroom.client.viewmodel;

import chatroom.protocol.Command;
import chatroom.protocol.Commands;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.Text;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// The message input: what is being typed, why the last try was refused, and the commands of
/// its keys: send ([#submit()]), complete (Tab: [#complete(int)]), recall (Up/Down:
/// [#recallPrevious()], [#recallNext()]).
///
/// A one-line text is read as the plain dialect reads a line ([Commands#parse]): `/join #rust`,
/// `/me waves`, `/nick bob`, `/help`…, and `//text` sends a text that starts with `/`; a
/// line that is no command is a [Command.Say]. A text of several non-blank lines (Shift+Enter)
/// is a message of each non-blank line, in order, and never a command: a line starting with `/`
/// in it is sent as it stands, so pasted text is never taken for commands (blank lines around a
/// single line do not make it several). Whatever is read is
/// carried out by the [InputTarget], which may refuse it.
///
/// The input never depends on the connection: a message typed while it is down is handed on
/// like any other (the client core keeps it as "sending…" and sends it after reconnecting).
///
/// FX thread only (or the test's thread).
public final class InputViewModel {

    /// The most sent texts [#recallPrevious()] goes back through.
    public static final int HISTORY_LIMIT = 100;

    private final Texts texts;
    private final InputTarget target;
    private final CompletionSource source;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final InputHistory history = new InputHistory(HISTORY_LIMIT);
    private final Completion completion = new Completion();
    /// True while this view-model sets the text itself (a completion, a recall), which does
    /// not end the completion cycle or the recall the way the person's own typing does.
    private boolean setting;

    /// @param texts  the words of the refusals
    /// @param target what carries out the typed lines
    /// @param source the names Tab completes
    public InputViewModel(Texts texts, InputTarget target, CompletionSource source) {
        this.texts = Objects.requireNonNull(texts, "texts");
        this.target = Objects.requireNonNull(target, "target");
        this.source = Objects.requireNonNull(source, "source");
        text.addListener((observable, before, after) -> {
            error.set("");
            if (!setting) {
                completion.reset();
                history.forget();
            }
        });
    }

    /// The text being typed (never `null` as this view-model sets it; a `null` set by a
    /// binding is read as empty).
    public StringProperty textProperty() {
        return text;
    }

    /// Why the last [#submit()] did nothing, in the UI's language; empty when there is nothing to
    /// say. Cleared as soon as the text changes.
    /// Shows why something done with the typed text elsewhere (a menu's "send as action") was
    /// refused; the text stays.
    void refuse(String reason) {
        error.set(reason);
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /// Sends what was typed (Enter). A blank text does nothing. A refused line stays in the
    /// input with the reason in [#errorProperty()]; an accepted one leaves the input empty and
    /// goes into the history, except `/oper`, whose password is not kept.
    ///
    /// Of several lines, none is sent if any cannot be (too long, a character that cannot be
    /// sent); if the target refuses one, those before it are sent and it and the rest stay in
    /// the input.
    public void submit() {
        String typed = current();
        if (typed.isBlank()) {
            return;
        }
        List<String> lines = typed.lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() == 1) {
            submitLine(lines.getFirst());
        } else {
            submitLines(typed.lines().toList());
        }
    }

    private void submitLine(String line) {
        switch (Commands.parse(line)) {
            case Parsed.Invalid<Command> invalid -> error.set(CommandWords.explain(texts, line, invalid));
            case Parsed.Ok<Command>(Command command) -> {
                Optional<String> refused = target.perform(command);
                if (refused.isPresent()) {
                    error.set(refused.get());
                    return;
                }
                if (!(command instanceof Command.Oper)) {
                    history.add(line);
                }
                set("");
            }
        }
    }

    private void submitLines(List<String> typedLines) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < typedLines.size(); i++) {
            String line = typedLines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (Text.checkMessage(line) instanceof Parsed.Invalid<String> invalid) {
                error.set(texts.format("composer.line", i + 1, CommandWords.explain(texts, "", invalid)));
                return;
            }
            lines.add(line);
        }
        for (int sent = 0; sent < lines.size(); sent++) {
            Optional<String> refused = target.perform(new Command.Say(lines.get(sent)));
            if (refused.isPresent()) {
                if (sent > 0) {
                    history.add(String.join("\n", lines.subList(0, sent)));
                    set(String.join("\n", lines.subList(sent, lines.size())));
                }
                error.set(refused.get());
                return;
            }
        }
        history.add(String.join("\n", lines));
        set("");
    }

    /// Completes the word before `caret` (Tab): a command word at the start of the text, a room
    /// after `#`, else a person's name (`alice: ` at the start of a line, `alice ` elsewhere).
    /// Tab again goes on to the next candidate, as long as nothing else changed the text.
    ///
    /// @return where the caret goes; `caret` itself when there is nothing to complete
    public int complete(int caret) {
        return complete(caret, 1);
    }

    /// As [#complete(int)], going backwards through the candidates (Shift+Tab).
    public int completeBackward(int caret) {
        return complete(caret, -1);
    }

    private int complete(int caret, int step) {
        return completion.complete(current(), caret, step, source).map(result -> {
            set(result.text());
            return result.caret();
        }).orElse(caret);
    }

    /// Shows the previous sent text (Up), if the input is empty or shows a recalled text
    /// unedited; returns whether it did (if not, the key is the text area's to move the caret).
    public boolean recallPrevious() {
        return recall(history.previous(current()));
    }

    /// Shows the next sent text (Down), or the empty input after the most recent one, if the
    /// input shows a recalled text unedited; returns whether it did.
    public boolean recallNext() {
        return recall(history.next(current()));
    }

    private boolean recall(Optional<String> entry) {
        entry.ifPresent(this::set);
        return entry.isPresent();
    }

    /// Inserts `words` at `caret`, with a space before them unless they start the text or
    /// follow white space; returns where the caret goes (after them).
    public int insert(String words, int caret) {
        String typed = current();
        int at = Math.clamp(caret, 0, typed.length());
        String before = typed.substring(0, at);
        String inserted = before.isEmpty() || Character.isWhitespace(before.charAt(before.length() - 1))
                ? words : " " + words;
        text.set(before + inserted + typed.substring(at));
        return at + inserted.length();
    }

    /// Inserts `name` at `caret` as Tab completes one: `alice: ` at the start of a line,
    /// `alice ` elsewhere (to mention or answer someone from the member list).
    public int mention(Name name, int caret) {
        String typed = current();
        int at = Math.clamp(caret, 0, typed.length());
        boolean lineStart = typed.substring(0, at).isBlank() || typed.charAt(at - 1) == '\n';
        return insert(name.value() + (lineStart ? ": " : " "), at);
    }

    /// The sent texts [#recallPrevious()] walks, most recent first.
    public List<String> history() {
        return history.entries();
    }

    private String current() {
        return text.get() == null ? "" : text.get();
    }

    private void set(String value) {
        setting = true;
        try {
            text.set(value);
        } finally {
            setting = false;
        }
    }
}
