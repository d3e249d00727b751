package chatroom.protocol;

import static chatroom.protocol.Outcomes.feedInChunks;
import static chatroom.protocol.Outcomes.ok;
import static chatroom.protocol.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

@Label("LineDecoder properties")
class LineDecoderPropertyTest {

    @Property
    @Label("random bytes split anywhere never throw, and give one non-null result per '\\n'")
    void randomBytes(@ForAll("noisyBytes") byte[] input,
                     @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 64) Integer> chunkSizes,
                     @ForAll("limits") int maxFrameBytes) {
        var decoder = new LineDecoder(maxFrameBytes);

        List<Parsed<String>> results = feedInChunks(decoder, input, chunkSizes);

        int newlines = 0;
        int lastNewline = -1;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                newlines++;
                lastNewline = i;
            }
        }
        assertThat(results).doesNotContainNull().hasSize(newlines);
        assertThat(decoder.hasPartialLine()).isEqualTo(lastNewline < input.length - 1);
    }

    @Property
    @Label("valid lines encoded with Text.frameBytes and split anywhere decode back to exactly those lines")
    void validLinesRoundTrip(@ForAll("validLines") List<String> lines,
                             @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 300) Integer> chunkSizes) {
        byte[] input = Outcomes.concat(lines.stream().map(Text::frameBytes).toArray(byte[][]::new));

        List<Parsed<String>> results = feedInChunks(new LineDecoder(), input, chunkSizes);

        assertThat(results).containsExactlyElementsOf(lines.stream().map(Outcomes::ok).toList());
    }

    @Property
    @Label("with any limit and either line end, a line is accepted if and only if its bytes fit")
    void limitModel(@ForAll("shortLinesWithEnds") List<Tuple.Tuple2<String, String>> linesWithEnds,
                    @ForAll @IntRange(min = 1, max = 24) int maxFrameBytes,
                    @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 40) Integer> chunkSizes) {
        List<byte[]> parts = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        for (var lineWithEnd : linesWithEnds) {
            String line = lineWithEnd.get1();
            parts.add(utf8(line + lineWithEnd.get2()));
            expected.add(Text.utf8Length(line) <= maxFrameBytes ? ok(line) : ErrorCode.FRAME_TOO_LONG);
        }

        List<Parsed<String>> results =
                feedInChunks(new LineDecoder(maxFrameBytes), Outcomes.concat(parts.toArray(byte[][]::new)), chunkSizes);

        assertThat(results).map(Outcomes::outcome).containsExactlyElementsOf(expected);
    }

    @Property
    @Label("a forbidden character anywhere in a line gives BAD_CHARACTER, and the next line still decodes")
    void forbiddenCharacter(@ForAll("shortLines") String before, @ForAll("forbiddenCharacters") int forbidden,
                            @ForAll("shortLines") String after, @ForAll("shortLines") String next) {
        // A '\r' right before the '\n' is a line end, not a character of the line.
        String line = before + Character.toString(forbidden) + (forbidden == '\r' && after.isEmpty() ? "x" : after);

        List<Parsed<String>> results = feedInChunks(new LineDecoder(), utf8(line + "\n" + next + "\n"), List.of(7));

        assertThat(results).map(Outcomes::outcome).containsExactly(ErrorCode.BAD_CHARACTER, ok(next));
    }

    @Provide
    Arbitrary<byte[]> noisyBytes() {
        Arbitrary<Byte> special = Arbitraries.of((byte) '\n', (byte) '\r', (byte) 0x80, (byte) 0xC0, (byte) 0xC3,
                (byte) 0xE2, (byte) 0xED, (byte) 0xF0, (byte) 0xF4, (byte) 0xFF, (byte) 0x00, (byte) '\t');
        Arbitrary<Byte> ascii = Arbitraries.bytes().between((byte) ' ', (byte) '~');
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.bytes()), Tuple.of(3, special), Tuple.of(4, ascii))
                .list().ofMaxSize(300)
                .map(LineDecoderPropertyTest::toArray);
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 40)),
                Tuple.of(1, Arbitraries.just(Limits.MAX_FRAME_BYTES)));
    }

    @Provide
    Arbitrary<List<String>> validLines() {
        Arbitrary<String> atLimit = Arbitraries.of("a", "é", "€", "😀")
                .map(c -> c.repeat(Limits.MAX_FRAME_BYTES / Text.utf8Length(c)));
        return Arbitraries.frequencyOf(Tuple.of(30, FrameArbitraries.allowedLines(40)), Tuple.of(1, atLimit))
                .list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> shortLines() {
        return FrameArbitraries.allowedLines(10);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> shortLinesWithEnds() {
        return Combinators.combine(FrameArbitraries.allowedLines(10), Arbitraries.of("\n", "\r\n"))
                .as(Tuple::of)
                .list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<Integer> forbiddenCharacters() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 0x9F)
                        .filter(cp -> cp != '\n' && Text.isForbidden(cp))),
                Tuple.of(1, Arbitraries.of(0x2028, 0x2029)));
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = list.get(i);
        }
        return bytes;
    }
}
