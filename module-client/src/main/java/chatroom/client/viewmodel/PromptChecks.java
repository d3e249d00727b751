package chatroom.client.viewmodel;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.Text;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/// The checks of the one-field prompts (a topic, a new name, an away text, the operator
/// password, a kick or ban reason), in the person's language. Each says what is wrong with a
/// text, or nothing if it may be sent; whether an empty text may be sent is the prompt's
/// choice (a reason may be empty, a name not).
///
/// Immutable.
public final class PromptChecks {

    private final Texts texts;

    public PromptChecks(Texts texts) {
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /// A member's name, as `/nick` takes it (surrounding spaces ignored).
    public Function<String, Optional<String>> name() {
        return typed -> {
            String candidate = typed.strip();
            if (candidate.isEmpty() || Name.parse(candidate) instanceof Parsed.Ok<Name>) {
                return Optional.empty();
            }
            if (candidate.codePointCount(0, candidate.length()) > Limits.MAX_NAME_LENGTH) {
                return Optional.of(texts.format("connect.name.tooLong", Limits.MAX_NAME_LENGTH));
            }
            String bad = candidate.codePoints()
                    .filter(cp -> !(Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.'))
                    .mapToObj(cp -> cp == ' ' ? texts.get("connect.name.space") : "“" + Character.toString(cp) + "”")
                    .findFirst().orElse("?");
            return Optional.of(texts.format("connect.name.invalid", bad));
        };
    }

    /// A topic, an away text or a reason: no control characters, at most
    /// [Limits#MAX_TOPIC_BYTES] bytes.
    public Function<String, Optional<String>> shortText() {
        return typed -> switch (Text.checkShortText(typed)) {
            case Parsed.Ok<String> ok -> Optional.empty();
            case Parsed.Invalid<String> invalid -> Optional.of(invalid.code() == ErrorCode.TEXT_TOO_LONG
                    ? texts.format("prompt.tooLong", Limits.MAX_TOPIC_BYTES)
                    : texts.get("prompt.badCharacter"));
        };
    }

    /// The server operator's password: no control characters, at most
    /// [Limits#MAX_PASSWORD_BYTES] bytes. The message never quotes it.
    public Function<String, Optional<String>> password() {
        return typed -> typed.isEmpty() || Text.checkPassword(typed) instanceof Parsed.Ok<String>
                ? Optional.empty()
                : Optional.of(texts.get("password.invalid"));
    }
}
