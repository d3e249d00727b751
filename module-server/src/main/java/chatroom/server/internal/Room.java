package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Member;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/// One room: who is in it, what was said, its topic, operators, mutes, voices, bans, modes and
/// invitations, and the order everything in it happens in.
///
/// One lock orders the room's joins, messages, parts, kicks and changes, so every member sees
/// the same sequence, a joiner's history and the live messages after it neither overlap nor
/// leave a gap, and ids increase in the order messages are delivered. Under the lock frames
/// are only encoded and queued (never written, never logged), so holding it costs no I/O; a
/// room's broadcast touches only its own members, so a member in many rooms makes no
/// broadcast cost more.
///
/// With a [HistoryStore] a message is saved before it is delivered: under the lock it gets its
/// id and goes to the store; the store's thread hands it back ([#deliverSaved]), and only
/// then, under the lock again, is it added to the history and delivered to the members
/// present. Without one it is delivered at once, under the lock that gave it its id.
///
/// Changes of lasting state (topic, operators, mutes, bans) are recorded in the store as they
/// are made, and told to the room as [ServerFrame.Moderated] or [ServerFrame.Topic] frames.
///
/// Thread-safe. Lock order: a room's lock may be taken while holding nothing, and a
/// connection's room list is changed under it ([Connection#addRoom]); never the reverse.
final class Room {

    private final RoomName name;
    private final RoomContext context;
    private final ReentrantLock lock = new ReentrantLock();
    private final History history;
    private final RoomMembers members;
    /// Topic, operators, mutes, voices, bans and modes; guarded by the lock.
    private final RoomRules rules;
    /// Names invited and not yet in; guarded by the lock.
    private final Invitations invited = new Invitations();
    private boolean closed;

    /// A room as `stored` says, with the messages `recent` (oldest first) as its history.
    Room(StoredRoom stored, List<ServerFrame.Chat> recent, RoomContext context) {
        this.name = stored.name();
        this.context = context;
        this.history = new History(context.historySize());
        recent.forEach(history::add);
        this.rules = new RoomRules(stored);
        this.members = new RoomMembers(this, context.defaultRoom(), context.irc());
    }

    RoomName name() {
        return name;
    }

    /// Adds `member`, sends it `greeting` (if any), the member list, the history after `since`
    /// (structured clients) and the topic, and tells everyone (the joiner too). A plain
    /// member's current room becomes this one. Refused, with nobody told, if the room is
    /// closed, `member` is in it already or banned from it, or, unless it was invited or is an
    /// operator, if the room is invite-only, `key` is not its key, or it is full.
    Optional<ServerFrame.Error> join(Connection member, OptionalLong since, Optional<String> key,
                                     Optional<ServerFrame> greeting) {
        lock.lock();
        try {
            if (closed) {
                return refuse(ErrorCode.NO_SUCH_ROOM, name + " was closed");
            }
            if (isMember(member)) {
                return refuse(ErrorCode.WRONG_STATE, "you are in " + name + " already");
            }
            boolean admitted = invited.has(member.name()) || isOperator(member);
            Optional<ServerFrame.Error> refused = rules.joinRefusal(member.name(), member.address(), key, members.size(),
                    admitted);
            if (refused.isPresent()) {
                return refused;
            }
            invited.remove(member.name());
            members.add(member);
            member.membership().add(this);
            if (member.dialect() == Dialect.PLAIN) {
                member.membership().current(this);
            }
            greeting.ifPresent(member::send);
            if (member.dialect() == Dialect.IRC) {
                // IRC's order: the JOIN (to everyone, the joiner too), the topic, the names.
                broadcast(joined(member));
                if (!rules.topicText().isEmpty()) {
                    member.send(in(rules.topic()));
                }
                ServerFrames.membersFrames(roster()).forEach(part -> member.send(in(part)));
                return Optional.empty();
            }
            ServerFrames.membersFrames(roster()).forEach(part -> member.send(in(part)));
            if (member.dialect().structured()) {
                List<ServerFrame.Chat> replay = replay(since.orElse(Long.MIN_VALUE));
                member.send(in(new ServerFrame.History(replay.size())));
                replay.forEach(chat -> member.send(in(chat)));
            }
            // Version 1 promised nothing between the history and the joiner's JOINED: its topic
            // (a NOTICE) comes after.
            boolean topicFirst = member.dialect() != Dialect.STRUCTURED_V1;
            if (topicFirst && !rules.topicText().isEmpty()) {
                member.send(in(rules.topic()));
            }
            broadcast(joined(member));
            if (!topicFirst && !rules.topicText().isEmpty()) {
                member.send(in(rules.topic()));
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /// Sends `text` from `sender` to everyone in the room, the sender included (once saved,
    /// with a store). Refused if `sender` is not in the room or is muted in it.
    Optional<ServerFrame.Error> say(Connection sender, String text, boolean action) {
        return say(sender, text, action, MessageExtras.NONE);
    }

    /// As [#say(Connection, String, boolean)], with what an IRC sender attached to the message
    /// for its delivery.
    Optional<ServerFrame.Error> say(Connection sender, String text, boolean action, MessageExtras extras) {
        context.store().ifPresent(HistoryStore::awaitSpace);
        lock.lock();
        try {
            if (closed || !isMember(sender)) {
                return refuse(ErrorCode.NOT_IN_ROOM, "you are not in " + name + "; join it first");
            }
            Optional<ServerFrame.Error> silenced = rules.speechRefusal(sender.name(), isOperator(sender));
            if (silenced.isPresent()) {
                return silenced;
            }
            var chat = new ServerFrame.Chat(context.nextId(), context.clock().instant(), sender.name(), text, action);
            if (context.store().isEmpty()) {
                history.add(chat);
                members.broadcast(in(chat), extras, sender);
            } else if (!context.store().get().submit(new Journal.Entry(new Conversation.Room(name), chat, sender,
                    extras))) {
                return refuse(ErrorCode.WRONG_STATE, "the server is shutting down");
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /// Delivers messages the store has saved, in id order, to the members present now.
    void deliverSaved(List<Journal.Entry> saved) {
        lock.lock();
        try {
            for (Journal.Entry entry : saved) {
                history.add(entry.chat());
                if (!closed) {
                    members.broadcast(in(entry.chat()), entry.extras(), entry.sender());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /// Removes `member`, who leaves on purpose, and tells everyone (`member` too).
    Optional<ServerFrame.Error> part(Connection member, String reason) {
        lock.lock();
        try {
            if (!isMember(member)) {
                return refuse(ErrorCode.NOT_IN_ROOM, "you are not in " + name);
            }
            broadcast(in(new ServerFrame.Parted(member.name(), context.clock().instant(), reason)));
            remove(member);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /// Removes `member`, whose connection ended, without a word: [Community] tells each member
    /// who shared a room with it once. Returns the members left, who are to be told.
    Connection[] drop(Connection member) {
        lock.lock();
        try {
            if (isMember(member)) {
                remove(member);
            }
            return members.all();
        } finally {
            lock.unlock();
        }
    }

    /// Sends the topic to `member` (`text` empty), or sets it and tells everyone.
    Optional<ServerFrame.Error> topic(Connection member, Optional<String> text) {
        lock.lock();
        try {
            if (closed) {
                return refuse(ErrorCode.NO_SUCH_ROOM, name + " was closed");
            }
            if (text.isEmpty()) {
                member.send(in(rules.topic()));
                return Optional.empty();
            }
            if (!isMember(member) && !member.membership().serverOperator()) {
                return refuse(ErrorCode.NOT_IN_ROOM, "you are not in " + name);
            }
            if (rules.isMuted(member.name()) && !isOperator(member)) {
                return refuse(ErrorCode.MUTED, "you are muted in " + name + ": you may not set its topic");
            }
            return applied(rules.setTopic(text.get(), member.name(), isOperator(member), context.clock().instant()),
                    change -> {
                        var topic = in(rules.topic());
                        broadcast(topic);
                        answerAbsent(member, topic);
                    });
        } finally {
            lock.unlock();
        }
    }

    /// Removes `target` at the request of `actor`, an operator, and tells everyone (the
    /// target too).
    Optional<ServerFrame.Error> kick(Connection actor, Name target, String reason) {
        lock.lock();
        try {
            Optional<ServerFrame.Error> refusal = checkOperator(actor);
            if (refusal.isPresent()) {
                return refusal;
            }
            Connection kicked = memberNamed(target);
            if (kicked == null) {
                return refuse(ErrorCode.NO_SUCH_NAME, target + " is not in " + name);
            }
            kickOut(kicked, actor, reason);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /// Applies a moderation action of `actor` (an operator of the room, or a server
    /// operator) to `target` (a name, or for bans also an address) and tells everyone.
    /// [Moderation#CLOSE] is left to [Rooms#close].
    Optional<ServerFrame.Error> moderate(Connection actor, Moderation action, Optional<String> target) {
        lock.lock();
        try {
            Optional<ServerFrame.Error> refusal = checkOperator(actor);
            if (refusal.isPresent()) {
                return refusal;
            }
            String on = target.orElse("");
            Instant now = context.clock().instant();
            return switch (action) {
                case OP, DEOP -> applied(rules.setOperator(on, action == Moderation.OP), change -> told(actor, action, target));
                case MUTE, UNMUTE -> applied(rules.setMuted(on, action == Moderation.MUTE), change -> told(actor, action, target));
                case BAN -> applied(rules.ban(on, actor.name(), actor.address(), this::addressOfMemberNamed, now)
                        .then(ban -> Parsed.ok(new RoomChange.BanAdded(name, ban))), change -> {
                    told(actor, action, target);
                    kickBanned(actor, change.ban());
                });
                case UNBAN -> {
                    Parsed<List<RoomChange.Ban>> lifted = rules.unban(on);
                    if (lifted instanceof Parsed.Invalid<List<RoomChange.Ban>>(ErrorCode code, String detail)) {
                        yield refuse(code, detail);
                    }
                    ((Parsed.Ok<List<RoomChange.Ban>>) lifted).value()
                            .forEach(ban -> context.record(new RoomChange.BanRemoved(name, ban)));
                    told(actor, action, target);
                    yield Optional.empty();
                }
                case LOCK_TOPIC, UNLOCK_TOPIC -> applied(Parsed.ok(rules.lockTopic(action == Moderation.LOCK_TOPIC)),
                        change -> told(actor, action, Optional.empty()));
                case VOICE, DEVOICE -> applied(rules.setVoiced(on, action == Moderation.VOICE),
                        change -> told(actor, action, target));
                case MODERATE, UNMODERATE -> applied(rules.setModerated(action == Moderation.MODERATE),
                        change -> told(actor, action, target));
                case INVITE_ONLY, SET_KEY, SET_LIMIT, PUBLIC, CLEAR_KEY, CLEAR_LIMIT -> admission(actor, action, target);
                case CLOSE -> refuse(ErrorCode.BAD_FRAME, "closing is not a room's own action");
            };
        } finally {
            lock.unlock();
        }
    }

    /// A change of who may join: the invite-only mode, the key, the limit. The default room
    /// takes everyone who logs in, so it can have none of them.
    private Optional<ServerFrame.Error> admission(Connection actor, Moderation action, Optional<String> target) {
        boolean restricting = action == Moderation.INVITE_ONLY || action == Moderation.SET_KEY
                || action == Moderation.SET_LIMIT;
        if (restricting && name.sameAs(context.defaultRoom())) {
            return refuse(ErrorCode.BAD_TARGET, name + " is where everyone arrives: it cannot be invite-only, have a key"
                    + " or a member limit");
        }
        Parsed<RoomChange> change = switch (action) {
            case INVITE_ONLY, PUBLIC -> rules.setInviteOnly(action == Moderation.INVITE_ONLY);
            case SET_KEY, CLEAR_KEY -> rules.setKey(action == Moderation.SET_KEY ? target : Optional.empty());
            case SET_LIMIT, CLEAR_LIMIT -> rules.setLimit(action == Moderation.SET_LIMIT ? target : Optional.empty());
            case OP, DEOP, BAN, UNBAN, MUTE, UNMUTE, LOCK_TOPIC, UNLOCK_TOPIC, CLOSE, VOICE, DEVOICE, MODERATE,
                 UNMODERATE -> Parsed.invalid(ErrorCode.BAD_FRAME, action.verb() + " is not about joining");
        };
        return applied(change, made -> told(actor, action, target));
    }

    /// Invites `invitee` (present on the server) at the request of `actor`, a member (an
    /// operator while the room is invite-only; a server operator need not be in it), and tells
    /// both. The invitation lets `invitee` in once, past the invite-only mode, the key and the
    /// limit, but not past a ban.
    Optional<ServerFrame.Error> invite(Connection actor, Connection invitee) {
        lock.lock();
        try {
            if (closed) {
                return refuse(ErrorCode.NO_SUCH_ROOM, name + " was closed");
            }
            if (!isMember(actor) && !actor.membership().serverOperator()) {
                return refuse(ErrorCode.NOT_IN_ROOM, "you are not in " + name);
            }
            if (rules.modes().inviteOnly() && !isOperator(actor)) {
                return refuse(ErrorCode.NOT_OPERATOR, name + " is invite-only: only its operators may invite");
            }
            if (isMember(invitee)) {
                return refuse(ErrorCode.WRONG_STATE, invitee.name() + " is in " + name + " already");
            }
            Name who = invitee.name();
            invited.add(who);
            var invitation = new ServerFrame.Invited(name, actor.name(), who, context.clock().instant());
            if (invitee != actor) {
                // A server operator may invite itself into a room it is not in: told once.
                invitee.send(invitation);
            }
            actor.send(invitation);
            context.moderationLog().invited(name, actor.name(), who);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /// Closes the room for good at the request of `actor`: everyone is told and removed, and
    /// the room refuses everything from now on. The caller forgets it and records it.
    void close(Connection actor) {
        lock.lock();
        try {
            told(actor, Moderation.CLOSE, Optional.empty());
            Instant now = context.clock().instant();
            for (Connection member : members.clear()) {
                if (member.dialect() == Dialect.IRC) {
                    // IRC has no word for a channel that ends: each IRC member is told it parted.
                    member.send(in(new ServerFrame.Parted(member.name(), now, "the room was closed")));
                }
                member.left(this);
            }
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /// Sends the member list to `member`.
    void sendMembers(Connection member) {
        lock.lock();
        try {
            ServerFrames.membersFrames(roster()).forEach(part -> member.send(in(part)));
        } finally {
            lock.unlock();
        }
    }

    /// The room's settings as `viewer` may see them, or a refusal if the room was closed.
    Optional<RoomSettings> settings(Connection viewer) {
        lock.lock();
        try {
            if (closed) {
                return Optional.empty();
            }
            return Optional.of(new RoomSettings(rules.created(), rules.topicLocked(), rules.modes(), rules.bans(),
                    isMember(viewer), isOperator(viewer)));
        } finally {
            lock.unlock();
        }
    }

    /// Whether a member called `who` is in the room now.
    boolean isPresent(Name who) {
        lock.lock();
        try {
            return memberNamed(who) != null;
        } finally {
            lock.unlock();
        }
    }

    /// The members now, for a caller that tells them something outside the lock.
    Connection[] members() {
        return members.all();
    }

    /// Whether a member called `memberName` at `member`'s address may not join.
    boolean isBanned(Name memberName, Connection member) {
        lock.lock();
        try {
            return rules.isBanned(memberName, member.address());
        } finally {
            lock.unlock();
        }
    }

    /// Whether `member` is muted here (by name).
    boolean isMuted(Name memberName) {
        lock.lock();
        try {
            return rules.isMuted(memberName);
        } finally {
            lock.unlock();
        }
    }

    /// Whether `member` is an operator here (a server operator is one in every room).
    boolean hasOperator(Connection member) {
        lock.lock();
        try {
            return isOperator(member);
        } finally {
            lock.unlock();
        }
    }

    /// This room as a line of the room list.
    ServerFrame.RoomInfo info() {
        lock.lock();
        try {
            return new ServerFrame.RoomInfo(name, members.size(), rules.topicText());
        } finally {
            lock.unlock();
        }
    }

    int size() {
        return members.size();
    }

    /// Makes `member` an operator: the creator of the room, as it is created.
    void makeOperator(Name member) {
        lock.lock();
        try {
            if (rules.setOperator(member.value(), true) instanceof Parsed.Ok<RoomChange>(RoomChange change)) {
                context.record(change);
            }
        } finally {
            lock.unlock();
        }
    }

    /// Records `change` and runs `then` (telling the room), or returns the refusal.
    private <C extends RoomChange> Optional<ServerFrame.Error> applied(Parsed<? extends C> change,
                                                                         java.util.function.Consumer<C> then) {
        return switch (change) {
            case Parsed.Ok<? extends C>(C made) -> {
                context.record(made);
                then.accept(made);
                yield Optional.empty();
            }
            case Parsed.Invalid<? extends C>(ErrorCode code, String detail) -> refuse(code, detail);
        };
    }

    /// Removes the members (but `actor`) whom a new ban hits.
    private void kickBanned(Connection actor, RoomChange.Ban ban) {
        for (Connection member : members.all()) {
            if (member != actor && RoomRules.hits(ban, member.name(), member.address())) {
                kickOut(member, actor, "banned");
            }
        }
    }

    private Optional<InetAddress> addressOfMemberNamed(Name who) {
        return Optional.ofNullable(memberNamed(who)).map(Connection::address);
    }

    /// Tells the room (and the log, after the lock) that `actor` did `action`.
    private void told(Connection actor, Moderation action, Optional<String> target) {
        var moderated = in(new ServerFrame.Moderated(action, actor.name(), target, context.clock().instant()));
        broadcast(moderated);
        answerAbsent(actor, moderated);
        // A key is for the room's members, not for the server's log.
        context.moderationLog().log(name, actor.name(), action,
                action == Moderation.SET_KEY ? Optional.of("(a key)") : target);
    }

    /// A server operator may act on a room it is not in: it is told what it did all the same.
    private void answerAbsent(Connection actor, ServerFrame frame) {
        if (!isMember(actor)) {
            actor.send(frame);
        }
    }

    private void kickOut(Connection kicked, Connection actor, String reason) {
        var frame = in(new ServerFrame.Kicked(kicked.name(), actor.name(), context.clock().instant(), reason));
        if (kicked.dialect() == Dialect.STRUCTURED_V1) {
            // A version 1 client cannot be in any other room, nor join again: it is let go with
            // a goodbye that says why, and never sees its own LEFT.
            remove(kicked);
            broadcast(frame);
            kicked.kickedOut(name, actor.name(), reason);
        } else {
            broadcast(frame);
            remove(kicked);
        }
        answerAbsent(actor, frame);
        context.moderationLog().kicked(name, actor.name(), kicked.name(), reason);
    }

    private Optional<ServerFrame.Error> checkOperator(Connection actor) {
        if (closed) {
            return refuse(ErrorCode.NO_SUCH_ROOM, name + " was closed");
        }
        if (actor.membership().serverOperator()) {
            return Optional.empty();
        }
        if (!isMember(actor)) {
            return refuse(ErrorCode.NOT_IN_ROOM, "you are not in " + name);
        }
        if (!rules.isOperator(actor.name())) {
            return refuse(ErrorCode.NOT_OPERATOR, "only operators of " + name + " may do that");
        }
        return Optional.empty();
    }

    private boolean isOperator(Connection member) {
        return member.membership().serverOperator() || rules.isOperator(member.name());
    }

    private void remove(Connection member) {
        members.remove(member);
        member.left(this);
    }

    private Connection memberNamed(Name who) {
        return members.named(who);
    }

    private List<Member> roster() {
        return members.roster(this::entryOf);
    }

    /// `member`'s join, with the flags it enters with if others are there to be told them. One
    /// alone in the room (its creator) learns them from its member list, as IRC's creator
    /// learns its `@` from `NAMES` without a `MODE`.
    private ServerFrame.InRoom joined(Connection member) {
        Member entering = members.size() > 1 ? entryOf(member) : Member.plain(member.name());
        return in(new ServerFrame.Joined(entering, context.clock().instant()));
    }

    /// `member` with its flags in this room, as member lists and its `JOINED` show it.
    private Member entryOf(Connection member) {
        Name name = member.name();
        return new Member(name, isOperator(member), rules.isMuted(name), member.membership().away().isPresent(),
                rules.isVoiced(name));
    }

    /// The kept messages after `afterId`, without those older than the age limit.
    private List<ServerFrame.Chat> replay(long afterId) {
        return context.withinAgeLimit(history.after(afterId));
    }

    /// The messages kept (oldest first, within the age limit) for `member`, who must be in
    /// the room: what the IRC dialect's `CHATHISTORY` picks from.
    Parsed<List<ServerFrame.Chat>> kept(Connection member) {
        lock.lock();
        try {
            if (!isMember(member)) {
                return Parsed.invalid(ErrorCode.NOT_IN_ROOM, "you are not in " + name);
            }
            return Parsed.ok(replay(Long.MIN_VALUE));
        } finally {
            lock.unlock();
        }
    }

    /// Who a tag-only message of `sender` (IRC's `TAGMSG`: relayed, never kept) reaches now:
    /// every member, `sender` too. Refused as [#say] would refuse a message.
    Parsed<Connection[]> audience(Connection sender) {
        lock.lock();
        try {
            if (closed || !isMember(sender)) {
                return Parsed.invalid(ErrorCode.NOT_IN_ROOM, "you are not in " + name + "; join it first");
            }
            if (rules.isMuted(sender.name())) {
                return Parsed.invalid(ErrorCode.MUTED, "you are muted in " + name);
            }
            return Parsed.ok(members.all());
        } finally {
            lock.unlock();
        }
    }

    /// The messages kept after `afterId` for a member who asks (`HISTORY room=`).
    Optional<ServerFrame.Error> sendHistory(Connection member, long afterId) {
        lock.lock();
        try {
            if (!isMember(member)) {
                return refuse(ErrorCode.NOT_IN_ROOM, "you are not in " + name);
            }
            List<ServerFrame.Chat> replay = replay(afterId);
            member.send(in(new ServerFrame.History(replay.size())));
            replay.forEach(chat -> member.send(in(chat)));
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private ServerFrame.InRoom in(ServerFrame.RoomEvent event) {
        return new ServerFrame.InRoom(name, event);
    }

    private void broadcast(ServerFrame frame) {
        members.broadcast(frame);
    }

    /// O(rooms of the member), not O(members): the member's own room list is changed under
    /// this room's lock, together with the room's [RoomMembers].
    private boolean isMember(Connection connection) {
        return connection.membership().isIn(this);
    }

    private static Optional<ServerFrame.Error> refuse(ErrorCode code, String text) {
        return Optional.of(new ServerFrame.Error(code, text));
    }
}
