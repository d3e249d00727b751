package chatroom.client.viewmodel;

import chatroom.client.core.Fingerprint;
import chatroom.client.core.LoginOutcome;
import chatroom.client.core.Security;
import chatroom.client.core.ServerAddress;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.core.preferences.SavedServer;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/// The connect dialog's state: host, port and name as typed, TLS and the password, what is
/// wrong with them, and the attempt to connect.
///
/// Connecting happens off the FX thread (in the [chatroom.client.core.ChatClient]); its
/// outcome comes back through the context's executor. A refused name or an unreachable
/// server leaves the dialog open with the reason, ready for another try; a successful login
/// hands over the running chat through [#chatProperty()].
///
/// A server met for the first time with a certificate no authority vouches for is put to the
/// person ([#askingTrustProperty()]: its address and fingerprint, [#trustServer()] or
/// [#distrustServer()]); the client sends nothing until they answer. A certificate that is not
/// the one expected is refused with a loud [#securityWarningProperty()].
///
/// The servers logged in to before ([#savedServers()]) can be chosen from a list
/// ([#choose(SavedServer)] fills host, port, name and TLS); a successful login is recorded in
/// the preferences (the server becomes the last one, with the name and TLS used).
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
    private final BooleanProperty tls = new SimpleBooleanProperty();
    private final StringProperty password = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper askingTrust = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper trustQuestion = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper trustFingerprint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper securityWarning = new ReadOnlyStringWrapper("");
    /// The answer the client waits for while [#askingTrust].
    private CompletableFuture<Boolean> trustAnswer;
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
    private final ObservableList<SavedServer> savedServers;
    private final Optional<PreferencesStore> preferences;
    /// What the attempt under way will record when it logs in.
    private SavedLogin attemptLogin;

    /// A dialog prefilled with `host`, `port` and `name` (each may be empty), with no saved
    /// servers, that records nothing.
    public ConnectViewModel(ViewModelContext context, String host, String port, String name) {
        this(context, host, port, name, Optional.empty());
    }

    /// A dialog prefilled as `start` says, offering the servers saved in `preferences`, and
    /// recording a successful login there.
    public ConnectViewModel(ViewModelContext context, ConnectStart start, PreferencesStore preferences) {
        this(context, start.host(), start.port(), start.name(), Optional.of(preferences));
        tls.set(start.tls());
    }

    private ConnectViewModel(ViewModelContext context, String host, String port, String name,
                             Optional<PreferencesStore> preferences) {
        this.preferences = preferences;
        this.savedServers = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(
                preferences.map(store -> store.current().servers()).orElse(List.of())));
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
        String typedPassword = password.get() == null ? "" : password.get();
        if (!typedPassword.isEmpty() && Security.passwordProblem(typedPassword).isPresent()) {
            message.set(texts.get("password.invalid"));
            return;
        }
        var security = new Security(tls.get(), context.trust(),
                typedPassword.isEmpty() ? Optional.empty() : Optional.of(typedPassword), this::askTrust,
                Security.DEFAULT_ANSWER_TIMEOUT);
        ChatViewModel next = ChatViewModel.open(context, address, chosen, security);
        attempt = next;
        attemptLogin = new SavedLogin(address, chosen, tls.get());
        securityWarning.set("");
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

    /// Trusts the server asked about: it is remembered, and the client connects.
    public void trustServer() {
        answerTrust(true);
    }

    /// Does not trust the server asked about: the attempt ends, nothing was sent to it.
    public void distrustServer() {
        answerTrust(false);
    }

    /// Stops the attempt under way; the dialog is editable again at once.
    public void cancel() {
        answerTrust(false);
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

    /// The client core asks (on its thread) about a new server; the question reaches the dialog
    /// through the UI executor, and the answer goes back through the future.
    private CompletableFuture<Boolean> askTrust(ServerAddress server, Fingerprint fingerprint) {
        var answer = new CompletableFuture<Boolean>();
        context.uiExecutor().execute(() -> {
            if (answer.isDone()) {
                return;
            }
            if (phase.get() != Phase.CONNECTING) {
                // The chat has taken over (a reconnect met a new server): nobody sees this dialog,
                // so the answer is no, and the chat says why it stopped.
                answer.complete(false);
                return;
            }
            answerTrust(false);
            trustAnswer = answer;
            trustQuestion.set(texts.format("trust.question", server));
            trustFingerprint.set(fingerprint.value());
            askingTrust.set(true);
        });
        // The client gave up waiting (or quit): the question goes away.
        answer.whenComplete((trusted, failure) -> context.uiExecutor().execute(() -> {
            if (trustAnswer == answer) {
                clearQuestion();
            }
        }));
        return answer;
    }

    private void answerTrust(boolean trusted) {
        CompletableFuture<Boolean> answer = trustAnswer;
        clearQuestion();
        if (answer != null) {
            answer.complete(trusted);
        }
    }

    private void clearQuestion() {
        trustAnswer = null;
        askingTrust.set(false);
        trustQuestion.set("");
        trustFingerprint.set("");
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
        clearQuestion();
        switch (outcome) {
            case LoginOutcome.LoggedIn loggedIn -> {
                SavedLogin login = attemptLogin;
                preferences.ifPresent(store -> store.update(
                        saved -> saved.withServerUsed(login.address(), login.name(), login.tls(), context.clock().instant())));
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
            case LoginOutcome.CertificateChanged changed -> {
                message.set("");
                securityWarning.set(TrustWords.explain(texts, which.server(), changed));
                showPhase(Phase.EDITING);
            }
            case LoginOutcome.NotTrusted notTrusted -> {
                message.set(TrustWords.explain(texts, which.server(), notTrusted));
                showPhase(Phase.EDITING);
            }
            case LoginOutcome.PasswordRequired required -> {
                message.set(TrustWords.explain(texts, which.server(), required));
                showPhase(Phase.EDITING);
            }
            case LoginOutcome.WrongPassword wrong -> {
                message.set(TrustWords.explain(texts, which.server(), wrong));
                showPhase(Phase.EDITING);
            }
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

    /// Fills host, port, name and TLS from `server` (one of [#savedServers()]). Does nothing
    /// while connecting.
    public void choose(SavedServer server) {
        if (server == null || busy.get()) {
            return;
        }
        host.set(server.address().host());
        port.set(String.valueOf(server.address().port()));
        name.set(server.name().value());
        tls.set(server.tls());
    }

    /// How `server` shows in the list: its name and address, and TLS.
    public String describe(SavedServer server) {
        return texts.format(server.tls() ? "prefs.connect.savedTls" : "prefs.connect.saved", server.name().value(),
                server.address());
    }

    /// The servers logged in to before, the most recent first; fixed while the dialog is open.
    public ObservableList<SavedServer> savedServers() {
        return savedServers;
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

    /// Connect with TLS from the start (a server that accepts only TLS gets it anyway).
    public BooleanProperty tlsProperty() {
        return tls;
    }

    /// The server's password as typed; empty if the server needs none. Kept in memory only.
    public StringProperty passwordProperty() {
        return password;
    }

    /// A server met for the first time waits for [#trustServer()] or [#distrustServer()].
    public ReadOnlyBooleanProperty askingTrustProperty() {
        return askingTrust.getReadOnlyProperty();
    }

    /// The question about the new server, naming it; empty when not asking.
    public ReadOnlyStringProperty trustQuestionProperty() {
        return trustQuestion.getReadOnlyProperty();
    }

    /// The new server's certificate fingerprint (SHA-256, `AB:CD:…`); empty when not asking.
    public ReadOnlyStringProperty trustFingerprintProperty() {
        return trustFingerprint.getReadOnlyProperty();
    }

    /// The loud warning when the server's certificate is not the one expected (several lines:
    /// both fingerprints, and how to accept the new one outside the application); empty if none.
    public ReadOnlyStringProperty securityWarningProperty() {
        return securityWarning.getReadOnlyProperty();
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

    /// The login an attempt records when it succeeds (the address after fallbacks, the name
    /// and TLS as chosen).
    private record SavedLogin(ServerAddress address, Name name, boolean tls) {
    }
}
