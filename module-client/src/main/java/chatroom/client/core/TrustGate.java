package chatroom.client.core;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/// The TLS side of one [ChatClient]'s session: starts TLS on each connection, decides through
/// [ServerTrust] whether to trust the server, asks the person about a server met for the first
/// time, remembers what they trusted, and keeps the certificate accepted so that a reconnect
/// meeting a different one is refused.
///
/// [#secure] runs on the session thread only; [#cancel()] may be called from any thread.
final class TrustGate {

    private static final System.Logger LOG = System.getLogger("chatroom.client");

    /// How [#secure] ended, unless the network failed.
    sealed interface Result {
        /// TLS is up and the server trusted: the connection is ready.
        record Secured(SSLSocket socket) implements Result {
        }

        /// The person has just trusted the server; the connection used to ask was closed (TLS
        /// cannot resume a refused handshake): connect again.
        record NowTrusted(Fingerprint fingerprint) implements Result {
        }

        /// Not trusted: [LoginOutcome.NotTrusted] or [LoginOutcome.CertificateChanged].
        record Refused(LoginOutcome outcome) implements Result {
        }
    }

    private final ServerAddress address;
    private final Security security;
    private final Consumer<ClientEvent> publish;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private CompletableFuture<Boolean> pendingAnswer;
    private boolean cancelled;
    // Session thread only.
    private Optional<Fingerprint> sessionFingerprint = Optional.empty();

    TrustGate(ServerAddress address, Security security, Consumer<ClientEvent> publish) {
        this.address = address;
        this.security = security;
        this.publish = publish;
    }

    /// Starts TLS over the connected `socket` within `timeout`. On any result but
    /// [Result.Secured] the socket is closed.
    ///
    /// @throws IOException if the handshake failed for another reason than trust
    Result secure(Socket socket, Duration timeout) throws IOException {
        ServerTrust trust;
        try {
            trust = new ServerTrust(address, security.trust(), sessionFingerprint);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
        SSLSocket secured;
        try {
            secured = trust.handshake(socket, timeout);
        } catch (IOException e) {
            closeQuietly(socket);
            return refused(trust.verdict(), e);
        }
        if (trust.verdict().orElseThrow() instanceof ServerTrust.Verdict.Trusted trusted) {
            sessionFingerprint = Optional.of(trusted.presented());
            if (!trusted.byAuthority() && security.trust().pinned().isPresent()) {
                // Accepted through --trust: remembered, so the option is needed only once.
                remember(trusted.presented());
            }
        }
        return new Result.Secured(secured);
    }

    /// Stops waiting for the person's answer (the client is quitting): an open question is
    /// withdrawn (its future cancelled), and none is asked after. Any thread; calls the
    /// question's dependents on this thread, holding no lock.
    void cancel() {
        CompletableFuture<Boolean> open;
        lock.lock();
        try {
            cancelled = true;
            open = pendingAnswer;
        } finally {
            lock.unlock();
        }
        if (open != null) {
            open.cancel(false);
        }
    }

    private Result refused(Optional<ServerTrust.Verdict> verdict, IOException failure) throws IOException {
        if (verdict.isEmpty()) {
            throw new IOException("TLS failed (" + describe(failure) + "); is this a chatroom server with TLS?", failure);
        }
        return switch (verdict.get()) {
            case ServerTrust.Verdict.Trusted trusted -> throw new IOException("TLS failed after the certificate ("
                    + describe(failure) + ")", failure);
            case ServerTrust.Verdict.Unknown unknown -> ask(unknown.presented())
                    ? new Result.NowTrusted(unknown.presented())
                    : new Result.Refused(new LoginOutcome.NotTrusted(address, unknown.presented()));
            case ServerTrust.Verdict.Changed changed -> new Result.Refused(new LoginOutcome.CertificateChanged(
                    address, changed.expected(), changed.presented(), changed.expectedBy(), knownServers().file()));
            case ServerTrust.Verdict.Unreadable unreadable -> throw new IOException("cannot read " + fileName()
                    + ": " + describe(unreadable.cause()), unreadable.cause());
        };
    }

    /// Asks the person whether to trust `fingerprint`, waiting a bounded time; remembers it if
    /// so. The prompt is called holding no lock, so that it may call back into the client (to quit,
    /// say) from any thread; a question asked while [#cancel()] runs is withdrawn at once.
    private boolean ask(Fingerprint fingerprint) {
        if (isCancelled()) {
            return false;
        }
        CompletableFuture<Boolean> answer;
        try {
            answer = security.prompt().firstContact(address, fingerprint);
        } catch (RuntimeException e) {
            LOG.log(WARNING, "Could not ask about the certificate of " + address, e);
            return false;
        }
        boolean withdrawn;
        lock.lock();
        try {
            withdrawn = cancelled;
            if (!withdrawn) {
                pendingAnswer = answer;
            }
        } finally {
            lock.unlock();
        }
        if (withdrawn) {
            answer.cancel(false);
            return false;
        }
        boolean trusted = false;
        try {
            trusted = Boolean.TRUE.equals(answer.get(security.answerTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            LOG.log(INFO, "No answer about the certificate of {0} within {1}: not trusted", address,
                    security.answerTimeout());
            answer.cancel(false);
        } catch (ExecutionException | CancellationException e) {
            LOG.log(INFO, "No answer about the certificate of {0}: not trusted", address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                pendingAnswer = null;
            } finally {
                lock.unlock();
            }
        }
        if (trusted) {
            sessionFingerprint = Optional.of(fingerprint);
            remember(fingerprint);
        }
        return trusted;
    }

    private boolean isCancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    private void remember(Fingerprint fingerprint) {
        try {
            if (!knownServers().lookup(address).equals(Optional.of(fingerprint))) {
                knownServers().remember(address, fingerprint);
            }
        } catch (IOException e) {
            // Still trusted for this session; only remembering it failed.
            LOG.log(WARNING, "Could not remember the certificate of {0} in {1}: {2}", address, fileName(), describe(e));
            publish.accept(new ClientEvent.Notice("could not remember this server's certificate in " + fileName()
                    + ": " + describe(e), true));
        }
    }

    private KnownServers knownServers() {
        return security.trust().knownServers();
    }

    private String fileName() {
        return knownServers().file().map(Path::toString).orElse(KnownServers.FILE_NAME);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
