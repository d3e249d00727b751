package chatroom.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/// Splits a byte stream into frames: one line of UTF-8 per frame, ended by `\n` or `\r\n`.
///
/// The decoder trusts nothing it is fed. Each completed line comes out as a [Parsed] value:
/// the line's text, or a typed refusal for a line that is too long
/// ([ErrorCode#FRAME_TOO_LONG]), is not UTF-8 ([ErrorCode#BAD_ENCODING]) or holds a control
/// character such as a lone `\r` ([ErrorCode#BAD_CHARACTER]). A refused line is dropped whole
/// and decoding goes on with the next one, so one bad line never costs the connection.
///
/// Memory stays bounded: an over-long line is skipped without being kept, and the line
/// buffer grows only as far as the longest line allowed. A decoder between lines holds no
/// buffer at all (most connections are idle): a line that arrives whole is decoded where it
/// lies, and only a line split across reads is gathered in a buffer of its own.
///
/// Not thread-safe: one decoder belongs to one connection's reader.
public final class LineDecoder {

    private static final int INITIAL_CAPACITY = 128;
    private static final byte[] NO_BYTES = {};

    /// Raised at most, by [#allowLongerLines], never lowered.
    private int maxFrameBytes;
    /// Made for the first line that is not ASCII.
    private CharsetDecoder utf8;
    /// The part of a line received so far, in its first `length` bytes.
    private byte[] line = NO_BYTES;
    private int length;
    private boolean skippingOverlongLine;
    /// Whether U+0001 may pass ([#allowCtcpMarker]).
    private boolean ctcpMarker;

    /// A decoder for frames of at most [Limits#MAX_FRAME_BYTES].
    public LineDecoder() {
        this(Limits.MAX_FRAME_BYTES);
    }

    /// A decoder for frames of at most `maxFrameBytes` bytes, not counting the line end.
    public LineDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /// Consumes every remaining byte of `input` and hands each completed line to `frames`,
    /// in order. Bytes after the last line end are kept for the next call.
    public void decode(ByteBuffer input, Consumer<? super Parsed<String>> frames) {
        int start = input.position();
        int end = input.limit();
        for (int i = start; i < end; i++) {
            if (input.get(i) == '\n') {
                if (length == 0 && !skippingOverlongLine && input.hasArray()) {
                    frames.accept(lineOf(input.array(), input.arrayOffset() + start, i - start));
                } else {
                    append(input, start, i);
                    frames.accept(completeLine());
                }
                start = i + 1;
            }
        }
        append(input, start, end);
        input.position(end);
    }

    /// Called when the input has ended: a last line without its line end is handed to
    /// `frames` as if it had one (a script's `printf 'alice\nhi' | nc` still says "hi").
    public void endOfInput(Consumer<? super Parsed<String>> frames) {
        if (hasPartialLine()) {
            frames.accept(completeLine());
        }
    }

    /// Lets U+0001 through in the lines decoded from now on: the IRC dialect's CTCP marker
    /// (`\u0001ACTION waves\u0001`), which the IRC dialect takes apart before it checks any
    /// text as a message. Every other control character is still refused.
    public void allowCtcpMarker() {
        ctcpMarker = true;
    }

    /// Allows lines of up to `maxFrameBytes` bytes (not counting the line end) from the next
    /// one on, if that is more than allowed so far: a dialect chosen by the first line may
    /// allow longer lines than the others (IRC: 512 bytes and 8191 bytes of tags). Called
    /// between lines, from a line's consumer, it applies to every line after that one.
    public void allowLongerLines(int maxFrameBytes) {
        this.maxFrameBytes = Math.max(this.maxFrameBytes, maxFrameBytes);
    }

    /// Whether part of a line has been received without its line end.
    public boolean hasPartialLine() {
        return length > 0 || skippingOverlongLine;
    }

    private void append(ByteBuffer input, int from, int to) {
        int count = to - from;
        if (count == 0 || skippingOverlongLine) {
            return;
        }
        // One byte more than the limit is kept for the '\r' of a "\r\n" line end.
        if (length + count > maxFrameBytes + 1) {
            skippingOverlongLine = true;
            release();
            return;
        }
        if (length + count > line.length) {
            int capacity = Math.min(maxFrameBytes + 1,
                    Math.max(INITIAL_CAPACITY, Math.max(line.length * 2, length + count)));
            line = java.util.Arrays.copyOf(line, capacity);
        }
        input.get(from, line, length, count);
        length += count;
    }

    private Parsed<String> completeLine() {
        if (skippingOverlongLine) {
            skippingOverlongLine = false;
            return Parsed.invalid(ErrorCode.FRAME_TOO_LONG,
                    "line longer than %d bytes discarded".formatted(maxFrameBytes));
        }
        Parsed<String> result = lineOf(line, 0, length);
        release();
        return result;
    }

    /// The line in `size` bytes of `bytes` from `offset`, without its line end's `\n`.
    private Parsed<String> lineOf(byte[] bytes, int offset, int size) {
        if (size > 0 && bytes[offset + size - 1] == '\r') {
            size--;
        }
        return size > maxFrameBytes
                ? Parsed.invalid(ErrorCode.FRAME_TOO_LONG, "line longer than %d bytes discarded".formatted(maxFrameBytes))
                : decodeText(bytes, offset, size);
    }

    private Parsed<String> decodeText(byte[] bytes, int offset, int size) {
        String text;
        if (isAscii(bytes, offset, size)) {
            text = new String(bytes, offset, size, StandardCharsets.ISO_8859_1);
        } else {
            if (utf8 == null) {
                utf8 = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
            }
            try {
                CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes, offset, size));
                text = chars.toString();
            } catch (CharacterCodingException e) {
                return Parsed.invalid(ErrorCode.BAD_ENCODING, "line is not valid UTF-8");
            }
        }
        var bad = Text.checkCharacters(ctcpMarker && text.indexOf('\u0001') >= 0 ? text.replace('\u0001', ' ') : text);
        if (bad.isPresent()) {
            return bad.get();
        }
        return Parsed.ok(text);
    }

    private static boolean isAscii(byte[] bytes, int offset, int size) {
        for (int i = offset; i < offset + size; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /// Forgets the current line and gives back its buffer.
    private void release() {
        length = 0;
        line = NO_BYTES;
    }
}
