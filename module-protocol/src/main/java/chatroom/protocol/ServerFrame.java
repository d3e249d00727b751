package chatroom.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// What the server sends to structured clients. The plain dialect shows the same events as
/// text lines ([PlainText]). Records check their own invariants; times are kept to the
/// millisecond, which is what the wire carries.
public sealed interface ServerFrame {

    /// What happens in one room. Version 2 carries it in an [InRoom] that names the room;
    /// version 1 sees the default room's events bare, and nothing of other rooms.
    sealed interface RoomEvent extends ServerFrame
            permits Chat, Joined, Parted, Kicked, Members, History, Topic, Moderated {
    }

    /// An event of `room` (version 2: the event's frame with `room=`).
    record InRoom(RoomName room, RoomEvent event) implements ServerFrame {
        public InRoom {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(event, "event");
        }
    }

    /// A private message: `chat` from its sender to `to`, shown to both of them only (version 2:
    /// `MSG … to=NAME`).
    record Private(Name to, Chat chat) implements ServerFrame {
        public Private {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(chat, "chat");
        }
    }

    /// Announces that the next `count` [Private] frames are the history of the private
    /// conversation with `with`, oldest first (version 2: `HISTORY with=NAME count=N`).
    record PrivateHistory(Name with, int count) implements ServerFrame {
        public PrivateHistory {
            Objects.requireNonNull(with, "with");
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
        }
    }

    /// Somebody left a room on purpose, with an optional reason (`""` for none).
    record Parted(Name name, Instant time, String reason) implements RoomEvent {
        public Parted {
            Objects.requireNonNull(name, "name");
            time = Tokens.toMillis(time);
            Tokens.requireShortText(reason);
        }
    }

    /// An operator (`by`) removed `name` from the room, with an optional reason (`""` for none).
    record Kicked(Name name, Name by, Instant time, String reason) implements RoomEvent {
        public Kicked {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(by, "by");
            time = Tokens.toMillis(time);
            Tokens.requireShortText(reason);
        }
    }

    /// The room's topic (`""`: none), and who set it when, if known. Sent to a joiner when the
    /// room has a topic, and to every member when it changes.
    record Topic(String text, Optional<Name> by, Optional<Instant> time) implements RoomEvent {
        public Topic {
            Tokens.requireShortText(text);
            Objects.requireNonNull(by, "by");
            time = Objects.requireNonNull(time, "time").map(Tokens::toMillis);
        }
    }

    /// An operator (`by`) changed something in the room: see [Moderation]. `target` is the
    /// member's name or the address the action applies to, present exactly when the action
    /// takes one ([Moderation#argument()]).
    record Moderated(Moderation action, Name by, Optional<String> target, Instant time) implements RoomEvent {
        public Moderated {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(by, "by");
            action.requireTarget(target);
            time = Tokens.toMillis(time);
        }
    }

    /// `by` invited `name` into `room` (version 2: `INVITED room=#rust by=alice name=bob ts=…`):
    /// sent to the invited member, and to `by` as the answer to its invitation. The
    /// invitation lets `name` in once, even while the room is invite-only, has a key or is
    /// full.
    record Invited(RoomName room, Name by, Name name, Instant time) implements ServerFrame {
        public Invited {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(name, "name");
            time = Tokens.toMillis(time);
        }
    }

    /// Somebody set an away text (`text` present, never blank) or came back (empty). Sent to
    /// the members who share a room with them, and to whoever sends them a private message
    /// while away.
    record Away(Name name, Optional<String> text) implements ServerFrame {
        public Away {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text").ifPresent(Tokens::requireAwayText);
        }
    }

    /// Announces that the next `count` [RoomInfo] frames list the server's rooms.
    record RoomList(int count) implements ServerFrame {
        public RoomList {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
        }
    }

    /// One room of a [RoomList]: its name, how many members it has now, and its topic (`""`: none).
    record RoomInfo(RoomName room, int members, String topic) implements ServerFrame {
        public RoomInfo {
            Objects.requireNonNull(room, "room");
            if (members < 0) {
                throw new IllegalArgumentException("members must not be negative: " + members);
            }
            Tokens.requireShortText(topic);
        }
    }

    /// Answer to the client's `HELLO`: the version spoken, the limits in force, and whether the
    /// client must send the server's password ([ClientFrame.Pass]) before `LOGIN`
    /// (`auth=password` on the wire; absent, as from older servers, when it need not).
    record Hello(int version, String server, int maxFrameBytes, int maxTextBytes, int heartbeatSeconds,
                 boolean passwordRequired) implements ServerFrame {
        public Hello {
            if (version < 1 || maxFrameBytes < 1 || maxTextBytes < 1 || heartbeatSeconds < 0) {
                throw new IllegalArgumentException("invalid HELLO numbers");
            }
            Tokens.requireToken(server, "server");
        }

        /// The answer of a server that needs no password.
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
    /// but the last carry `more`. Version 1 shows only the names.
    record Members(List<Member> members, boolean more) implements RoomEvent {
        public Members {
            members = List.copyOf(members);
        }

        /// A list of names with no flags set.
        public static Members of(List<Name> names, boolean more) {
            return new Members(names.stream().map(Member::plain).toList(), more);
        }

        /// The members' names, in the list's order.
        public List<Name> names() {
            return members.stream().map(Member::name).toList();
        }
    }

    /// Announces that the next `count` [Chat] frames are history, oldest first.
    record History(int count) implements RoomEvent {
        public History {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
        }
    }

    /// A chat message with its server-assigned id and time. Ids only ever increase, also across
    /// server restarts, so a client can ask for what it missed with `LOGIN since=ID`. An
    /// `action` is a `/me` message ("alice waves"; version 2: `action=1`).
    record Chat(long id, Instant time, Name from, String text, boolean action) implements RoomEvent {
        public Chat {
            if (id < 1) {
                throw new IllegalArgumentException("id must be positive: " + id);
            }
            time = Tokens.toMillis(time);
            Objects.requireNonNull(from, "from");
            Tokens.requireMessage(text);
        }

        /// An ordinary message (not an action).
        public Chat(long id, Instant time, Name from, String text) {
            this(id, time, from, text, false);
        }
    }

    /// Somebody joined the room, with the flags it has there as it enters: an operator by name
    /// or a server operator is an operator at once, a name muted or voiced before stays so.
    /// Without them a member who saw the join would list the joiner bare until the next
    /// member list. Only version 2 carries the flags (`flags=`); version 1 and the plain
    /// dialect show the name.
    record Joined(Member member, Instant time) implements RoomEvent {
        public Joined {
            Objects.requireNonNull(member, "member");
            time = Tokens.toMillis(time);
        }

        /// A join without flags.
        public Joined(Name name, Instant time) {
            this(Member.plain(Objects.requireNonNull(name, "name")), time);
        }

        public Name name() {
            return member.name();
        }
    }

    /// Somebody left the chat (every room they were in), and why: sent once to each member who
    /// shared a room with them. Leaving one room is [Parted].
    ///
    /// @param text what the member said as it left (an IRC `QUIT :text`), or the words of a
    ///             server operator's removal (`Killed (OPERATOR (REASON))`); `""` for nothing
    record Left(Name name, Instant time, LeaveReason reason, String text) implements ServerFrame {
        public Left {
            Objects.requireNonNull(name, "name");
            time = Tokens.toMillis(time);
            Objects.requireNonNull(reason, "reason");
            Tokens.requireShortText(text);
        }

        /// A departure without words.
        public Left(Name name, Instant time, LeaveReason reason) {
            this(name, time, reason, "");
        }
    }

    /// Somebody changed their name (sent once to each member who shares a room with them).
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

    /// A frame of the client's was refused; the connection stays open. In version 2, the
    /// refusal of a frame that carried `label=L` carries the same `label`, so a client that
    /// labels its frames knows which one was refused.
    record Error(ErrorCode code, String text, Optional<String> label) implements ServerFrame {
        public Error {
            Objects.requireNonNull(code, "code");
            Tokens.requireText(text);
            Objects.requireNonNull(label, "label").ifPresent(value -> Tokens.requireToken(value, "label"));
        }

        /// A refusal of a frame without a label.
        public Error(ErrorCode code, String text) {
            this(code, text, Optional.empty());
        }

        /// This refusal, answering a frame labelled `label` (if it was).
        public Error labelled(Optional<String> label) {
            return new Error(code, text, label);
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
