package chatroom.client.viewmodel;

import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.TrustSettings;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.Executor;

/// What every view-model of one desktop client shares.
///
/// @param uiExecutor where network events and results are delivered: `Platform::runLater` in
///                   the application (so view-models are only ever touched on the FX thread),
///                   `Runnable::run` in tests that run without the toolkit
/// @param texts      the UI's words
/// @param zone       the time zone for times and day separators
/// @param clock      the time of local notices and the reconnect countdown
/// @param policy     when a lost connection is tried again
/// @param trust      the servers trusted before (`known_servers`) and `--trust`
public record ViewModelContext(Executor uiExecutor, Texts texts, ZoneId zone, InstantSource clock,
                               ReconnectPolicy policy, TrustSettings trust) {

    public ViewModelContext {
        Objects.requireNonNull(uiExecutor, "uiExecutor");
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(trust, "trust");
    }

    /// A context that remembers trusted servers for this run only.
    public ViewModelContext(Executor uiExecutor, Texts texts, ZoneId zone, InstantSource clock, ReconnectPolicy policy) {
        this(uiExecutor, texts, zone, clock, policy, TrustSettings.inMemory());
    }
}
