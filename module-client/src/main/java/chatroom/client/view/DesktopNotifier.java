package chatroom.client.view;

import chatroom.client.viewmodel.Notification;
import chatroom.client.viewmodel.Notifier;
import chatroom.protocol.Target;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/// Desktop notifications through the system tray (`java.awt.SystemTray`: Windows, macOS, and
/// Linux desktops with a tray), else the in-window notices.
///
/// AWT is touched only on this notifier's own thread, and only from the first notification
/// on: the FX thread never waits for AWT, and a start-up (or a server) that never notifies
/// never loads AWT. If AWT cannot give a tray (headless, no tray, no native library, any
/// error at all), every notification from then on goes to the fallback, and why is logged once.
/// Clicking the tray icon or its message opens the conversation of the last notification,
/// through the FX executor.
///
/// [#deliver] and [#close()] may be called from any thread; they return at once.
final class DesktopNotifier implements Notifier, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("chatroom.client");

    /// Where notifications go.
    enum Route {
        /// No notification yet: AWT was not asked.
        UNDECIDED,
        /// The system tray.
        TRAY,
        /// The fallback, for good.
        FALLBACK
    }

    /// A tray icon that shows notifications. [TrayBalloon] is the real one; tests pass others.
    interface Tray {
        void show(Notification notification);

        void remove();
    }

    /// Puts an icon in the tray, or says there is no tray; may throw anything AWT throws.
    @FunctionalInterface
    interface TrayOpener {
        /// @param clicked run (on AWT's thread) when the person clicks the icon or a message
        Optional<Tray> open(Runnable clicked);
    }

    private final Notifier fallback;
    private final Executor fxExecutor;
    private final Consumer<Target> open;
    private final TrayOpener opener;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /// Created by the first notification.
    private ExecutorService worker;
    private boolean closing;

    // Written by the worker only; read by tests and by AWT's thread.
    private volatile Route route = Route.UNDECIDED;
    private volatile Target lastConversation;
    /// Worker thread only.
    private Tray tray;

    /// @param fallback   the in-window notices; called through `fxExecutor`
    /// @param fxExecutor runs work on the FX thread (the context's executor)
    /// @param open       opens a conversation and brings the window to the front; called
    ///                   through `fxExecutor`
    /// @param tooltip    the tray icon's tooltip (the application's name)
    DesktopNotifier(Notifier fallback, Executor fxExecutor, Consumer<Target> open,
                    String tooltip) {
        this(fallback, fxExecutor, open, clicked -> TrayBalloon.open(tooltip, clicked));
    }

    DesktopNotifier(Notifier fallback, Executor fxExecutor, Consumer<Target> open,
                    TrayOpener opener) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.fxExecutor = Objects.requireNonNull(fxExecutor, "fxExecutor");
        this.open = Objects.requireNonNull(open, "open");
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /// Shows `notification` in the tray, or hands it to the fallback. After [#close()] it
    /// goes to the fallback directly.
    @Override
    public void deliver(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        ExecutorService running;
        synchronized (this) {
            if (!closing && worker == null) {
                worker = Executors.newSingleThreadExecutor(
                        // A daemon: a stuck tray call must not keep the JVM from exiting.
                        Thread.ofPlatform().name("chatroom-notifier").daemon(true).factory());
            }
            running = closing ? null : worker;
        }
        if (running == null) {
            fxExecutor.execute(() -> fallback.deliver(notification));
        } else {
            running.execute(() -> show(notification));
        }
    }

    /// Removes the tray icon (so AWT's non-daemon event thread may end and the JVM can exit)
    /// and stops the notifier's thread, after the notifications already handed over. Does not
    /// wait: [#closed()] tells when it is done.
    @Override
    public void close() {
        ExecutorService running;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            running = worker;
        }
        if (running == null) {
            closed.complete(null);
            return;
        }
        running.execute(() -> {
            removeTray();
            closed.complete(null);
        });
        running.shutdown();
    }

    /// Completes once [#close()] has removed the tray icon.
    CompletableFuture<Void> closed() {
        return closed;
    }

    /// Where notifications went (for tests and diagnostics).
    Route route() {
        return route;
    }

    /// Worker thread only.
    private void show(Notification notification) {
        if (route == Route.UNDECIDED) {
            openTray();
        }
        if (route == Route.TRAY) {
            try {
                lastConversation = notification.conversation();
                tray.show(notification);
                return;
            } catch (Throwable failure) {
                // Anything AWT throws (an Error included) means no tray from now on, not a dead thread.
                giveUp(failure);
            }
        }
        fxExecutor.execute(() -> fallback.deliver(notification));
    }

    private void openTray() {
        try {
            Optional<Tray> opened = opener.open(this::clicked);
            if (opened.isPresent()) {
                tray = opened.get();
                route = Route.TRAY;
                LOG.log(INFO, "Notifications go to the system tray.");
            } else {
                route = Route.FALLBACK;
                LOG.log(INFO, "No system tray: notifications are shown in the window.");
            }
        } catch (Throwable failure) {
            giveUp(failure);
        }
    }

    private void giveUp(Throwable failure) {
        route = Route.FALLBACK;
        LOG.log(WARNING, "The system tray failed; notifications are shown in the window from now on.", failure);
        removeTray();
    }

    private void removeTray() {
        if (tray == null) {
            return;
        }
        Tray removed = tray;
        tray = null;
        try {
            removed.remove();
        } catch (Throwable failure) {
            LOG.log(WARNING, "Could not remove the tray icon.", failure);
        }
    }

    /// On AWT's thread.
    private void clicked() {
        Target conversation = lastConversation;
        if (conversation != null) {
            fxExecutor.execute(() -> open.accept(conversation));
        }
    }
}
