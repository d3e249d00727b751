package chatroom.client.core;

import chatroom.protocol.Parsed;
import chatroom.protocol.Text;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/// How a [ChatClient] protects its connection and proves it may join.
///
/// @param tls           connect with TLS from the start (the client also switches to TLS by
///                      itself when a server answers that it accepts only TLS)
/// @param trust         which certificates to accept without asking
/// @param password      the server's password, if it needs one: not blank, no control
///                      characters, at most a message's length; kept in memory only, never
///                      logged ([#toString()] hides it)
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
        if (password.isPresent() && Text.checkMessage(password.get()) instanceof Parsed.Invalid<String> invalid) {
            // The detail names a position and a code point, never the password.
            throw new IllegalArgumentException("the password cannot be sent: " + invalid.detail());
        }
        if (answerTimeout.isNegative()) {
            throw new IllegalArgumentException("answerTimeout must not be negative: " + answerTimeout);
        }
    }

    /// Plain TCP until a server asks for TLS; no password; unknown certificates refused.
    public static Security plain() {
        return new Security(false, TrustSettings.inMemory(), Optional.empty(), TrustPrompt.REFUSE,
                DEFAULT_ANSWER_TIMEOUT);
    }

    @Override
    public String toString() {
        return "Security[tls=" + tls + ", trust=" + trust + ", password=" + (password.isPresent() ? "(hidden)" : "none")
                + ", answerTimeout=" + answerTimeout + "]";
    }
}
