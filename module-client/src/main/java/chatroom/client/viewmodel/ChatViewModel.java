package chatroom.client.viewmodel;

import chatroom.client.core.ChatClient;
import chatroom.client.core.ClientEvent;
import chatroom.client.core.ConnectionState;
import chatroom.client.core.LoginOutcome;
import chatroom.client.core.Security;
import chatroom.client.core.ServerAddress;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;

import static java.lang.System.Logger.Level.WARNING;

/// The chat window's state: the messages, the members, the message being typed, the
/// connection's state, and the commands the person can give (send, quit, and through
/// [#reconnect()] the choices while the connection is lost).
///
/// Events from the [ChatClient] arrive in batches through the context's executor; a batch
/// becomes at most one `addAll` on [#items()], which keeps the last [#MAX_ITEMS] rows, so a
/// burst of thousands of messages costs the list one change, not thousands.
///
/// FX thread only (or the test's thread, with a direct executor).
public final class ChatViewModel {

    /// The most rows the message list keeps; older ones are dropped.
    public static final int MAX_ITEMS = 10_000;
    /// How long [#quit()] waits for the client to say goodbye before the chat ends anyway.
    static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private static final System.Logger LOG = System.getLogger("chatroom.client");

    private final ViewModelContext context;
    private final Texts texts;
    private final ServerAddress server;
    private final Transcript transcript;
    private final ReconnectViewModel reconnect;
    /// Set once, right after construction, by [#open].
    private ChatClient client;

    private final ObservableList<ChatItem> items = FXCollections.observableArrayList();
    private final ObservableList<ChatItem> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ObservableList<Name> members = FXCollections.observableArrayList();
    private final ObservableList<Name> membersView = FXCollections.unmodifiableObservableList(members);
    private final ObservableList<String> pending = FXCollections.observableArrayList();
    private final ObservableList<String> pendingView = FXCollections.unmodifiableObservableList(pending);
    private final StringProperty input = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper inputError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.CONNECTING);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper me = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper room = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper securityWarning = new ReadOnlyStringWrapper("");
    /// Why the client stopped reconnecting by itself, if it did.
    private LoginOutcome stoppedBy;
    private long lastMessageId;
    /// The last login, until our own join is announced.
    private ClientEvent.Welcome greeting;
    /// The room the desktop shows, from the last login; `null` before it.
    private RoomName defaultRoom;
    private boolean quitting;

    private ChatViewModel(ViewModelContext context, ServerAddress server, Name name) {
        this.context = context;
        this.texts = context.texts();
        this.server = server;
        this.transcript = new Transcript(context, name);
        this.reconnect = new ReconnectViewModel(context, () -> client.reconnectNow(), () -> client.cancelReconnect(),
                this::quit);
        me.set(name.value());
        connected.bind(state.isEqualTo(ConnectionState.CONNECTED));
        canSend.bind(connected.and(Bindings.createBooleanBinding(
                () -> input.get() != null && !input.get().isBlank(), input)));
        input.addListener((observable, before, after) -> inputError.set(""));
        refresh();
    }

    /// A chat with `server` as `name`, not yet connected: [#start()] connects. Its
    /// [ChatClient] reports to this view-model from the first event on, so nothing that
    /// happens while logging in is missed.
    public static ChatViewModel open(ViewModelContext context, ServerAddress server, Name name) {
        return open(context, server, name, Security.plain());
    }

    /// A chat as [#open(ViewModelContext, ServerAddress, Name)], secured as `security` says.
    public static ChatViewModel open(ViewModelContext context, ServerAddress server, Name name, Security security) {
        var chat = new ChatViewModel(context, server, name);
        chat.client = new ChatClient(server, name, security, context.uiExecutor(), chat::apply, context.policy(),
                RandomGenerator.getDefault());
        return chat;
    }

    /// Connects and logs in (off the calling thread); the future tells how the first attempt
    /// ended.
    public CompletableFuture<LoginOutcome> start() {
        return client.start();
    }

    /// Applies one batch of the client's events. This is the client's listener.
    public void apply(List<ClientEvent> batch) {
        List<ChatItem> added = new ArrayList<>();
        ClientEvent.Members latestMembers = null;
        ClientEvent.Unconfirmed latestUnconfirmed = null;
        for (ClientEvent event : batch) {
            switch (event) {
                case ClientEvent.StateChanged change -> onState(change, added);
                case ClientEvent.Welcome welcome -> onWelcome(welcome);
                case ClientEvent.Members list -> {
                    if (shown(list.room())) {
                        latestMembers = list;
                    }
                }
                case ClientEvent.Message message -> {
                    // The client never repeats a message; ids only grow, so this is cheap insurance.
                    if (shown(message.room()) && message.chat().id() > lastMessageId) {
                        lastMessageId = message.chat().id();
                        transcript.message(message.chat(), added);
                    }
                }
                case ClientEvent.Presence presence -> {
                    if (presence.room().map(this::shown).orElse(true)) {
                        onPresence(presence, added);
                    }
                }
                // Worded as a version 1 server words them, in the notices it sent instead.
                case ClientEvent.Topic topic -> roomNotice(topic.room(), topic.topic(), added);
                case ClientEvent.Moderated moderated -> roomNotice(moderated.room(), moderated.moderated(), added);
                case ClientEvent.PrivateMessage message -> {
                    // Until the window has conversations of its own, a private message is told
                    // in the transcript rather than lost from sight.
                    if (!message.fromHistory()) {
                        transcript.notice(message.chat().time(), texts.format(
                                message.sent() ? "notice.private.to" : "notice.private.from", message.with(),
                                message.chat().text()), ChatItem.NoticeKind.CONNECTION, added);
                    }
                }
                case ClientEvent.Away away -> {
                    // Not shown by a version 1 server either.
                }
                case ClientEvent.RoomList list -> {
                    // Only asked for by commands the desktop does not give.
                }
                case ClientEvent.InRooms rooms -> {
                    // The desktop stays in the default room.
                }
                case ClientEvent.Notice notice -> transcript.notice(
                        notice.error() ? texts.format("notice.error", notice.text()) : notice.text(),
                        notice.error() ? ChatItem.NoticeKind.ERROR : ChatItem.NoticeKind.CONNECTION, added);
                case ClientEvent.Unconfirmed unconfirmed -> latestUnconfirmed = unconfirmed;
                case ClientEvent.NotSent notSent -> onNotSent(notSent, added);
                case ClientEvent.Stopped stopped -> {
                    stoppedBy = stopped.why();
                    securityWarning.set(TrustWords.explain(texts, server, stopped.why()));
                }
            }
        }
        if (latestMembers != null) {
            members.setAll(latestMembers.names());
        }
        if (latestUnconfirmed != null) {
            pending.setAll(latestUnconfirmed.texts());
        }
        append(added);
    }

    /// A message the server refused: said in the transcript, and handed back to the input
    /// if that is empty, so sending it again is one key away and nothing typed is lost.
    private void onNotSent(ClientEvent.NotSent notSent, List<ChatItem> added) {
        transcript.notice(texts.format("notice.notSent", notSent.text(), notSent.reason()),
                ChatItem.NoticeKind.ERROR, added);
        if (input.get() == null || input.get().isEmpty()) {
            input.set(notSent.text());
        }
    }

    /// Sends what was typed; `/quit` leaves instead. An invalid message stays in the input
    /// with the reason beside it.
    public void send() {
        String text = input.get() == null ? "" : input.get();
        if (text.strip().equalsIgnoreCase("/quit")) {
            input.set("");
            quit();
            return;
        }
        if (!canSend.get()) {
            return;
        }
        switch (client.send(text)) {
            case Parsed.Ok<String> ok -> input.set("");
            case Parsed.Invalid<String> invalid -> inputError.set(invalid.code() == ErrorCode.TEXT_TOO_LONG
                    ? texts.format("input.tooLong", Limits.MAX_TEXT_BYTES)
                    : texts.get("input.invalid"));
        }
    }

    /// Leaves the chat: says goodbye to the server and closes the connection. [#endedProperty()]
    /// becomes true once the client has closed, or after [#CLOSE_GRACE] if it has not.
    public void quit() {
        if (quitting) {
            return;
        }
        quitting = true;
        status.set(texts.get("chat.leaving"));
        client.quit();
        Thread.ofVirtual().name("chatroom-close-wait").start(() -> {
            try {
                if (!client.awaitClosed(CLOSE_GRACE)) {
                    LOG.log(WARNING, "The connection did not close within {0}; closing the chat anyway", CLOSE_GRACE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                context.uiExecutor().execute(this::end);
            } catch (RejectedExecutionException | IllegalStateException e) {
                LOG.log(WARNING, "The chat ended after the UI had gone: {0}", e.toString());
            }
        });
    }

    /// Drops the connection without waiting for it to close: the dialog gave up on this chat
    /// before it was shown.
    void abandon() {
        quitting = true;
        client.quit();
    }

    /// Waits until the client has closed. Blocks: never on the FX thread (tests and
    /// shutdown code only).
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return client.awaitClosed(timeout);
    }

    private void onState(ClientEvent.StateChanged change, List<ChatItem> added) {
        ConnectionState previous = state.get();
        state.set(change.state());
        reconnect.onState(change);
        switch (change.state()) {
            case WAITING_TO_RECONNECT -> {
                if (previous == ConnectionState.CONNECTED) {
                    transcript.notice(texts.format("notice.lost",
                            change.reason().orElse(texts.get("banner.lost.unknown"))), ChatItem.NoticeKind.CONNECTION, added);
                }
            }
            case CLOSED -> {
                // Stopped for a reason the person must read: the chat stays open with the warning.
                if (stoppedBy == null || quitting) {
                    end();
                }
            }
            case CONNECTING, CONNECTED -> {
                // The banner and the status line say it.
            }
        }
        refresh();
    }

    /// Whether an event of `room` is shown: the desktop shows the default room only (its rooms
    /// come later). Before the first login no room is known, and the client sends none.
    private boolean shown(RoomName eventRoom) {
        return defaultRoom == null || defaultRoom.sameAs(eventRoom);
    }

    private void roomNotice(RoomName eventRoom, ServerFrame.RoomEvent event, List<ChatItem> added) {
        if (shown(eventRoom)) {
            PlainText.render(event).ifPresent(line -> transcript.notice(
                    line.substring(PlainText.NOTICE_PREFIX.length()), ChatItem.NoticeKind.CONNECTION, added));
        }
    }

    private void onWelcome(ClientEvent.Welcome welcome) {
        defaultRoom = welcome.defaultRoom();
        transcript.rename(welcome.name());
        me.set(welcome.name().value());
        room.set(welcome.room());
        greeting = welcome;
        refresh();
    }

    /// Our own join comes right after the history: greeting there keeps the history above it.
    private void onPresence(ClientEvent.Presence presence, List<ChatItem> added) {
        if (greeting != null && presence.frame() instanceof ServerFrame.Joined joined
                && joined.name().key().equals(transcript.me().key())) {
            transcript.notice(joined.time(), greeting.reconnected()
                            ? texts.format("notice.reconnected", greeting.server())
                            : texts.format("notice.welcome", greeting.name(), greeting.room()),
                    ChatItem.NoticeKind.CONNECTION, added);
            greeting = null;
        } else {
            transcript.presence(presence, added);
        }
    }

    private void append(List<ChatItem> added) {
        if (added.isEmpty()) {
            return;
        }
        if (added.size() >= MAX_ITEMS) {
            items.setAll(added.subList(added.size() - MAX_ITEMS, added.size()));
            return;
        }
        items.addAll(added);
        int excess = items.size() - MAX_ITEMS;
        if (excess > 0) {
            items.remove(0, excess);
        }
    }

    private void end() {
        ended.set(true);
    }

    private void refresh() {
        if (quitting) {
            return;
        }
        String stateText = texts.get(switch (state.get()) {
            case CONNECTING -> "state.connecting";
            case CONNECTED -> "state.connected";
            case WAITING_TO_RECONNECT -> "state.waiting";
            case CLOSED -> "state.closed";
        });
        String where = room.get().isEmpty() ? server.toString() : room.get() + " @ " + server;
        title.set(texts.format("chat.title", where, stateText));
        status.set(texts.format("chat.status", me.get(), where, stateText));
    }

    /// The message list: messages, notices and day separators, oldest first.
    public ObservableList<ChatItem> items() {
        return itemsView;
    }

    /// Everybody in the room, sorted ignoring case: always the client's latest list.
    public ObservableList<Name> members() {
        return membersView;
    }

    /// Messages sent but not yet confirmed by the server, oldest first.
    public ObservableList<String> pending() {
        return pendingView;
    }

    /// The message being typed; kept while the connection is down.
    public StringProperty inputProperty() {
        return input;
    }

    /// Why the typed message was not sent; empty when there is nothing to say.
    public ReadOnlyStringProperty inputErrorProperty() {
        return inputError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /// Whether messages can be typed and sent now.
    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /// Connected, and something to send.
    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }

    /// This client's person's name (as the server accepted it).
    public ReadOnlyStringProperty meProperty() {
        return me.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty roomProperty() {
        return room.getReadOnlyProperty();
    }

    /// The window title: room, server and connection state.
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /// The status line: name, room, server and connection state.
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /// True once the chat is over (after [#quit()]): the window closes.
    public ReadOnlyBooleanProperty endedProperty() {
        return ended.getReadOnlyProperty();
    }

    /// Why the client stopped reconnecting for good (the server's certificate changed, or its
    /// password is missing or wrong), loudly; empty unless it did. The chat then stays open,
    /// disconnected, until the person closes it.
    public ReadOnlyStringProperty securityWarningProperty() {
        return securityWarning.getReadOnlyProperty();
    }

    /// The banner shown while the connection is lost.
    public ReconnectViewModel reconnect() {
        return reconnect;
    }

    public ServerAddress server() {
        return server;
    }
}
