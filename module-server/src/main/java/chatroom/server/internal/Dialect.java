package chatroom.server.internal;

import chatroom.protocol.PlainText;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;
import chatroom.protocol.Text;

import java.util.Optional;

/// The two ways a client may speak on the same port. The first line decides: a valid
/// `HELLO v=N` frame selects [#STRUCTURED], anything else is a plain client's name.
enum Dialect {
    PLAIN {
        @Override
        Optional<byte[]> encode(ServerFrame frame) {
            return PlainText.render(frame).map(Text::frameBytes);
        }
    },
    STRUCTURED {
        @Override
        Optional<byte[]> encode(ServerFrame frame) {
            return Optional.of(Text.frameBytes(ServerFrames.encode(frame)));
        }
    };

    /// The bytes that show `frame` to a client of this dialect, if it is shown at all.
    abstract Optional<byte[]> encode(ServerFrame frame);
}
