package chatroom.protocol;

import java.util.OptionalLong;

/// Encodes and decodes the structured frames a client sends.
///
/// Decoding never throws: a line that is not a valid client frame comes back as a
/// [Parsed.Invalid] with [ErrorCode#UNKNOWN_VERB], [ErrorCode#BAD_FRAME] or a more specific code.
public final class ClientFrames {

    private ClientFrames() {
    }

    /// The frame's line, without the line end.
    public static String encode(ClientFrame frame) {
        return switch (frame) {
            case ClientFrame.Hello hello -> new RawFrame.Writer("HELLO")
                    .attribute("v", hello.version()).attribute("client", hello.client()).end();
            case ClientFrame.Login login -> {
                var writer = new RawFrame.Writer("LOGIN").attribute("name", login.name());
                login.since().ifPresent(since -> writer.attribute("since", since));
                yield writer.end();
            }
            case ClientFrame.Say say -> new RawFrame.Writer("SAY").trailing(say.text());
            case ClientFrame.Pass pass -> new RawFrame.Writer("PASS").trailing(pass.password());
            case ClientFrame.Nick nick -> new RawFrame.Writer("NICK").attribute("name", nick.name()).end();
            case ClientFrame.Ping ping -> new RawFrame.Writer("PING").attribute("token", ping.token()).end();
            case ClientFrame.Pong pong -> new RawFrame.Writer("PONG").attribute("token", pong.token()).end();
            case ClientFrame.Quit quit -> new RawFrame.Writer("QUIT").end();
        };
    }

    /// Reads one line (already split off and checked by [LineDecoder]) as a client frame.
    public static Parsed<ClientFrame> decode(String line) {
        try {
            return RawFrame.parse(line).then(ClientFrames::interpret);
        } catch (IllegalArgumentException e) {
            // A record refused a value the checks above let through: still the peer's fault.
            return Parsed.invalid(ErrorCode.BAD_FRAME, e.getMessage());
        }
    }

    /// Whether `line` asks for the structured dialect: a valid `HELLO` frame.
    public static boolean isHello(String line) {
        return decode(line) instanceof Parsed.Ok<ClientFrame>(ClientFrame.Hello hello);
    }

    private static Parsed<ClientFrame> interpret(RawFrame frame) {
        return switch (frame.verb()) {
            case "HELLO" -> frame.requiredInt("v", 1).then(version -> frame.token("client", "unknown")
                    .then(client -> Parsed.ok(new ClientFrame.Hello(version, client))));
            case "LOGIN" -> frame.requiredName("name").then(name -> frame.optional("since")
                    .map(since -> RawFrame.toLong("since", since, 0)
                            .<ClientFrame>then(id -> Parsed.ok(new ClientFrame.Login(name, OptionalLong.of(id)))))
                    .orElseGet(() -> Parsed.ok(new ClientFrame.Login(name, OptionalLong.empty()))));
            case "SAY" -> frame.requiredTrailing().then(Text::checkMessage)
                    .then(text -> Parsed.ok(new ClientFrame.Say(text)));
            case "PASS" -> frame.requiredTrailing().then(Text::checkMessage)
                    .then(password -> Parsed.ok(new ClientFrame.Pass(password)));
            case "NICK" -> frame.requiredName("name").then(name -> Parsed.ok(new ClientFrame.Nick(name)));
            case "PING" -> frame.token("token", "0").then(token -> Parsed.ok(new ClientFrame.Ping(token)));
            case "PONG" -> frame.token("token", "0").then(token -> Parsed.ok(new ClientFrame.Pong(token)));
            case "QUIT" -> Parsed.ok(new ClientFrame.Quit());
            default -> Parsed.invalid(ErrorCode.UNKNOWN_VERB, "unknown verb " + frame.verb());
        };
    }
}
