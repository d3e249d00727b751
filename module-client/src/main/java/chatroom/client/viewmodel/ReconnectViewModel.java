package chatroom.client.viewmodel;

import chatroom.client.core.ClientEvent;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/// The banner over the chat while the connection is lost: why it was lost, when the next
/// attempt is, and the person's choices (reconnect now, stop trying, close the chat).
///
/// The countdown is computed from the deadline the client announced and the context's
/// clock each time [#tick()] is called; the view calls it a few times a second while the
/// banner shows, tests call it after moving their clock. FX thread only.
public final class ReconnectViewModel {

    /// What the banner shows.
    public enum Mode {
        /// Connected (or not yet connected for the first time): no banner.
        HIDDEN,
        /// Waiting for the next automatic attempt: "Reconnecting in N s…".
        COUNTDOWN,
        /// An attempt is under way.
        RECONNECTING,
        /// Automatic attempts were stopped: "Reconnect?".
        ASK
    }

    private final Texts texts;
    private final ViewModelContext context;
    private final Runnable reconnectNow;
    private final Runnable cancelReconnect;
    private final Runnable closeChat;

    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(Mode.HIDDEN);
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reconnectLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canReconnect = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper();
    private Instant deadline = Instant.MIN;

    ReconnectViewModel(ViewModelContext context, Runnable reconnectNow, Runnable cancelReconnect, Runnable closeChat) {
        this.context = context;
        this.texts = context.texts();
        this.reconnectNow = Objects.requireNonNull(reconnectNow, "reconnectNow");
        this.cancelReconnect = Objects.requireNonNull(cancelReconnect, "cancelReconnect");
        this.closeChat = Objects.requireNonNull(closeChat, "closeChat");
        visible.bind(mode.isNotEqualTo(Mode.HIDDEN));
        canReconnect.bind(mode.isEqualTo(Mode.COUNTDOWN).or(mode.isEqualTo(Mode.ASK)));
        canStop.bind(mode.isEqualTo(Mode.COUNTDOWN).or(mode.isEqualTo(Mode.RECONNECTING)));
    }

    /// Follows the client's state: the banner shows from the first lost connection until
    /// the client is connected again (or closed).
    void onState(ClientEvent.StateChanged change) {
        switch (change.state()) {
            case CONNECTED, CLOSED -> mode.set(Mode.HIDDEN);
            case CONNECTING -> {
                if (mode.get() != Mode.HIDDEN) {
                    mode.set(Mode.RECONNECTING);
                    prompt.set(texts.get("banner.reconnecting"));
                }
            }
            case WAITING_TO_RECONNECT -> {
                reason.set(texts.format("banner.lost", change.reason().orElse(texts.get("banner.lost.unknown"))));
                if (change.retryIn().isPresent()) {
                    deadline = context.clock().instant().plus(change.retryIn().get());
                    mode.set(Mode.COUNTDOWN);
                    reconnectLabel.set(texts.get("banner.reconnectNow"));
                    tick();
                } else {
                    mode.set(Mode.ASK);
                    reconnectLabel.set(texts.get("banner.reconnect"));
                    prompt.set(texts.get("banner.ask"));
                }
            }
        }
    }

    /// Updates the countdown from the clock. Harmless when no countdown is running.
    public void tick() {
        if (mode.get() != Mode.COUNTDOWN) {
            return;
        }
        long millis = Duration.between(context.clock().instant(), deadline).toMillis();
        long seconds = Math.max(0, (millis + 999) / 1000);
        prompt.set(seconds > 0 ? texts.format("banner.countdown", seconds) : texts.get("banner.reconnecting"));
    }

    /// Tries now instead of waiting; after "Stop reconnecting" this is "Reconnect".
    public void reconnectNow() {
        reconnectNow.run();
    }

    /// Stops the automatic attempts; the banner then asks whether to reconnect.
    public void stopReconnecting() {
        cancelReconnect.run();
    }

    /// Gives up: leaves the chat and closes it.
    public void closeChat() {
        closeChat.run();
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    /// Why the connection was lost.
    public ReadOnlyStringProperty reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    /// "Reconnecting in N s…", "Reconnecting…" or "Reconnect?".
    public ReadOnlyStringProperty promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    /// The label of the reconnect button: "Reconnect now" while counting down, else "Reconnect".
    public ReadOnlyStringProperty reconnectLabelProperty() {
        return reconnectLabel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canReconnectProperty() {
        return canReconnect.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }
}
