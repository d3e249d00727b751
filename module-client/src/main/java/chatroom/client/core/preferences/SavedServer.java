package chatroom.client.core.preferences;

import chatroom.client.core.ServerAddress;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/// A server the person has logged in to, remembered for the connect dialog and for the next
/// start.
///
/// @param address  where it is; servers are told apart by [#key()] (the host ignoring case)
/// @param name     the name last used there
/// @param tls      whether TLS was used
/// @param rooms    the rooms to rejoin after logging in, in the order they were joined (no
///                 duplicates: names that differ only in case are one room)
/// @param muted    the conversations (rooms or members) whose messages raise no notification
/// @param lastUsed when the person last logged in there
public record SavedServer(ServerAddress address, Name name, boolean tls, List<RoomName> rooms, List<Target> muted,
                          Instant lastUsed) {

    public SavedServer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastUsed, "lastUsed");
        rooms = distinct(rooms);
        muted = distinct(muted);
    }

    /// A server first used at `when`, with no rooms and nothing muted.
    public SavedServer(ServerAddress address, Name name, boolean tls, Instant when) {
        this(address, name, tls, List.of(), List.of(), when);
    }

    /// How the file and [Preferences] tell servers apart: `host:port`, the host in lower case.
    public String key() {
        return key(address);
    }

    /// The key of `address`, as [#key()].
    public static String key(ServerAddress address) {
        return new ServerAddress(address.host().toLowerCase(Locale.ROOT), address.port()).toString();
    }

    /// Whether `conversation` is muted here.
    public boolean isMuted(Target conversation) {
        return muted.stream().anyMatch(target -> key(target).equals(key(conversation)));
    }

    public SavedServer withRooms(List<RoomName> joined) {
        return new SavedServer(address, name, tls, joined, muted, lastUsed);
    }

    /// This server with `conversation` muted or not.
    public SavedServer withMuted(Target conversation, boolean mute) {
        List<Target> next = new ArrayList<>(muted);
        next.removeIf(target -> key(target).equals(key(conversation)));
        if (mute) {
            next.add(conversation);
        }
        return new SavedServer(address, name, tls, rooms, next, lastUsed);
    }

    /// This server used again at `when`, as `who`, with or without TLS.
    public SavedServer usedAgain(Name who, boolean withTls, Instant when) {
        return new SavedServer(address, who, withTls, rooms, muted, when);
    }

    private static <T extends Target> List<T> distinct(List<T> targets) {
        Set<String> seen = new HashSet<>();
        List<T> kept = new ArrayList<>(targets.size());
        for (T target : targets) {
            if (seen.add(key(Objects.requireNonNull(target, "target")))) {
                kept.add(target);
            }
        }
        return List.copyOf(kept);
    }

    private static String key(Target target) {
        return switch (target) {
            case RoomName room -> room.key();
            case Name member -> member.key();
        };
    }
}
