package chatroom.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/// Generators of valid protocol values for the jqwik properties: names, room names, members,
/// texts, tokens, instants and every record of [ClientFrame] and [ServerFrame], version 2's
/// included.
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

    /// Room names: `#` and what the naming rules accept.
    static Arbitrary<RoomName> roomNames() {
        return nameValues().map(value -> new RoomName("#" + value));
    }

    /// Where a message may go: a room or a member.
    static Arbitrary<Target> targets() {
        return Arbitraries.oneOf(roomNames(), names());
    }

    /// Roster entries with every combination of flags.
    static Arbitrary<Member> members() {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Combinators.combine(names(), flag, flag, flag, flag).as(Member::new);
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

    /// Passwords `PASS` may carry: not empty, no control character (TAB included), at most
    /// [Limits#MAX_PASSWORD_BYTES] bytes; spaces, `:` and `" :"` allowed.
    static Arbitrary<String> passwords() {
        Arbitrary<String> ordinary = allowedLines(40).map(text -> text.replace("\t", " "))
                .filter(text -> !text.isEmpty());
        Arbitrary<String> atLimit = Arbitraries.of("a", "é", "€", "😀", " ")
                .map(c -> c.repeat(Limits.MAX_PASSWORD_BYTES / Text.utf8Length(c)));
        return Arbitraries.frequencyOf(Tuple.of(19, ordinary), Tuple.of(1, atLimit));
    }

    /// Topics, part and kick reasons, away texts: allowed characters, at most
    /// [Limits#MAX_TOPIC_BYTES] bytes (40 pieces of at most 8 bytes always fit), may be empty.
    static Arbitrary<String> shortTexts() {
        Arbitrary<String> atLimit = Arbitraries.of("a", "é", "€", "😀")
                .map(c -> c.repeat(Limits.MAX_TOPIC_BYTES / Text.utf8Length(c)));
        return Arbitraries.frequencyOf(Tuple.of(19, allowedLines(40)), Tuple.of(1, atLimit));
    }

    /// Away texts: short texts that are not blank (a blank one means "back").
    static Arbitrary<String> awayTexts() {
        return shortTexts().filter(text -> !text.isBlank());
    }

    /// Passwords with a `§` in every word, so that no fixed text of an error can contain one,
    /// split by what a malformed password line may hold (a space, `" :"`, `=`, a control
    /// character).
    static Arbitrary<String> secrets() {
        Arbitrary<String> word = allowedLines(12).map(text -> "§" + text.replace(" ", ""));
        Arbitrary<String> separator = Arbitraries.of(" ", " :", "=", "\t", ":", "\u001B", "");
        return Combinators.combine(word, separator, word).as((a, sep, b) -> a + sep + b);
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

    /// Addresses as a moderator types them after `/ban`: IPv4, IPv6 (never starting with `:`,
    /// which a token cannot), and an IPv6 prefix.
    static Arbitrary<String> addresses() {
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(parts -> String.join(".", parts.stream().map(String::valueOf).toList()));
        Arbitrary<String> ipv6 = Arbitraries.integers().between(0, 0xFFFF).list().ofMinSize(2).ofMaxSize(8)
                .map(parts -> String.join(":", parts.stream().map(Integer::toHexString).toList()));
        return Arbitraries.oneOf(ipv4, ipv6, Arbitraries.of("2001:db8::1", "2001:db8::/64", "fe80::1%eth0"));
    }

    /// A moderation target that suits `action`: none, a name, or a name or an address.
    static Arbitrary<Optional<String>> moderationTargets(Moderation action) {
        return switch (action.argument()) {
            case NONE -> Arbitraries.just(Optional.empty());
            case NAME -> nameValues().map(Optional::of);
            case NAME_OR_ADDRESS -> Arbitraries.oneOf(nameValues(), addresses()).map(Optional::of);
            case KEY -> keys().map(Optional::of);
            case LIMIT -> Arbitraries.integers().between(1, Moderation.MAX_LIMIT).map(String::valueOf).map(Optional::of);
        };
    }

    /// Room keys: 1 to 32 characters without spaces, commas or control characters, not
    /// starting with `:`.
    static Arbitrary<String> keys() {
        return Arbitraries.strings().withCharRange('!', '~').withChars('é', '€').excludeChars(',', ':')
                .ofMinLength(1).ofMaxLength(Moderation.MAX_KEY_LENGTH);
    }

    static Arbitrary<OptionalLong> sinceValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(OptionalLong.empty())),
                Tuple.of(3, Arbitraries.longs().between(0, Long.MAX_VALUE).map(OptionalLong::of)));
    }

    // ---- frames -----------------------------------------------------------------------------

    /// Every kind of [ClientFrame], each with arbitrary valid contents.
    static Arbitrary<ClientFrame> clientFrames() {
        return Arbitraries.oneOf(clientFramesOfVersion1(), clientFramesOfVersion2());
    }

    /// The frames a version 1 client sends.
    static Arbitrary<ClientFrame> clientFramesOfVersion1() {
        return Arbitraries.<ClientFrame>oneOf(
                Combinators.combine(Arbitraries.integers().greaterOrEqual(1), tokens()).as(ClientFrame.Hello::new),
                Combinators.combine(names(), sinceValues()).as(ClientFrame.Login::new),
                messages().map(ClientFrame.Say::new),
                passwords().map(ClientFrame.Pass::new),
                names().map(ClientFrame.Nick::new),
                tokens().map(ClientFrame.Ping::new),
                tokens().map(ClientFrame.Pong::new),
                Arbitraries.just(new ClientFrame.Quit()));
    }

    /// The frames version 2 added, and `SAY` with its version 2 attributes.
    static Arbitrary<ClientFrame> clientFramesOfVersion2() {
        Arbitrary<Boolean> action = Arbitraries.of(true, false);
        Arbitrary<ClientFrame.Moderate> moderate = Combinators.combine(roomNames(), Arbitraries.of(Moderation.class))
                .flatAs((room, verb) -> moderationTargets(verb)
                        .map(target -> new ClientFrame.Moderate(room, verb, target)));
        return Arbitraries.<ClientFrame>oneOf(
                Combinators.combine(targets().optional(), messages(), action).as(ClientFrame.Say::new),
                Combinators.combine(roomNames(), sinceValues(), keys().optional()).as(ClientFrame.Join::new),
                Combinators.combine(roomNames(), names()).as(ClientFrame.Invite::new),
                Combinators.combine(roomNames(), shortTexts()).as(ClientFrame.Part::new),
                Combinators.combine(roomNames(), shortTexts().optional()).as(ClientFrame.Topic::new),
                awayTexts().optional().map(ClientFrame.Away::new),
                Arbitraries.just(new ClientFrame.ListRooms()),
                roomNames().map(ClientFrame.Who::new),
                Combinators.combine(targets(), sinceValues()).as(ClientFrame.History::new),
                Combinators.combine(roomNames(), names(), shortTexts()).as(ClientFrame.Kick::new),
                moderate,
                passwords().map(ClientFrame.Oper::new));
    }

    /// Every kind of [ServerFrame], each with arbitrary valid contents: room events bare (the
    /// version 1 form) and in an [ServerFrame.InRoom]. Member lists are kept short enough to fit
    /// in one frame; [ServerFrames#membersFrames] is tested separately.
    static Arbitrary<ServerFrame> serverFrames() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, serverFramesOfVersion1()),
                Tuple.of(1, roomEvents(false).map(ServerFrame.class::cast)),
                Tuple.of(3, serverFramesOfVersion2()));
    }

    /// The frames version 2 added: room events with their room, private messages, away,
    /// room lists.
    static Arbitrary<ServerFrame> serverFramesOfVersion2() {
        return Arbitraries.<ServerFrame>oneOf(
                Combinators.combine(roomNames(), roomEvents(true)).as(ServerFrame.InRoom::new),
                Combinators.combine(names(), chats()).as(ServerFrame.Private::new),
                Combinators.combine(names(), Arbitraries.integers().greaterOrEqual(0))
                        .as(ServerFrame.PrivateHistory::new),
                Combinators.combine(names(), awayTexts().optional()).as(ServerFrame.Away::new),
                Combinators.combine(roomNames(), names(), names(), instants()).as(ServerFrame.Invited::new),
                Arbitraries.integers().greaterOrEqual(0).map(ServerFrame.RoomList::new),
                Combinators.combine(roomNames(), Arbitraries.integers().greaterOrEqual(0), shortTexts())
                        .as(ServerFrame.RoomInfo::new));
    }

    /// Chat messages, actions included.
    static Arbitrary<ServerFrame.Chat> chats() {
        return Combinators.combine(Arbitraries.longs().greaterOrEqual(1), instants(), names(), messages(),
                Arbitraries.of(true, false)).as(ServerFrame.Chat::new);
    }

    /// Every kind of room event. Flags on members survive only the version 2 form (`flags`):
    /// the bare form writes names only, so bare member lists and joins are generated without
    /// flags.
    static Arbitrary<ServerFrame.RoomEvent> roomEvents(boolean flags) {
        Arbitrary<List<Member>> memberLists = flags
                ? members().list().ofMaxSize(20)
                : names().map(Member::plain).list().ofMaxSize(20);
        Arbitrary<ServerFrame.Moderated> moderated = Combinators.combine(Arbitraries.of(Moderation.class), names(),
                        instants())
                .flatAs((action, by, time) -> moderationTargets(action)
                        .map(target -> new ServerFrame.Moderated(action, by, target, time)));
        return Arbitraries.<ServerFrame.RoomEvent>oneOf(
                chats(),
                flags ? Combinators.combine(members(), instants()).as(ServerFrame.Joined::new)
                        : Combinators.combine(names(), instants()).as(ServerFrame.Joined::new),
                Combinators.combine(names(), instants(), shortTexts()).as(ServerFrame.Parted::new),
                Combinators.combine(names(), names(), instants(), shortTexts()).as(ServerFrame.Kicked::new),
                Combinators.combine(memberLists, Arbitraries.of(true, false)).as(ServerFrame.Members::new),
                Arbitraries.integers().greaterOrEqual(0).map(ServerFrame.History::new),
                Combinators.combine(shortTexts(), names().optional(), instants().optional())
                        .as(ServerFrame.Topic::new),
                moderated);
    }

    /// The frames a version 1 client receives (room events bare).
    static Arbitrary<ServerFrame> serverFramesOfVersion1() {
        Arbitrary<ErrorCode> codes = Arbitraries.of(ErrorCode.class);
        Arbitrary<LeaveReason> reasons = Arbitraries.of(LeaveReason.class);
        return Arbitraries.<ServerFrame>oneOf(
                Combinators.combine(Arbitraries.integers().greaterOrEqual(1), tokens(),
                                Arbitraries.integers().greaterOrEqual(1), Arbitraries.integers().greaterOrEqual(1),
                                Arbitraries.integers().greaterOrEqual(0), Arbitraries.of(true, false))
                        .as(ServerFrame.Hello::new),
                Combinators.combine(names(), tokens()).as(ServerFrame.Welcome::new),
                Combinators.combine(names().list().ofMaxSize(20), Arbitraries.of(true, false))
                        .as(ServerFrame.Members::of),
                Arbitraries.integers().greaterOrEqual(0).map(ServerFrame.History::new),
                Combinators.combine(Arbitraries.longs().greaterOrEqual(1), instants(), names(), messages())
                        .as(ServerFrame.Chat::new),
                Combinators.combine(names(), instants()).as(ServerFrame.Joined::new),
                Combinators.combine(names(), instants(), reasons, shortTexts()).as(ServerFrame.Left::new),
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
