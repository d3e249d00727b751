package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.TrustSettings;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.viewmodel.Texts;
import chatroom.client.viewmodel.ViewModelContext;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.System.Logger.Level.INFO;

/// The JavaFX application of the desktop client. JavaFX creates it reflectively, so the
/// options reach it through [#launch(ClientOptions)].
///
/// This is the one place that hands `Platform::runLater` to the view-models (and through
/// them to the client core): every network event reaches the UI through it.
public final class ChatApplication extends Application {

    private static final System.Logger LOG = System.getLogger("chatroom.client");
    private static final AtomicReference<ClientOptions> OPTIONS = new AtomicReference<>();
    /// [System#nanoTime()] when [#launch(ClientOptions)] was called: the start of what the
    /// first-frame time counts (the JVM's own start-up before it is not visible from here).
    private static final AtomicLong LAUNCHED_NANOS = new AtomicLong();
    /// The preferences of the running application, closed (their last save awaited) by
    /// [#launch(ClientOptions)] once JavaFX has exited.
    private static final AtomicReference<PreferencesStore> PREFERENCES = new AtomicReference<>();

    private ClientOptions options;
    private Texts texts;
    private PreferencesStore preferences;

    /// Runs the desktop client with `options` and returns when it has exited.
    ///
    /// @throws IllegalStateException if JavaFX was already launched in this JVM
    /// @throws RuntimeException      if JavaFX cannot start (no display) or the window fails
    public static void launch(ClientOptions options) {
        OPTIONS.set(options);
        LAUNCHED_NANOS.set(System.nanoTime());
        try {
            Application.launch(ChatApplication.class);
        } finally {
            // On the launcher's thread, after the window has gone: the layout saved on closing
            // reaches the disk before the JVM exits.
            PreferencesStore store = PREFERENCES.getAndSet(null);
            if (store != null) {
                store.close();
            }
        }
    }

    /// The bundle for `locale`: Italian for Italian, else English. (Asking for English must
    /// not fall back to the JVM's default locale, hence the base bundle for anything else.)
    public static Texts texts(Locale locale) {
        Locale chosen = locale.getLanguage().equals(Locale.ITALIAN.getLanguage()) ? Locale.ITALIAN : Locale.ROOT;
        var bundle = ResourceBundle.getBundle("chatroom.client.view.messages", chosen);
        // Dates are written in the language of the words around them.
        Locale dates = chosen != Locale.ROOT ? chosen
                : locale.getLanguage().equals(Locale.ENGLISH.getLanguage()) ? locale : Locale.ENGLISH;
        return new Texts(bundle, dates);
    }

    /// Loads the preferences and the words on the launcher thread, so the FX thread never
    /// reads a file. The command line's `--theme` and `--lang` win over the preferences.
    @Override
    public void init() {
        preferences = PreferencesStore.load(OPTIONS.get().dataDir());
        PREFERENCES.set(preferences);
        Preferences chosen = preferences.current();
        options = startOptions(OPTIONS.get(), chosen);
        texts = texts(options.locale().or(() -> chosen.language().locale()).orElse(Locale.getDefault()));
    }

    /// `options` with the preferred theme where none was asked for.
    static ClientOptions startOptions(ClientOptions options, Preferences preferences) {
        return options.themeGiven() ? options : options.withTheme(preferences.theme());
    }

    /// Opens the window. Its first frame is logged (INFO) with the time since
    /// [#launch(ClientOptions)], so that a person, and the image's smoke test, can see how long
    /// the window takes to appear.
    @Override
    public void start(Stage stage) {
        FirstFrame.whenShown(stage, () -> LOG.log(INFO, () -> "First frame shown, "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - LAUNCHED_NANOS.get())
                + " ms after the desktop client was launched"));
        var context = new ViewModelContext(Platform::runLater, texts, ZoneId.systemDefault(), InstantSource.system(),
                ReconnectPolicy.standard(), TrustSettings.of(options.dataDir(), options.trust()));
        new AppWindow(stage, options, context, Platform::exit, link -> getHostServices().showDocument(link),
                preferences).open();
    }
}
