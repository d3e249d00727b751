package chatroom.protocol;

import java.util.Objects;
import java.util.function.Function;

/// The outcome of reading something a peer sent: a value, or the typed reason it was refused.
/// Decoders return this instead of throwing, so bad input can never kill a connection's thread.
///
/// @param <T> the type of the value
public sealed interface Parsed<T> {

    /// A value that passed every check.
    record Ok<T>(T value) implements Parsed<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /// A refusal: what was wrong, in words a person can read.
    ///
    /// The detail may quote what the peer sent; it is cut to [#MAX_DETAIL_LENGTH] characters so
    /// that an error about a huge line is still a small error frame.
    record Invalid<T>(ErrorCode code, String detail) implements Parsed<T> {

        /// Longest detail kept.
        public static final int MAX_DETAIL_LENGTH = 200;

        public Invalid {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
            if (detail.length() > MAX_DETAIL_LENGTH) {
                int end = MAX_DETAIL_LENGTH - 1;
                if (Character.isHighSurrogate(detail.charAt(end - 1))) {
                    end--;
                }
                detail = detail.substring(0, end) + "…";
            }
        }

        /// The same refusal, typed for another value type.
        public <U> Invalid<U> retype() {
            return new Invalid<>(code, detail);
        }
    }

    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parsed<T> invalid(ErrorCode code, String detail) {
        return new Invalid<>(code, detail);
    }

    /// Applies `next` to a value; passes a refusal through unchanged.
    default <U> Parsed<U> then(Function<? super T, Parsed<U>> next) {
        return switch (this) {
            case Ok<T> ok -> next.apply(ok.value());
            case Invalid<T> invalid -> invalid.retype();
        };
    }
}
