package chatroom.protocol;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/// Generators of valid protocol values for the jqwik properties: names, texts, tokens,
/// instants and every record of [ClientFrame] and [ServerFrame].
final class FrameArbitraries {

    /// Letters and digits beyond ASCII that names may hold: accents, German sharp s, CJK,
    /// Greek, Cyrillic, a title-case digraph, an Arabic-Indic digit and a supplementary letter.
    private static final List<String> NON_ASCII_NAME_CHARACTERS =
            List.of("È", "é", "ß", "ñ", "名", "前", "Ω", "Ж", "ǅ", "٣", "\uD840\uDC00");

    /// Pieces that are easy to get wrong inside a frame's text.
    private static final List<String> TRICKY_TEXT_PIECES =
            List.of(" :", ":", " ", "\t", ": ", "=", "x=y", "é", "È", "€", "名", "😀", "🇮🇹", "\u00A0", "\uFEFF", "*");

    private FrameArbitraries() {
    }

    // ---- names ------------------------------------------------------------------------------

    static Arbitrary<String> nameCharacters() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('_', '-', '.').ofLength(1);
        Arbitrary<String> nonAscii = Arbitraries.of(NON_ASCII_NAME_CHARACTERS);
        Arbitrary<String> anyLetterOrDigit = Arbitraries.integers().between(0x80, 0x3FFFF)
                .filter(cp -> Character.isLetterOrDigit((int) cp))
                .map(cp -> Character.toString((int) cp));
        return Arbitraries.frequencyOf(Tuple.of(6, ascii), Tuple.of(2, nonAscii), Tuple.of(2, anyLetterOrDigit));
    }

    /// Strings the naming rules accept, 1 to [Limits#MAX_NAME_LENGTH] code points.
    static Arbitrary<String> nameValues() {
        return nameCharacters().list().ofMinSize(1).ofMaxSize(Limits.MAX_NAME_LENGTH)
                .map(characters -> String.join("", characters));
    }

    static Arbitrary<Name> names() {
        return nameValues().map(Name::new);
    }

    // ---- texts ------------------------------------------------------------------------------

    /// One allowed code point (never a control character, line separator or lone surrogate),
    /// or a short piece such as `" :"` that tempts a parser to split in the wrong place.
    static Arbitrary<String> textPieces() {
        Arbitrary<String> printableAscii = Arbitraries.strings().withCharRange(' ', '~').ofLength(1);
        Arbitrary<String> tricky = Arbitraries.of(TRICKY_TEXT_PIECES);
        Arbitrary<String> anyAllowed = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> !Text.isForbidden(cp) && !isSurrogate(cp))
                .map(cp -> Character.toString((int) cp));
        return Arbitraries.frequencyOf(Tuple.of(5, printableAscii), Tuple.of(3, tricky), Tuple.of(2, anyAllowed));
    }

    /// Lines of allowed characters, possibly empty, well below any frame limit.
    static Arbitrary<String> allowedLines(int maxPieces) {
        return textPieces().list().ofMaxSize(maxPieces).map(pieces -> String.join("", pieces));
    }

    /// Texts exactly [Limits#MAX_TEXT_BYTES] bytes long, in characters of 1 to 4 bytes.
    static Arbitrary<String> textsAtLimit() {
        return Arbitraries.of("a", "é", "€", "😀")
                .map(c -> c.repeat(Limits.MAX_TEXT_BYTES / Text.utf8Length(c)));
    }

    /// Chat messages: allowed characters, not blank, at most [Limits#MAX_TEXT_BYTES] bytes.
    static Arbitrary<String> messages() {
        Arbitrary<String> ordinary = allowedLines(60).filter(text -> !text.isBlank());
        return Arbitraries.frequencyOf(Tuple.of(19, ordinary), Tuple.of(1, textsAtLimit()));
    }

    /// Server texts (notices, errors, goodbyes): like messages, but may be empty or blank.
    static Arbitrary<String> serverTexts() {
        return Arbitraries.frequencyOf(Tuple.of(19, allowedLines(60)), Tuple.of(1, textsAtLimit()));
    }

    // ---- attribute values -------------------------------------------------------------------

    /// Attribute values: no space, no tab, no control character, not starting with `:`,
    /// at most 256 UTF-16 chars; `:` and `=` may appear after the first character.
    static Arbitrary<String> tokens() {
        Arbitrary<String> base = Arbitraries.strings().withCharRange('!', '~').withChars('é', '名', '\u00A0')
                .ofMinLength(1).ofMaxLength(Tokens.MAX_TOKEN_LENGTH - 2)
                .filter(token -> token.charAt(0) != ':');
        return Combinators.combine(base, Arbitraries.of("", "", "", "😀", ":", "="))
                .as(String::concat);
    }

    /// Any instant the wire can carry (years 0000 to 9999; the records keep milliseconds),
    /// with most of them in this century.
    static Arbitrary<Instant> instants() {
        Arbitrary<Instant> anyInstant = Combinators.combine(
                        Arbitraries.longs().between(Tokens.EARLIEST.getEpochSecond(), Tokens.LATEST.getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999))
                .as((seconds, nanos) -> Instant.ofEpochSecond(seconds, nanos));
        Arbitrary<Instant> recent = Arbitraries.longs()
                .between(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(),
                        Instant.parse("2100-01-01T00:00:00Z").toEpochMilli())
                .map(Instant::ofEpochMilli);
        return Arbitraries.frequencyOf(Tuple.of(1, anyInstant), Tuple.of(3, recent));
    }

    static Arbitrary<OptionalLong> sinceValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(OptionalLong.empty())),
                Tuple.of(3, Arbitraries.longs().between(0, Long.MAX_VALUE).map(OptionalLong::of)));
    }

    // ---- frames -----------------------------------------------------------------------------

    /// Every kind of [ClientFrame], each with arbitrary valid contents.
    static Arbitrary<ClientFrame> clientFrames() {
        return Arbitraries.<ClientFrame>oneOf(
                Combinators.combine(Arbitraries.integers().greaterOrEqual(1), tokens()).as(ClientFrame.Hello::new),
                Combinators.combine(names(), sinceValues()).as(ClientFrame.Login::new),
                messages().map(ClientFrame.Say::new),
                messages().map(ClientFrame.Pass::new),
                names().map(ClientFrame.Nick::new),
                tokens().map(ClientFrame.Ping::new),
                tokens().map(ClientFrame.Pong::new),
                Arbitraries.just(new ClientFrame.Quit()));
    }

    /// Every kind of [ServerFrame], each with arbitrary valid contents. Member lists are kept
    /// short enough to fit in one frame; [ServerFrames#membersFrames] is tested separately.
    static Arbitrary<ServerFrame> serverFrames() {
        Arbitrary<ErrorCode> codes = Arbitraries.of(ErrorCode.class);
        Arbitrary<LeaveReason> reasons = Arbitraries.of(LeaveReason.class);
        return Arbitraries.<ServerFrame>oneOf(
                Combinators.combine(Arbitraries.integers().greaterOrEqual(1), tokens(),
                                Arbitraries.integers().greaterOrEqual(1), Arbitraries.integers().greaterOrEqual(1),
                                Arbitraries.integers().greaterOrEqual(0), Arbitraries.of(true, false))
                        .as(ServerFrame.Hello::new),
                Combinators.combine(names(), tokens()).as(ServerFrame.Welcome::new),
                Combinators.combine(names().list().ofMaxSize(20), Arbitraries.of(true, false))
                        .as(ServerFrame.Members::new),
                Arbitraries.integers().greaterOrEqual(0).map(ServerFrame.History::new),
                Combinators.combine(Arbitraries.longs().greaterOrEqual(1), instants(), names(), messages())
                        .as(ServerFrame.Chat::new),
                Combinators.combine(names(), instants()).as(ServerFrame.Joined::new),
                Combinators.combine(names(), instants(), reasons).as(ServerFrame.Left::new),
                Combinators.combine(names(), names(), instants()).as(ServerFrame.Renamed::new),
                serverTexts().map(ServerFrame.Notice::new),
                Combinators.combine(codes, serverTexts()).as(ServerFrame.Error::new),
                tokens().map(ServerFrame.Ping::new),
                tokens().map(ServerFrame.Pong::new),
                Combinators.combine(reasons, serverTexts()).as(ServerFrame.Bye::new));
    }

    private static boolean isSurrogate(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }
}
