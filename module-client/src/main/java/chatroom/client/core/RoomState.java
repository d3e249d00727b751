package chatroom.client.core;

import chatroom.protocol.Member;
import chatroom.protocol.Moderation;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/// A room this client is in, or is joining (or, briefly, one it is not in whose member list
/// arrived as an answer to `WHO`): its name as the server spells it, its members by key, and
/// where its history replay stands on the current link.
///
/// Guarded by the client's lock ([ClientState]).
final class RoomState {
    final RoomName name;
    private final TreeMap<String, Member> members = new TreeMap<>();
    private final List<Member> arriving = new ArrayList<>();
    /// Its own `JOINED` has been seen (on some link).
    boolean joined;
    // Per link.
    int replayRemaining;

    RoomState(RoomName name) {
        this.name = name;
    }

    void newLink() {
        arriving.clear();
        replayRemaining = 0;
    }

    /// One chunk of the member list; the whole list once the last chunk has arrived.
    Optional<ClientEvent.Members> chunk(ServerFrame.Members chunk) {
        arriving.addAll(chunk.members());
        if (chunk.more()) {
            return Optional.empty();
        }
        members.clear();
        arriving.forEach(this::put);
        arriving.clear();
        return Optional.of(list(true));
    }

    boolean has(String key) {
        return members.containsKey(key);
    }

    Member get(String key) {
        return members.get(key);
    }

    Member remove(String key) {
        return members.remove(key);
    }

    void put(Member member) {
        members.put(member.name().key(), member);
    }

    /// A moderator's `moderated` (other than `CLOSE`) applied to the member it names;
    /// returns whether a member's flags changed.
    boolean moderated(ServerFrame.Moderated moderated) {
        Optional<Member> target = moderated.target().map(value -> members.get(value.toLowerCase(Locale.ROOT)));
        if (target.isEmpty()) {
            return false;
        }
        return switch (moderated.action()) {
            case OP, DEOP, MUTE, UNMUTE, VOICE, DEVOICE -> {
                put(flagged(target.get(), moderated.action(), moderated.action() == Moderation.OP
                        || moderated.action() == Moderation.MUTE || moderated.action() == Moderation.VOICE));
                yield true;
            }
            case BAN, UNBAN, LOCK_TOPIC, UNLOCK_TOPIC, CLOSE, MODERATE, UNMODERATE, INVITE_ONLY, PUBLIC, SET_KEY,
                 CLEAR_KEY, SET_LIMIT, CLEAR_LIMIT -> {
                // No flag in the member list; a banned member is kicked out separately.
                yield false;
            }
        };
    }

    ClientEvent.Members list(boolean listed) {
        return new ClientEvent.Members(name, List.copyOf(members.values()), listed);
    }

    private static Member flagged(Member member, Moderation action, boolean on) {
        return switch (action) {
            case OP, DEOP -> new Member(member.name(), on, member.muted(), member.away(), member.voiced());
            case MUTE, UNMUTE -> new Member(member.name(), member.operator(), on, member.away(), member.voiced());
            case VOICE, DEVOICE -> new Member(member.name(), member.operator(), member.muted(), member.away(), on);
            case BAN, UNBAN, LOCK_TOPIC, UNLOCK_TOPIC, CLOSE, MODERATE, UNMODERATE, INVITE_ONLY, PUBLIC, SET_KEY,
                 CLEAR_KEY, SET_LIMIT, CLEAR_LIMIT -> member;
        };
    }
}
