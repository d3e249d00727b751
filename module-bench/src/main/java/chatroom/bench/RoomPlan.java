package chatroom.bench;

import java.util.ArrayList;
import java.util.List;

/// Which rooms each member joins besides the lobby (`rooms`, `idle --rooms-per-member`).
///
/// Deterministic: member `i` joins rooms `(i·K + j) mod R` for `j` in `0..K-1`. The slots
/// `i·K + j` number `0 … N·K-1` once each, so when `R` divides `N·K` every room has exactly
/// `N·K/R` members, and a member's `K` rooms are `K` consecutive numbers modulo `R`, all
/// different when `K ≤ R`. The bench knows every room's membership from the numbers alone, and
/// so how many deliveries each message is owed.
///
/// @param members      N, the members of the run
/// @param rooms        R, the rooms they share (`#r0` … `#r<R-1>`)
/// @param perMember    K, the rooms each member joins besides the lobby
record RoomPlan(int members, int rooms, int perMember) {

    /// Room names are short: every byte of a room message's line is sent to each member.
    static final String ROOM_PREFIX = "#r";

    /// A plan, or the reason the numbers cannot make rooms of equal size (exit code 2).
    ///
    /// @throws BenchException.Usage if a number is out of range or the rooms would be uneven
    static RoomPlan of(int members, int rooms, int perMember) {
        if (rooms < 1 || rooms > 100_000) {
            throw new BenchException.Usage("--rooms must be 1..100,000: " + rooms);
        }
        if (perMember < 1 || perMember > rooms) {
            throw new BenchException.Usage("--rooms-per-member must be between 1 and --rooms (" + rooms + "): "
                    + perMember);
        }
        long slots = (long) members * perMember;
        if (slots % rooms != 0) {
            throw new BenchException.Usage("--members × --rooms-per-member (" + members + " × " + perMember + " = "
                    + slots + ") must be a multiple of --rooms (" + rooms + "), so that every room has the same "
                    + "members; for instance --rooms " + largestDivisorAtMost(slots, rooms));
        }
        return new RoomPlan(members, rooms, perMember);
    }

    /// Members of every room (the sender included).
    int roomSize() {
        return (int) ((long) members * perMember / rooms);
    }

    /// The rooms member `member` joins, by number.
    int room(int member, int j) {
        return (int) (((long) member * perMember + j) % rooms);
    }

    /// The names of the rooms member `member` joins, in the order it joins them.
    List<String> roomNamesOf(int member) {
        List<String> names = new ArrayList<>(perMember);
        for (int j = 0; j < perMember; j++) {
            names.add(name(room(member, j)));
        }
        return names;
    }

    static String name(int room) {
        return ROOM_PREFIX + room;
    }

    private static long largestDivisorAtMost(long value, long limit) {
        for (long d = limit; d > 1; d--) {
            if (value % d == 0) {
                return d;
            }
        }
        return 1;
    }
}
