package chatroom.protocol;

import java.util.Optional;
import java.util.OptionalLong;

/// Encodes and decodes the structured frames a client sends.
///
/// Decoding never throws: a line that is not a valid client frame comes back as a
/// [Parsed.Invalid] with [ErrorCode#UNKNOWN_VERB], [ErrorCode#BAD_FRAME] or a more specific code.
public final class ClientFrames {

    private ClientFrames() {
    }

    /// The frame's line, without the line end.
    public static String encode(ClientFrame frame) {
        return switch (frame) {
            case ClientFrame.Hello hello -> new RawFrame.Writer("HELLO")
                    .attribute("v", hello.version()).attribute("client", hello.client()).end();
            case ClientFrame.Login login -> {
                var writer = new RawFrame.Writer("LOGIN").attribute("name", login.name());
                login.since().ifPresent(since -> writer.attribute("since", since));
                yield writer.end();
            }
            case ClientFrame.Say say -> {
                var writer = new RawFrame.Writer("SAY");
                say.to().ifPresent(to -> writer.attribute(to instanceof RoomName ? "room" : "to", to.value()));
                if (say.action()) {
                    writer.attribute("action", 1);
                }
                yield writer.trailing(say.text());
            }
            case ClientFrame.Join join -> {
                var writer = new RawFrame.Writer("JOIN").attribute("room", join.room());
                join.since().ifPresent(since -> writer.attribute("since", since));
                join.key().ifPresent(key -> writer.attribute("key", key));
                yield writer.end();
            }
            case ClientFrame.Invite invite -> new RawFrame.Writer("INVITE").attribute("room", invite.room())
                    .attribute("name", invite.name()).end();
            case ClientFrame.Part part -> {
                var writer = new RawFrame.Writer("PART").attribute("room", part.room());
                yield part.reason().isEmpty() ? writer.end() : writer.trailing(part.reason());
            }
            case ClientFrame.Topic topic -> {
                var writer = new RawFrame.Writer("TOPIC").attribute("room", topic.room());
                yield topic.text().map(writer::trailing).orElseGet(writer::end);
            }
            case ClientFrame.Away away -> {
                var writer = new RawFrame.Writer("AWAY");
                yield away.text().map(writer::trailing).orElseGet(writer::end);
            }
            case ClientFrame.ListRooms list -> new RawFrame.Writer("ROOMS").end();
            case ClientFrame.Who who -> new RawFrame.Writer("WHO").attribute("room", who.room()).end();
            case ClientFrame.History history -> {
                var writer = new RawFrame.Writer("HISTORY")
                        .attribute(history.with() instanceof RoomName ? "room" : "with", history.with().value());
                history.since().ifPresent(since -> writer.attribute("since", since));
                yield writer.end();
            }
            case ClientFrame.Kick kick -> {
                var writer = new RawFrame.Writer("KICK").attribute("room", kick.room()).attribute("name", kick.name());
                yield kick.reason().isEmpty() ? writer.end() : writer.trailing(kick.reason());
            }
            case ClientFrame.Moderate moderate -> {
                var writer = new RawFrame.Writer(moderate.action().verb()).attribute("room", moderate.room());
                moderate.target().ifPresent(target -> writer.attribute("target", target));
                yield writer.end();
            }
            case ClientFrame.Oper oper -> new RawFrame.Writer("OPER").trailing(oper.password());
            case ClientFrame.Pass pass -> new RawFrame.Writer("PASS").trailing(pass.password());
            case ClientFrame.Nick nick -> new RawFrame.Writer("NICK").attribute("name", nick.name()).end();
            case ClientFrame.Ping ping -> new RawFrame.Writer("PING").attribute("token", ping.token()).end();
            case ClientFrame.Pong pong -> new RawFrame.Writer("PONG").attribute("token", pong.token()).end();
            case ClientFrame.Quit quit -> new RawFrame.Writer("QUIT").end();
        };
    }

    /// The frame's line with `label=LABEL` among its attributes (version 2): the server's
    /// refusal of it, if any, carries the same label.
    ///
    /// @throws IllegalArgumentException if `label` is not a token
    public static String encode(ClientFrame frame, String label) {
        Tokens.requireToken(label, "label");
        String line = encode(frame);
        // Attributes never hold a space, so the trailing text starts at the first " :".
        int trailing = line.indexOf(" :");
        return trailing < 0 ? line + " label=" + label
                : line.substring(0, trailing) + " label=" + label + line.substring(trailing);
    }

    /// The `label` a client put on `line`, if it is a frame with a valid one; whatever else
    /// is wrong with the frame.
    public static Optional<String> label(String line) {
        // Asked of every version 2 line the server reads: a scan, no split and no regex.
        int trailing = line.indexOf(" :");
        int headEnd = trailing < 0 ? line.length() : trailing;
        for (int at = line.indexOf("label="); at >= 0 && at < headEnd; at = line.indexOf("label=", at + 1)) {
            if (at > 0 && (line.charAt(at - 1) == ' ' || line.charAt(at - 1) == '\t')) {
                int end = at + "label=".length();
                while (end < headEnd && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
                    end++;
                }
                String label = line.substring(at + "label=".length(), end);
                return Tokens.isToken(label) ? Optional.of(label) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /// Reads one line (already split off and checked by [LineDecoder]) as a client frame.
    ///
    /// A refusal's detail may quote the line, except for a line that starts with `PASS` or
    /// `OPER` (in any case): a malformed password frame such as `PASS secret` (no `:`) must not
    /// have its password sent back in an error, or written to a log with it. Such a line is
    /// told the form of its verb instead.
    public static Parsed<ClientFrame> decode(String line) {
        Parsed<ClientFrame> parsed;
        try {
            parsed = RawFrame.parse(line).then(ClientFrames::interpret);
        } catch (IllegalArgumentException e) {
            // A record refused a value the checks above let through: still the peer's fault.
            parsed = Parsed.invalid(ErrorCode.BAD_FRAME, e.getMessage());
        }
        if (parsed instanceof Parsed.Invalid<ClientFrame>(ErrorCode code, String detail)
                && (code == ErrorCode.BAD_FRAME || code == ErrorCode.UNKNOWN_VERB)) {
            // Only these two codes have details that quote the input.
            Optional<String> form = passwordForm(line);
            if (form.isPresent()) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, form.get());
            }
        }
        return parsed;
    }

    /// Whether `line` asks for the structured dialect: a valid `HELLO` frame.
    public static boolean isHello(String line) {
        return decode(line) instanceof Parsed.Ok<ClientFrame>(ClientFrame.Hello hello);
    }

    /// The form to show instead of the usual detail if `line` may be a password frame, however
    /// malformed: its first word starts with `PASS` or `OPER`. Errs on the side of hiding too
    /// much (`PASSWORD x` and `OPERATOR x` are also hidden).
    private static Optional<String> passwordForm(String line) {
        String start = line.stripLeading();
        if (start.regionMatches(true, 0, "PASS", 0, 4)) {
            return Optional.of(Text.PASSWORD_FORM);
        }
        if (start.regionMatches(true, 0, "OPER", 0, 4)) {
            return Optional.of(Text.OPER_FORM);
        }
        return Optional.empty();
    }

    private static Parsed<ClientFrame> interpret(RawFrame frame) {
        return switch (frame.verb()) {
            case "HELLO" -> frame.requiredInt("v", 1).then(version -> frame.token("client", "unknown")
                    .then(client -> Parsed.ok(new ClientFrame.Hello(version, client))));
            case "LOGIN" -> frame.requiredName("name").then(name -> frame.optional("since")
                    .map(since -> RawFrame.toLong("since", since, 0)
                            .<ClientFrame>then(id -> Parsed.ok(new ClientFrame.Login(name, OptionalLong.of(id)))))
                    .orElseGet(() -> Parsed.ok(new ClientFrame.Login(name, OptionalLong.empty()))));
            case "SAY" -> target(frame, false).then(to -> frame.requiredTrailing().then(Text::checkMessage)
                    .then(text -> Parsed.ok(new ClientFrame.Say(to, text,
                            frame.optional("action").filter("1"::equals).isPresent()))));
            case "JOIN" -> frame.requiredRoom("room").then(room -> since(frame).then(since -> key(frame)
                    .then(key -> Parsed.ok(new ClientFrame.Join(room, since, key)))));
            case "INVITE" -> frame.requiredRoom("room").then(room -> frame.requiredName("name")
                    .then(name -> Parsed.ok(new ClientFrame.Invite(room, name))));
            case "PART" -> frame.requiredRoom("room").then(room -> shortTrailing(frame)
                    .then(reason -> Parsed.ok(new ClientFrame.Part(room, reason))));
            case "TOPIC" -> frame.requiredRoom("room").then(room -> frame.trailing().isEmpty()
                    ? Parsed.ok(new ClientFrame.Topic(room, Optional.empty()))
                    : shortTrailing(frame).then(text -> Parsed.ok(new ClientFrame.Topic(room, Optional.of(text)))));
            case "AWAY" -> shortTrailing(frame).then(text -> Parsed.ok(new ClientFrame.Away(
                    text.isBlank() ? Optional.empty() : Optional.of(text))));
            case "ROOMS" -> Parsed.ok(new ClientFrame.ListRooms());
            case "WHO" -> frame.requiredRoom("room").then(room -> Parsed.ok(new ClientFrame.Who(room)));
            case "HISTORY" -> target(frame, true).then(with -> with.isEmpty()
                    ? Parsed.invalid(ErrorCode.BAD_FRAME, "HISTORY needs room= or with=")
                    : since(frame).then(since -> Parsed.ok(new ClientFrame.History(with.get(), since))));
            case "KICK" -> frame.requiredRoom("room").then(room -> frame.requiredName("name").then(name ->
                    shortTrailing(frame).then(reason -> Parsed.ok(new ClientFrame.Kick(room, name, reason)))));
            case "OPER" -> frame.requiredTrailing().then(Text::checkPassword)
                    .then(password -> Parsed.ok(new ClientFrame.Oper(password)));
            case "PASS" -> frame.requiredTrailing().then(Text::checkPassword)
                    .then(password -> Parsed.ok(new ClientFrame.Pass(password)));
            case "NICK" -> frame.requiredName("name").then(name -> Parsed.ok(new ClientFrame.Nick(name)));
            case "PING" -> frame.token("token", "0").then(token -> Parsed.ok(new ClientFrame.Ping(token)));
            case "PONG" -> frame.token("token", "0").then(token -> Parsed.ok(new ClientFrame.Pong(token)));
            case "QUIT" -> Parsed.ok(new ClientFrame.Quit());
            default -> Moderation.fromVerb(frame.verb())
                    .map(action -> moderate(frame, action))
                    .orElseGet(() -> Parsed.invalid(ErrorCode.UNKNOWN_VERB, "unknown verb " + frame.verb()));
        };
    }

    private static Parsed<ClientFrame> moderate(RawFrame frame, Moderation action) {
        return frame.requiredRoom("room").then(room -> frame.moderationTarget(action)
                .then(target -> Parsed.ok(new ClientFrame.Moderate(room, action, target))));
    }

    /// `room=` or `to=` (or, for `HISTORY`, `with=`); empty if neither is given.
    private static Parsed<Optional<Target>> target(RawFrame frame, boolean history) {
        String memberKey = history ? "with" : "to";
        if (frame.optional("room").isPresent() && frame.optional(memberKey).isPresent()) {
            return Parsed.invalid(ErrorCode.BAD_FRAME, "room= and " + memberKey + "= exclude each other");
        }
        if (frame.optional("room").isPresent()) {
            return frame.requiredRoom("room").then(room -> Parsed.ok(Optional.of(room)));
        }
        if (frame.optional(memberKey).isPresent()) {
            return frame.requiredName(memberKey).then(name -> Parsed.ok(Optional.of(name)));
        }
        return Parsed.ok(Optional.empty());
    }

    private static Parsed<OptionalLong> since(RawFrame frame) {
        return frame.optional("since")
                .map(since -> RawFrame.toLong("since", since, 0).then(id -> Parsed.ok(OptionalLong.of(id))))
                .orElseGet(() -> Parsed.ok(OptionalLong.empty()));
    }

    private static Parsed<Optional<String>> key(RawFrame frame) {
        return frame.optional("key")
                .map(key -> RawFrame.badFrame(Moderation.checkKey(key)).then(valid -> Parsed.ok(Optional.of(valid))))
                .orElseGet(() -> Parsed.ok(Optional.empty()));
    }

    private static Parsed<String> shortTrailing(RawFrame frame) {
        return frame.trailing().map(Text::checkShortText).orElseGet(() -> Parsed.ok(""));
    }
}
