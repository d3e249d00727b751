package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;
import chatroom.server.DataDirectoryException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/// The bytes of a history log, version 2 (described in `docs/history-format.md`); reads
/// version 1 too.
///
/// A header: the magic `CHATHIST`, the format version (int32) and the id floor (int64, an
/// id the server never assigns again). Then records, each: the payload length (int32), the
/// CRC32C of the length's 4 bytes and the payload (int32), the payload: message id (int64),
/// time in epoch milliseconds (int64), flags (one byte, version 2 only: bit 0 = an action,
/// `/me`), the sender's name length (uint16) and name (UTF-8), the message text (UTF-8, the
/// rest of the payload). All integers big-endian.
///
/// Version 1 had no flags byte, so every message read from it is an ordinary one. A server
/// never appends to a version 1 file: [HistoryLog] rewrites one as version 2 when it opens it.
///
/// Stateless.
final class LogFormat {

    /// The version this server writes.
    static final int VERSION = 2;
    /// The oldest version this server still reads.
    static final int OLDEST_READABLE = 1;
    static final int HEADER_BYTES = 20;
    static final int RECORD_HEADER_BYTES = 8;
    /// id, time, flags, name length, a name and a text of at least one byte each.
    static final int MIN_PAYLOAD_BYTES = 8 + 8 + 1 + 2 + 1 + 1;
    /// Flag bit: the message is an action (`/me waves`).
    static final int FLAG_ACTION = 1;

    /// A checked header: the format `version` and the `idFloor`.
    record Header(int version, long idFloor) {
    }
    /// Far above any record this version writes (a name of 128 bytes, a text of 4096), so a
    /// damaged length is recognised without reading megabytes.
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final byte[] MAGIC = "CHATHIST".getBytes(StandardCharsets.US_ASCII);

    private LogFormat() {
    }

    /// A header with `idFloor`, ready to write.
    static ByteBuffer header(long idFloor) {
        return ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(VERSION).putLong(idFloor).flip();
    }

    /// Whether `start` (fewer than [#HEADER_BYTES] bytes) could be the beginning of a header:
    /// what a crash while creating the log leaves.
    static boolean isHeaderPrefix(ByteBuffer start) {
        int length = Math.min(start.remaining(), MAGIC.length);
        return Arrays.equals(MAGIC, 0, length, bytes(start, length), 0, length);
    }

    /// Checks a header read from `file` and returns its version and id floor.
    ///
    /// @throws DataDirectoryException if it is not a history log's header, or of a version this
    ///                                server does not read
    static Header checkHeader(ByteBuffer header, Path file) throws DataDirectoryException {
        if (!Arrays.equals(MAGIC, bytes(header, MAGIC.length))) {
            throw new DataDirectoryException(file + " is not a chatroom history log (it does not start with CHATHIST);"
                    + " move it away or choose another --data-dir");
        }
        int version = header.getInt(MAGIC.length);
        if (version < OLDEST_READABLE || version > VERSION) {
            throw new DataDirectoryException(file + " has history format version " + version
                    + "; this server reads versions " + OLDEST_READABLE + " to " + VERSION
                    + " (use the chatroom version that wrote it, or move the file away)");
        }
        return new Header(version, header.getLong(MAGIC.length + 4));
    }

    /// Fewest payload bytes a record of `version` has.
    static int minPayloadBytes(int version) {
        return version == 1 ? MIN_PAYLOAD_BYTES - 1 : MIN_PAYLOAD_BYTES;
    }

    /// Most bytes [#encode] may write for `chat`.
    static int maxRecordBytes(ServerFrame.Chat chat) {
        return RECORD_HEADER_BYTES + 8 + 8 + 1 + 2 + 3 * (chat.from().value().length() + chat.text().length());
    }

    /// Appends `chat` as one record of the current [#VERSION] at `out`'s position; `out` has
    /// [#maxRecordBytes] left.
    static void encode(ServerFrame.Chat chat, ByteBuffer out) {
        byte[] name = chat.from().value().getBytes(StandardCharsets.UTF_8);
        byte[] text = chat.text().getBytes(StandardCharsets.UTF_8);
        int start = out.position();
        int payload = 8 + 8 + 1 + 2 + name.length + text.length;
        out.putInt(payload).putInt(0)
                .putLong(chat.id()).putLong(chat.time().toEpochMilli())
                .put((byte) (chat.action() ? FLAG_ACTION : 0))
                .putShort((short) name.length).put(name).put(text);
        out.putInt(start + 4, crc(out, start, payload));
    }

    /// The checksum of the record at `start` in `buffer` whose payload is `payload` bytes:
    /// CRC32C over the length field and the payload.
    static int crc(ByteBuffer buffer, int start, int payload) {
        var crc = new CRC32C();
        crc.update(buffer.slice(start, 4));
        crc.update(buffer.slice(start + RECORD_HEADER_BYTES, payload));
        return (int) crc.getValue();
    }

    /// The message in a payload of a file of `version`, or empty if the payload does not hold
    /// a valid one (unknown flags included: a later version may give them a meaning).
    static Optional<ServerFrame.Chat> decode(ByteBuffer payload, int version) {
        if (payload.remaining() < minPayloadBytes(version)) {
            return Optional.empty();
        }
        long id = payload.getLong(0);
        long millis = payload.getLong(8);
        int at = 16;
        int flags = 0;
        if (version >= 2) {
            flags = Byte.toUnsignedInt(payload.get(at++));
            if ((flags & ~FLAG_ACTION) != 0) {
                return Optional.empty();
            }
        }
        int nameLength = Short.toUnsignedInt(payload.getShort(at));
        at += 2;
        int textLength = payload.remaining() - at - nameLength;
        if (textLength < 1) {
            return Optional.empty();
        }
        try {
            String name = utf8(payload.slice(at, nameLength));
            String text = utf8(payload.slice(at + nameLength, textLength));
            if (!(Name.parse(name) instanceof Parsed.Ok<Name>(Name sender))) {
                return Optional.empty();
            }
            return Optional.of(new ServerFrame.Chat(id, Instant.ofEpochMilli(millis), sender, text,
                    (flags & FLAG_ACTION) != 0));
        } catch (CharacterCodingException | RuntimeException e) {
            // Not UTF-8, an id below 1, a time out of range or a text the protocol refuses.
            return Optional.empty();
        }
    }

    private static String utf8(ByteBuffer bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes)
                .toString();
    }

    private static byte[] bytes(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        buffer.get(buffer.position(), bytes, 0, Math.min(length, buffer.remaining()));
        return bytes;
    }
}
