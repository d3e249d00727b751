package chatroom.client.viewmodel;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Parsed;

/// Says in the UI's language why something typed or asked for was refused. The reasons the
/// person can do something about have words of their own (`refused.<code>`); any other is
/// told with the protocol's (English) detail.
final class Refusals {

    private final Texts texts;

    Refusals(Texts texts) {
        this.texts = texts;
    }

    String of(Parsed.Invalid<?> invalid) {
        if (invalid.code() == ErrorCode.TEXT_TOO_LONG) {
            return texts.format("input.tooLong", Limits.MAX_TEXT_BYTES);
        }
        if (invalid.code() == ErrorCode.BAD_CHARACTER || invalid.code() == ErrorCode.BAD_ENCODING) {
            return texts.get("input.invalid");
        }
        String key = "refused." + invalid.code().wire();
        return texts.format(texts.has(key) ? key : "refused.other", invalid.detail());
    }
}
