package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.ConnectStart;
import chatroom.client.viewmodel.ConnectViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.client.viewmodel.ViewModelContext;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/// The desktop client's one window: the connect dialog, then the chat.
///
/// - With no name in the options it opens the dialog, prefilled from the options, else from
///   the last saved server, else with `localhost`, `53000` and the person's login name if it
///   is a valid name ([ConnectStart]).
/// - With a name (or "connect to the last server on start" in the preferences) it connects at
///   once and shows nothing until the outcome is known: the workbench ([WorkbenchWindow]) on
///   success, else the dialog with the reason.
/// - Closing the chat (the window's close button, "Close chat" or `/quit`) leaves properly:
///   the window stays until the client has closed (at most a few seconds), then hides and
///   runs `onClosed`, which exits the application (a test passes a recorder instead).
/// - It carries the application's icon from the start ([WindowIcons]): `ChatApplication`
///   hands it the primary stage.
///
/// FX thread only.
public final class AppWindow {

    private final Stage stage;
    private final ClientOptions options;
    private final ViewModelContext context;
    private final Texts texts;
    private final Runnable onClosed;
    private final Themes themes;
    private ConnectViewModel connect;
    private ChatViewModel chat;
    private final Consumer<String> openLink;
    private final PreferencesStore store;
    private WorkbenchWindow workbench;
    private boolean windowShown;
    private boolean finished;

    /// @param onClosed run once, after the window has closed
    public AppWindow(Stage stage, ClientOptions options, ViewModelContext context, Runnable onClosed) {
        this(stage, options, context, onClosed, link -> { }, PreferencesStore.inMemory(Preferences.DEFAULTS));
    }

    /// @param onClosed run once, after the window has closed
    /// @param openLink opens a link of a message in the system's browser
    /// @param store    the preferences: saved servers, the window's layout, rooms to rejoin
    public AppWindow(Stage stage, ClientOptions options, ViewModelContext context, Runnable onClosed,
                     Consumer<String> openLink, PreferencesStore store) {
        this.openLink = Objects.requireNonNull(openLink, "openLink");
        this.store = Objects.requireNonNull(store, "store");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.options = Objects.requireNonNull(options, "options");
        this.context = Objects.requireNonNull(context, "context");
        this.texts = context.texts();
        this.onClosed = Objects.requireNonNull(onClosed, "onClosed");
        this.themes = new Themes(options.theme(), store.current().fontSize());
    }

    /// Opens the dialog, or connects at once when the options name the person.
    public void open() {
        WindowIcons.apply(stage);
        var start = ConnectStart.of(options, store.current(), loginName());
        connect = new ConnectViewModel(context, start, store);
        connect.passwordProperty().set(options.password().orElse(""));
        connect.chatProperty().subscribe(loggedIn -> {
            if (loggedIn != null) {
                showChat(loggedIn);
            }
        });
        connect.closedProperty().subscribe(closed -> {
            if (closed) {
                finish();
            }
        });
        if (start.connectAtOnce() && connect.canConnectProperty().get()) {
            connect.connect();
            connect.phaseProperty().addListener((observable, before, phase) -> {
                // The connection made at start-up failed: now the dialog is needed after all.
                if (!windowShown && (phase == ConnectViewModel.Phase.EDITING || phase == ConnectViewModel.Phase.FAILED)) {
                    showDialog();
                }
            });
            connect.askingTrustProperty().addListener((observable, before, asking) -> {
                // A new server's certificate: the person must see it to decide.
                if (!windowShown && asking) {
                    showDialog();
                }
            });
        } else {
            showDialog();
        }
    }

    /// The dialog's view-model (for tests).
    ConnectViewModel connectViewModel() {
        return connect;
    }

    /// The chat's view-model once logged in (for tests).
    Optional<ChatViewModel> chatViewModel() {
        return Optional.ofNullable(chat);
    }

    private void showDialog() {
        windowShown = true;
        var view = new ConnectView(connect, texts);
        stage.titleProperty().unbind();
        stage.setTitle(texts.get("connect.title"));
        stage.setOnCloseRequest(event -> {
            event.consume();
            connect.quit();
        });
        var scene = new Scene(view.root());
        show(scene);
        stage.setResizable(false);
        // Inline messages come and go: the dialog grows and shrinks with them.
        for (var text : List.of(connect.nameErrorProperty(), connect.addressNoteProperty(), connect.messageProperty(),
                connect.securityWarningProperty(), connect.trustQuestionProperty())) {
            text.addListener((observable, before, after) -> {
                if (stage.getScene() == scene) {
                    stage.sizeToScene();
                }
            });
        }
        view.focus();
    }

    private void showChat(ChatViewModel loggedIn) {
        chat = loggedIn;
        windowShown = true;
        workbench = new WorkbenchWindow(stage, loggedIn, context, store, themes, openLink);
        stage.setResizable(true);
        stage.titleProperty().bind(loggedIn.titleProperty());
        stage.setOnCloseRequest(event -> {
            event.consume();
            loggedIn.quit();
        });
        loggedIn.endedProperty().subscribe(ended -> {
            if (ended) {
                finish();
            }
        });
        show(workbench.scene());
        stage.setMinWidth(520);
        stage.setMinHeight(360);
        workbench.shown();
    }

    /// The window's look (for tests).
    Themes themes() {
        return themes;
    }

    private void show(Scene scene) {
        themes.apply(scene);
        stage.setScene(scene);
        stage.sizeToScene();
        if (!stage.isShowing()) {
            stage.show();
        }
        stage.centerOnScreen();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (workbench != null) {
            workbench.saveLayout();
            workbench.dispose();
        }
        themes.dispose();
        stage.titleProperty().unbind();
        stage.hide();
        onClosed.run();
    }

    /// The person's login name, if it is a valid chat name.
    private static Optional<String> loginName() {
        String user = System.getProperty("user.name", "");
        return Name.parse(user) instanceof Parsed.Ok<Name> ? Optional.of(user) : Optional.empty();
    }
}
