package chatroom.client.core;

import java.util.concurrent.CompletableFuture;

/// Asks the person whether to trust a server met for the first time (its certificate is
/// neither signed by a known authority nor remembered), the way SSH asks about a new host key.
///
/// Called on the client's session thread; the answer may come from any thread. The client
/// has sent nothing to the server yet and sends nothing until the answer is `true`; it waits
/// for the answer a bounded time ([Security#answerTimeout()]) and takes no answer as a no.
@FunctionalInterface
public interface TrustPrompt {

    /// Refuses every unknown server without asking (a client that cannot ask anybody).
    TrustPrompt REFUSE = (server, fingerprint) -> CompletableFuture.completedFuture(false);

    /// @return completes with `true` to trust `fingerprint` for `server` (it is then remembered)
    CompletableFuture<Boolean> firstContact(ServerAddress server, Fingerprint fingerprint);
}
