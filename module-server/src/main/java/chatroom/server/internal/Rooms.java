package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.server.RoomCreation;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/// The server's rooms by name (ignoring case), with the limits on making new ones: who may
/// create rooms, how many rooms there may be, how many one address may create a minute.
///
/// Thread-safe.
final class Rooms {

    private static final long NANOS_PER_MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final ConcurrentHashMap<String, Room> byKey = new ConcurrentHashMap<>();
    private final RoomContext context;
    private final RoomCreation creation;
    private final int maxRooms;
    private final int creationsPerMinute;
    private final LongSupplier nanoTime;
    /// Per address key: when its bucket of creations is full again (tokens measured as time).
    private final ConcurrentHashMap<InetAddress, Long> creationBuckets = new ConcurrentHashMap<>();
    private final Room defaultRoom;

    Rooms(List<Room> stored, RoomContext context, RoomCreation creation, int maxRooms, int creationsPerMinute,
          LongSupplier nanoTime) {
        this.context = context;
        this.creation = creation;
        this.maxRooms = maxRooms;
        this.creationsPerMinute = creationsPerMinute;
        this.nanoTime = nanoTime;
        stored.forEach(room -> byKey.put(room.name().key(), room));
        this.defaultRoom = byKey.get(context.defaultRoom().key());
        if (defaultRoom == null) {
            throw new IllegalArgumentException("the default room must be among the stored rooms");
        }
    }

    Room defaultRoom() {
        return defaultRoom;
    }

    Optional<Room> find(RoomName name) {
        return Optional.ofNullable(byKey.get(name.key()));
    }

    /// The room called `name`, created for `creator` if there is none and the limits allow
    /// (the creator becomes its operator).
    Parsed<Room> findOrCreate(RoomName name, Connection creator) {
        Room existing = byKey.get(name.key());
        if (existing != null) {
            return Parsed.ok(existing);
        }
        if (creation == RoomCreation.OPERATORS && !creator.membership().serverOperator()) {
            return Parsed.invalid(ErrorCode.CREATION_RESTRICTED, "there is no room " + name
                    + ", and only server operators may create rooms here");
        }
        if (byKey.size() >= maxRooms) {
            return Parsed.invalid(ErrorCode.ROOM_LIMIT, "there is no room " + name
                    + ", and the server holds as many rooms as it may (" + maxRooms + ")");
        }
        if (!takeCreation(creator.address())) {
            return Parsed.invalid(ErrorCode.ROOM_LIMIT, "there is no room " + name + ", and your address created "
                    + creationsPerMinute + " rooms in the last minute; try again in a minute");
        }
        Room[] created = new Room[1];
        Room room = byKey.computeIfAbsent(name.key(), key -> {
            created[0] = new Room(StoredRoom.created(name, context.clock().instant()), List.of(), context);
            return created[0];
        });
        if (room == created[0]) {
            context.record(new RoomChange.Created(name, context.clock().instant()));
            room.makeOperator(creator.name());
        }
        return Parsed.ok(room);
    }

    /// Closes `room` for good (server operators; never the default room).
    Parsed<RoomName> close(Connection actor, RoomName name) {
        if (!actor.membership().serverOperator()) {
            return Parsed.invalid(ErrorCode.NOT_OPERATOR, "only server operators may close rooms");
        }
        Room room = byKey.get(name.key());
        if (room == null) {
            return Parsed.invalid(ErrorCode.NO_SUCH_ROOM, "there is no room " + name);
        }
        if (room == defaultRoom) {
            return Parsed.invalid(ErrorCode.BAD_TARGET, "the default room " + name + " cannot be closed");
        }
        if (byKey.remove(name.key(), room)) {
            // Recorded before anyone is told: once told, the close is on its way to the disk.
            context.record(new RoomChange.Closed(room.name()));
            room.close(actor);
        }
        return Parsed.ok(room.name());
    }

    /// A room that `test` accepts, if there is one (in no particular order).
    Optional<Room> find(java.util.function.Predicate<Room> test) {
        return byKey.values().stream().filter(test).findAny();
    }

    /// Every room, by name.
    List<Room> all() {
        return byKey.values().stream().sorted(Comparator.comparing(room -> room.name().key())).toList();
    }

    int size() {
        return byKey.size();
    }

    /// Forgets the creation buckets that are full again (called by the janitor), so the map
    /// holds only addresses that created rooms within the last minute.
    void sweep() {
        long now = nanoTime.getAsLong();
        creationBuckets.entrySet().removeIf(entry -> entry.getValue() - now <= 0);
    }

    private boolean takeCreation(InetAddress address) {
        if (creationsPerMinute == 0) {
            return true;
        }
        long perToken = NANOS_PER_MINUTE / creationsPerMinute;
        long capacity = perToken * creationsPerMinute;
        long now = nanoTime.getAsLong();
        boolean[] taken = {false};
        creationBuckets.compute(AddressLimits.key(address), (key, fullAt) -> {
            long full = fullAt == null ? now : Math.max(fullAt, now);
            if (full + perToken - now > capacity) {
                return fullAt;
            }
            taken[0] = true;
            return full + perToken;
        });
        return taken[0];
    }
}
