package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.core.ServerAddress;
import chatroom.client.viewmodel.Attention;
import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.NoticeBoard;
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
/// - With no name in the options it opens the dialog (prefilled from the options, else with
///   `localhost`, `53000` and the login name of the person if it is a valid name).
/// - With a name it connects at once and shows nothing until the outcome is known: the chat
///   on success, else the dialog with the reason.
/// - Closing the chat (the window's close button, "Close chat" or `/quit`) leaves properly:
///   the window stays until the client has closed (at most a few seconds), then hides and
///   runs `onClosed`, which exits the application (a test passes a recorder instead).
///
/// FX thread only.
public final class AppWindow {

    private static final double CHAT_WIDTH = 900;
    private static final double CHAT_HEIGHT = 620;

    private final Stage stage;
    private final ClientOptions options;
    private final ViewModelContext context;
    private final Texts texts;
    private final Runnable onClosed;
    private final Themes themes;
    private ConnectViewModel connect;
    private ChatViewModel chat;
    private final Consumer<String> openLink;
    private WorkbenchView chatView;
    private DesktopNotifier notifier;
    private NoticeToasts toasts;
    private javafx.animation.Timeline ticks;
    private boolean windowShown;
    private boolean finished;

    /// @param onClosed run once, after the window has closed
    public AppWindow(Stage stage, ClientOptions options, ViewModelContext context, Runnable onClosed) {
        this(stage, options, context, onClosed, link -> { });
    }

    /// @param onClosed run once, after the window has closed
    /// @param openLink opens a link of a message in the system's browser
    public AppWindow(Stage stage, ClientOptions options, ViewModelContext context, Runnable onClosed,
                     Consumer<String> openLink) {
        this.openLink = Objects.requireNonNull(openLink, "openLink");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.options = Objects.requireNonNull(options, "options");
        this.context = Objects.requireNonNull(context, "context");
        this.texts = context.texts();
        this.onClosed = Objects.requireNonNull(onClosed, "onClosed");
        this.themes = new Themes(options.theme());
    }

    /// Opens the dialog, or connects at once when the options name the person.
    public void open() {
        connect = new ConnectViewModel(context,
                options.host().orElse(ServerAddress.DEFAULT_HOST),
                options.port().map(String::valueOf).orElse(String.valueOf(ServerAddress.DEFAULT_PORT)),
                options.name().or(AppWindow::loginName).orElse(""));
        connect.tlsProperty().set(options.tls());
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
        if (options.name().isPresent() && connect.canConnectProperty().get()) {
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
        chatView = new WorkbenchView(loggedIn, texts, openLink, new WindowPrompts(stage, texts, loggedIn));
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
        var scene = new Scene(attention(loggedIn, chatView.root()), CHAT_WIDTH, CHAT_HEIGHT);
        stage.focusedProperty().subscribe(focused -> loggedIn.conversations().setWindowFocused(focused));
        new KeyBindingsInstaller(loggedIn, chatView).install(scene);
        show(scene);
        stage.setMinWidth(520);
        stage.setMinHeight(360);
        chatView.focus();
    }

    /// Notifications: a desktop notification for a mention or a private message while the
    /// window is not focused, else (no tray) a notice in the window's corner.
    private javafx.scene.Parent attention(ChatViewModel loggedIn, javafx.scene.Parent workbench) {
        java.util.function.Consumer<chatroom.protocol.Target> open = target -> {
            stage.setIconified(false);
            stage.toFront();
            stage.requestFocus();
            loggedIn.conversations().open(target);
        };
        var board = new NoticeBoard(context.clock(), open);
        notifier = new DesktopNotifier(board, context.uiExecutor(), open, texts.get("attention.tray.tooltip"));
        var decider = new Attention(context, notifier, loggedIn::isMuted);
        decider.windowFocusedProperty().bind(stage.focusedProperty());
        board.windowFocusedProperty().bind(stage.focusedProperty());
        loggedIn.attendWith(decider);
        toasts = new NoticeToasts(board, texts);
        // Messages held back by a burst are told when it is over.
        ticks = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1),
                event -> decider.tick()));
        ticks.setCycleCount(javafx.animation.Animation.INDEFINITE);
        ticks.play();
        return new javafx.scene.layout.StackPane(workbench, toasts.root());
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
        if (chatView != null) {
            chatView.dispose();
        }
        if (ticks != null) {
            ticks.stop();
            toasts.dispose();
            notifier.close();
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
