package chatroom.client.viewmodel;

import chatroom.client.core.LoginOutcome;
import chatroom.client.core.ServerAddress;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// The connect dialog's state: host, port and name as typed, what is wrong with them, and
/// the attempt to connect.
///
/// Connecting happens off the FX thread (in the [chatroom.client.core.ChatClient]); its
/// outcome comes back through the context's executor. A refused name or an unreachable
/// server leaves the dialog open with the reason, ready for another try; a successful login
/// hands over the running chat through [#chatProperty()].
///
/// FX thread only (or the test's thread, with a direct executor).
public final class ConnectViewModel {

    /// Where the dialog is.
    public enum Phase {
        /// Waiting for the person to press Connect.
        EDITING,
        /// Connecting and logging in; the fields are locked, Cancel stops it.
        CONNECTING,
        /// The server could not be reached: "Try again?".
        FAILED,
        /// Logged in: the chat has taken over.
        CONNECTED,
        /// The person quit from the dialog.
        CLOSED
    }

    private final ViewModelContext context;
    private final Texts texts;
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper addressNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.EDITING);
    private final ReadOnlyBooleanWrapper nameValid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canConnect = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper connectLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dismissLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper closed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<ChatViewModel> chat = new ReadOnlyObjectWrapper<>();
    /// The chat being connected, if an attempt is under way.
    private ChatViewModel attempt;

    /// A dialog prefilled with `host`, `port` and `name` (each may be empty).
    public ConnectViewModel(ViewModelContext context, String host, String port, String name) {
        this.context = context;
        this.texts = context.texts();
        busy.bind(phase.isEqualTo(Phase.CONNECTING));
        failed.bind(phase.isEqualTo(Phase.FAILED));
        canConnect.bind(nameValid.and(phase.isEqualTo(Phase.EDITING).or(failed)));
        this.host.addListener((observable, before, after) -> checkAddress());
        this.port.addListener((observable, before, after) -> checkAddress());
        this.name.addListener((observable, before, after) -> checkName());
        this.host.set(host);
        this.port.set(port);
        this.name.set(name);
        checkAddress();
        checkName();
        showPhase(Phase.EDITING);
    }

    /// Connects with what was typed (a missing or invalid host or port falls back to
    /// `localhost:53000`). Does nothing unless [#canConnectProperty()] holds.
    public void connect() {
        if (!canConnect.get()) {
            return;
        }
        ServerAddress address = ServerAddress.resolve(host.get(), port.get()).address();
        Name chosen = new Name(name.get().strip());
        ChatViewModel next = ChatViewModel.open(context, address, chosen);
        attempt = next;
        message.set(texts.format("connect.connecting", address));
        showPhase(Phase.CONNECTING);
        next.start().thenAcceptAsync(outcome -> finished(next, outcome), context.uiExecutor());
    }

    /// The secondary button: Cancel while connecting, else Quit.
    public void dismiss() {
        if (phase.get() == Phase.CONNECTING) {
            cancel();
        } else {
            quit();
        }
    }

    /// Stops the attempt under way; the dialog is editable again at once.
    public void cancel() {
        if (attempt != null) {
            attempt.abandon();
            attempt = null;
        }
        if (phase.get() == Phase.CONNECTING) {
            message.set(texts.get("connect.cancelled"));
            showPhase(Phase.EDITING);
        }
    }

    /// Closes the dialog and with it the application.
    public void quit() {
        cancel();
        showPhase(Phase.CLOSED);
        closed.set(true);
    }

    private void finished(ChatViewModel which, LoginOutcome outcome) {
        if (which != attempt) {
            // Cancelled meanwhile: a login that still succeeded is left at once.
            if (outcome instanceof LoginOutcome.LoggedIn) {
                which.abandon();
            }
            return;
        }
        attempt = null;
        switch (outcome) {
            case LoginOutcome.LoggedIn loggedIn -> {
                message.set("");
                showPhase(Phase.CONNECTED);
                chat.set(which);
            }
            case LoginOutcome.NameRefused refused -> {
                message.set("");
                nameError.set(refused.code() == ErrorCode.NAME_TAKEN
                        ? texts.format("connect.name.taken", name.get().strip())
                        : texts.format("connect.name.refused", refused.detail()));
                showPhase(Phase.EDITING);
            }
            case LoginOutcome.Unreachable unreachable -> {
                message.set(texts.format("connect.unreachable", which.server(), unreachable.reason()));
                showPhase(Phase.FAILED);
            }
            case LoginOutcome.Cancelled cancelled -> showPhase(Phase.EDITING);
        }
    }

    private void showPhase(Phase next) {
        phase.set(next);
        connectLabel.set(texts.get(next == Phase.FAILED ? "connect.tryAgain" : "connect.connect"));
        dismissLabel.set(texts.get(next == Phase.CONNECTING ? "connect.cancel" : "connect.quit"));
    }

    private void checkName() {
        String candidate = name.get() == null ? "" : name.get().strip();
        boolean valid = Name.parse(candidate) instanceof Parsed.Ok<Name>;
        nameValid.set(valid);
        // An empty field is not an error yet: Connect is simply disabled.
        nameError.set(valid || candidate.isEmpty() ? "" : describeProblem(candidate));
    }

    private String describeProblem(String candidate) {
        if (candidate.codePointCount(0, candidate.length()) > Limits.MAX_NAME_LENGTH) {
            return texts.format("connect.name.tooLong", Limits.MAX_NAME_LENGTH);
        }
        Optional<String> bad = candidate.codePoints()
                .filter(cp -> !(Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.'))
                .mapToObj(cp -> cp == ' ' ? texts.get("connect.name.space") : "“" + Character.toString(cp) + "”")
                .findFirst();
        return texts.format("connect.name.invalid", bad.orElse("?"));
    }

    private void checkAddress() {
        var resolution = ServerAddress.resolve(host.get(), port.get());
        List<String> notes = new ArrayList<>(2);
        for (ServerAddress.Fallback fallback : resolution.fallbacks()) {
            notes.add(switch (fallback) {
                case HOST_MISSING -> texts.format("connect.note.hostMissing", ServerAddress.DEFAULT_HOST);
                case HOST_INVALID -> texts.format("connect.note.hostInvalid", host.get().strip(), ServerAddress.DEFAULT_HOST);
                case PORT_MISSING -> texts.format("connect.note.portMissing", ServerAddress.DEFAULT_PORT);
                case PORT_INVALID -> texts.format("connect.note.portInvalid", port.get().strip(), ServerAddress.DEFAULT_PORT);
            });
        }
        addressNote.set(String.join(" ", notes));
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /// What is wrong with the name (as typed, or as the server refused it); empty if nothing.
    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    /// Which defaults replace a missing or invalid host or port; empty if none.
    public ReadOnlyStringProperty addressNoteProperty() {
        return addressNote.getReadOnlyProperty();
    }

    /// Progress or failure of the attempt to connect; empty if nothing to say.
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /// Connecting: the fields are locked and progress shows.
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /// The last attempt could not reach the server.
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canConnectProperty() {
        return canConnect.getReadOnlyProperty();
    }

    /// "Connect", or "Try again" after a failure.
    public ReadOnlyStringProperty connectLabelProperty() {
        return connectLabel.getReadOnlyProperty();
    }

    /// "Cancel" while connecting, else "Quit".
    public ReadOnlyStringProperty dismissLabelProperty() {
        return dismissLabel.getReadOnlyProperty();
    }

    /// True once the person quit from the dialog.
    public ReadOnlyBooleanProperty closedProperty() {
        return closed.getReadOnlyProperty();
    }

    /// The chat, once logged in.
    public ReadOnlyObjectProperty<ChatViewModel> chatProperty() {
        return chat.getReadOnlyProperty();
    }
}
