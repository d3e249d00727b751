package chatroom.client.viewmodel;

import chatroom.protocol.Command;
import chatroom.protocol.Commands;
import chatroom.protocol.Limits;
import chatroom.protocol.Parsed;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/// The command words the input completes, and a refusal of [Commands#parse] worded in the UI's
/// language (the parser words its refusals in English, for the server's plain dialect).
///
/// The protocol module does not list its command words, so they are listed here; a test checks
/// the list against [Command#HELP], so the two cannot drift apart.
final class CommandWords {

    /// Every command word [Command#HELP] names (the aliases it names included), sorted, each
    /// with its `/`.
    static final List<String> WORDS = List.of("/away", "/ban", "/clearkey", "/clearlimit", "/close", "/deop",
            "/devoice", "/help", "/invite", "/inviteonly", "/join", "/kick", "/leave", "/list", "/locktopic", "/me",
            "/moderate", "/msg", "/mute", "/nick", "/op", "/oper", "/part", "/public", "/quit", "/rooms", "/setkey",
            "/setlimit", "/topic", "/unban", "/unlocktopic", "/unmoderate", "/unmute", "/voice", "/who");

    /// The usage (the end of a `composer.usage.` key) of each command that takes arguments, by
    /// every word the parser takes for it (its aliases too).
    private static final Map<String, String> USAGE = Map.ofEntries(
            entry("join", "join"), entry("j", "join"),
            entry("part", "part"), entry("leave", "part"),
            entry("who", "who"), entry("names", "who"),
            entry("msg", "msg"), entry("query", "msg"), entry("tell", "msg"),
            entry("me", "me"), entry("action", "me"),
            entry("nick", "nick"), entry("name", "nick"),
            entry("topic", "topic"),
            entry("kick", "kick"),
            entry("op", "name"), entry("deop", "name"), entry("mute", "name"), entry("unmute", "name"),
            entry("ban", "nameOrAddress"), entry("unban", "nameOrAddress"),
            entry("locktopic", "room"), entry("unlocktopic", "room"), entry("close", "room"),
            entry("voice", "name"), entry("devoice", "name"), entry("invite", "name"),
            entry("moderate", "room"), entry("unmoderate", "room"), entry("inviteonly", "room"),
            entry("public", "room"), entry("clearkey", "room"), entry("clearlimit", "room"),
            entry("setkey", "key"), entry("setlimit", "limit"),
            entry("oper", "oper"));

    /// The commands whose text is a message (limited to [Limits#MAX_TEXT_BYTES]); the texts of
    /// the others (topics, reasons, away texts) are limited to [Limits#MAX_TOPIC_BYTES].
    private static final Set<String> MESSAGE_VERBS = Set.of("me", "action", "msg", "query", "tell");

    /// An unknown command is quoted up to this many characters, as the parser quotes it.
    private static final int QUOTED = 32;

    private CommandWords() {
    }

    /// Why `line` was refused by [Commands#parse], in the UI's language.
    static String explain(Texts texts, String line, Parsed.Invalid<?> refusal) {
        boolean command = line.startsWith("/") && !line.startsWith("//");
        String verb = command ? verb(line) : "";
        String key = verb.toLowerCase(Locale.ROOT);
        return switch (refusal.code()) {
            case TEXT_TOO_LONG -> texts.format("composer.tooLong",
                    !command || MESSAGE_VERBS.contains(key) ? Limits.MAX_TEXT_BYTES : Limits.MAX_TOPIC_BYTES);
            case BAD_CHARACTER -> texts.get("composer.badCharacter");
            case EMPTY_TEXT -> texts.get("composer.empty");
            case UNKNOWN_COMMAND -> unknown(texts, verb);
            // A missing or malformed argument (a bad name or room, a password that cannot be
            // sent): the usage says what is expected. Other codes are a server's, never the
            // parser's; should one come, the parser's own words are better than none.
            default -> USAGE.containsKey(key)
                    ? texts.format("composer.usage." + USAGE.get(key), "/" + key)
                    : texts.format("composer.invalid", refusal.detail());
        };
    }

    /// The word right after the `/`, up to the first blank, as typed.
    private static String verb(String line) {
        int end = 1;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
            end++;
        }
        return line.substring(1, end);
    }

    /// Quotes the unknown command, cut as the parser cuts it, except one that starts like
    /// `oper`: it may be `/oper` with the password typed without its space.
    private static String unknown(Texts texts, String verb) {
        if (verb.isEmpty()) {
            return texts.get("composer.noCommand");
        }
        if (verb.toLowerCase(Locale.ROOT).startsWith("oper")) {
            return texts.get("composer.unknown.unquoted");
        }
        int length = verb.codePointCount(0, verb.length());
        String quoted = length > QUOTED ? verb.substring(0, verb.offsetByCodePoints(0, QUOTED)) + "…" : verb;
        return texts.format("composer.unknown", "/" + quoted);
    }
}
