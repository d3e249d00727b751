package chatroom.server.internal;

import chatroom.protocol.Name;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/// Who holds which name, server-wide: names are unique ignoring case.
///
/// Thread-safe.
final class Directory {

    private final ConcurrentHashMap<String, Connection> byKey = new ConcurrentHashMap<>();

    /// Gives `name` to `member` unless somebody else holds it; returns whether it did.
    boolean claim(Name name, Connection member) {
        Connection holder = byKey.putIfAbsent(name.key(), member);
        return holder == null || holder == member;
    }

    /// Frees `name` if `member` holds it; returns whether it did.
    boolean release(Name name, Connection member) {
        return byKey.remove(name.key(), member);
    }

    Optional<Connection> find(Name name) {
        return Optional.ofNullable(byKey.get(name.key()));
    }

    /// Everyone with a name: a live view, as weakly consistent as [ConcurrentHashMap]'s.
    java.util.Collection<Connection> all() {
        return byKey.values();
    }

    int size() {
        return byKey.size();
    }
}
