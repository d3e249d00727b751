package chatroom.client.core;

import chatroom.protocol.Name;
import chatroom.protocol.ServerFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// What a [ChatClient] tells its listener, in the order it happened. Delivered in batches on
/// the listener's executor (the FX thread in the desktop client).
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

    /// Logged in (again, after a reconnect) as `name` in `room` on `server`.
    record Welcome(Name name, String room, ServerAddress server, boolean reconnected) implements ClientEvent {
    }

    /// Everybody in the room now, sorted ignoring case.
    record Members(List<Name> names) implements ClientEvent {
        public Members {
            names = List.copyOf(names);
        }
    }

    /// A chat message, new to this client (a message seen before, for example replayed again
    /// after a reconnect, is never delivered twice). `fromHistory` for messages from before
    /// this client (re)joined.
    record Message(ServerFrame.Chat chat, boolean fromHistory) implements ClientEvent {
    }

    /// Somebody joined, left or was renamed (this client's own join included).
    record Presence(ServerFrame frame) implements ClientEvent {
        public Presence {
            if (!(frame instanceof ServerFrame.Joined || frame instanceof ServerFrame.Left
                    || frame instanceof ServerFrame.Renamed)) {
                throw new IllegalArgumentException("not a presence frame: " + frame);
            }
        }

        /// When it happened, by the server's clock.
        public Instant time() {
            // The constructor admits only these three kinds.
            if (frame instanceof ServerFrame.Joined joined) {
                return joined.time();
            }
            return frame instanceof ServerFrame.Left left ? left.time() : ((ServerFrame.Renamed) frame).time();
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

    /// A message this client sent that the server refused and nobody received (the server
    /// could not save it: `ERROR code=not-saved`). It is no longer among the unconfirmed ones
    /// and is not sent again by itself: `text` is handed back so the person can send it again.
    record NotSent(String text, String reason) implements ClientEvent {
        public NotSent {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /// The messages this client has sent that the server has not yet confirmed (by echoing
    /// them). They are kept across reconnects and sent again, so nothing typed is lost.
    record Unconfirmed(List<String> texts) implements ClientEvent {
        public Unconfirmed {
            texts = List.copyOf(texts);
        }
    }
}
