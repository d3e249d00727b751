package chatroom.client.viewmodel;

import chatroom.client.core.ClientEvent;
import chatroom.client.core.ConnectionState;
import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.ServerAddress;
import chatroom.protocol.LeaveReason;
import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;

/// Builders for view-model tests: contexts with a settable clock, and client events.
final class Fixtures {

    static final ZoneId ZONE = ZoneId.of("Europe/Rome");
    static final ServerAddress SERVER = new ServerAddress("127.0.0.1", 5999);
    /// The default room, as [#welcome] names it.
    static final RoomName LOBBY = RoomName.of("lobby");

    private Fixtures() {
    }

    static Texts english() {
        return new Texts(ResourceBundle.getBundle("chatroom.client.view.messages", Locale.ROOT), Locale.ENGLISH);
    }

    static Texts italian() {
        return new Texts(ResourceBundle.getBundle("chatroom.client.view.messages", Locale.ITALIAN), Locale.ITALIAN);
    }

    static ViewModelContext context(Executor executor, Texts texts, Clock clock) {
        return new ViewModelContext(executor, texts, ZONE, clock,
                new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(200), 0));
    }

    /// A clock the test moves by hand.
    static final class Clock implements InstantSource {
        private Instant now;

        Clock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    static ClientEvent state(ConnectionState state) {
        return new ClientEvent.StateChanged(state, Optional.empty(), Optional.empty());
    }

    static ClientEvent lost(String reason, Duration retryIn) {
        return new ClientEvent.StateChanged(ConnectionState.WAITING_TO_RECONNECT, Optional.of(reason),
                Optional.ofNullable(retryIn));
    }

    static ClientEvent welcome(String name, boolean reconnected) {
        return new ClientEvent.Welcome(new Name(name), "lobby", SERVER, reconnected);
    }

    /// The default room's members, as the server lists them.
    static ClientEvent members(List<Name> names) {
        return new ClientEvent.Members(LOBBY, names.stream().map(Member::plain).toList(), true);
    }

    static ClientEvent message(long id, String time, String from, String text, boolean history) {
        return new ClientEvent.Message(LOBBY, new ServerFrame.Chat(id, Instant.parse(time), new Name(from), text), history);
    }

    static ClientEvent joined(String name, String time) {
        return new ClientEvent.Presence(Optional.of(LOBBY), new ServerFrame.Joined(new Name(name), Instant.parse(time)));
    }

    static ClientEvent left(String name, String time, LeaveReason reason) {
        return new ClientEvent.Presence(Optional.empty(), new ServerFrame.Left(new Name(name), Instant.parse(time), reason));
    }

    static ClientEvent renamed(String from, String to, String time) {
        return new ClientEvent.Presence(Optional.empty(), new ServerFrame.Renamed(new Name(from), new Name(to), Instant.parse(time)));
    }
}
