package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.TrustSettings;
import chatroom.client.viewmodel.ChatItem;
import chatroom.client.viewmodel.ChatViewModel;
import chatroom.client.viewmodel.ViewModelContext;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/// Opens client windows for TestFX tests and waits for what they show. Everything that
/// touches the UI runs on the FX thread; waits are bounded.
final class Ui {

    static final long TIMEOUT_SECONDS = 20;
    /// So long that no automatic attempt interferes: tests press "Reconnect now".
    static final ReconnectPolicy MANUAL = new ReconnectPolicy(Duration.ofMinutes(10), Duration.ofMinutes(10), 0);

    /// Reconnects at once: for tests where the reconnect itself is what matters.
    static final ReconnectPolicy FAST_FOR_TRUST = new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 0);

    private static final List<Window> OPEN = new CopyOnWriteArrayList<>();

    private Ui() {
    }

    /// A window as the application opens it, but with a test's policy and a recorder for
    /// "the application would exit now".
    record Window(Stage stage, AppWindow app, AtomicInteger closed) {
        ChatViewModel chat() {
            return fx(() -> app.chatViewModel().orElseThrow());
        }

        List<ChatItem> items() {
            return fx(() -> List.copyOf(chat().items()));
        }

        List<String> messageTexts() {
            return items().stream().filter(ChatItem.Message.class::isInstance)
                    .map(item -> ((ChatItem.Message) item).text()).toList();
        }

        List<String> notices() {
            return items().stream().filter(ChatItem.Notice.class::isInstance)
                    .map(item -> ((ChatItem.Notice) item).text()).toList();
        }
    }

    static ClientOptions options(String host, Integer port, String name) {
        return new ClientOptions(Optional.ofNullable(host), Optional.ofNullable(port), Optional.ofNullable(name),
                ClientOptions.Theme.LIGHT, Optional.of(Locale.ENGLISH));
    }

    /// Leaves every chat a test opened and closes its window.
    static void closeAll() {
        fxRun(() -> {
            for (Window window : OPEN) {
                window.app().chatViewModel().ifPresent(ChatViewModel::quit);
                window.app().connectViewModel().cancel();
                window.stage().hide();
            }
            OPEN.clear();
        });
    }

    static Window open(ClientOptions options, ReconnectPolicy policy) {
        return open(options, policy, TrustSettings.inMemory());
    }

    /// A window that trusts as `trust` says.
    static Window open(ClientOptions options, ReconnectPolicy policy, TrustSettings trust) {
        return open(options, policy, trust,
                chatroom.client.core.preferences.PreferencesStore.inMemory(
                        chatroom.client.core.preferences.Preferences.DEFAULTS), link -> { });
    }

    /// A window with the preferences of `store`, opening links with `links`.
    static Window open(ClientOptions options, ReconnectPolicy policy, chatroom.client.core.preferences.PreferencesStore store,
                       java.util.function.Consumer<String> links) {
        return open(options, policy, TrustSettings.inMemory(), store, links);
    }

    private static Window open(ClientOptions options, ReconnectPolicy policy, TrustSettings trust,
                               chatroom.client.core.preferences.PreferencesStore store,
                               java.util.function.Consumer<String> links) {
        Platform.setImplicitExit(false);
        var closed = new AtomicInteger();
        Window opened = fx(() -> {
            var stage = new Stage();
            var context = new ViewModelContext(Platform::runLater, ChatApplication.texts(options.locale().orElseThrow()),
                    ZoneId.systemDefault(), InstantSource.system(), policy, trust);
            var app = new AppWindow(stage, options, context, closed::incrementAndGet, links, store);
            app.open();
            return new Window(stage, app, closed);
        });
        OPEN.add(opened);
        return opened;
    }

    /// Runs `task` on the FX thread and returns its result.
    static <T> T fx(Callable<T> task) {
        try {
            return WaitForAsyncUtils.asyncFx(task).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    static void fxRun(Runnable task) {
        fx(() -> {
            task.run();
            return null;
        });
    }

    /// Waits until `condition`, evaluated on the FX thread, holds.
    static void await(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }
}
