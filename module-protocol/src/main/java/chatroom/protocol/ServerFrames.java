package chatroom.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// Encodes and decodes the structured frames the server sends.
///
/// Decoding never throws. A client meets frames from newer servers: it should ignore a
/// frame that decodes to [ErrorCode#UNKNOWN_VERB], and unknown attributes are ignored here.
public final class ServerFrames {

    /// The `auth` value of a `HELLO` from a server that needs a password. Other values, which
    /// later versions may define, are ignored by this version.
    private static final String PASSWORD_AUTH = "password";

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
                    writer.attribute("auth", PASSWORD_AUTH);
                }
                yield writer.end();
            }
            case ServerFrame.Welcome welcome -> new RawFrame.Writer("WELCOME").attribute("name", welcome.name())
                    .attribute("room", welcome.room()).end();
            case ServerFrame.RoomEvent event -> roomEvent(null, event);
            case ServerFrame.InRoom inRoom -> roomEvent(inRoom.room(), inRoom.event());
            case ServerFrame.Private message -> chat(new RawFrame.Writer("MSG"), message.chat(), message.to());
            case ServerFrame.PrivateHistory history -> new RawFrame.Writer("HISTORY")
                    .attribute("with", history.with()).attribute("count", history.count()).end();
            case ServerFrame.Away away -> {
                var writer = new RawFrame.Writer("AWAY").attribute("name", away.name());
                yield away.text().map(writer::trailing).orElseGet(writer::end);
            }
            case ServerFrame.Invited invited -> new RawFrame.Writer("INVITED").attribute("room", invited.room())
                    .attribute("by", invited.by()).attribute("name", invited.name())
                    .attribute("ts", Tokens.formatTime(invited.time())).end();
            case ServerFrame.RoomList list -> new RawFrame.Writer("ROOMS").attribute("count", list.count()).end();
            case ServerFrame.RoomInfo info -> new RawFrame.Writer("ROOM").attribute("room", info.room())
                    .attribute("members", info.members()).trailing(info.topic());
            case ServerFrame.Left left -> withReason(new RawFrame.Writer("LEFT").attribute("name", left.name())
                    .attribute("ts", Tokens.formatTime(left.time())).attribute("reason", left.reason().wire()),
                    left.text());
            case ServerFrame.Renamed renamed -> new RawFrame.Writer("RENAMED").attribute("from", renamed.from())
                    .attribute("to", renamed.to()).attribute("ts", Tokens.formatTime(renamed.time())).end();
            case ServerFrame.Notice notice -> new RawFrame.Writer("NOTICE").trailing(notice.text());
            case ServerFrame.Error error -> {
                var writer = new RawFrame.Writer("ERROR").attribute("code", error.code().wire());
                error.label().ifPresent(label -> writer.attribute("label", label));
                yield writer.trailing(error.text());
            }
            case ServerFrame.Ping ping -> new RawFrame.Writer("PING").attribute("token", ping.token()).end();
            case ServerFrame.Pong pong -> new RawFrame.Writer("PONG").attribute("token", pong.token()).end();
            case ServerFrame.Bye bye -> new RawFrame.Writer("BYE").attribute("reason", bye.reason().wire())
                    .trailing(bye.text());
        };
    }

    /// A room's event; `room` is `null` for the bare (version 1) form.
    private static String roomEvent(RoomName room, ServerFrame.RoomEvent event) {
        return switch (event) {
            case ServerFrame.Members members -> {
                var writer = inRoom("MEMBERS", room);
                if (members.more()) {
                    writer.attribute("more", 1);
                }
                // Version 1 shows names only: its readers would refuse a flagged name.
                yield writer.trailing(String.join(" ", members.members().stream()
                        .map(member -> room == null ? member.name().value() : member.wire()).toList()));
            }
            case ServerFrame.History history -> inRoom("HISTORY", room).attribute("count", history.count()).end();
            case ServerFrame.Chat chat -> chat(inRoom("MSG", room), chat, null);
            case ServerFrame.Joined joined -> {
                var writer = inRoom("JOINED", room).attribute("name", joined.name())
                        .attribute("ts", Tokens.formatTime(joined.time()));
                // Version 1 shows names only, as in its member lists.
                String flags = joined.member().flags();
                if (room != null && !flags.isEmpty()) {
                    writer.attribute("flags", flags);
                }
                yield writer.end();
            }
            case ServerFrame.Parted parted -> withReason(inRoom("PARTED", room).attribute("name", parted.name())
                    .attribute("ts", Tokens.formatTime(parted.time())), parted.reason());
            case ServerFrame.Kicked kicked -> withReason(inRoom("KICKED", room).attribute("name", kicked.name())
                    .attribute("by", kicked.by()).attribute("ts", Tokens.formatTime(kicked.time())), kicked.reason());
            case ServerFrame.Topic topic -> {
                var writer = inRoom("TOPIC", room);
                topic.by().ifPresent(by -> writer.attribute("by", by));
                topic.time().ifPresent(time -> writer.attribute("ts", Tokens.formatTime(time)));
                yield writer.trailing(topic.text());
            }
            case ServerFrame.Moderated moderated -> {
                var writer = inRoom("MODERATED", room).attribute("action", moderated.action().verb().toLowerCase(
                        java.util.Locale.ROOT)).attribute("by", moderated.by());
                moderated.target().ifPresent(target -> writer.attribute("target", target));
                yield writer.attribute("ts", Tokens.formatTime(moderated.time())).end();
            }
        };
    }

    private static RawFrame.Writer inRoom(String verb, RoomName room) {
        var writer = new RawFrame.Writer(verb);
        return room == null ? writer : writer.attribute("room", room);
    }

    private static String chat(RawFrame.Writer writer, ServerFrame.Chat chat, Name to) {
        writer.attribute("id", chat.id()).attribute("ts", Tokens.formatTime(chat.time())).attribute("from", chat.from());
        if (to != null) {
            writer.attribute("to", to);
        }
        if (chat.action()) {
            writer.attribute("action", 1);
        }
        return writer.trailing(chat.text());
    }

    private static String withReason(RawFrame.Writer writer, String reason) {
        return reason.isEmpty() ? writer.end() : writer.trailing(reason);
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
            case "MEMBERS", "HISTORY", "MSG", "JOINED", "PARTED", "KICKED", "TOPIC", "MODERATED" ->
                    conversationEvent(f);
            case "AWAY" -> f.requiredName("name").then(name -> shortTrailing(f).then(text -> ok(new ServerFrame.Away(
                    name, text.isBlank() ? Optional.empty() : Optional.of(text)))));
            case "INVITED" -> f.requiredRoom("room").then(room -> f.requiredName("by").then(by ->
                    f.requiredName("name").then(name -> f.requiredTime("ts")
                            .then(time -> ok(new ServerFrame.Invited(room, by, name, time))))));
            case "ROOMS" -> f.requiredInt("count", 0).then(count -> ok(new ServerFrame.RoomList(count)));
            case "ROOM" -> f.requiredRoom("room").then(room -> f.requiredInt("members", 0).then(members ->
                    shortTrailing(f).then(topic -> ok(new ServerFrame.RoomInfo(room, members, topic)))));
            case "HELLO" -> f.requiredInt("v", 1).then(v -> f.requiredToken("server").then(server ->
                    f.requiredInt("max-frame", 1).then(maxFrame -> f.requiredInt("max-text", 1).then(maxText ->
                            f.requiredInt("heartbeat", 0).then(heartbeat -> ok(
                                    new ServerFrame.Hello(v, server, maxFrame, maxText, heartbeat,
                                            f.optional("auth").filter(PASSWORD_AUTH::equals).isPresent())))))));
            case "WELCOME" -> f.requiredName("name").then(name -> f.requiredToken("room")
                    .then(room -> ok(new ServerFrame.Welcome(name, room))));
            case "LEFT" -> f.requiredName("name").then(name -> f.requiredTime("ts").then(time ->
                    ok(new ServerFrame.Left(name, time, f.optional("reason").flatMap(LeaveReason::fromWire)
                            .orElse(LeaveReason.CLOSED), wordsOnly(f)))));
            case "RENAMED" -> f.requiredName("from").then(from -> f.requiredName("to").then(to ->
                    f.requiredTime("ts").then(time -> ok(new ServerFrame.Renamed(from, to, time)))));
            case "NOTICE" -> f.requiredTrailing().then(text -> ok(new ServerFrame.Notice(text)));
            case "ERROR" -> f.requiredTrailing().then(text -> ok(new ServerFrame.Error(
                    f.optional("code").flatMap(ErrorCode::fromWire).orElse(ErrorCode.BAD_FRAME), text,
                    f.optional("label").filter(Tokens::isToken))));
            case "PING" -> f.token("token", "0").then(token -> ok(new ServerFrame.Ping(token)));
            case "PONG" -> f.token("token", "0").then(token -> ok(new ServerFrame.Pong(token)));
            case "BYE" -> f.requiredTrailing().then(text -> ok(new ServerFrame.Bye(
                    f.optional("reason").flatMap(LeaveReason::fromWire).orElse(LeaveReason.CLOSED), text)));
            default -> Parsed.invalid(ErrorCode.UNKNOWN_VERB, "unknown verb " + f.verb());
        };
    }

    /// A frame that belongs to a room (with `room=`), to a private conversation (`MSG … to=`,
    /// `HISTORY with=`), or bare to the default room (version 1).
    private static Parsed<ServerFrame> conversationEvent(RawFrame f) {
        String memberKey = f.verb().equals("MSG") ? "to" : "with";
        if ((f.verb().equals("MSG") || f.verb().equals("HISTORY")) && f.optional(memberKey).isPresent()) {
            if (f.optional("room").isPresent()) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, "room= and " + memberKey + "= exclude each other");
            }
            return f.verb().equals("MSG")
                    ? f.requiredName("to").then(to -> chat(f).then(chat -> ok(new ServerFrame.Private(to, chat))))
                    : f.requiredName("with").then(with -> f.requiredInt("count", 0)
                            .then(count -> ok(new ServerFrame.PrivateHistory(with, count))));
        }
        Parsed<ServerFrame.RoomEvent> event = roomEvent(f);
        if (f.optional("room").isEmpty()) {
            return event.then(ServerFrames::ok);
        }
        return f.requiredRoom("room").then(room -> event.then(e -> ok(new ServerFrame.InRoom(room, e))));
    }

    private static Parsed<ServerFrame.RoomEvent> roomEvent(RawFrame f) {
        return switch (f.verb()) {
            case "MEMBERS" -> f.requiredTrailing().then(ServerFrames::members)
                    .then(members -> event(new ServerFrame.Members(members, f.optional("more").isPresent())));
            case "HISTORY" -> f.requiredInt("count", 0).then(count -> event(new ServerFrame.History(count)));
            case "MSG" -> chat(f).then(ServerFrames::event);
            case "JOINED" -> f.requiredName("name").then(name -> f.requiredTime("ts")
                    .then(time -> event(new ServerFrame.Joined(Member.withFlags(name, f.optional("flags").orElse("")),
                            time))));
            case "PARTED" -> f.requiredName("name").then(name -> f.requiredTime("ts").then(time ->
                    shortTrailing(f).then(reason -> event(new ServerFrame.Parted(name, time, reason)))));
            case "KICKED" -> f.requiredName("name").then(name -> f.requiredName("by").then(by ->
                    f.requiredTime("ts").then(time -> shortTrailing(f)
                            .then(reason -> event(new ServerFrame.Kicked(name, by, time, reason))))));
            case "TOPIC" -> optionalName(f, "by").then(by -> optionalTime(f, "ts").then(time ->
                    shortTrailing(f).then(text -> event(new ServerFrame.Topic(text, by, time)))));
            case "MODERATED" -> f.required("action").then(action -> Moderation.fromVerb(action)
                    .<Parsed<Moderation>>map(Parsed::ok)
                    .orElseGet(() -> Parsed.invalid(ErrorCode.BAD_FRAME, "unknown action " + action))
                    .then(known -> f.requiredName("by").then(by -> f.requiredTime("ts").then(time ->
                            f.moderationTarget(known).then(target ->
                                    event(new ServerFrame.Moderated(known, by, target, time)))))));
            default -> Parsed.invalid(ErrorCode.UNKNOWN_VERB, "unknown verb " + f.verb());
        };
    }

    private static Parsed<ServerFrame.Chat> chat(RawFrame f) {
        boolean action = f.optional("action").filter("1"::equals).isPresent();
        return f.requiredLong("id", 1).then(id -> f.requiredTime("ts").then(time ->
                f.requiredName("from").then(from -> f.requiredTrailing().then(Text::checkMessage)
                        .then(text -> Parsed.ok(new ServerFrame.Chat(id, time, from, text, action))))));
    }

    /// The trailing text checked as a topic or reason; `""` when there is none.
    private static Parsed<String> shortTrailing(RawFrame f) {
        return f.trailing().map(Text::checkShortText).orElseGet(() -> Parsed.ok(""));
    }

    /// The trailing text of a frame that only carries it for people to read (a `LEFT`'s):
    /// `""` when there is none or it is not a valid short text, so that the frame itself (a
    /// departure) is never lost over its words.
    private static String wordsOnly(RawFrame f) {
        return f.trailing().map(Text::checkShortText)
                .map(text -> text instanceof Parsed.Ok<String>(String valid) ? valid : "").orElse("");
    }

    private static Parsed<Optional<Name>> optionalName(RawFrame f, String key) {
        return f.optional(key).isEmpty()
                ? Parsed.ok(Optional.empty())
                : f.requiredName(key).then(name -> Parsed.ok(Optional.of(name)));
    }

    private static Parsed<Optional<Instant>> optionalTime(RawFrame f, String key) {
        return f.optional(key).isEmpty()
                ? Parsed.ok(Optional.empty())
                : f.requiredTime(key).then(time -> Parsed.ok(Optional.of(time)));
    }

    private static Parsed<ServerFrame.RoomEvent> event(ServerFrame.RoomEvent event) {
        return Parsed.ok(event);
    }

    private static Parsed<List<Member>> members(String list) {
        List<Member> members = new ArrayList<>();
        for (String word : list.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            switch (Member.parse(word)) {
                case Parsed.Ok<Member>(Member member) -> members.add(member);
                case Parsed.Invalid<Member> invalid -> {
                    return invalid.retype();
                }
            }
        }
        return Parsed.ok(members);
    }

    private static Parsed<ServerFrame> ok(ServerFrame frame) {
        return Parsed.ok(frame);
    }

    /// Splits `members` into [ServerFrame.Members] frames that each fit in one frame.
    public static List<ServerFrame.Members> membersFrames(List<Member> members) {
        // Room for the verb, "room=" and "more=1" besides the names.
        int budget = Limits.MAX_FRAME_BYTES - 256;
        List<ServerFrame.Members> frames = new ArrayList<>();
        List<Member> chunk = new ArrayList<>();
        int used = 0;
        for (Member name : members) {
            int size = Text.utf8Length(name.wire()) + 1;
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
