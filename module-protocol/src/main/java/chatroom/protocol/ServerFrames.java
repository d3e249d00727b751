package chatroom.protocol;

import java.util.ArrayList;
import java.util.List;

/// Encodes and decodes the structured frames the server sends.
///
/// Decoding never throws. A client meets frames from newer servers: it should ignore a
/// frame that decodes to [ErrorCode#UNKNOWN_VERB], and unknown attributes are ignored here.
public final class ServerFrames {

    private ServerFrames() {
    }

    /// The frame's line, without the line end.
    public static String encode(ServerFrame frame) {
        return switch (frame) {
            case ServerFrame.Hello hello -> {
                var writer = new RawFrame.Writer("HELLO")
                        .attribute("v", hello.version()).attribute("server", hello.server())
                        .attribute("max-frame", hello.maxFrameBytes()).attribute("max-text", hello.maxTextBytes())
                        .attribute("heartbeat", hello.heartbeatSeconds());
                if (hello.passwordRequired()) {
                    writer.attribute("auth", "password");
                }
                yield writer.end();
            }
            case ServerFrame.Welcome welcome -> new RawFrame.Writer("WELCOME").attribute("name", welcome.name())
                    .attribute("room", welcome.room()).end();
            case ServerFrame.Members members -> {
                var writer = new RawFrame.Writer("MEMBERS");
                if (members.more()) {
                    writer.attribute("more", 1);
                }
                yield writer.trailing(String.join(" ", members.names().stream().map(Name::value).toList()));
            }
            case ServerFrame.History history -> new RawFrame.Writer("HISTORY").attribute("count", history.count()).end();
            case ServerFrame.Chat chat -> new RawFrame.Writer("MSG").attribute("id", chat.id())
                    .attribute("ts", Tokens.formatTime(chat.time())).attribute("from", chat.from()).trailing(chat.text());
            case ServerFrame.Joined joined -> new RawFrame.Writer("JOINED").attribute("name", joined.name())
                    .attribute("ts", Tokens.formatTime(joined.time())).end();
            case ServerFrame.Left left -> new RawFrame.Writer("LEFT").attribute("name", left.name())
                    .attribute("ts", Tokens.formatTime(left.time())).attribute("reason", left.reason().wire()).end();
            case ServerFrame.Renamed renamed -> new RawFrame.Writer("RENAMED").attribute("from", renamed.from())
                    .attribute("to", renamed.to()).attribute("ts", Tokens.formatTime(renamed.time())).end();
            case ServerFrame.Notice notice -> new RawFrame.Writer("NOTICE").trailing(notice.text());
            case ServerFrame.Error error -> new RawFrame.Writer("ERROR").attribute("code", error.code().wire())
                    .trailing(error.text());
            case ServerFrame.Ping ping -> new RawFrame.Writer("PING").attribute("token", ping.token()).end();
            case ServerFrame.Pong pong -> new RawFrame.Writer("PONG").attribute("token", pong.token()).end();
            case ServerFrame.Bye bye -> new RawFrame.Writer("BYE").attribute("reason", bye.reason().wire())
                    .trailing(bye.text());
        };
    }

    /// Reads one line as a server frame.
    public static Parsed<ServerFrame> decode(String line) {
        try {
            return RawFrame.parse(line).then(ServerFrames::interpret);
        } catch (IllegalArgumentException e) {
            return Parsed.invalid(ErrorCode.BAD_FRAME, e.getMessage());
        }
    }

    private static Parsed<ServerFrame> interpret(RawFrame f) {
        return switch (f.verb()) {
            case "HELLO" -> f.requiredInt("v", 1).then(v -> f.requiredToken("server").then(server ->
                    f.requiredInt("max-frame", 1).then(maxFrame -> f.requiredInt("max-text", 1).then(maxText ->
                            f.requiredInt("heartbeat", 0).then(heartbeat -> ok(
                                    new ServerFrame.Hello(v, server, maxFrame, maxText, heartbeat,
                                            f.optional("auth").filter("password"::equals).isPresent())))))));
            case "WELCOME" -> f.requiredName("name").then(name -> f.requiredToken("room")
                    .then(room -> ok(new ServerFrame.Welcome(name, room))));
            case "MEMBERS" -> f.requiredTrailing().then(ServerFrames::names)
                    .then(names -> ok(new ServerFrame.Members(names, f.optional("more").isPresent())));
            case "HISTORY" -> f.requiredInt("count", 0).then(count -> ok(new ServerFrame.History(count)));
            case "MSG" -> f.requiredLong("id", 1).then(id -> f.requiredTime("ts").then(time ->
                    f.requiredName("from").then(from -> f.requiredTrailing().then(Text::checkMessage)
                            .then(text -> ok(new ServerFrame.Chat(id, time, from, text))))));
            case "JOINED" -> f.requiredName("name").then(name -> f.requiredTime("ts")
                    .then(time -> ok(new ServerFrame.Joined(name, time))));
            case "LEFT" -> f.requiredName("name").then(name -> f.requiredTime("ts").then(time ->
                    ok(new ServerFrame.Left(name, time, f.optional("reason").flatMap(LeaveReason::fromWire)
                            .orElse(LeaveReason.CLOSED)))));
            case "RENAMED" -> f.requiredName("from").then(from -> f.requiredName("to").then(to ->
                    f.requiredTime("ts").then(time -> ok(new ServerFrame.Renamed(from, to, time)))));
            case "NOTICE" -> f.requiredTrailing().then(text -> ok(new ServerFrame.Notice(text)));
            case "ERROR" -> f.requiredTrailing().then(text -> ok(new ServerFrame.Error(
                    f.optional("code").flatMap(ErrorCode::fromWire).orElse(ErrorCode.BAD_FRAME), text)));
            case "PING" -> f.token("token", "0").then(token -> ok(new ServerFrame.Ping(token)));
            case "PONG" -> f.token("token", "0").then(token -> ok(new ServerFrame.Pong(token)));
            case "BYE" -> f.requiredTrailing().then(text -> ok(new ServerFrame.Bye(
                    f.optional("reason").flatMap(LeaveReason::fromWire).orElse(LeaveReason.CLOSED), text)));
            default -> Parsed.invalid(ErrorCode.UNKNOWN_VERB, "unknown verb " + f.verb());
        };
    }

    private static Parsed<List<Name>> names(String list) {
        List<Name> names = new ArrayList<>();
        for (String word : list.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (Name.parse(word) instanceof Parsed.Invalid<Name> invalid) {
                return invalid.retype();
            }
            names.add(new Name(word));
        }
        return Parsed.ok(names);
    }

    private static Parsed<ServerFrame> ok(ServerFrame frame) {
        return Parsed.ok(frame);
    }

    /// Splits `names` into [ServerFrame.Members] frames that each fit in one frame.
    public static List<ServerFrame.Members> membersFrames(List<Name> names) {
        // Room for the verb and "more=1" besides the names; a name is at most 4 bytes a character.
        int budget = Limits.MAX_FRAME_BYTES - 32;
        List<ServerFrame.Members> frames = new ArrayList<>();
        List<Name> chunk = new ArrayList<>();
        int used = 0;
        for (Name name : names) {
            int size = Text.utf8Length(name.value()) + 1;
            if (used + size > budget && !chunk.isEmpty()) {
                frames.add(new ServerFrame.Members(chunk, true));
                chunk = new ArrayList<>();
                used = 0;
            }
            chunk.add(name);
            used += size;
        }
        frames.add(new ServerFrame.Members(chunk, false));
        return frames;
    }
}
