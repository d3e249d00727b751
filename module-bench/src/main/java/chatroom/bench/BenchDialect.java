package chatroom.bench;

import java.util.List;
import java.util.Optional;

/// How a generated client talks: chatroom's plain or structured dialect, or IRC (so the same
/// run can later measure an IRC server). Lines here are without their line end.
enum BenchDialect {
    PLAIN, STRUCTURED, IRC;

    /// The IRC channel all members join.
    static final String CHANNEL = "#bench";

    /// What a client does about one control line (anything that is not a bench message).
    record Reaction(List<String> send, Event event) {
        static final Reaction NONE = new Reaction(List.of(), Event.NONE);
    }

    enum Event { NONE, JOINED, REFUSED }

    /// Lines sent right after connecting.
    List<String> login(String name) {
        return login(name, false);
    }

    /// Lines sent right after connecting. With `rooms` (rooms and private messages in the run),
    /// the structured dialect asks for protocol version 2, which has them; version 1 has not.
    List<String> login(String name, boolean rooms) {
        return switch (this) {
            case PLAIN -> List.of(name);
            case STRUCTURED -> List.of("HELLO v=" + (rooms ? 2 : 1) + " client=chatroom-bench", "LOGIN name=" + name);
            case IRC -> List.of("NICK " + name, "USER " + name + " 0 * :" + name);
        };
    }

    /// The line that joins `room` (`#name`) besides the rooms a member is in already.
    String joinRoom(String room) {
        return switch (this) {
            case PLAIN -> "/join " + room;
            case STRUCTURED -> "JOIN room=" + room;
            case IRC -> "JOIN " + room;
        };
    }

    /// The line that sends `text` to `room`, one of the member's rooms, whichever is current.
    String sayIn(String room, String text) {
        return switch (this) {
            case PLAIN -> "/msg " + room + " " + text;
            case STRUCTURED -> "SAY room=" + room + " :" + text;
            case IRC -> "PRIVMSG " + room + " :" + text;
        };
    }

    /// The line that sends `text` privately to the member called `name`.
    String sayTo(String name, String text) {
        return switch (this) {
            case PLAIN -> "/msg " + name + " " + text;
            case STRUCTURED -> "SAY to=" + name + " :" + text;
            case IRC -> "PRIVMSG " + name + " :" + text;
        };
    }

    /// The line that sends `text` to the room.
    String say(String text) {
        return switch (this) {
            case PLAIN -> text;
            case STRUCTURED -> "SAY :" + text;
            case IRC -> "PRIVMSG " + CHANNEL + " :" + text;
        };
    }

    /// The line that leaves politely.
    String quit() {
        return switch (this) {
            case PLAIN -> "/quit";
            case STRUCTURED -> "QUIT";
            case IRC -> "QUIT :bench done";
        };
    }

    /// Whether a joined client must look at this line at all: only keep-alives and farewells
    /// need an answer or a note once a client is in. Looks at bytes, makes no String.
    boolean needsAttentionWhenJoined(byte[] line, int from, int to) {
        return switch (this) {
            case PLAIN -> false;
            case STRUCTURED, IRC -> to - from >= 4 && line[from] == 'P' && line[from + 1] == 'I'
                    && line[from + 2] == 'N' && line[from + 3] == 'G';
        };
    }

    /// The member whose departure `line` announces (plain `* NAME left the chat…`, structured
    /// `LEFT name=NAME …`, IRC `:NAME!user@host QUIT …`), if it announces one.
    Optional<String> departed(String line) {
        return switch (this) {
            case PLAIN -> {
                int end = line.indexOf(" left the chat");
                yield line.startsWith("* ") && end > 2 ? Optional.of(line.substring(2, end)) : Optional.empty();
            }
            case STRUCTURED -> {
                if (!line.startsWith("LEFT ")) {
                    yield Optional.empty();
                }
                int at = line.indexOf(" name=");
                yield at < 0 ? Optional.empty() : Optional.of(line.substring(at + 6).split(" ", 2)[0]);
            }
            case IRC -> {
                int space = line.indexOf(' ');
                if (!line.startsWith(":") || space < 0 || !line.startsWith("QUIT", space + 1)) {
                    yield Optional.empty();
                }
                int bang = line.indexOf('!');
                yield Optional.of(line.substring(1, bang > 0 && bang < space ? bang : space));
            }
        };
    }

    /// The reaction of client `name`, a member of no room besides the first (see
    /// [#react(String, String, List, boolean)]).
    Reaction react(String line, String name, boolean joined) {
        return react(line, name, List.of(), joined);
    }

    /// The reaction of client `name` (not yet joined, or joined and `needsAttentionWhenJoined`),
    /// who joins `rooms` after its first room. [Event#JOINED] means the client's own join to a
    /// room it asked for: in chatroom's dialects the lobby first (the server puts everybody
    /// there), then those of `rooms`; in IRC [#CHANNEL] first, then those of `rooms`. A channel
    /// an IRC server joins the member to unasked (chatroom puts IRC members in its lobby too,
    /// `#lobby` unless the server is started with `--room bench`) is not counted: the member
    /// would count as joined one channel early, before its last room had confirmed the join.
    Reaction react(String line, String name, List<String> rooms, boolean joined) {
        return switch (this) {
            case PLAIN -> {
                // Its current room's form, or another room's: "* [#room] NAME joined the chat".
                if (line.equals("* " + name + " joined the chat")
                        || line.startsWith("* [#") && line.endsWith("] " + name + " joined the chat")) {
                    yield new Reaction(List.of(), Event.JOINED);
                }
                if (!joined && (line.startsWith("* Error: ") || line.startsWith("* Sorry"))) {
                    yield new Reaction(List.of(), Event.REFUSED);
                }
                yield Reaction.NONE;
            }
            case STRUCTURED -> {
                if (line.startsWith("PING")) {
                    int token = line.indexOf("token=");
                    String value = token < 0 ? "0" : line.substring(token + 6).split(" ", 2)[0];
                    yield new Reaction(List.of("PONG token=" + value), Event.NONE);
                }
                // Version 1: "JOINED name=NAME ts=…"; version 2: "JOINED room=#r name=NAME ts=…".
                if (line.startsWith("JOINED ") && (line + " ").contains(" name=" + name + " ")) {
                    yield new Reaction(List.of(), Event.JOINED);
                }
                if (!joined && (line.startsWith("ERROR ") || line.startsWith("BYE ") || line.startsWith("* Sorry"))) {
                    yield new Reaction(List.of(), Event.REFUSED);
                }
                yield Reaction.NONE;
            }
            case IRC -> reactIrc(line, name, rooms, joined);
        };
    }

    private static Reaction reactIrc(String line, String name, List<String> rooms, boolean joined) {
        if (line.startsWith("PING")) {
            return new Reaction(List.of("PONG" + line.substring(4)), Event.NONE);
        }
        if (!line.startsWith(":")) {
            return line.startsWith("ERROR") && !joined ? new Reaction(List.of(), Event.REFUSED) : Reaction.NONE;
        }
        // :prefix COMMAND params...
        int space = line.indexOf(' ');
        if (space < 0) {
            return Reaction.NONE;
        }
        String prefix = line.substring(1, space);
        String rest = line.substring(space + 1);
        int nextSpace = rest.indexOf(' ');
        String command = nextSpace < 0 ? rest : rest.substring(0, nextSpace);
        String params = nextSpace < 0 ? "" : rest.substring(nextSpace + 1);
        switch (command) {
            case "001" -> {
                return new Reaction(List.of("JOIN " + CHANNEL), Event.NONE);
            }
            case "JOIN" -> {
                int bang = prefix.indexOf('!');
                String nick = bang < 0 ? prefix : prefix.substring(0, bang);
                // JOIN #channel, JOIN :#channel, or (extended-join) JOIN #channel account :real name.
                String channel = (params.startsWith(":") ? params.substring(1) : params).strip().split(" ", 2)[0];
                // Its own join of a channel it asked for: #bench first, then those of `rooms`.
                boolean asked = channel.equalsIgnoreCase(CHANNEL)
                        || rooms.stream().anyMatch(channel::equalsIgnoreCase);
                return nick.equalsIgnoreCase(name) && asked ? new Reaction(List.of(), Event.JOINED) : Reaction.NONE;
            }
            // Nick in use / erroneous nick / cannot join / too many channels or clients.
            case "432", "433", "436", "403", "405", "471", "473", "474", "475", "465" -> {
                return joined ? Reaction.NONE : new Reaction(List.of(), Event.REFUSED);
            }
            default -> {
                return Reaction.NONE;
            }
        }
    }
}
