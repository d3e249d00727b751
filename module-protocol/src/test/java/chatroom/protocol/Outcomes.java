package chatroom.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/// Helpers that turn [Parsed] values into something AssertJ compares well: an accepted value
/// stays a [Parsed.Ok], a refusal becomes its [ErrorCode] (the detail is prose and may change).
final class Outcomes {

    private Outcomes() {
    }

    static <T> Parsed.Ok<T> ok(T value) {
        return new Parsed.Ok<>(value);
    }

    /// The [Parsed.Ok] itself, or the code of a refusal.
    static Object outcome(Parsed<?> parsed) {
        return switch (parsed) {
            case Parsed.Ok<?> ok -> ok;
            case Parsed.Invalid<?> invalid -> invalid.code();
        };
    }

    /// The refusal in `parsed`; fails the test if it was accepted.
    static Parsed.Invalid<?> refusal(Parsed<?> parsed) {
        return switch (parsed) {
            case Parsed.Ok<?> ok -> throw new AssertionError("expected a refusal, got " + ok);
            case Parsed.Invalid<?> invalid -> invalid;
        };
    }

    static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /// Feeds `bytes` to `decoder` in chunks whose sizes cycle through `chunkSizes`, each chunk
    /// a window of one shared array (so the decoder must honour position and limit).
    static List<Parsed<String>> feedInChunks(LineDecoder decoder, byte[] bytes, List<Integer> chunkSizes) {
        List<Parsed<String>> results = new ArrayList<>();
        int offset = 0;
        for (int i = 0; offset < bytes.length; i++) {
            int size = Math.min(chunkSizes.get(i % chunkSizes.size()), bytes.length - offset);
            ByteBuffer window = ByteBuffer.wrap(bytes, offset, size);
            decoder.decode(window, results::add);
            if (window.hasRemaining()) {
                throw new AssertionError("decode left " + window.remaining() + " bytes unconsumed");
            }
            offset += size;
        }
        return results;
    }
}
