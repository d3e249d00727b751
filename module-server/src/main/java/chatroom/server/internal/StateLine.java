package chatroom.server.internal;

import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.CRC32C;

/// One line of the rooms' state log (`rooms.log`, described in `docs/history-format.md`):
/// a [RoomChange] or the private conversations' id floor, as text an administrator can read,
/// behind the CRC32C of the rest of the line so that a damaged line is recognised.
///
/// ```text
/// 5b0ff1c2 TOPIC room=#rust by=alice ts=2026-12-05T10:00:00Z :Rust study group
/// ```
///
/// Stateless.
final class StateLine {

    /// The first line of the file, naming the format; the version follows it.
    static final String HEADER_PREFIX = "chatroom-rooms ";
    /// The version written. Version 2 added voices and the room modes (`VOICE`, `MODERATED`,
    /// `INVITEONLY`, `KEY`, `LIMIT`), which a version 1 server would skip as damaged, opening
    /// an invite-only room to everyone: it refuses a version 2 file instead.
    static final int VERSION = 2;
    /// The oldest version read; its files are rewritten as [#VERSION] when opened.
    static final int OLDEST_VERSION = 1;

    /// What a line holds.
    sealed interface Parsed {
    }

    /// A change of a room.
    record Change(RoomChange change) implements StateLine.Parsed {
    }

    /// No id up to `floor` may be given out again (see [Archive#lastId]).
    record IdFloor(long floor) implements StateLine.Parsed {
    }

    /// A line that is not valid, and why.
    record Damaged(String problem) implements StateLine.Parsed {
    }

    private StateLine() {
    }

    static String header() {
        return HEADER_PREFIX + VERSION;
    }

    /// `change` as a line, without its newline.
    static String encode(RoomChange change) {
        String body = switch (change) {
            case RoomChange.Created created -> "CREATED room=" + created.room() + " ts=" + created.time();
            case RoomChange.TopicSet topic -> "TOPIC room=" + topic.room()
                    + topic.by().map(by -> " by=" + by.value()).orElse("")
                    + topic.time().map(time -> " ts=" + time).orElse("")
                    + " :" + escape(topic.text());
            case RoomChange.TopicLocked locked -> "TOPICLOCK room=" + locked.room() + " locked=" + locked.locked();
            case RoomChange.OperatorSet operator -> "OPERATOR room=" + operator.room() + " name="
                    + operator.name().value() + " operator=" + operator.operator();
            case RoomChange.MuteSet mute -> "MUTE room=" + mute.room() + " name=" + mute.name().value()
                    + " muted=" + mute.muted();
            case RoomChange.VoiceSet voice -> "VOICE room=" + voice.room() + " name=" + voice.name().value()
                    + " voiced=" + voice.voiced();
            case RoomChange.ModeratedSet moderated -> "MODERATED room=" + moderated.room() + " moderated="
                    + moderated.moderated();
            case RoomChange.InviteOnlySet inviteOnly -> "INVITEONLY room=" + inviteOnly.room() + " inviteonly="
                    + inviteOnly.inviteOnly();
            case RoomChange.KeySet key -> "KEY room=" + key.room() + key.key().map(value -> " key=" + value).orElse("");
            case RoomChange.LimitSet limit -> "LIMIT room=" + limit.room()
                    + (limit.limit().isPresent() ? " limit=" + limit.limit().getAsInt() : "");
            case RoomChange.BanAdded ban -> "BAN room=" + ban.room() + ban(ban.ban());
            case RoomChange.BanRemoved ban -> "UNBAN room=" + ban.room() + ban(ban.ban());
            case RoomChange.Closed closed -> "CLOSED room=" + closed.room();
        };
        return withCrc(body);
    }

    /// The id floor as a line, without its newline.
    static String idFloor(long floor) {
        return withCrc("IDS floor=" + floor);
    }

    /// Reads one line (without its newline).
    static StateLine.Parsed parse(String line) {
        int space = line.indexOf(' ');
        if (space != 8) {
            return new Damaged("no checksum");
        }
        String body = line.substring(9);
        if (!line.substring(0, 8).equals(crc(body))) {
            return new Damaged("checksum mismatch");
        }
        try {
            return parseBody(body);
        } catch (RuntimeException e) {
            return new Damaged(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static StateLine.Parsed parseBody(String body) {
        String text = null;
        int colon = body.indexOf(" :");
        String fieldsPart = body;
        if (colon >= 0) {
            text = unescape(body.substring(colon + 2));
            fieldsPart = body.substring(0, colon);
        }
        String[] words = fieldsPart.split(" ");
        String verb = words[0];
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            if (equals <= 0 || fields.put(words[i].substring(0, equals), words[i].substring(equals + 1)) != null) {
                throw new IllegalArgumentException("bad field '" + words[i] + "'");
            }
        }
        if (verb.equals("IDS")) {
            return new IdFloor(Long.parseLong(required(fields, "floor")));
        }
        RoomName room = new RoomName(required(fields, "room"));
        RoomChange change = switch (verb) {
            case "CREATED" -> new RoomChange.Created(room, time(required(fields, "ts")));
            case "TOPIC" -> {
                if (text == null) {
                    throw new IllegalArgumentException("TOPIC without ':text'");
                }
                yield new RoomChange.TopicSet(room, text, Optional.ofNullable(fields.get("by")).map(StateLine::name),
                        Optional.ofNullable(fields.get("ts")).map(StateLine::time));
            }
            case "TOPICLOCK" -> new RoomChange.TopicLocked(room, bool(required(fields, "locked")));
            case "OPERATOR" -> new RoomChange.OperatorSet(room, name(required(fields, "name")),
                    bool(required(fields, "operator")));
            case "MUTE" -> new RoomChange.MuteSet(room, name(required(fields, "name")), bool(required(fields, "muted")));
            case "VOICE" -> new RoomChange.VoiceSet(room, name(required(fields, "name")), bool(required(fields, "voiced")));
            case "MODERATED" -> new RoomChange.ModeratedSet(room, bool(required(fields, "moderated")));
            case "INVITEONLY" -> new RoomChange.InviteOnlySet(room, bool(required(fields, "inviteonly")));
            case "KEY" -> new RoomChange.KeySet(room, Optional.ofNullable(fields.get("key")).map(StateLine::key));
            case "LIMIT" -> new RoomChange.LimitSet(room, fields.containsKey("limit")
                    ? OptionalInt.of(limit(fields.get("limit"))) : OptionalInt.empty());
            case "BAN" -> new RoomChange.BanAdded(room, ban(fields));
            case "UNBAN" -> new RoomChange.BanRemoved(room, ban(fields));
            case "CLOSED" -> new RoomChange.Closed(room);
            default -> throw new IllegalArgumentException("unknown change '" + verb + "'");
        };
        return new Change(change);
    }

    private static String ban(RoomChange.Ban ban) {
        return ban.name().map(name -> " name=" + name.value()).orElse("")
                + ban.address().map(address -> " address=" + address).orElse("")
                + " by=" + ban.by().value() + " ts=" + ban.time();
    }

    private static RoomChange.Ban ban(Map<String, String> fields) {
        Optional<AddressBan> address = Optional.ofNullable(fields.get("address")).map(text ->
                switch (AddressBan.parse(text)) {
                    case chatroom.protocol.Parsed.Ok<AddressBan>(AddressBan ok) -> ok;
                    case chatroom.protocol.Parsed.Invalid<AddressBan> invalid ->
                            throw new IllegalArgumentException("bad address '" + text + "'");
                });
        return new RoomChange.Ban(Optional.ofNullable(fields.get("name")).map(StateLine::name), address,
                name(required(fields, "by")), time(required(fields, "ts")));
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key + "=");
        }
        return value;
    }

    private static Name name(String text) {
        if (Name.parse(text) instanceof chatroom.protocol.Parsed.Ok<Name>(Name name)) {
            return name;
        }
        throw new IllegalArgumentException("bad name '" + text + "'");
    }

    private static String key(String text) {
        if (Moderation.checkKey(text) instanceof chatroom.protocol.Parsed.Ok<String>) {
            return text;
        }
        throw new IllegalArgumentException("bad key");
    }

    private static int limit(String text) {
        if (Moderation.checkLimit(text) instanceof chatroom.protocol.Parsed.Ok<Integer>(Integer limit)) {
            return limit;
        }
        throw new IllegalArgumentException("bad limit '" + text + "'");
    }

    private static Instant time(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("bad time '" + text + "'");
        }
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false: '" + text + "'");
        };
    }

    private static String withCrc(String body) {
        return crc(body) + " " + body;
    }

    /// CRC32C of the line's UTF-8 bytes after the checksum and its space, 8 lower-case hex digits.
    static String crc(String body) {
        var crc = new CRC32C();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /// A topic on one line: `\` becomes `\\`, a line feed `\n`, a carriage return `\r`.
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= text.length()) {
                throw new IllegalArgumentException("a lone '\\' at the end");
            }
            out.append(switch (text.charAt(i)) {
                case '\\' -> '\\';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> throw new IllegalArgumentException("unknown escape '\\" + text.charAt(i) + "'");
            });
        }
        return out.toString();
    }
}
