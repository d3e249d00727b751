package chatroom.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/// Reads a typed line as a [Command] ([#parse]). Never throws: a command with missing or
/// malformed arguments (a room without its `#`, a name with a space) is
/// [ErrorCode#BAD_COMMAND], an unknown one [ErrorCode#UNKNOWN_COMMAND], each with a sentence
/// that says what was expected. Texts keep the refusals they have as messages
/// ([ErrorCode#TEXT_TOO_LONG], [ErrorCode#EMPTY_TEXT]).
public final class Commands {

    private static final String JOIN = "/join #room [KEY]";
    private static final String PART = "/part [#room] [reason]";
    private static final String WHO = "/who [#room]";
    private static final String MSG = "/msg NAME TEXT";
    private static final String ME = "/me TEXT";
    private static final String NICK = "/nick NEW";
    private static final String TOPIC = "/topic [#room] [TEXT]";
    private static final String KICK = "/kick [#room] NAME [reason]";
    private static final String INVITE = "/invite [#room] NAME";
    private static final String OPER = "/oper PASSWORD";

    /// What follows every refusal of an unknown command.
    private static final String HELP_HINT =
            "; /help lists the commands (start a message with // to send a line starting with /)";

    private Commands() {
    }

    /// Reads `line` (a whole line as typed, already checked by the framing rules).
    ///
    /// A blank line is [ErrorCode#EMPTY_TEXT], which the plain dialect ignores without an error.
    /// `/quit` with white space around it is [Command.Quit], as [PlainText#isQuit] has always
    /// read it; any other line with a leading space is a message. A command's name follows its
    /// `/` directly (`/ quit` is no command).
    public static Parsed<Command> parse(String line) {
        if (PlainText.isQuit(line)) {
            return ok(new Command.Quit());
        }
        if (!line.startsWith("/")) {
            return Text.checkMessage(line).then(text -> ok(new Command.Say(text)));
        }
        if (line.startsWith("//")) {
            return Text.checkMessage(line.substring(1)).then(text -> ok(new Command.Say(text)));
        }
        var words = new Words(line.substring(1));
        String verb = words.verb().toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "help", "?" -> ok(new Command.Help());
            case "quit" -> ok(new Command.Quit());
            case "rooms", "list" -> ok(new Command.Rooms());
            case "join", "j" -> words.isEmpty()
                    ? usage(JOIN)
                    : argument(RoomName.parse(words.next()), JOIN).then(room -> join(room, words));
            case "part", "leave" -> optionalRoom(words, PART).then(room -> Text.checkShortText(words.rest())
                    .then(reason -> ok(new Command.Part(room, reason))));
            case "who", "names" -> optionalRoom(words, WHO).then(room -> words.isEmpty()
                    ? ok(new Command.Who(room)) : usage(WHO));
            case "msg", "query", "tell" -> words.isEmpty()
                    ? usage(MSG)
                    : argument(Target.parse(words.next()), MSG).then(to -> message(words.rest(),
                            MSG + " (the text is missing)", text -> new Command.Msg(to, text)));
            case "me", "action" -> message(words.rest(), ME, Command.Me::new);
            case "nick", "name" -> words.isEmpty()
                    ? usage(NICK)
                    : argument(Name.parse(words.next()), NICK).then(name -> words.isEmpty()
                            ? ok(new Command.Nick(name)) : usage(NICK + " (a name has no spaces)"));
            case "topic" -> optionalRoom(words, TOPIC).then(room -> {
                String text = words.rest();
                return text.isBlank()
                        ? ok(new Command.Topic(room, Optional.empty()))
                        : Text.checkShortText(text).then(topic -> ok(new Command.Topic(room, Optional.of(topic))));
            });
            case "away" -> {
                String text = words.rest();
                yield text.isBlank()
                        ? ok(new Command.Away(Optional.empty()))
                        : Text.checkShortText(text).then(away -> ok(new Command.Away(Optional.of(away))));
            }
            case "kick" -> optionalRoom(words, KICK).then(room -> words.isEmpty()
                    ? usage(KICK)
                    : argument(Name.parse(words.next()), KICK).then(name -> Text.checkShortText(words.rest())
                            .then(reason -> ok(new Command.Kick(room, name, reason)))));
            case "invite" -> optionalRoom(words, INVITE).then(room -> words.isEmpty()
                    ? usage(INVITE)
                    : argument(Name.parse(words.next()), INVITE).then(name -> words.isEmpty()
                            ? ok(new Command.Invite(room, name)) : usage(INVITE + " (one at a time)")));
            case "op" -> moderate(words, Moderation.OP);
            case "deop" -> moderate(words, Moderation.DEOP);
            case "ban" -> moderate(words, Moderation.BAN);
            case "unban" -> moderate(words, Moderation.UNBAN);
            case "mute" -> moderate(words, Moderation.MUTE);
            case "unmute" -> moderate(words, Moderation.UNMUTE);
            case "locktopic" -> moderate(words, Moderation.LOCK_TOPIC);
            case "unlocktopic" -> moderate(words, Moderation.UNLOCK_TOPIC);
            case "close" -> moderate(words, Moderation.CLOSE);
            case "voice" -> moderate(words, Moderation.VOICE);
            case "devoice" -> moderate(words, Moderation.DEVOICE);
            case "moderate" -> moderate(words, Moderation.MODERATE);
            case "unmoderate" -> moderate(words, Moderation.UNMODERATE);
            case "inviteonly" -> moderate(words, Moderation.INVITE_ONLY);
            case "public" -> moderate(words, Moderation.PUBLIC);
            case "setkey" -> moderate(words, Moderation.SET_KEY);
            case "clearkey" -> moderate(words, Moderation.CLEAR_KEY);
            case "setlimit" -> moderate(words, Moderation.SET_LIMIT);
            case "clearlimit" -> moderate(words, Moderation.CLEAR_LIMIT);
            case "oper" -> {
                String password = words.rest();
                yield password.isEmpty()
                        ? usage(OPER)
                        : Text.checkPassword(password).then(checked -> ok(new Command.Oper(checked)));
            }
            default -> Parsed.invalid(ErrorCode.UNKNOWN_COMMAND, unknown(verb) + HELP_HINT);
        };
    }

    /// A message text, or `usage` if there is none.
    private static Parsed<Command> message(String text, String usage, Function<String, Command> command) {
        return text.isBlank() ? usage(usage) : Text.checkMessage(text).then(checked -> ok(command.apply(checked)));
    }

    /// `/join #room [KEY]`, after the room.
    private static Parsed<Command> join(RoomName room, Words words) {
        if (words.isEmpty()) {
            return ok(new Command.Join(room));
        }
        String key = words.next();
        // `/join #rust #go` means two rooms, which is refused, not #go as #rust's key.
        return words.isEmpty() && !key.startsWith("#")
                ? argument(Moderation.checkKey(key), JOIN).then(valid -> ok(new Command.Join(room, Optional.of(valid))))
                : usage(JOIN + " (one room at a time)");
    }

    private static Parsed<Command> moderate(Words words, Moderation action) {
        String verb = "/" + action.name().toLowerCase(Locale.ROOT).replace("_", "");
        String form = switch (action.argument()) {
            case NONE -> verb + " [#room]";
            case NAME -> verb + " [#room] NAME";
            case NAME_OR_ADDRESS -> verb + " [#room] NAME|ADDRESS";
            case KEY -> verb + " [#room] KEY";
            case LIMIT -> verb + " [#room] NUMBER";
        };
        return optionalRoom(words, form).then(room -> {
            if (action.argument() == Moderation.Argument.NONE) {
                return words.isEmpty() ? ok(new Command.Moderate(room, action, Optional.empty())) : usage(form);
            }
            if (words.isEmpty()) {
                return usage(form);
            }
            String target = words.next();
            if (!words.isEmpty()) {
                return usage(form + " (one at a time)");
            }
            switch (action.argument()) {
                case NAME -> {
                    return argument(Name.parse(target), form)
                            .then(name -> ok(new Command.Moderate(room, action, Optional.of(name.value()))));
                }
                case KEY -> {
                    return argument(Moderation.checkKey(target), form)
                            .then(key -> ok(new Command.Moderate(room, action, Optional.of(key))));
                }
                case LIMIT -> {
                    return argument(Moderation.checkLimit(target), form)
                            .then(limit -> ok(new Command.Moderate(room, action, Optional.of(target))));
                }
                case NONE, NAME_OR_ADDRESS -> {
                    // An address is told apart from a name by the server, which knows who is present.
                }
            }
            // An address may start with ':' (::1), which no frame can carry as an attribute.
            return Tokens.isToken(target) ? ok(new Command.Moderate(room, action, Optional.of(target))) : usage(form);
        });
    }

    /// A first word that starts with `#` names the room; otherwise the current room is meant.
    private static Parsed<Optional<RoomName>> optionalRoom(Words words, String form) {
        if (words.peek().startsWith("#")) {
            return argument(RoomName.parse(words.next()), form).then(room -> Parsed.ok(Optional.of(room)));
        }
        return Parsed.ok(Optional.empty());
    }

    /// `parsed`, or, if the argument is no valid name or room, a [ErrorCode#BAD_COMMAND] that
    /// shows the command's `form` and says what is wrong with the argument.
    private static <T> Parsed<T> argument(Parsed<T> parsed, String form) {
        return switch (parsed) {
            case Parsed.Ok<T> valid -> valid;
            case Parsed.Invalid<T> invalid -> Parsed.invalid(ErrorCode.BAD_COMMAND,
                    "usage: " + form + " (" + invalid.detail() + ")");
        };
    }

    private static Parsed<Command> usage(String form) {
        return Parsed.invalid(ErrorCode.BAD_COMMAND, "usage: " + form);
    }

    private static Parsed<Command> ok(Command command) {
        return Parsed.ok(command);
    }

    /// The start of the refusal of an unknown command, which quotes the command, cut to 32
    /// characters (never inside one). A command that starts like `oper` is not quoted: it may
    /// be `/oper` with the password typed without its space.
    private static String unknown(String verb) {
        if (verb.isEmpty()) {
            return "no command after '/'";
        }
        if (verb.startsWith("oper")) {
            return "unknown command";
        }
        int length = verb.codePointCount(0, verb.length());
        return "unknown command /" + (length > 32 ? verb.substring(0, verb.offsetByCodePoints(0, 32)) + "…" : verb);
    }

    /// The words of a command line, separated by spaces or TABs; [#rest] is the text after the
    /// words taken so far, as typed (inner spaces kept, the leading and trailing ones dropped).
    private static final class Words {
        private final String line;
        private int position;

        Words(String line) {
            this.line = line;
        }

        /// The command's name: the characters right after the `/`, up to the first blank.
        String verb() {
            int end = position;
            while (end < line.length() && !isBlank(line.charAt(end))) {
                end++;
            }
            String verb = line.substring(position, end);
            position = end;
            return verb;
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

        /// The rest of the line; it does not take it, so asking twice gives the same text.
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
