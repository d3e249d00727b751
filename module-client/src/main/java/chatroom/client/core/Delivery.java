package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/// The way out to the server: the current link (where frames are written), the [Receipts] that
/// tell which frame a refusal names, and the messages still to be confirmed (the [Outbox], and
/// those typed before the first login). A message goes out once its target is ready on the
/// link: connected, and the history that may confirm some of its messages replayed.
///
/// Guarded by the client's lock ([ClientState]). Writing only hands a frame to the link's writer, which
/// queues it: no I/O happens under the lock.
final class Delivery {

    private final Identity identity;
    private final Outbox outbox = new Outbox();
    private final Receipts receipts = new Receipts();
    /// Messages to the current room typed before the first login: to the default room, once
    /// its name is known.
    private final List<String> beforeLogin = new ArrayList<>();

    // Per link.
    /// Where to write frames; `null` while disconnected.
    private BiConsumer<ClientFrame, Optional<String>> link;
    /// Rooms and members (keys) with messages from before this link, which wait for the
    /// history that may confirm some of them before they are sent again. Messages to other
    /// targets go out at once, in the order they were given (the server reads them after the
    /// `JOIN` or `PART` given before them).
    private final Set<String> awaitingReplay = new HashSet<>();

    Delivery(Identity identity) {
        this.identity = identity;
    }

    /// A new link that writes through `writer`: nothing is sent on it yet, and every target
    /// with messages waits for its history.
    void linked(BiConsumer<ClientFrame, Optional<String>> writer) {
        link = writer;
        receipts.clear();
        outbox.newLink();
        awaitingReplay.clear();
        outbox.targets().forEach(target -> awaitingReplay.add(Outbox.key(target)));
    }

    /// The link ended.
    void unlinked() {
        link = null;
        receipts.clear();
    }

    boolean isLinked() {
        return link != null;
    }

    /// The messages typed before the first login go to `loginRoom`, the default room.
    void beforeLoginTo(RoomName loginRoom) {
        beforeLogin.forEach(text -> outbox.add(loginRoom, text, false));
        beforeLogin.clear();
    }

    /// A message to the current room typed before the first login.
    void beforeLogin(String text, List<ClientEvent> out) {
        beforeLogin.add(text);
        out.add(unconfirmed());
    }

    /// Queues a message to `target` and sends it if `target` is ready.
    void say(Target target, String text, boolean action, List<ClientEvent> out) {
        outbox.add(target, text, action);
        flush(target);
        out.add(unconfirmed());
    }

    /// The members with messages waiting, who are private conversations even before any
    /// message arrived from them.
    List<Name> waitingPeers() {
        List<Name> peers = new ArrayList<>();
        for (Target target : outbox.targets()) {
            if (target instanceof Name peer) {
                peers.add(peer);
            }
        }
        return peers;
    }

    /// Sends what waits for every target that is ready.
    void flushAll() {
        for (Target target : outbox.targets()) {
            flush(target);
        }
    }

    /// The history of `target` has been replayed on this link: its messages go out.
    void replayed(Target target) {
        awaitingReplay.remove(Outbox.key(target));
        flush(target);
    }

    /// The echo `chat` of a message to `to` arrived: confirms it if it is one of this client's.
    void confirm(Target to, ServerFrame.Chat chat, List<ClientEvent> out) {
        if (identity.isMe(chat.from()) && outbox.confirm(to, chat)) {
            out.add(unconfirmed());
        }
    }

    /// `entry` will never be sent, for `reason`.
    void notSent(Outbox.Entry entry, String reason, List<ClientEvent> out) {
        if (outbox.remove(entry)) {
            out.add(new ClientEvent.NotSent(entry.to, entry.text, reason));
            out.add(unconfirmed());
        }
    }

    /// This client can no longer send to `target`: its messages are handed back, for `why`.
    void dropAll(Target target, String why, List<ClientEvent> out) {
        awaitingReplay.remove(Outbox.key(target));
        List<Outbox.Entry> dropped = outbox.removeAll(target);
        dropped.forEach(entry -> out.add(new ClientEvent.NotSent(entry.to, entry.text, why)));
        if (!dropped.isEmpty()) {
            out.add(unconfirmed());
        }
    }

    /// The oldest message sent on this link whose echo has not come yet.
    Optional<Outbox.Entry> oldestSent() {
        return outbox.oldestSent();
    }

    /// The frame an `ERROR` labelled `label` refuses, if it is one of ours.
    Optional<Receipts.Pending> refused(String label) {
        return receipts.refused(label);
    }

    /// Writes `frame`; on a version 2 link, labelled, so that a refusal names it. Only while linked.
    void send(ClientFrame frame) {
        send(frame, Optional.empty());
    }

    /// Writes `frame` with no label (an answer, such as `PONG`), if linked.
    void answer(ClientFrame frame) {
        if (link != null) {
            link.accept(frame, Optional.empty());
        }
    }

    /// Sends the messages waiting for `target`, if it is ready on this link: connected, and
    /// the history that may confirm some of them replayed.
    private void flush(Target target) {
        if (link == null || awaitingReplay.contains(Outbox.key(target))) {
            return;
        }
        for (Outbox.Entry entry : outbox.takeQueued(target)) {
            ClientFrame.Say say = identity.version() < 2
                    ? new ClientFrame.Say(entry.text)
                    : new ClientFrame.Say(Optional.of(entry.to), entry.text, entry.action);
            send(say, Optional.of(entry));
        }
    }

    private void send(ClientFrame frame, Optional<Outbox.Entry> entry) {
        link.accept(frame, identity.version() >= 2 ? Optional.of(receipts.add(frame, entry)) : Optional.empty());
    }

    /// The texts not confirmed yet, oldest first.
    ClientEvent.Unconfirmed unconfirmed() {
        List<String> texts = new ArrayList<>(beforeLogin);
        texts.addAll(outbox.texts());
        return new ClientEvent.Unconfirmed(texts);
    }
}
