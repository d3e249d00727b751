package chatroom.server.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/// What a member is in the community, besides its name: the rooms it is in, its current room
/// (plain members: where its lines go), its away text, whether it is a server operator, when
/// it signed on and last spoke, and its allowance of private messages.
///
/// Thread-safe. The room list is replaced (never changed) under this object's monitor, which
/// a room takes under its own lock as the member joins or leaves it; never the other way round.
final class Membership {

    private static final Room[] NO_ROOMS = new Room[0];

    /// The rooms, in join order.
    private volatile Room[] rooms = NO_ROOMS;
    private volatile Room current;
    private volatile String away;
    private volatile boolean serverOperator;
    /// When the member got its name, and when it last sent a message (epoch milliseconds):
    /// what `WHOIS` tells as its signon time and idle time.
    private volatile long signedOnMillis;
    private volatile long activeMillis;
    private final int privateRate;
    /// Made when the member sends its first private message (most never do); touched by the
    /// member's reader thread only.
    private TokenBucket privateMessages;

    /// A member who may send `privateRate` private messages a second, twice that at once.
    Membership(int privateRate) {
        this.privateRate = privateRate;
    }

    /// Whether the member is in `room`: O(rooms of the member), which is what makes a room's
    /// membership test cheap however many members the room has.
    boolean isIn(Room room) {
        for (Room joined : rooms) {
            if (joined == room) {
                return true;
            }
        }
        return false;
    }

    Room[] rooms() {
        return rooms;
    }

    int roomCount() {
        return rooms.length;
    }

    /// Called by `room`, under its lock, as the member joins it.
    synchronized void add(Room room) {
        Room[] grown = Arrays.copyOf(rooms, rooms.length + 1);
        grown[rooms.length] = room;
        rooms = grown;
    }

    /// Called by `room`, under its lock, as the member leaves it. If it was the current room,
    /// the room joined last becomes current; returns the new current room then (empty inside
    /// the optional if there is none), and nothing if the current room did not change.
    synchronized Optional<Optional<Room>> remove(Room room) {
        Room[] left = Arrays.stream(rooms).filter(joined -> joined != room).toArray(Room[]::new);
        rooms = left.length == 0 ? NO_ROOMS : left;
        if (current != room) {
            return Optional.empty();
        }
        current = left.length == 0 ? null : left[left.length - 1];
        return Optional.of(Optional.ofNullable(current));
    }

    /// The current room, or `null` if the member is in none.
    Room current() {
        return current;
    }

    void current(Room room) {
        current = room;
    }

    Optional<String> away() {
        return Optional.ofNullable(away);
    }

    void away(Optional<String> text) {
        away = text.orElse(null);
    }

    boolean serverOperator() {
        return serverOperator;
    }

    void serverOperator(boolean operator) {
        serverOperator = operator;
    }

    Instant signedOn() {
        return Instant.ofEpochMilli(signedOnMillis);
    }

    Instant lastActive() {
        return Instant.ofEpochMilli(activeMillis);
    }

    /// Called as the member gets its name: it is active from then on.
    void signedOn(Instant now) {
        signedOnMillis = now.toEpochMilli();
        activeMillis = signedOnMillis;
    }

    /// Called as the member sends a message.
    void active(long nowMillis) {
        activeMillis = nowMillis;
    }

    /// Takes one private message from the allowance; `false` if it is used up. Reader thread only.
    boolean takePrivateMessage(long now) {
        if (privateMessages == null) {
            privateMessages = new TokenBucket(privateRate, Math.max(1, 2 * privateRate), now);
        }
        return privateMessages.tryTake(now);
    }
}
