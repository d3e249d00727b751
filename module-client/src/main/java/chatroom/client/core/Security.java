package chatroom.client.core;

import chatroom.protocol.ClientFrame;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/// How a [ChatClient] protects its connection and proves it may join.
///
/// @param tls           connect with TLS from the start (the client also switches to TLS by
///                      itself when a server answers that it accepts only TLS)
/// @param trust         which certificates to accept without asking
/// @param password      the server's password, if it needs one (it must fit a `PASS` frame:
///                      [#passwordProblem]); kept in memory only, never logged ([#toString()]
///                      hides it)
/// @param prompt        asks the person about a server met for the first time
/// @param answerTimeout how long the client waits for that answer before taking it as a no
public record Security(boolean tls, TrustSettings trust, Optional<String> password, TrustPrompt prompt,
                       Duration answerTimeout) {

    /// How long a person has to decide about a new server's certificate.
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofMinutes(5);

    public Security {
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        password.flatMap(Security::passwordProblem).ifPresent(problem -> {
            throw new IllegalArgumentException("the password cannot be sent: " + problem);
        });
        if (answerTimeout.isNegative()) {
            throw new IllegalArgumentException("answerTimeout must not be negative: " + answerTimeout);
        }
    }

    /// Plain TCP until a server asks for TLS; no password; unknown certificates refused.
    public static Security plain() {
        return new Security(false, TrustSettings.inMemory(), Optional.empty(), TrustPrompt.REFUSE,
                DEFAULT_ANSWER_TIMEOUT);
    }

    /// Why `password` cannot be sent in a `PASS` frame, if it cannot: the protocol's own rules,
    /// so the client never refuses what the server would take. The reason never quotes it.
    public static Optional<String> passwordProblem(String password) {
        try {
            new ClientFrame.Pass(password);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "Security[tls=" + tls + ", trust=" + trust + ", password=" + (password.isPresent() ? "(hidden)" : "none")
                + ", answerTimeout=" + answerTimeout + "]";
    }
}
