package chatroom.client.viewmodel;

import chatroom.client.core.ChatClient;
import chatroom.protocol.Command;
import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/// What the person can ask of a chat, typed (`/join #rust`) or from a menu, a dialog or the
/// member list: each becomes a [Command] for the [ChatClient], applied to the open conversation
/// when it names no room. A refusal is a value: returned in the UI's language by
/// [#perform(Command)] (the input shows it), told in the open conversation by [#act(Command)].
///
/// FX thread only (or the test's thread, with a direct executor).
public final class ChatActions {

    private final Texts texts;
    private final Supplier<ChatClient> client;
    private final Conversations conversations;
    private final ConversationEvents events;
    private final Refusals refusals;
    private final Supplier<Name> me;
    private final Supplier<Consumer<ChatViewModel.Request>> requests;
    private final BooleanSupplier roomsSupported;
    private final Supplier<Optional<ConversationViewModel>> here;
    private final Runnable quit;

    ChatActions(Texts texts, Supplier<ChatClient> client, Conversations conversations, ConversationEvents events,
                Supplier<Name> me, Supplier<Consumer<ChatViewModel.Request>> requests, BooleanSupplier roomsSupported,
                Supplier<Optional<ConversationViewModel>> here, Runnable quit) {
        this.texts = texts;
        this.client = client;
        this.conversations = conversations;
        this.events = events;
        this.refusals = new Refusals(texts);
        this.me = me;
        this.requests = requests;
        this.roomsSupported = roomsSupported;
        this.here = here;
        this.quit = quit;
    }

    /// Does what a command asks, in the open conversation when it names no room. Returns why
    /// it was refused, in the UI's language; empty when it was done (or sent to the server,
    /// whose answer arrives as events).
    public Optional<String> perform(Command command) {
        Optional<ConversationViewModel> open = Optional.ofNullable(conversations.openProperty().get());
        Optional<RoomName> room = open.filter(ConversationViewModel::isRoom).map(c -> (RoomName) c.target());
        return switch (command) {
            case Command.Say say -> say(open, say.text(), false);
            case Command.Me action -> say(open, action.text(), true);
            case Command.Msg msg -> {
                if (msg.to() instanceof Name person && !person.key().equals(me.get().key())) {
                    conversations.obtain(person);
                }
                yield refusal(client.get().send(msg.to(), msg.text(), false));
            }
            case Command.Help help -> {
                requests.get().accept(ChatViewModel.Request.HELP);
                yield Optional.empty();
            }
            case Command.Quit bye -> {
                quit.run();
                yield Optional.empty();
            }
            case Command.Rooms list -> {
                // The room directory opens and asks for the list itself.
                requests.get().accept(ChatViewModel.Request.ROOMS);
                yield Optional.empty();
            }
            case Command.Part part -> {
                if (part.room().isEmpty() && open.isPresent() && !open.get().isRoom()) {
                    conversations.remove(open.get());
                    yield Optional.empty();
                }
                Optional<RoomName> which = part.room().or(() -> room);
                if (which.isPresent() && conversations.find(which.get()).map(c -> !c.joinedProperty().get()).orElse(false)) {
                    // Put out of the room before: closing it is all that is left.
                    conversations.find(which.get()).ifPresent(conversations::remove);
                    yield Optional.empty();
                }
                which.ifPresent(events::leaving);
                yield refusal(client.get().perform(new Command.Part(which, part.reason())));
            }
            case Command.Who who -> refusal(client.get().perform(new Command.Who(who.room().or(() -> room))));
            case Command.Topic topic -> refusal(client.get().perform(new Command.Topic(topic.room().or(() -> room), topic.text())));
            case Command.Kick kick -> refusal(client.get().perform(new Command.Kick(kick.room().or(() -> room), kick.name(),
                    kick.reason())));
            case Command.Moderate moderate -> refusal(client.get().perform(new Command.Moderate(
                    moderate.room().or(() -> room), moderate.action(), moderate.target())));
            case Command.Invite invite -> refusal(client.get().perform(new Command.Invite(invite.room().or(() -> room),
                    invite.name())));
            case Command.Join join -> {
                // Already in it: just open it.
                Optional<ConversationViewModel> known = conversations.find(join.room())
                        .filter(c -> c.joinedProperty().get());
                if (known.isPresent()) {
                    conversations.open(known.get());
                    yield Optional.empty();
                }
                events.wantOpen(join.room());
                yield refusal(client.get().perform(command));
            }
            case Command.Nick nick -> refusal(client.get().perform(command));
            case Command.Away change -> refusal(client.get().perform(command));
            case Command.Oper oper -> refusal(client.get().perform(command));
        };
    }

    private Optional<String> say(Optional<ConversationViewModel> open, String text, boolean action) {
        if (open.isEmpty()) {
            return Optional.of(texts.get("input.nowhere"));
        }
        if (!open.get().joinedProperty().get()) {
            return Optional.of(texts.format("input.notInRoom", open.get().titleProperty().get()));
        }
        if (!roomsSupported.getAsBoolean() && !action) {
            // A version 1 server has one room, and its client sends there without naming it.
            return refusal(client.get().send(text));
        }
        return refusal(client.get().send(open.get().target(), text, action));
    }

    private Optional<String> refusal(Parsed<?> result) {
        return switch (result) {
            case Parsed.Ok<?> ok -> Optional.empty();
            case Parsed.Invalid<?> invalid -> Optional.of(refusals.of(invalid));
        };
    }

    /// Asks the server for its rooms; they arrive in [ChatViewModel#serverRooms()].
    public void listRooms() {
        client.get().perform(new Command.Rooms());
    }

    /// Opens the conversation with `target`: a room the person is in, or a private
    /// conversation (made if needed).
    public void openConversation(Target target) {
        switch (target) {
            case RoomName room -> conversations.open(room);
            case Name person -> openPrivate(person);
        }
    }

    /// Opens (making it if needed) the private conversation with `person`.
    public void openPrivate(Name person) {
        if (!person.key().equals(me.get().key())) {
            conversations.open(conversations.obtain(person));
        }
    }

    /// Opens the private conversation with the person named `typed`; a name that cannot be
    /// anybody's is told in the open conversation.
    public void openPrivate(String typed) {
        switch (Name.parse(typed.strip())) {
            case Parsed.Ok<Name> ok -> openPrivate(ok.value());
            case Parsed.Invalid<Name> invalid -> tell(refusals.of(invalid));
        }
    }

    /// Asks the server for a new name (`/nick`); an invalid one is told in the open conversation.
    public void rename(String typed) {
        switch (Name.parse(typed.strip())) {
            case Parsed.Ok<Name> ok -> act(new Command.Nick(ok.value()));
            case Parsed.Invalid<Name> invalid -> tell(refusals.of(invalid));
        }
    }

    /// An operator's action on `member` of the open room.
    public void moderate(Moderation action, Name member) {
        act(new Command.Moderate(Optional.empty(), action, Optional.of(member.value())));
    }

    /// Does what a menu, dialog or button asks; a refusal is told in the open conversation.
    public void act(Command command) {
        perform(command).ifPresent(this::tell);
    }

    /// Tells the person, in the open conversation, why something was not done.
    private void tell(String reason) {
        here.get().ifPresent(conversation -> {
            conversation.transcript().notice(texts.format("notice.error", reason), ChatItem.NoticeKind.ERROR,
                    events.into(conversation));
            events.flush();
        });
    }

    /// Operators: locks the open room's topic, or unlocks it.
    public void toggleTopicLock() {
        var open = conversations.openProperty().get();
        if (open != null && open.isRoom()) {
            act(new Command.Moderate(Optional.of((RoomName) open.target()), open.topicLockedProperty().get()
                    ? Moderation.UNLOCK_TOPIC : Moderation.LOCK_TOPIC, Optional.empty()));
        }
    }

    /// Turns notifications of the open conversation off or on.
    public void toggleMuted() {
        var open = conversations.openProperty().get();
        if (open != null) {
            open.setMuted(!open.mutedProperty().get());
        }
    }

    /// Joins `rooms` again (those of the last run), quietly: the open conversation stays open.
    /// Rooms the person is already in, and a room name refused, are skipped.
    public void rejoin(List<RoomName> rooms) {
        for (RoomName room : rooms) {
            if (conversations.find(room).isEmpty()) {
                client.get().perform(new Command.Join(room));
            }
        }
    }
}
