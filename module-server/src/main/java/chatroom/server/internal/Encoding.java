package chatroom.server.internal;

import chatroom.protocol.LeaveReason;
import chatroom.protocol.Limits;
import chatroom.protocol.Text;
import chatroom.protocol.PlainText;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;

import java.util.Optional;

/// The forms one frame takes on the wire, one per kind of recipient. A broadcast encodes its
/// frame at most once per encoding ([Outgoing]): a plain member sees a room's events as they
/// always looked when the room is its current room ([#PLAIN_HERE]) and with the room named
/// otherwise ([#PLAIN_ELSEWHERE]); a version 1 structured client sees only the default room,
/// in version 1's frames; a version 2 client sees everything with `room=`. IRC members are
/// encoded per [IrcForm] instead ([Outgoing#ircBytes]).
enum Encoding {
    PLAIN_HERE {
        @Override
        Optional<String> line(ServerFrame frame, RoomName defaultRoom) {
            return frame instanceof ServerFrame.InRoom(var room, ServerFrame.RoomEvent event)
                    ? PlainText.render(event)
                    : PlainText.render(frame);
        }
    },
    PLAIN_ELSEWHERE {
        @Override
        Optional<String> line(ServerFrame frame, RoomName defaultRoom) {
            return PlainText.render(frame);
        }
    },
    STRUCTURED_V1 {
        @Override
        Optional<String> line(ServerFrame frame, RoomName defaultRoom) {
            return switch (frame) {
                case ServerFrame.InRoom(RoomName room, ServerFrame.RoomEvent event) ->
                        room.sameAs(defaultRoom) ? Optional.of(ServerFrames.encode(versionOne(event))) : Optional.empty();
                case ServerFrame.Private message -> Optional.empty();
                case ServerFrame.PrivateHistory history -> Optional.empty();
                case ServerFrame.Away away -> Optional.empty();
                case ServerFrame.Invited invited -> Optional.empty();
                case ServerFrame.RoomList list -> Optional.empty();
                case ServerFrame.RoomInfo info -> Optional.empty();
                default -> Optional.of(ServerFrames.encode(frame));
            };
        }
    },
    STRUCTURED_V2 {
        @Override
        Optional<String> line(ServerFrame frame, RoomName defaultRoom) {
            return Optional.of(ServerFrames.encode(frame));
        }
    };

    /// The line that shows `frame` in this encoding, if it is shown at all.
    abstract Optional<String> line(ServerFrame frame, RoomName defaultRoom);

    /// The encoding of a broadcast's frame for a member speaking `dialect` (not IRC), whose
    /// current room is `current` (plain members only; `null` if in none), when the frame is
    /// about `room` (`null` if about no room).
    static Encoding of(Dialect dialect, Room current, Room room) {
        return switch (dialect) {
            case PLAIN -> room == null || room == current ? PLAIN_HERE : PLAIN_ELSEWHERE;
            case STRUCTURED_V1 -> STRUCTURED_V1;
            case STRUCTURED_V2 -> STRUCTURED_V2;
            case IRC -> throw new IllegalArgumentException("IRC members are encoded per IrcForm");
        };
    }

    /// A default-room event in version 1's frames, which have no parts, kicks, topics or
    /// moderation: leaving is `LEFT`, the rest a `NOTICE` worded as the plain dialect words it.
    private static ServerFrame versionOne(ServerFrame.RoomEvent event) {
        return switch (event) {
            case ServerFrame.Parted parted -> new ServerFrame.Left(parted.name(), parted.time(), LeaveReason.QUIT);
            case ServerFrame.Kicked kicked -> new ServerFrame.Left(kicked.name(), kicked.time(), LeaveReason.KICKED);
            case ServerFrame.Topic topic -> notice(topic);
            case ServerFrame.Moderated moderated -> notice(moderated);
            case ServerFrame.Chat chat -> chat.action() ? asTyped(chat) : chat;
            case ServerFrame.Joined joined -> joined;
            case ServerFrame.Members members -> members;
            case ServerFrame.History history -> history;
        };
    }

    /// An action as version 1 can show it, which knows no actions: the text as it was typed,
    /// `/me waves` (`alice: /me waves`), when that still fits in a message.
    private static ServerFrame.Chat asTyped(ServerFrame.Chat action) {
        String typed = "/me " + action.text();
        return Text.utf8Length(typed) > Limits.MAX_TEXT_BYTES ? action
                : new ServerFrame.Chat(action.id(), action.time(), action.from(), typed, false);
    }

    private static ServerFrame notice(ServerFrame.RoomEvent event) {
        String line = PlainText.render(event).orElseThrow();
        return new ServerFrame.Notice(line.substring(PlainText.NOTICE_PREFIX.length()));
    }
}
