package chatroom.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/// What the server sends to structured clients. The plain dialect shows the same events as
/// text lines ([PlainText]). Records check their own invariants; times are kept to the
/// millisecond, which is what the wire carries.
public sealed interface ServerFrame {

    /// Answer to the client's `HELLO`: the version spoken and the limits in force.
    /// `passwordRequired` (`auth=password` on the wire): the client must send
    /// [ClientFrame.Pass] before `LOGIN`.
    record Hello(int version, String server, int maxFrameBytes, int maxTextBytes, int heartbeatSeconds,
                 boolean passwordRequired)
            implements ServerFrame {
        public Hello {
            if (version < 1 || maxFrameBytes < 1 || maxTextBytes < 1 || heartbeatSeconds < 0) {
                throw new IllegalArgumentException("invalid HELLO numbers");
            }
            Tokens.requireToken(server, "server");
        }

        /// A server that needs no password.
        public Hello(int version, String server, int maxFrameBytes, int maxTextBytes, int heartbeatSeconds) {
            this(version, server, maxFrameBytes, maxTextBytes, heartbeatSeconds, false);
        }
    }

    /// Login accepted: the name now in use and the room joined.
    record Welcome(Name name, String room) implements ServerFrame {
        public Welcome {
            Objects.requireNonNull(name, "name");
            Tokens.requireToken(room, "room");
        }
    }

    /// Part of the member list. A list longer than one frame is sent in several frames; all
    /// but the last carry `more`.
    record Members(List<Name> names, boolean more) implements ServerFrame {
        public Members {
            names = List.copyOf(names);
        }
    }

    /// Announces that the next `count` [Chat] frames are history, oldest first.
    record History(int count) implements ServerFrame {
        public History {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
        }
    }

    /// A chat message with its server-assigned id and time. Ids only ever increase, also across
    /// server restarts, so a client can ask for what it missed with `LOGIN since=ID`.
    record Chat(long id, Instant time, Name from, String text) implements ServerFrame {
        public Chat {
            if (id < 1) {
                throw new IllegalArgumentException("id must be positive: " + id);
            }
            time = Tokens.toMillis(time);
            Objects.requireNonNull(from, "from");
            Tokens.requireMessage(text);
        }
    }

    /// Somebody joined the room.
    record Joined(Name name, Instant time) implements ServerFrame {
        public Joined {
            Objects.requireNonNull(name, "name");
            time = Tokens.toMillis(time);
        }
    }

    /// Somebody left the room, and why.
    record Left(Name name, Instant time, LeaveReason reason) implements ServerFrame {
        public Left {
            Objects.requireNonNull(name, "name");
            time = Tokens.toMillis(time);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /// Somebody changed their name.
    record Renamed(Name from, Name to, Instant time) implements ServerFrame {
        public Renamed {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            time = Tokens.toMillis(time);
        }
    }

    /// A message from the server itself, for people to read.
    record Notice(String text) implements ServerFrame {
        public Notice {
            Tokens.requireText(text);
        }
    }

    /// A frame of the client's was refused; the connection stays open.
    record Error(ErrorCode code, String text) implements ServerFrame {
        public Error {
            Objects.requireNonNull(code, "code");
            Tokens.requireText(text);
        }
    }

    /// Heartbeat from the server; the client answers `PONG token=...`.
    record Ping(String token) implements ServerFrame {
        public Ping {
            Tokens.requireToken(token, "token");
        }
    }

    /// Answer to the client's `PING`.
    record Pong(String token) implements ServerFrame {
        public Pong {
            Tokens.requireToken(token, "token");
        }
    }

    /// Last frame before the server closes the connection.
    record Bye(LeaveReason reason, String text) implements ServerFrame {
        public Bye {
            Objects.requireNonNull(reason, "reason");
            Tokens.requireText(text);
        }
    }
}
