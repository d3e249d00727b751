package chatroom.server.internal;

import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Text;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/// One frame on its way to many clients, encoded at most once per [Encoding]: every
/// recipient of an encoding is handed the same byte array.
///
/// Not thread-safe: a broadcast encodes on one thread (under its room's lock, or alone).
final class Outgoing {

    private final ServerFrame frame;
    /// The room the frame is about, or `null`: decides between the plain encodings.
    private final Room room;
    private final RoomName defaultRoom;
    private final IrcLines irc;
    /// What the IRC sender of a message attached to it ([MessageExtras#NONE] for the rest).
    private final MessageExtras extras;
    /// The connection that sent the message, or `null`: the one whose echo carries a label.
    private final Connection sender;
    private final Map<Encoding, Optional<byte[]>> encoded = new EnumMap<>(Encoding.class);
    /// The IRC forms by [IrcForm#broadcastIndex()]; made when the first IRC member is sent it.
    private Optional<byte[]>[] ircEncoded;

    Outgoing(ServerFrame frame, Room room, RoomName defaultRoom, IrcLines irc) {
        this(frame, room, defaultRoom, irc, MessageExtras.NONE, null);
    }

    /// A message from `sender` (or `null` if it is gone) with what it attached.
    Outgoing(ServerFrame frame, Room room, RoomName defaultRoom, IrcLines irc, MessageExtras extras,
             Connection sender) {
        this.frame = frame;
        this.room = room;
        this.defaultRoom = defaultRoom;
        this.irc = irc;
        this.extras = extras;
        this.sender = sender;
    }

    ServerFrame frame() {
        return frame;
    }

    /// The room the frame is about, or `null` if it is about no room.
    Room room() {
        return room;
    }

    /// The frame's bytes in `encoding`, or empty if that encoding does not show this frame.
    Optional<byte[]> bytes(Encoding encoding) {
        // Not computeIfAbsent: its lambda would capture the frame, an object per delivery.
        Optional<byte[]> bytes = encoded.get(encoding);
        if (bytes == null) {
            bytes = encoding.line(frame, defaultRoom).map(Text::frameBytes);
            encoded.put(encoding, bytes);
        }
        return bytes;
    }

    /// The frame's bytes for IRC members whose capabilities give `form`, or empty if IRC does
    /// not show this frame to them.
    @SuppressWarnings("unchecked")
    Optional<byte[]> ircBytes(IrcForm form) {
        if (ircEncoded == null) {
            ircEncoded = new Optional[IrcForm.BROADCAST_FORMS];
        }
        int index = form.broadcastIndex();
        Optional<byte[]> bytes = ircEncoded[index];
        if (bytes == null) {
            bytes = ircLines(irc.broadcast(frame, form, extras.clientTags())).map(Text::frameBytes);
            ircEncoded[index] = bytes;
        }
        return bytes;
    }

    /// The label `member`'s echo of this message carries, if `member` sent it labeled.
    Optional<String> echoLabelFor(Connection member) {
        return member == sender ? extras.echoLabel() : Optional.empty();
    }

    /// The frame's lines for IRC member `form` with its sender's echo label: encoded for that
    /// one member, never shared.
    Optional<byte[]> labeledEcho(IrcForm form, String label) {
        var lines = irc.broadcast(frame, form, extras.clientTags());
        return lines.isEmpty() ? Optional.empty()
                : ircLines(IrcBatch.labeled(irc.server().name(), label, lines)).map(Text::frameBytes);
    }

    /// IRC lines as one "line" that [Text#frameBytes] ends: each line ends in CR LF, as IRC
    /// wants, and a frame may take several lines (a long message, a names list).
    static Optional<String> ircLines(java.util.List<String> lines) {
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\r\n", lines) + "\r");
    }
}
