package chatroom.client.core;

import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// What a [ChatClient] tells its listener, in the order it happened. Delivered in batches on
/// the listener's executor (the FX thread in the desktop client).
///
/// Every event that happened in a room names it: with a version 1 server that is always the
/// default room ([Welcome#defaultRoom()]), the only room such a server has. Private messages
/// name the other member of the conversation. Events about a member rather than a room (left
/// the chat, renamed, away) name no room.
public sealed interface ClientEvent {

    /// The connection state changed. `retryIn` is set while an automatic reconnect is
    /// scheduled; `reason` says why the connection was lost or could not be made.
    record StateChanged(ConnectionState state, Optional<String> reason, Optional<Duration> retryIn)
            implements ClientEvent {
        public StateChanged {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryIn, "retryIn");
        }
    }

    /// Logged in (again, after a reconnect) as `name` on `server`, in the default room `room`
    /// (its name without `#`, as version 1 names it), speaking protocol `version` (2: rooms,
    /// private messages, topics, away and moderation; 1: the default room only).
    record Welcome(Name name, String room, ServerAddress server, boolean reconnected, int version)
            implements ClientEvent {
        public Welcome {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(server, "server");
            RoomName.of(room);
        }

        /// A login to a version 1 server.
        public Welcome(Name name, String room, ServerAddress server, boolean reconnected) {
            this(name, room, server, reconnected, 1);
        }

        /// The room every login enters: `#` + [#room()].
        public RoomName defaultRoom() {
            return RoomName.of(room);
        }
    }

    /// The rooms this client is in now, in the order it joined them, and its current room:
    /// where a line that names no room goes (the room last joined or switched to with `/join`,
    /// as in the plain dialect). The current room changes as soon as the person asks, so it may
    /// be a room still being joined; if the server refuses, the room joined last before it
    /// becomes current again. Published when either changes.
    record InRooms(List<RoomName> rooms, Optional<RoomName> current) implements ClientEvent {
        public InRooms {
            rooms = List.copyOf(rooms);
            Objects.requireNonNull(current, "current");
        }
    }

    /// Everybody in `room` now, sorted ignoring case. `listed` when the server sent the whole
    /// list (on joining the room, or asked with `/who`); otherwise the client changed its last
    /// list after a join, part, rename or change of flags.
    record Members(RoomName room, List<Member> members, boolean listed) implements ClientEvent {
        public Members {
            Objects.requireNonNull(room, "room");
            members = List.copyOf(members);
        }

        /// The members' names, in the list's order.
        public List<Name> names() {
            return members.stream().map(Member::name).toList();
        }
    }

    /// A chat message in `room`, new to this client (a message seen before, for example
    /// replayed again after a reconnect, is never delivered twice). `fromHistory` for messages
    /// from before this client (re)joined the room.
    record Message(RoomName room, ServerFrame.Chat chat, boolean fromHistory) implements ClientEvent {
        public Message {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(chat, "chat");
        }
    }

    /// A private message between this client and `with`, sent by either (see [#sent()]), new
    /// to this client. `fromHistory` for messages replayed from before a reconnect.
    record PrivateMessage(Name with, ServerFrame.Chat chat, boolean fromHistory) implements ClientEvent {
        public PrivateMessage {
            Objects.requireNonNull(with, "with");
            Objects.requireNonNull(chat, "chat");
        }

        /// Sent by this client (not by `with`).
        public boolean sent() {
            return !chat.from().key().equals(with.key());
        }
    }

    /// Somebody joined, left (on purpose: [ServerFrame.Parted]) or was kicked out of `room`
    /// (this client included); or, with no room, left the chat ([ServerFrame.Left]) or was
    /// renamed ([ServerFrame.Renamed]).
    record Presence(Optional<RoomName> room, ServerFrame frame) implements ClientEvent {
        public Presence {
            Objects.requireNonNull(room, "room");
            boolean inRoom = frame instanceof ServerFrame.Joined || frame instanceof ServerFrame.Parted
                    || frame instanceof ServerFrame.Kicked;
            boolean chatWide = frame instanceof ServerFrame.Left || frame instanceof ServerFrame.Renamed;
            if (!(inRoom && room.isPresent()) && !(chatWide && room.isEmpty())) {
                throw new IllegalArgumentException("not a presence frame" + room.map(r -> " of " + r).orElse("")
                        + ": " + frame);
            }
        }

        /// When it happened, by the server's clock.
        public Instant time() {
            // The constructor admits only these five kinds.
            if (frame instanceof ServerFrame.Joined joined) {
                return joined.time();
            }
            if (frame instanceof ServerFrame.Parted parted) {
                return parted.time();
            }
            if (frame instanceof ServerFrame.Kicked kicked) {
                return kicked.time();
            }
            return frame instanceof ServerFrame.Left left ? left.time() : ((ServerFrame.Renamed) frame).time();
        }
    }

    /// The topic of `room`: sent on joining a room that has one, when it changes, and when
    /// asked for (`/topic`).
    record Topic(RoomName room, ServerFrame.Topic topic) implements ClientEvent {
        public Topic {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(topic, "topic");
        }
    }

    /// An operator changed something in `room` (operators, mutes, bans, the topic lock), or
    /// closed it.
    record Moderated(RoomName room, ServerFrame.Moderated moderated) implements ClientEvent {
        public Moderated {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(moderated, "moderated");
        }
    }

    /// `name` (this client's person included) set an away text, or came back (`text` empty).
    record Away(Name name, Optional<String> text) implements ClientEvent {
        public Away {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
        }
    }

    /// The server's rooms, as asked for with `/rooms`.
    record RoomList(List<ServerFrame.RoomInfo> rooms) implements ClientEvent {
        public RoomList {
            rooms = List.copyOf(rooms);
        }
    }

    /// An invitation into a room: to this client, or (`mine`) this client's own, which the
    /// server confirms so.
    record Invited(ServerFrame.Invited invitation, boolean mine) implements ClientEvent {
        public Invited {
            Objects.requireNonNull(invitation, "invitation");
        }
    }

    /// Something the server said to this client alone: a notice, or an error about something
    /// this client sent.
    record Notice(String text, boolean error) implements ClientEvent {
    }

    /// The client stopped reconnecting because of something only the person can settle: the
    /// server's certificate changed, or its password is missing or wrong. The state then
    /// becomes [ConnectionState#CLOSED].
    record Stopped(LoginOutcome why) implements ClientEvent {
        public Stopped {
            if (!why.needsThePerson()) {
                throw new IllegalArgumentException("not a reason to stop: " + why);
            }
        }
    }

    /// A message to `to` (a room or a member) that the server refused and nobody received: the
    /// server could not save it, the sender is muted, the recipient is gone, or the client is
    /// no longer in the room. It is no longer among the unconfirmed ones and is not sent again
    /// by itself: `text` is handed back so the person can send it again.
    record NotSent(Target to, String text, String reason) implements ClientEvent {
        public NotSent {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /// The messages this client has sent that the server has not yet confirmed (by echoing
    /// them), to every room and member. They are kept across reconnects and sent again, so
    /// nothing typed is lost.
    record Unconfirmed(List<String> texts) implements ClientEvent {
        public Unconfirmed {
            texts = List.copyOf(texts);
        }
    }
}
