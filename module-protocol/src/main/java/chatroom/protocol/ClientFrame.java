package chatroom.protocol;

import java.util.Objects;
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

    /// The server's password, sent before `LOGIN` when the server's `HELLO` says
    /// `auth=password`: `PASS :secret`. Checked like a message text (it may hold spaces).
    /// Never shown: [#toString()] hides it, so a logged frame does not leak it.
    record Pass(String password) implements ClientFrame {
        public Pass {
            Tokens.requireMessage(password);
        }

        @Override
        public String toString() {
            return "Pass[password=(hidden)]";
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

    /// A chat message to the room: `SAY :text`.
    record Say(String text) implements ClientFrame {
        public Say {
            Tokens.requireMessage(text);
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
