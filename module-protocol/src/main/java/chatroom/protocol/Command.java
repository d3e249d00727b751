package chatroom.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// A line typed by a person, read as the plain dialect reads it: a `/command`, or a message
/// to the current room. The server's plain dialect and the console client share this reading
/// ([Commands#parse]), so both understand the same words and print the same help.
///
/// `room` is empty where the command applies to the member's current room.
public sealed interface Command {

    /// A message to the current room (also a line starting `//`, which sends the rest from its
    /// second `/` on).
    record Say(String text) implements Command {
        public Say {
            Tokens.requireMessage(text);
        }
    }

    /// `/me TEXT`: an action in the current room.
    record Me(String text) implements Command {
        public Me {
            Tokens.requireMessage(text);
        }
    }

    /// `/msg NAME TEXT` (a private message) or `/msg #room TEXT` (a message to a room one is in,
    /// without making it the current room).
    record Msg(Target to, String text) implements Command {
        public Msg {
            Objects.requireNonNull(to, "to");
            Tokens.requireMessage(text);
        }
    }

    /// `/join #room [KEY]`: joins (or creates) a room and makes it the current room; joining a
    /// room one is in already just makes it the current room. `key` is the room's key, if it
    /// has one.
    record Join(RoomName room, Optional<String> key) implements Command {
        public Join {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(key, "key").ifPresent(value -> {
                if (Moderation.checkKey(value) instanceof Parsed.Invalid<String> invalid) {
                    throw new IllegalArgumentException(invalid.detail());
                }
            });
        }

        /// Joins without a key.
        public Join(RoomName room) {
            this(room, Optional.empty());
        }
    }

    /// `/part [#room] [reason]` (also `/leave`).
    record Part(Optional<RoomName> room, String reason) implements Command {
        public Part {
            Objects.requireNonNull(room, "room");
            Tokens.requireShortText(reason);
        }
    }

    /// `/rooms` (also `/list`): the server's rooms with their member counts and topics.
    record Rooms() implements Command {
    }

    /// `/who [#room]`: who is in a room.
    record Who(Optional<RoomName> room) implements Command {
        public Who {
            Objects.requireNonNull(room, "room");
        }
    }

    /// `/nick NEW`.
    record Nick(Name name) implements Command {
        public Nick {
            Objects.requireNonNull(name, "name");
        }
    }

    /// `/topic [#room] [TEXT]`: shows the topic, or sets it.
    record Topic(Optional<RoomName> room, Optional<String> text) implements Command {
        public Topic {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(text, "text").ifPresent(Tokens::requireShortText);
        }
    }

    /// `/away [TEXT]`: sets an away text (never blank), or (without one) comes back.
    record Away(Optional<String> text) implements Command {
        public Away {
            Objects.requireNonNull(text, "text").ifPresent(Tokens::requireAwayText);
        }
    }

    /// `/kick [#room] NAME [reason]`.
    record Kick(Optional<RoomName> room, Name name, String reason) implements Command {
        public Kick {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(name, "name");
            Tokens.requireShortText(reason);
        }
    }

    /// `/invite [#room] NAME`.
    record Invite(Optional<RoomName> room, Name name) implements Command {
        public Invite {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(name, "name");
        }
    }

    /// `/op`, `/deop`, `/mute`, `/unmute`, `/voice`, `/devoice` `[#room] NAME`, `/ban`, `/unban`
    /// `[#room] NAME|ADDRESS`, `/setkey [#room] KEY`, `/setlimit [#room] NUMBER`, and `/locktopic`,
    /// `/unlocktopic`, `/moderate`, `/unmoderate`, `/inviteonly`, `/public`, `/clearkey`,
    /// `/clearlimit`, `/close` `[#room]`. `target` suits the action as in [ClientFrame.Moderate].
    record Moderate(Optional<RoomName> room, Moderation action, Optional<String> target) implements Command {
        public Moderate {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(action, "action");
            action.requireTarget(target);
        }
    }

    /// `/oper PASSWORD`: become a server operator. [#toString()] hides the password.
    record Oper(String password) implements Command {
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

    /// `/help`.
    record Help() implements Command {
    }

    /// `/quit`.
    record Quit() implements Command {
    }

    /// The help, one line each, without the `* ` that the plain dialect puts before each line.
    List<String> HELP = List.of(
            "Commands (a line that is not a command is a message to your current room; start it with // to send a line starting with /):",
            "/join #room [KEY]      join a room (created if it does not exist) and send your messages there",
            "/part [#room] [reason] leave a room (also /leave); without #room, your current room",
            "/rooms                 list the rooms, with their members and topics (also /list)",
            "/who [#room]           who is in a room (@ operator, + voiced)",
            "/msg NAME TEXT         a private message; /msg #room TEXT sends to another room of yours",
            "/me TEXT               an action: /me waves shows * * NAME waves",
            "/nick NEW              change your name",
            "/topic [#room] [TEXT]  show the topic of your current room (or #room), or set it",
            "/away [TEXT]           say you are away; /away alone says you are back",
            "/kick NAME [reason]    operators: remove someone from the room",
            "/ban NAME|ADDRESS      operators: ban a name (and its address) or an address; /unban lifts it",
            "/mute NAME             operators: refuse someone's messages in the room; /unmute lets them speak",
            "/op NAME, /deop NAME   operators: give or take operator status",
            "/locktopic             operators: only operators may set the topic; /unlocktopic undoes it",
            "/voice NAME            operators: let someone speak in a moderated room; /devoice undoes it",
            "/moderate              operators: only operators and voiced members speak; /unmoderate undoes it",
            "/inviteonly            operators: only the invited may join; /public lets anyone join again",
            "/invite NAME           invite someone to the room (operators only, if it is invite-only)",
            "/setkey KEY            operators: joining needs the key (/join #room KEY); /clearkey removes it",
            "/setlimit NUMBER       operators: at most NUMBER members; /clearlimit removes the limit",
            "/close #room           server operators: close a room for good",
            "/oper PASSWORD         become a server operator",
            "/help                  this list",
            "/quit                  leave the chat",
            "Operator commands take an optional #room first, like /kick #rust bob spamming.");
}
