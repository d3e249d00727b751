package chatroom.protocol;

import static chatroom.protocol.Outcomes.bytes;
import static chatroom.protocol.Outcomes.concat;
import static chatroom.protocol.Outcomes.ok;
import static chatroom.protocol.Outcomes.outcome;
import static chatroom.protocol.Outcomes.refusal;
import static chatroom.protocol.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("LineDecoder")
class LineDecoderTest {

    private static final int MAX = Limits.MAX_FRAME_BYTES;

    private final LineDecoder decoder = new LineDecoder();

    /// Feeds each chunk in its own call and collects every result.
    private List<Parsed<String>> feed(byte[]... chunks) {
        List<Parsed<String>> results = new ArrayList<>();
        for (byte[] chunk : chunks) {
            decoder.decode(ByteBuffer.wrap(chunk), results::add);
        }
        return results;
    }

    private List<Object> outcomes(byte[]... chunks) {
        return feed(chunks).stream().map(Outcomes::outcome).toList();
    }

    private static byte[][] oneBytePerChunk(byte[] bytes) {
        byte[][] chunks = new byte[bytes.length][];
        for (int i = 0; i < bytes.length; i++) {
            chunks[i] = new byte[] {bytes[i]};
        }
        return chunks;
    }

    @Nested
    @DisplayName("line ends")
    class LineEnds {

        @Test
        @DisplayName("a line ended by \\n")
        void lf() {
            assertThat(feed(utf8("hello\n"))).containsExactly(ok("hello"));
        }

        @Test
        @DisplayName("a line ended by \\r\\n loses both")
        void crlf() {
            assertThat(feed(utf8("hello\r\n"))).containsExactly(ok("hello"));
        }

        @Test
        @DisplayName("the \\r and the \\n of a line end may come in different calls")
        void crlfSplit() {
            assertThat(feed(utf8("hello\r"), utf8("\n"))).containsExactly(ok("hello"));
        }

        @Test
        @DisplayName("a line fed one byte at a time comes out once, at its end")
        void oneByteAtATime() {
            byte[] line = utf8("ciao, è già l'ora 😀\r\n");
            List<Parsed<String>> results = new ArrayList<>();
            for (int i = 0; i < line.length; i++) {
                decoder.decode(ByteBuffer.wrap(line, i, 1), results::add);
                if (i < line.length - 1) {
                    assertThat(results).as("after byte %d", i).isEmpty();
                    assertThat(decoder.hasPartialLine()).isTrue();
                }
            }
            assertThat(results).containsExactly(ok("ciao, è già l'ora 😀"));
            assertThat(decoder.hasPartialLine()).isFalse();
        }

        @Test
        @DisplayName("two lines in one buffer come out in order")
        void twoLinesInOneBuffer() {
            assertThat(feed(utf8("first\nsecond\r\n"))).containsExactly(ok("first"), ok("second"));
        }

        @Test
        @DisplayName("a partial line is kept across calls")
        void partialLineKept() {
            assertThat(decoder.hasPartialLine()).isFalse();

            assertThat(feed(utf8("hel"))).isEmpty();
            assertThat(decoder.hasPartialLine()).isTrue();

            assertThat(feed(utf8("lo\nwor"))).containsExactly(ok("hello"));
            assertThat(decoder.hasPartialLine()).isTrue();

            assertThat(feed(utf8("ld\n"))).containsExactly(ok("world"));
            assertThat(decoder.hasPartialLine()).isFalse();
        }

        @Test
        @DisplayName("a pending \\r alone counts as a partial line")
        void pendingCarriageReturn() {
            assertThat(feed(utf8("\r"))).isEmpty();
            assertThat(decoder.hasPartialLine()).isTrue();
        }

        @Test
        @DisplayName("empty lines give Ok(\"\"), with \\n or \\r\\n")
        void emptyLines() {
            assertThat(feed(utf8("\n\r\n\n"))).containsExactly(ok(""), ok(""), ok(""));
        }

        @Test
        @DisplayName("an empty buffer changes nothing")
        void emptyBuffer() {
            assertThat(feed(new byte[0])).isEmpty();
            assertThat(decoder.hasPartialLine()).isFalse();
        }

        @Test
        @DisplayName("only the bytes between position and limit are read, and all of them are consumed")
        void honoursPositionAndLimit() {
            byte[] array = utf8("XXhello\nwoYY");
            ByteBuffer window = ByteBuffer.wrap(array, 2, 8);
            List<Parsed<String>> results = new ArrayList<>();

            decoder.decode(window, results::add);

            assertThat(results).containsExactly(ok("hello"));
            assertThat(window.position()).isEqualTo(10);
            assertThat(window.hasRemaining()).isFalse();
            assertThat(feed(utf8("rld\n"))).containsExactly(ok("world"));
        }

        @Test
        @DisplayName("a slice of a larger array is read from its own start")
        void sliceOfALargerArray() {
            ByteBuffer slice = ByteBuffer.wrap(utf8("XX\nab\ncà\n")).position(3).slice();
            List<Parsed<String>> results = new ArrayList<>();

            decoder.decode(slice, results::add);

            assertThat(results).containsExactly(ok("ab"), ok("cà"));
        }

        @Test
        @DisplayName("direct and read-only buffers are read like heap buffers")
        void directAndReadOnlyBuffers() {
            byte[] bytes = utf8("perché\nnaïve\n");
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            ByteBuffer readOnly = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
            List<Parsed<String>> results = new ArrayList<>();

            decoder.decode(direct, results::add);
            decoder.decode(readOnly, results::add);

            assertThat(results).containsExactly(ok("perché"), ok("naïve"), ok("perché"), ok("naïve"));
        }
    }

    @Nested
    @DisplayName("length limit")
    class LengthLimit {

        @Test
        @DisplayName("a line of exactly MAX_FRAME_BYTES bytes is accepted")
        void exactlyMax() {
            String line = "a".repeat(MAX);
            assertThat(feed(utf8(line + "\n"))).containsExactly(ok(line));
        }

        @Test
        @DisplayName("a line of exactly MAX_FRAME_BYTES bytes is accepted with \\r\\n too")
        void exactlyMaxWithCrlf() {
            String line = "a".repeat(MAX);
            assertThat(feed(utf8(line + "\r\n"))).containsExactly(ok(line));
        }

        @Test
        @DisplayName("the limit counts bytes: MAX_FRAME_BYTES/2 two-byte characters fit")
        void exactlyMaxInTwoByteCharacters() {
            String line = "è".repeat(MAX / 2);
            assertThat(feed(utf8(line + "\r\n"))).containsExactly(ok(line));
            assertThat(outcomes(utf8(line + "è\n"))).containsExactly(ErrorCode.FRAME_TOO_LONG);
        }

        @Test
        @DisplayName("MAX_FRAME_BYTES + 1 bytes is refused with FRAME_TOO_LONG and the next line decodes")
        void oneByteTooMany() {
            byte[] input = utf8("a".repeat(MAX + 1) + "\nnext\n");

            assertThat(outcomes(input)).containsExactly(ErrorCode.FRAME_TOO_LONG, ok("next"));
            assertThat(decoder.hasPartialLine()).isFalse();
        }

        @Test
        @DisplayName("MAX_FRAME_BYTES + 1 bytes is refused with \\r\\n too (the \\r does not count, the byte does)")
        void oneByteTooManyWithCrlf() {
            byte[] input = utf8("a".repeat(MAX + 1) + "\r\nnext\r\n");

            assertThat(outcomes(input)).containsExactly(ErrorCode.FRAME_TOO_LONG, ok("next"));
        }

        @Test
        @DisplayName("an over-long line is refused however it is chunked, and the next line decodes")
        void overlongInChunks() {
            byte[] line = utf8("b".repeat(MAX + 1));
            byte[][] chunks = {
                    Arrays.copyOfRange(line, 0, 1000), Arrays.copyOfRange(line, 1000, MAX),
                    Arrays.copyOfRange(line, MAX, MAX + 1), utf8("\nnext"), utf8("\n")};

            assertThat(outcomes(chunks)).containsExactly(ErrorCode.FRAME_TOO_LONG, ok("next"));
        }

        @Test
        @DisplayName("the refusal says what the limit is")
        void refusalDetail() {
            Parsed.Invalid<?> invalid = refusal(feed(utf8("a".repeat(MAX + 1) + "\n")).getFirst());
            assertThat(invalid.detail()).contains(String.valueOf(MAX));
        }

        @Test
        @DisplayName("allowLongerLines raises the limit for the lines from then on (split across reads too), never lowers it")
        void allowLongerLinesAcrossReads() {
            int irc = 8_191 + 510;
            decoder.allowLongerLines(MAX - 1);
            assertThat(feed(utf8("a".repeat(MAX) + "\n"))).containsExactly(ok("a".repeat(MAX)));
            decoder.allowLongerLines(irc);
            byte[] line = utf8("b".repeat(irc) + "\r\n");
            assertThat(feed(Arrays.copyOfRange(line, 0, 5_000), Arrays.copyOfRange(line, 5_000, line.length)))
                    .containsExactly(ok("b".repeat(irc)));
            assertThat(outcomes(utf8("c".repeat(irc + 1) + "\nnext\n"))).containsExactly(ErrorCode.FRAME_TOO_LONG,
                    ok("next"));
        }

        @Test
        @DisplayName("10 MB without a newline, in 64 KiB chunks: nothing until the newline, then one FRAME_TOO_LONG, memory bounded")
        void tenMegabytesWithoutNewline() throws ReflectiveOperationException {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            List<Parsed<String>> results = new ArrayList<>();

            for (int i = 0; i < 160; i++) {       // 160 × 64 KiB = 10 MiB
                decoder.decode(ByteBuffer.wrap(chunk), results::add);
                assertThat(results).as("after chunk %d", i).isEmpty();
                assertThat(decoder.hasPartialLine()).isTrue();
                assertThat(lineBufferCapacity(decoder)).as("line buffer after chunk %d", i)
                        .isLessThanOrEqualTo(MAX + 1);
            }
            decoder.decode(ByteBuffer.wrap(utf8("tail\nafter\n")), results::add);

            assertThat(results).map(Outcomes::outcome).containsExactly(ErrorCode.FRAME_TOO_LONG, ok("after"));
            assertThat(decoder.hasPartialLine()).isFalse();
        }

        @Test
        @DisplayName("between lines no buffer is held; a line split across reads is gathered, then let go")
        void noBufferBetweenLines() throws ReflectiveOperationException {
            assertThat(lineBufferCapacity(decoder)).isZero();
            assertThat(feed(utf8("hello\nworld\n"))).containsExactly(ok("hello"), ok("world"));
            assertThat(lineBufferCapacity(decoder)).isZero();

            assertThat(feed(utf8("hel"))).isEmpty();
            assertThat(lineBufferCapacity(decoder)).isPositive();
            assertThat(feed(utf8("lo\r\nnext\n"))).containsExactly(ok("hello"), ok("next"));
            assertThat(lineBufferCapacity(decoder)).isZero();
        }

        @Test
        @DisplayName("the line buffer shrinks back after a long line")
        void bufferShrinksBack() throws ReflectiveOperationException {
            String line = "y".repeat(MAX);
            assertThat(feed(utf8(line + "\n"))).containsExactly(ok(line));

            assertThat(lineBufferCapacity(decoder)).isLessThan(MAX / 2);
        }

        @Test
        @DisplayName("a custom limit is honoured")
        void customLimit() {
            var small = new LineDecoder(4);
            List<Parsed<String>> results = new ArrayList<>();

            small.decode(ByteBuffer.wrap(utf8("abcd\nabcde\r\nabcd\r\nàbc\nàbcd\n")), results::add);

            assertThat(results).map(Outcomes::outcome).containsExactly(
                    ok("abcd"), ErrorCode.FRAME_TOO_LONG, ok("abcd"), ok("àbc"), ErrorCode.FRAME_TOO_LONG);
        }

        @ParameterizedTest(name = "maxFrameBytes = {0}")
        @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
        @DisplayName("a limit below 1 is refused")
        void nonPositiveLimit(int limit) {
            assertThatThrownBy(() -> new LineDecoder(limit))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.valueOf(limit));
        }

        /// White box: the only place the decoder keeps bytes is its line buffer, so its
        /// capacity is the decoder's memory. The tests run inside the module, so they may look.
        private static int lineBufferCapacity(LineDecoder decoder) throws ReflectiveOperationException {
            Field line = LineDecoder.class.getDeclaredField("line");
            line.setAccessible(true);
            return ((byte[]) line.get(decoder)).length;
        }
    }

    @Nested
    @DisplayName("encoding")
    class Encoding {

        static Stream<Arguments> invalidUtf8() {
            return Stream.of(
                    Arguments.of("a lone continuation byte", bytes('a', 0x80, 'b')),
                    Arguments.of("the overlong NUL C0 80", bytes('a', 0xC0, 0x80)),
                    Arguments.of("an overlong three-byte slash E0 80 AF", bytes(0xE0, 0x80, 0xAF)),
                    Arguments.of("a CESU-8 surrogate ED A0 80", bytes('a', 0xED, 0xA0, 0x80)),
                    Arguments.of("a surrogate pair in CESU-8", bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80)),
                    Arguments.of("a multibyte sequence cut by the line end", bytes('a', 0xE2, 0x82)),
                    Arguments.of("a multibyte sequence cut by the \\r\\n line end", bytes('a', 0xE2, 0x82, '\r')),
                    Arguments.of("a code point above U+10FFFF", bytes(0xF4, 0x90, 0x80, 0x80)),
                    Arguments.of("the byte FF", bytes('a', 0xFF)),
                    Arguments.of("a Latin-1 è", bytes('p', 'e', 'r', 'c', 'h', 0xE8)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidUtf8")
        @DisplayName("invalid UTF-8 gives BAD_ENCODING and decoding goes on")
        void badEncoding(String description, byte[] line) {
            byte[] input = concat(line, utf8("\nnext\n"));

            assertThat(outcomes(input)).containsExactly(ErrorCode.BAD_ENCODING, ok("next"));
        }

        @Test
        @DisplayName("a multibyte sequence cut by the end of one call is completed by the next")
        void splitMultibyte() {
            byte[] euro = utf8("€");
            assertThat(feed(new byte[] {euro[0]}, new byte[] {euro[1]}, new byte[] {euro[2], '\n'}))
                    .containsExactly(ok("€"));
        }

        @Test
        @DisplayName("accented Italian and emoji decode right wherever the input is split")
        void multibyteSplitEverywhere() {
            String text = "Perché è già così? Sì, più tardi 😀🇮🇹 名前";
            byte[] line = utf8(text + "\r\n");
            for (int cut = 0; cut <= line.length; cut++) {
                var fresh = new LineDecoder();
                List<Parsed<String>> results = new ArrayList<>();

                fresh.decode(ByteBuffer.wrap(line, 0, cut), results::add);
                fresh.decode(ByteBuffer.wrap(line, cut, line.length - cut), results::add);

                assertThat(results).as("cut at byte %d", cut).containsExactly(ok(text));
            }
        }
    }

    @Nested
    @DisplayName("characters")
    class Characters {

        static Stream<Arguments> forbidden() {
            return Stream.of(
                    Arguments.of("NUL", "a\u0000b"),
                    Arguments.of("BEL", "ding\u0007"),
                    Arguments.of("ESC (terminal escape)", "\u001B[2Jcleared"),
                    Arguments.of("DEL", "a\u007Fb"),
                    Arguments.of("C1 NEL U+0085", "a\u0085b"),
                    Arguments.of("C1 CSI U+009B", "a\u009B2J"),
                    Arguments.of("LINE SEPARATOR U+2028", "alice: hi\u2028bob: forged"),
                    Arguments.of("PARAGRAPH SEPARATOR U+2029", "a\u2029b"),
                    Arguments.of("a lone \\r in the middle", "alice: hi\rbob: forged"),
                    Arguments.of("a lone \\r at the start", "\rhello"),
                    Arguments.of("a \\r before the \\r\\n", "hello\r"),
                    Arguments.of("a vertical tab", "a\u000Bb"),
                    Arguments.of("a form feed", "a\u000Cb"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("forbidden")
        @DisplayName("control characters and line separators give BAD_CHARACTER and decoding goes on")
        void badCharacter(String description, String line) {
            assertThat(outcomes(utf8(line + "\r\nnext\n"))).containsExactly(ErrorCode.BAD_CHARACTER, ok("next"));
        }

        @Test
        @DisplayName("the refusal names the character and where it is")
        void badCharacterDetail() {
            Parsed.Invalid<?> invalid = refusal(feed(utf8("alice: hi\rbob: forged\n")).getFirst());
            assertThat(invalid.detail()).contains("U+000D").contains("9");
        }

        @Test
        @DisplayName("TAB is allowed")
        void tabAllowed() {
            assertThat(feed(utf8("\tname\tvalue\t\n"))).containsExactly(ok("\tname\tvalue\t"));
        }

        @Test
        @DisplayName("spaces, colons and non-ASCII symbols are allowed")
        void ordinaryCharactersAllowed() {
            String line = "MSG id=1 ts=2026-11-24T10:15:30Z from=Luca :ciao :) \u00A0€ \uFEFF";
            assertThat(feed(utf8(line + "\n"))).containsExactly(ok(line));
        }
    }

    @Test
    @DisplayName("every result is a value, never null, whatever mix of good and bad lines")
    void mixedStream() {
        byte[] input = concat(
                utf8("good\n"), bytes(0xC0, 0x80, '\n'), utf8("a\u0000b\n"), utf8("c".repeat(MAX + 5) + "\n"),
                utf8("\r\n"), utf8("last"));

        List<Parsed<String>> results = feed(input);

        assertThat(results).map(Outcomes::outcome).containsExactly(
                ok("good"), ErrorCode.BAD_ENCODING, ErrorCode.BAD_CHARACTER, ErrorCode.FRAME_TOO_LONG, ok(""));
        assertThat(results).allSatisfy(result -> {
            if (result instanceof Parsed.Invalid<String> invalid) {
                assertThat(invalid.detail()).isNotBlank();
            }
        });
        assertThat(decoder.hasPartialLine()).isTrue();
        assertThat(outcome(feed(utf8("\n")).getFirst())).isEqualTo(ok("last"));
    }

    @Test
    @DisplayName("longer lines, once allowed from a line's consumer, are taken from the next line on; never fewer")
    void longerLines() {
        var small = new LineDecoder(10);
        List<Parsed<String>> results = new ArrayList<>();
        small.decode(ByteBuffer.wrap(utf8("first\n" + "x".repeat(15) + "\n" + "y".repeat(25) + "\n")), line -> {
            results.add(line);
            if (results.size() == 1) {
                small.allowLongerLines(20);
            }
        });
        assertThat(results).hasSize(3);
        assertThat(results.get(1)).isEqualTo(ok("x".repeat(15)));
        assertThat(outcome(results.get(2))).isEqualTo(ErrorCode.FRAME_TOO_LONG);
        small.allowLongerLines(5);
        results.clear();
        small.decode(ByteBuffer.wrap(utf8("z".repeat(20) + "\n")), results::add);
        assertThat(results).containsExactly(ok("z".repeat(20)));
    }

    @Test
    @DisplayName("U+0001 (IRC's CTCP marker) is refused until allowed; other control characters stay refused")
    void ctcpMarker() {
        assertThat(feed(utf8("\u0001ACTION waves\u0001\n")).getFirst()).isInstanceOf(Parsed.Invalid.class);
        decoder.allowCtcpMarker();
        assertThat(feed(utf8("\u0001ACTION waves\u0001\n"))).containsExactly(ok("\u0001ACTION waves\u0001"));
        assertThat(feed(utf8("bell\u0007\n")).getFirst()).isInstanceOf(Parsed.Invalid.class);
    }
}
