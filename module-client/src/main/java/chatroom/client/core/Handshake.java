package chatroom.client.core;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;

import java.io.IOException;
import java.util.Optional;

import static java.lang.System.Logger.Level.DEBUG;

/// Reads the server's side of the handshake: any `* ` lines first (the greeting, or a
/// refusal such as "server is full"), then `HELLO`, then `WELCOME` or an error.
final class Handshake {

    private static final System.Logger LOG = System.getLogger("chatroom.client");

    private final ServerLink link;
    private String lastNotice = "the server closed the connection";

    Handshake(ServerLink link) {
        this.link = link;
    }

    Greeting awaitHello() throws IOException {
        // A real server sends one greeting line first; a peer that sends many is not one.
        for (int i = 0; i < 100; i++) {
            Optional<String> line = nextLine();
            if (line.isEmpty()) {
                return new Greeting.Ended(closed());
            }
            if (line.get().equals(PlainText.TLS_REQUIRED)) {
                return new Greeting.TlsOnly();
            }
            if (line.get().startsWith("* ")) {
                lastNotice = line.get().substring(2);
            } else if (ServerFrames.decode(line.get())
                    instanceof Parsed.Ok<ServerFrame>(ServerFrame.Hello hello)) {
                return new Greeting.Hello(hello);
            }
        }
        return new Greeting.Ended(new LoginOutcome.Unreachable("this is not a chatroom server"));
    }

    Answer awaitWelcome() throws IOException {
        while (true) {
            Optional<String> line = nextLine();
            if (line.isEmpty()) {
                return new Answer.Ended(closed());
            }
            switch (ServerFrames.decode(line.get())) {
                case Parsed.Ok<ServerFrame>(ServerFrame.Welcome welcome) -> {
                    return new Answer.Welcome(welcome);
                }
                case Parsed.Ok<ServerFrame>(ServerFrame.Error error)
                        when error.code() == ErrorCode.NAME_TAKEN || error.code() == ErrorCode.NAME_INVALID -> {
                    return new Answer.Ended(new LoginOutcome.NameRefused(error.code(), error.text()));
                }
                case Parsed.Ok<ServerFrame>(ServerFrame.Error error)
                        when error.code() == ErrorCode.BAD_PASSWORD -> {
                    return new Answer.Ended(new LoginOutcome.WrongPassword());
                }
                case Parsed.Ok<ServerFrame>(ServerFrame.Error error)
                        when error.code() == ErrorCode.PASSWORD_REQUIRED -> {
                    return new Answer.Ended(new LoginOutcome.PasswordRequired());
                }
                case Parsed.Ok<ServerFrame>(ServerFrame.Bye bye) -> {
                    return new Answer.Ended(new LoginOutcome.Unreachable(bye.text()));
                }
                case Parsed.Ok<ServerFrame>(ServerFrame.Error error) -> lastNotice = error.text();
                case Parsed.Ok<ServerFrame> other -> LOG.log(DEBUG, "Ignoring before WELCOME: {0}", other);
                case Parsed.Invalid<ServerFrame> invalid -> LOG.log(DEBUG, "Unreadable line before WELCOME");
            }
        }
    }

    /// The server closed the connection: the last thing it said is why.
    private LoginOutcome closed() {
        return new LoginOutcome.Unreachable(lastNotice);
    }

    /// The next readable line, or empty when the server has closed the connection.
    private Optional<String> nextLine() throws IOException {
        while (true) {
            Optional<Parsed<String>> line = link.nextLine();
            if (line.isEmpty()) {
                return Optional.empty();
            }
            if (line.get() instanceof Parsed.Ok<String>(String text)) {
                return Optional.of(text);
            }
        }
    }

    /// What the server said before `LOGIN`.
    sealed interface Greeting {
        record Hello(ServerFrame.Hello frame) implements Greeting {
        }

        /// A plain connection met a server that accepts only TLS.
        record TlsOnly() implements Greeting {
        }

        record Ended(LoginOutcome outcome) implements Greeting {
        }
    }

    /// What the server answered to `LOGIN`.
    sealed interface Answer {
        record Welcome(ServerFrame.Welcome frame) implements Answer {
        }

        record Ended(LoginOutcome outcome) implements Answer {
        }
    }
}
