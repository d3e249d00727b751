package chatroom.protocol;

import java.util.Locale;
import java.util.Optional;

/// Reads a typed line as a [Command] ([#parse]). Never throws: a command with missing or
/// malformed arguments is [ErrorCode#BAD_COMMAND], an unknown one [ErrorCode#UNKNOWN_COMMAND],
/// each with a sentence that says what was expected.
public final class Commands {

    private Commands() {
    }

    /// Reads `line` (a whole line as typed, already checked by the framing rules).
    public static Parsed<Command> parse(String line) {
        if (!line.startsWith("/")) {
            return Text.checkMessage(line).then(text -> ok(new Command.Say(text)));
        }
        if (line.startsWith("//")) {
            return Text.checkMessage(line.substring(1)).then(text -> ok(new Command.Say(text)));
        }
        var words = new Words(line.substring(1));
        String verb = words.next().toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "help", "?" -> ok(new Command.Help());
            case "quit" -> ok(new Command.Quit());
            case "rooms", "list" -> ok(new Command.Rooms());
            case "join", "j" -> words.isEmpty()
                    ? usage("/join #room")
                    : RoomName.parse(words.next()).then(room -> words.isEmpty()
                            ? ok(new Command.Join(room))
                            : usage("/join #room (one room at a time)"));
            case "part", "leave" -> optionalRoom(words).then(room -> Text.checkShortText(words.rest())
                    .then(reason -> ok(new Command.Part(room, reason))));
            case "who", "names" -> optionalRoom(words).then(room -> words.isEmpty()
                    ? ok(new Command.Who(room)) : usage("/who [#room]"));
            case "msg", "query", "tell" -> {
                if (words.isEmpty()) {
                    yield usage("/msg NAME TEXT");
                }
                yield Target.parse(words.next()).then(to -> words.rest().isBlank()
                        ? usage("/msg NAME TEXT (the text is missing)")
                        : Text.checkMessage(words.rest()).then(text -> ok(new Command.Msg(to, text))));
            }
            case "me", "action" -> words.rest().isBlank()
                    ? usage("/me TEXT")
                    : Text.checkMessage(words.rest()).then(text -> ok(new Command.Me(text)));
            case "nick", "name" -> words.isEmpty()
                    ? usage("/nick NEW")
                    : Name.parse(words.next()).then(name -> words.isEmpty()
                            ? ok(new Command.Nick(name)) : usage("/nick NEW (a name has no spaces)"));
            case "topic" -> optionalRoom(words).then(room -> words.rest().isBlank()
                    ? ok(new Command.Topic(room, Optional.empty()))
                    : Text.checkShortText(words.rest()).then(text -> ok(new Command.Topic(room, Optional.of(text)))));
            case "away" -> words.rest().isBlank()
                    ? ok(new Command.Away(Optional.empty()))
                    : Text.checkShortText(words.rest()).then(text -> ok(new Command.Away(Optional.of(text))));
            case "kick" -> optionalRoom(words).then(room -> words.isEmpty()
                    ? usage("/kick [#room] NAME [reason]")
                    : Name.parse(words.next()).then(name -> Text.checkShortText(words.rest())
                            .then(reason -> ok(new Command.Kick(room, name, reason)))));
            case "op" -> moderate(words, Moderation.OP);
            case "deop" -> moderate(words, Moderation.DEOP);
            case "ban" -> moderate(words, Moderation.BAN);
            case "unban" -> moderate(words, Moderation.UNBAN);
            case "mute" -> moderate(words, Moderation.MUTE);
            case "unmute" -> moderate(words, Moderation.UNMUTE);
            case "locktopic" -> moderate(words, Moderation.LOCK_TOPIC);
            case "unlocktopic" -> moderate(words, Moderation.UNLOCK_TOPIC);
            case "close" -> moderate(words, Moderation.CLOSE);
            case "oper" -> words.rest().isEmpty()
                    ? usage("/oper PASSWORD")
                    : Text.checkPassword(words.rest()).then(password -> ok(new Command.Oper(password)));
            default -> Parsed.invalid(ErrorCode.UNKNOWN_COMMAND, "unknown command /" + shorten(verb)
                    + "; /help lists the commands (start a message with // to send a line starting with /)");
        };
    }

    private static Parsed<Command> moderate(Words words, Moderation action) {
        String verb = "/" + action.name().toLowerCase(Locale.ROOT).replace("_", "");
        return optionalRoom(words).then(room -> {
            if (action.argument() == Moderation.Argument.NONE) {
                return words.isEmpty() ? ok(new Command.Moderate(room, action, Optional.empty()))
                        : usage(verb + " [#room]");
            }
            String what = action.argument() == Moderation.Argument.NAME ? "NAME" : "NAME|ADDRESS";
            if (words.isEmpty()) {
                return usage(verb + " [#room] " + what);
            }
            String target = words.next();
            if (!words.isEmpty()) {
                return usage(verb + " [#room] " + what + " (one at a time)");
            }
            if (action.argument() == Moderation.Argument.NAME && Name.parse(target) instanceof Parsed.Invalid<Name> bad) {
                return bad.retype();
            }
            if (!Tokens.isToken(target)) {
                return usage(verb + " [#room] " + what);
            }
            return ok(new Command.Moderate(room, action, Optional.of(target)));
        });
    }

    /// A first word that starts with `#` names the room; otherwise the current room is meant.
    private static Parsed<Optional<RoomName>> optionalRoom(Words words) {
        if (words.peek().startsWith("#")) {
            return RoomName.parse(words.next()).then(room -> Parsed.ok(Optional.of(room)));
        }
        return Parsed.ok(Optional.empty());
    }

    private static Parsed<Command> usage(String form) {
        return Parsed.invalid(ErrorCode.BAD_COMMAND, "usage: " + form);
    }

    private static Parsed<Command> ok(Command command) {
        return Parsed.ok(command);
    }

    private static String shorten(String text) {
        return text.length() > 32 ? text.substring(0, 32) + "…" : text;
    }

    /// The words of a command line, separated by spaces or TABs; [#rest] is the text after the
    /// words taken so far, as typed (inner spaces kept, the leading ones dropped).
    private static final class Words {
        private final String line;
        private int position;

        Words(String line) {
            this.line = line;
        }

        boolean isEmpty() {
            skipBlanks();
            return position >= line.length();
        }

        String peek() {
            skipBlanks();
            int end = position;
            while (end < line.length() && !isBlank(line.charAt(end))) {
                end++;
            }
            return line.substring(position, end);
        }

        String next() {
            String word = peek();
            position += word.length();
            return word;
        }

        /// The rest of the line (it may be asked for more than once).
        String rest() {
            skipBlanks();
            return line.substring(position).stripTrailing();
        }

        private void skipBlanks() {
            while (position < line.length() && isBlank(line.charAt(position))) {
                position++;
            }
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }
    }
}
