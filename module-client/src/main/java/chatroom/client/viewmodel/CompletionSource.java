package chatroom.client.viewmodel;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/// The names Tab completes in the input ([InputViewModel#complete]), asked for afresh at each
/// new completion, so they are always the current ones. The command words are the input's own
/// ([CommandWords#WORDS]).
///
/// Called on the FX thread (or the test's thread); it must not block.
public interface CompletionSource {

    /// People: the members of the open room, then the people of the private conversations.
    /// Candidates are offered in this order (so a source may put recent speakers first);
    /// a name listed twice (in any case) is offered once.
    List<Name> people();

    /// Rooms: those the person is in, then the other rooms of the server that are known.
    /// Offered in this order, each once.
    List<RoomName> rooms();

    /// A source that asks `people` and `rooms` each time.
    static CompletionSource of(Supplier<? extends List<Name>> people, Supplier<? extends List<RoomName>> rooms) {
        Objects.requireNonNull(people, "people");
        Objects.requireNonNull(rooms, "rooms");
        return new CompletionSource() {
            @Override
            public List<Name> people() {
                return List.copyOf(people.get());
            }

            @Override
            public List<RoomName> rooms() {
                return List.copyOf(rooms.get());
            }
        };
    }
}
