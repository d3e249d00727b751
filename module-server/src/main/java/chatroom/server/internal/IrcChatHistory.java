package chatroom.server.internal;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;
import chatroom.protocol.irc.IrcMessage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/// `CHATHISTORY` (IRCv3 `draft/chathistory`): the kept messages of a room the member is in, or
/// of its private conversation with a nick, picked by `LATEST`, `BEFORE`, `AFTER`, `AROUND` or
/// `BETWEEN`, and `TARGETS`, the conversations with messages between two times.
///
/// The messages are those every dialect replays (the structured dialect's `HISTORY … since=`):
/// the last `--history` of each conversation, which survive restarts with a data directory;
/// their `msgid` is the message's id in every dialect. A `msgid=` reference is a position in
/// that order even when its message is no longer kept (ids only grow), so paging back with
/// `BEFORE` ends with an empty batch where the kept history ends. The reply is a `chathistory`
/// batch (with `batch`; plain lines without it) of `PRIVMSG` lines as they were relayed, with
/// `msgid` and `time` for members with `message-tags` and `server-time`; refusals are
/// `FAIL CHATHISTORY` standard replies.
///
/// Reader thread only; reading a private conversation this run has not seen waits for the
/// store ([Community#kept]), holding no lock.
final class IrcChatHistory {

    /// The most messages (or targets) one request returns: `CHATHISTORY=` in `005`.
    static final int MAX_LIMIT = 100;
    private static final String COMMAND = "CHATHISTORY";

    private final Connection connection;
    private final Community community;
    private final IrcReplies replies;

    IrcChatHistory(Connection connection, Community community, IrcReplies replies) {
        this.connection = connection;
        this.community = community;
        this.replies = replies;
    }

    /// Where a request's messages are measured from: a message id, a time, or (`LATEST *`)
    /// nowhere.
    sealed interface Ref {

        /// Whether `chat` comes strictly before this point.
        boolean isEarlier(ServerFrame.Chat chat);

        /// Whether `chat` comes strictly after this point.
        boolean isLater(ServerFrame.Chat chat);

        /// `msgid=ID` (a continuation line's `ID-2` stands for its message).
        record ById(long id) implements Ref {
            @Override
            public boolean isEarlier(ServerFrame.Chat chat) {
                return chat.id() < id;
            }

            @Override
            public boolean isLater(ServerFrame.Chat chat) {
                return chat.id() > id;
            }
        }

        /// `timestamp=YYYY-MM-DDThh:mm:ss.sssZ`.
        record ByTime(Instant time) implements Ref {
            @Override
            public boolean isEarlier(ServerFrame.Chat chat) {
                return chat.time().isBefore(time);
            }

            @Override
            public boolean isLater(ServerFrame.Chat chat) {
                return chat.time().isAfter(time);
            }
        }

        /// `*`: no bound (`LATEST` only).
        record Unbounded() implements Ref {
            @Override
            public boolean isEarlier(ServerFrame.Chat chat) {
                return false;
            }

            @Override
            public boolean isLater(ServerFrame.Chat chat) {
                return true;
            }
        }
    }

    /// How a request picks messages around its reference(s).
    private enum Pick {
        LATEST, BEFORE, AFTER, AROUND, BETWEEN;

        /// The parameters the command takes with this subcommand, the subcommand included.
        int parameters() {
            return this == BETWEEN ? 5 : 4;
        }
    }

    /// A request's references and limit, checked.
    private record Query(Ref from, Ref to, int limit) {
    }

    void handle(IrcMessage message) {
        Optional<String> subcommand = message.param(0).map(word -> word.toUpperCase(Locale.ROOT));
        if (subcommand.isEmpty()) {
            fail("NEED_MORE_PARAMS", List.of(), "Missing parameters");
            return;
        }
        String sub = subcommand.get();
        if (sub.equals("TARGETS")) {
            targets(message);
            return;
        }
        Optional<Pick> pick = Arrays.stream(Pick.values()).filter(known -> known.name().equals(sub)).findFirst();
        pick.ifPresentOrElse(known -> messages(known, message),
                () -> fail("INVALID_PARAMS", List.of(sub), "Unknown subcommand"));
    }

    /// `CHATHISTORY SUB target ref [ref] limit`.
    private void messages(Pick pick, IrcMessage message) {
        String sub = pick.name();
        if (message.params().size() < pick.parameters()) {
            fail("NEED_MORE_PARAMS", List.of(sub), "Missing parameters");
            return;
        }
        List<String> params = message.params();
        Parsed<Query> query = ref(params.get(2), pick == Pick.LATEST).then(from ->
                (pick == Pick.BETWEEN ? ref(params.get(3), false) : Parsed.ok(from)).then(to ->
                        limit(params.get(pick.parameters() - 1)).then(limit -> Parsed.ok(new Query(from, to, limit)))));
        String target = params.get(1);
        switch (query) {
            case Parsed.Invalid<Query>(ErrorCode code, String detail) -> fail("INVALID_PARAMS", List.of(sub), detail);
            case Parsed.Ok<Query>(Query checked) -> {
                Parsed<? extends Target> conversation = target.startsWith("#") ? RoomName.parse(target)
                        : Name.parse(target);
                switch (conversation.then(with -> community.kept(connection, with))) {
                    case Parsed.Invalid<List<ServerFrame.Chat>> refused ->
                            fail("INVALID_TARGET", List.of(sub, target), "Messages could not be retrieved");
                    case Parsed.Ok<List<ServerFrame.Chat>>(List<ServerFrame.Chat> kept) ->
                            send("chathistory", List.of(target), lines(picked(pick, kept, checked), target));
                }
            }
        }
    }

    /// The messages of `kept` (oldest first) that `query` asks for with `pick`, oldest first.
    private static List<ServerFrame.Chat> picked(Pick pick, List<ServerFrame.Chat> kept, Query query) {
        Ref from = query.from();
        return switch (pick) {
            case LATEST -> last(kept.stream().filter(from::isLater).toList(), query.limit());
            case BEFORE -> last(kept.stream().filter(from::isEarlier).toList(), query.limit());
            case AFTER -> first(kept.stream().filter(from::isLater).toList(), query.limit());
            case AROUND -> around(kept, from, query.limit());
            case BETWEEN -> between(kept, from, query.to(), query.limit());
        };
    }

    /// `CHATHISTORY TARGETS timestamp=A timestamp=B limit`: each conversation with messages
    /// strictly between the two times (in either order), with the time of its newest one there,
    /// oldest first. The member's rooms, and its private conversations this run has seen.
    private void targets(IrcMessage message) {
        if (message.params().size() < 4) {
            fail("NEED_MORE_PARAMS", List.of("TARGETS"), "Missing parameters");
            return;
        }
        Parsed<Ref> a = ref(message.params().get(1), false);
        Parsed<Ref> b = ref(message.params().get(2), false);
        Parsed<Integer> limit = limit(message.params().get(3));
        if (!(a instanceof Parsed.Ok<Ref>(Ref.ByTime(Instant one)))
                || !(b instanceof Parsed.Ok<Ref>(Ref.ByTime(Instant other)))
                || !(limit instanceof Parsed.Ok<Integer>(Integer most))) {
            fail("INVALID_PARAMS", List.of("TARGETS"), "TARGETS takes two timestamps and a limit");
            return;
        }
        Instant after = one.isBefore(other) ? one : other;
        Instant before = one.isBefore(other) ? other : one;
        record Latest(String target, Instant time) {
        }
        List<Latest> found = new ArrayList<>();
        for (Community.Kept kept : community.conversations(connection)) {
            kept.messages().stream().map(ServerFrame.Chat::time)
                    .filter(time -> time.isAfter(after) && time.isBefore(before)).max(Comparator.naturalOrder())
                    .ifPresent(time -> found.add(new Latest(kept.with().value(), time)));
        }
        found.sort(Comparator.comparing(Latest::time));
        IrcLines irc = replies.lines();
        List<String> lines = found.stream().limit(most)
                .map(latest -> irc.fromServer(COMMAND, "TARGETS", latest.target(), IrcLines.serverTime(latest.time()))
                        .encode())
                .toList();
        send("draft/chathistory-targets", List.of(), lines);
    }

    /// `picked` as `PRIVMSG` lines to `target` as they were relayed: a room's to the room, a
    /// private conversation's from each sender to the other.
    private List<String> lines(List<ServerFrame.Chat> picked, String target) {
        IrcForm form = connection.ircForm();
        Name self = connection.name();
        List<String> lines = new ArrayList<>(picked.size());
        for (ServerFrame.Chat chat : picked) {
            boolean toTarget = target.startsWith("#") || chat.from().key().equals(self.key());
            lines.addAll(replies.lines().history(chat, toTarget ? target : self.value(), form));
        }
        return lines;
    }

    /// Sends `lines` in a batch of `type` to a member with `batch`, as they are to the rest.
    private void send(String type, List<String> params, List<String> lines) {
        replies.sendLines(connection.ircForm().batch()
                ? IrcBatch.wrap(replies.lines().server().name(), type, params, lines) : lines);
    }

    private void fail(String code, List<String> context, String description) {
        replies.send(replies.lines().fail(COMMAND, code, context, description));
    }

    /// `msgid=ID`, `timestamp=…` or (if `star`) `*`.
    private static Parsed<Ref> ref(String word, boolean star) {
        if (star && word.equals("*")) {
            return Parsed.ok(new Ref.Unbounded());
        }
        if (word.startsWith("msgid=")) {
            String id = word.substring("msgid=".length());
            int dash = id.indexOf('-');
            try {
                return Parsed.ok(new Ref.ById(Long.parseLong(dash < 0 ? id : id.substring(0, dash))));
            } catch (NumberFormatException e) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, "no such msgid: " + shorten(id));
            }
        }
        if (word.startsWith("timestamp=")) {
            try {
                return Parsed.ok(new Ref.ByTime(Instant.parse(word.substring("timestamp=".length()))));
            } catch (DateTimeParseException e) {
                return Parsed.invalid(ErrorCode.BAD_FRAME, "not a timestamp (YYYY-MM-DDThh:mm:ss.sssZ): "
                        + shorten(word.substring("timestamp=".length())));
            }
        }
        return Parsed.invalid(ErrorCode.BAD_FRAME, "not a message reference (msgid=… or timestamp=…"
                + (star ? " or *" : "") + "): " + shorten(word));
    }

    /// A positive count; more than [#MAX_LIMIT] asks for [#MAX_LIMIT].
    private static Parsed<Integer> limit(String word) {
        try {
            int limit = Integer.parseInt(word);
            return limit > 0 ? Parsed.ok(Math.min(limit, MAX_LIMIT))
                    : Parsed.invalid(ErrorCode.BAD_FRAME, "the limit must be positive: " + limit);
        } catch (NumberFormatException e) {
            return Parsed.invalid(ErrorCode.BAD_FRAME, "not a limit: " + shorten(word));
        }
    }

    private static <T> List<T> first(List<T> list, int count) {
        return list.subList(0, Math.min(count, list.size()));
    }

    private static <T> List<T> last(List<T> list, int count) {
        return list.subList(Math.max(0, list.size() - count), list.size());
    }

    /// Up to `limit` messages around `pivot`: the message at it (a `msgid`) or the first after
    /// it (a time) and those after, and about as many before; one side short gives the other
    /// more.
    private static List<ServerFrame.Chat> around(List<ServerFrame.Chat> messages, Ref pivot, int limit) {
        List<ServerFrame.Chat> before = messages.stream().filter(pivot::isEarlier).toList();
        List<ServerFrame.Chat> from = messages.stream().filter(chat -> !pivot.isEarlier(chat)).toList();
        int takenBefore = Math.min(limit / 2, before.size());
        int takenFrom = Math.min(limit - takenBefore, from.size());
        takenBefore = Math.min(limit - takenFrom, before.size());
        List<ServerFrame.Chat> picked = new ArrayList<>(last(before, takenBefore));
        picked.addAll(first(from, takenFrom));
        return picked;
    }

    /// The messages strictly between `a` and `b`: the `limit` nearest `a`, whichever way
    /// from it `b` lies; oldest first.
    private static List<ServerFrame.Chat> between(List<ServerFrame.Chat> messages, Ref a, Ref b, int limit) {
        boolean forwards = messages.stream().filter(a::isEarlier).count()
                <= messages.stream().filter(b::isEarlier).count();
        Ref low = forwards ? a : b;
        Ref high = forwards ? b : a;
        List<ServerFrame.Chat> inside = messages.stream().filter(chat -> low.isLater(chat) && high.isEarlier(chat))
                .toList();
        return forwards ? first(inside, limit) : last(inside, limit);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
