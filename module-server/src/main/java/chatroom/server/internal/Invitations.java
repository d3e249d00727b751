package chatroom.server.internal;

import chatroom.protocol.Name;

import java.util.LinkedHashMap;
import java.util.Map;

/// The names invited into a room and not yet in it, by [Name#key()], oldest first. Bounded:
/// a new invitation beyond [#MAX] pushes out the oldest, so that inviting many names costs
/// a room no more than that. Kept in memory only: a restart forgets them.
///
/// Not thread-safe: guarded by its room's lock.
final class Invitations {

    /// The most invitations a room keeps.
    static final int MAX = 100;

    private final Map<String, Name> invited = new LinkedHashMap<>();

    /// Invites `name` (again: it becomes the newest).
    void add(Name name) {
        invited.remove(name.key());
        if (invited.size() >= MAX) {
            invited.remove(invited.keySet().iterator().next());
        }
        invited.put(name.key(), name);
    }

    boolean has(Name name) {
        return !invited.isEmpty() && invited.containsKey(name.key());
    }

    /// Uses up the invitation of `name`, if there is one.
    void remove(Name name) {
        invited.remove(name.key());
    }
}
