package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/// What this client has seen and how it catches up with what it missed: the last message id
/// in each room and private conversation (so that nothing is shown twice), the private
/// conversations and where their history replay stands on the current link, and, after a
/// reconnect, the frames that take this client back into every room and ask every
/// conversation only for what is new.
///
/// Guarded by the client's lock ([ClientState]). Events are added to the list each method is given.
final class CatchUp {

    private final Identity identity;
    private final Delivery delivery;
    /// The last message id seen in each room (kept after leaving it, so that joining it again
    /// replays only what is new) and in each private conversation (by the other's name key).
    private final Map<String, Long> lastIds = new HashMap<>();
    /// The members this client has had private messages with, by key.
    private final Map<String, Name> peers = new LinkedHashMap<>();

    // Per link.
    /// Private conversations whose history this link asked for, by key: the messages still to
    /// come, or -1 before the count has arrived.
    private final Map<String, Integer> privateReplay = new HashMap<>();

    CatchUp(Identity identity, Delivery delivery) {
        this.identity = identity;
        this.delivery = delivery;
    }

    /// A new link: no history asked for yet.
    void newLink() {
        privateReplay.clear();
    }

    /// What to ask `target`'s history for: the messages after the last one seen there.
    OptionalLong since(Target target) {
        Long last = lastIds.get(Outbox.key(target));
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }

    /// Whether message `id` in `target` is new, that is not shown yet; if so, it now is.
    boolean isNew(Target target, long id) {
        String key = Outbox.key(target);
        if (id > lastIds.getOrDefault(key, 0L)) {
            lastIds.put(key, id);
            return true;
        }
        return false;
    }

    /// A version 2 login after the first, which put this client in `loginRoom`: leaves it again
    /// if the person had left it, joins every other room of `rooms` again and asks every
    /// private conversation (those with messages waiting too) for what it missed.
    void rejoin(RoomName loginRoom, Rooms rooms) {
        if (!rooms.isIn(loginRoom)) {
            rooms.leavingQuietly(loginRoom);
            delivery.send(new ClientFrame.Part(loginRoom, ""));
        }
        for (RoomName room : rooms.all()) {
            if (!room.sameAs(loginRoom)) {
                delivery.send(new ClientFrame.Join(room, since(room)));
            }
        }
        delivery.waitingPeers().forEach(peer -> peers.putIfAbsent(peer.key(), peer));
        for (Name peer : peers.values()) {
            privateReplay.put(peer.key(), -1);
            delivery.send(new ClientFrame.History(peer, since(peer)));
        }
    }

    /// A private message, sent (`to` the other) or received.
    void privateMessage(Name to, ServerFrame.Chat chat, List<ClientEvent> out) {
        Name with = identity.isMe(chat.from()) ? to : chat.from();
        peers.putIfAbsent(with.key(), with);
        Integer replay = privateReplay.get(with.key());
        boolean fromHistory = replay != null && replay > 0;
        if (fromHistory) {
            privateReplay.put(with.key(), replay - 1);
        }
        if (isNew(with, chat.id())) {
            out.add(new ClientEvent.PrivateMessage(with, chat, fromHistory));
            delivery.confirm(with, chat, out);
        }
        if (fromHistory && replay == 1) {
            privateReplayed(with);
        }
    }

    /// The count of the history of a private conversation that is about to be replayed.
    void privateHistory(ServerFrame.PrivateHistory history) {
        if (history.count() == 0) {
            privateReplayed(history.with());
        } else {
            privateReplay.put(history.with().key(), history.count());
        }
    }

    /// The history of the conversation with `with` is replayed (or refused): its messages go out.
    void privateReplayed(Name with) {
        privateReplay.remove(with.key());
        delivery.replayed(with);
    }
}
