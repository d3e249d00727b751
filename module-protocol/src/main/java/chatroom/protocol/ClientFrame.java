package chatroom.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/// What a structured client sends. Every frame is one line; see `docs/protocol.md` for the
/// grammar. Records check their own invariants, so a frame that exists is a frame that may be
/// put on the wire.
public sealed interface ClientFrame {

    /// First line of a structured connection: `HELLO v=1 [client=ID]`. It can never be a
    /// valid name (it holds a space), which is how the server tells the dialects apart.
    record Hello(int version, String client) implements ClientFrame {
        public Hello {
            if (version < 1) {
                throw new IllegalArgumentException("version must be at least 1: " + version);
            }
            Tokens.requireToken(client, "client");
        }
    }

    /// Asks to join under `name`; `since` asks for history after the message with that id
    /// (for a client that reconnects and already has the earlier messages).
    record Login(Name name, OptionalLong since) implements ClientFrame {
        public Login {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(since, "since");
            if (since.isPresent() && since.getAsLong() < 0) {
                throw new IllegalArgumentException("since must not be negative: " + since.getAsLong());
            }
        }
    }

    /// A chat message: to the default room (`SAY :text`), or in version 2 to a room or a
    /// member (`SAY room=#rust :text`, `SAY to=bob :text`); an `action` is a `/me` message
    /// (`action=1`).
    record Say(Optional<Target> to, String text, boolean action) implements ClientFrame {
        public Say {
            Objects.requireNonNull(to, "to");
            Tokens.requireMessage(text);
        }

        /// A message to the default room.
        public Say(String text) {
            this(Optional.empty(), text, false);
        }
    }

    /// Joins `room`, creating it if it does not exist and the server allows; `since` limits
    /// the history replayed as in [Login]; `key` is the room's key, if it has one
    /// ([Moderation#SET_KEY]). Version 2: `JOIN room=#rust [since=ID] [key=KEY]`.
    record Join(RoomName room, OptionalLong since, Optional<String> key) implements ClientFrame {
        public Join {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(since, "since");
            if (since.isPresent() && since.getAsLong() < 0) {
                throw new IllegalArgumentException("since must not be negative: " + since.getAsLong());
            }
            Objects.requireNonNull(key, "key").ifPresent(value -> {
                if (Moderation.checkKey(value) instanceof Parsed.Invalid<String> invalid) {
                    throw new IllegalArgumentException(invalid.detail());
                }
            });
        }

        /// Joins without a key.
        public Join(RoomName room, OptionalLong since) {
            this(room, since, Optional.empty());
        }
    }

    /// Leaves `room`, with an optional reason (`""` for none): `PART room=#rust [:reason]`.
    record Part(RoomName room, String reason) implements ClientFrame {
        public Part {
            Objects.requireNonNull(room, "room");
            Tokens.requireShortText(reason);
        }
    }

    /// Sets the topic of `room` (`TOPIC room=#rust :text`; an empty text clears it), or asks
    /// for it (`TOPIC room=#rust`, `text` empty).
    record Topic(RoomName room, Optional<String> text) implements ClientFrame {
        public Topic {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(text, "text").ifPresent(Tokens::requireShortText);
        }
    }

    /// Sets an away text (`AWAY :text`), or clears it (`AWAY`, `text` empty).
    record Away(Optional<String> text) implements ClientFrame {
        public Away {
            Objects.requireNonNull(text, "text").ifPresent(Tokens::requireAwayText);
        }
    }

    /// Asks for the list of rooms: `ROOMS`.
    record ListRooms() implements ClientFrame {
    }

    /// Asks for the member list of `room`: `WHO room=#rust`.
    record Who(RoomName room) implements ClientFrame {
        public Who {
            Objects.requireNonNull(room, "room");
        }
    }

    /// Asks for the history of a room (`HISTORY room=#rust`) or of the private conversation
    /// with a member (`HISTORY with=bob`), after `since` if given.
    record History(Target with, OptionalLong since) implements ClientFrame {
        public History {
            Objects.requireNonNull(with, "with");
            Objects.requireNonNull(since, "since");
            if (since.isPresent() && since.getAsLong() < 0) {
                throw new IllegalArgumentException("since must not be negative: " + since.getAsLong());
            }
        }
    }

    /// Removes `name` from `room`, with an optional reason: `KICK room=#rust name=bob [:reason]`.
    /// Operators only.
    record Kick(RoomName room, Name name, String reason) implements ClientFrame {
        public Kick {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(name, "name");
            Tokens.requireShortText(reason);
        }
    }

    /// Invites `name` to `room`: `INVITE room=#rust name=bob`. The invitation lets it into
    /// the room once even if the room is invite-only, has a key or is full. Members of the
    /// room may invite; while the room is invite-only, only its operators.
    record Invite(RoomName room, Name name) implements ClientFrame {
        public Invite {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(name, "name");
        }
    }

    /// A moderation action in `room` (`OP`, `BAN`, `LOCK-TOPIC`, … as [Moderation#verb()]):
    /// `BAN room=#rust target=bob`, `BAN room=#rust target=203.0.113.9`, `LOCK-TOPIC room=#rust`.
    /// `target` is present exactly when the action takes one ([Moderation#argument()]): a valid
    /// name for `OP`, `DEOP`, `MUTE`, `UNMUTE`, `VOICE` and `DEVOICE`; a name or an address for
    /// `BAN` and `UNBAN`, which the server tells apart, as it knows who is present; a key for
    /// `SET-KEY`; a number for `SET-LIMIT`. Operators only
    /// ([Moderation#CLOSE]: server operators).
    record Moderate(RoomName room, Moderation action, Optional<String> target) implements ClientFrame {
        public Moderate {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(action, "action");
            action.requireTarget(target);
        }
    }

    /// Asks to become a server operator: `OPER :password`. [#toString()] hides the password.
    record Oper(String password) implements ClientFrame {
        public Oper {
            Objects.requireNonNull(password, "password");
            if (Text.checkPassword(password) instanceof Parsed.Invalid<String> invalid) {
                throw new IllegalArgumentException(invalid.detail());
            }
        }

        @Override
        public String toString() {
            return "Oper[password=(hidden)]";
        }
    }

    /// The server's password, `PASS :password`, sent after `HELLO` and before `LOGIN` to a server
    /// whose [ServerFrame.Hello#passwordRequired()]. The password may hold spaces, but no control
    /// character (TAB included), and is at most [Limits#MAX_PASSWORD_BYTES] long.
    ///
    /// [#toString()] hides it, so a frame that ends up in a log or an exception message does not
    /// give the password away.
    record Pass(String password) implements ClientFrame {
        public Pass {
            Objects.requireNonNull(password, "password");
            if (Text.checkPassword(password) instanceof Parsed.Invalid<String> invalid) {
                throw new IllegalArgumentException(invalid.detail());
            }
        }

        @Override
        public String toString() {
            return "Pass[password=(hidden)]";
        }
    }

    /// Changes the sender's name: `NICK name=NEW`.
    record Nick(Name name) implements ClientFrame {
        public Nick {
            Objects.requireNonNull(name, "name");
        }
    }

    /// Heartbeat from the client; the server answers with a [ServerFrame.Pong] carrying `token`.
    record Ping(String token) implements ClientFrame {
        public Ping {
            Tokens.requireToken(token, "token");
        }
    }

    /// Answer to the server's [ServerFrame.Ping].
    record Pong(String token) implements ClientFrame {
        public Pong {
            Tokens.requireToken(token, "token");
        }
    }

    /// Leaves the chat; the server answers with [ServerFrame.Bye] and closes the connection.
    record Quit() implements ClientFrame {
    }
}
