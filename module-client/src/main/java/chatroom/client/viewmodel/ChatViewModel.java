package chatroom.client.viewmodel;

import chatroom.client.core.ChatClient;
import chatroom.client.core.ClientEvent;
import chatroom.client.core.ConnectionState;
import chatroom.client.core.LoginOutcome;
import chatroom.client.core.Security;
import chatroom.client.core.ServerAddress;
import chatroom.protocol.Command;
import chatroom.protocol.Member;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.Target;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import static java.lang.System.Logger.Level.WARNING;

/// The workbench of one logged-in chat: its conversations (rooms and private conversations,
/// see [Conversations]), the connection's state, what is still being sent, and the commands
/// the person can give, typed (`/join #rust`) or from menus and dialogs ([ChatActions]).
///
/// Events from the [ChatClient] arrive in batches through the context's executor;
/// [ConversationEvents] sorts a batch into the conversations, each transcript changing at
/// most once per batch.
///
/// FX thread only (or the test's thread, with a direct executor).
public final class ChatViewModel {

    /// How long [#quit()] waits for the client to say goodbye before the chat ends anyway.
    static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private static final System.Logger LOG = System.getLogger("chatroom.client");

    /// What the view is asked to show: a dialog or sheet that only it can open.
    public enum Request {
        /// The keyboard shortcuts and typed commands (`/help`, F1).
        HELP,
        /// The server's rooms, to join one (`/rooms`).
        ROOMS
    }

    private final ViewModelContext context;
    private final Texts texts;
    private final ServerAddress server;
    private final Conversations conversations;
    private final ConversationEvents events;
    private final ReconnectViewModel reconnect;
    private final ChatActions actions;
    /// Set once, right after construction, by [#open].
    private ChatClient client;

    private final ObservableList<String> pending = FXCollections.observableArrayList();
    private final ObservableList<ServerFrame.RoomInfo> serverRooms = FXCollections.observableArrayList();
    // One read-only view each, kept: a view made per call forwards changes only while someone
    // holds it, so a listener added to a fresh one would stop hearing when it is collected.
    private final ObservableList<String> pendingView = FXCollections.unmodifiableObservableList(pending);
    private final ObservableList<ServerFrame.RoomInfo> serverRoomsView =
            FXCollections.unmodifiableObservableList(serverRooms);
    private final InputViewModel composer;
    private final StringProperty input;
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.CONNECTING);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper me = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper away = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper securityWarning = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper roomsSupported = new ReadOnlyBooleanWrapper(true);
    private Consumer<Request> requests = request -> { };
    /// Decides which messages raise a notification; none until the window gives one.
    private Attention attention;
    private Name myName;
    /// Why the client stopped reconnecting by itself, if it did.
    private LoginOutcome stoppedBy;
    /// The last login, until our own join is announced.
    private ClientEvent.Welcome greeting;
    private RoomName defaultRoom;
    private boolean quitting;
    /// Notices that came before any conversation existed.
    private final List<EarlyNotice> early = new java.util.ArrayList<>();

    private ChatViewModel(ViewModelContext context, ServerAddress server, Name name) {
        this.context = context;
        this.texts = context.texts();
        this.server = server;
        this.myName = name;
        this.conversations = new Conversations(target -> new Transcript(context, myName));
        this.events = new ConversationEvents(texts, conversations, () -> myName, (conversation, chat, mention) -> {
            if (attention != null) {
                attention.onMessage(new Attention.Incoming(conversation.target(), chat.from().value(), chat.text(),
                        mention, false, false));
            }
        });
        this.actions = new ChatActions(texts, () -> client, conversations, events, () -> myName, () -> requests,
                roomsSupported::get, this::here, this::quit);
        this.composer = new InputViewModel(texts, actions::perform, CompletionSource.of(this::peopleToComplete,
                this::roomsToComplete));
        this.input = composer.textProperty();
        this.reconnect = new ReconnectViewModel(context, () -> client.reconnectNow(), () -> client.cancelReconnect(),
                this::quit);
        me.set(name.value());
        connected.bind(state.isEqualTo(ConnectionState.CONNECTED));
        // Typed while the connection is down, a message waits as "sending…" (the client keeps it).
        canSend.bind(Bindings.createBooleanBinding(() -> input.get() != null && !input.get().isBlank(), input));
        conversations.openProperty().addListener((observable, before, after) -> {
            if (before != null) {
                before.saveDraft(input.get());
            }
            input.set(after == null ? "" : after.draft());
            refresh();
        });
        conversations.totalUnread().addListener((observable, before, after) -> refresh());
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
        ClientEvent.Unconfirmed latestUnconfirmed = null;
        for (ClientEvent event : batch) {
            switch (event) {
                case ClientEvent.StateChanged change -> onState(change);
                case ClientEvent.Welcome welcome -> onWelcome(welcome);
                case ClientEvent.InRooms rooms -> events.inRooms(rooms);
                case ClientEvent.Members list -> events.members(list);
                case ClientEvent.Message message -> events.message(message);
                case ClientEvent.PrivateMessage message -> events.privateMessage(message);
                case ClientEvent.Presence presence -> onPresence(presence);
                case ClientEvent.Topic topic -> events.topic(topic);
                case ClientEvent.Moderated moderated -> events.moderated(moderated);
                case ClientEvent.Away change -> {
                    if (change.name().key().equals(myName.key())) {
                        away.set(change.text().isPresent());
                        refresh();
                    }
                    events.away(change);
                }
                case ClientEvent.RoomList list -> serverRooms.setAll(list.rooms());
                case ClientEvent.Notice notice -> onNotice(notice);
                case ClientEvent.Invited invited -> onInvited(invited.invitation(), invited.mine());
                case ClientEvent.Unconfirmed unconfirmed -> latestUnconfirmed = unconfirmed;
                case ClientEvent.NotSent notSent -> {
                    events.notSent(notSent);
                    // Handed back, so sending it again is one key away and nothing typed is lost.
                    if (input.get() == null || input.get().isEmpty()) {
                        input.set(notSent.text());
                    }
                }
                case ClientEvent.Stopped stopped -> {
                    stoppedBy = stopped.why();
                    securityWarning.set(TrustWords.explain(texts, server, stopped.why()));
                }
            }
        }
        events.flush();
        if (latestUnconfirmed != null) {
            pending.setAll(latestUnconfirmed.texts());
        }
    }

    /// A notice goes to the open conversation; one that comes before the first login
    /// waits for the default room.
    private void onNotice(ClientEvent.Notice notice) {
        String text = notice.error() ? texts.format("notice.error", notice.text()) : notice.text();
        var kind = notice.error() ? ChatItem.NoticeKind.ERROR : ChatItem.NoticeKind.CONNECTION;
        here().ifPresentOrElse(
                conversation -> conversation.transcript().notice(text, kind, events.into(conversation)),
                () -> early.add(new EarlyNotice(context.clock().instant(), text, kind)));
    }

    /// An invitation, to this person or by them: told in the open conversation.
    private void onInvited(ServerFrame.Invited invitation, boolean mine) {
        String text = mine ? texts.format("notice.invitedBy", invitation.name(), invitation.room())
                : texts.format("notice.invited", invitation.by(), invitation.room());
        here().ifPresent(conversation -> conversation.transcript().notice(text, ChatItem.NoticeKind.CONNECTION,
                events.into(conversation)));
    }

    private record EarlyNotice(java.time.Instant time, String text, ChatItem.NoticeKind kind) {
    }

    /// The open conversation, else the default room's.
    private Optional<ConversationViewModel> here() {
        return Optional.ofNullable(conversations.openProperty().get())
                .or(() -> Optional.ofNullable(defaultRoom).map(conversations::obtain));
    }

    /// Sends what was typed: a message to the open conversation, or a command (`/join #x`).
    /// Something refused stays in the input with the reason beside it.
    public void send() {
        composer.submit();
    }

    /// Sends what was typed as an action, as `/me` would (a menu item and a key do it).
    public void sendAsAction() {
        String text = input.get() == null ? "" : input.get().strip();
        if (!text.isEmpty()) {
            actions.perform(new Command.Me(text)).ifPresentOrElse(composer::refuse, () -> input.set(""));
        }
    }

    /// Members of the open room, then the people of private conversations: Tab completes them.
    private List<Name> peopleToComplete() {
        List<Name> people = new java.util.ArrayList<>(members().stream().map(Member::name).toList());
        conversations.people().forEach(conversation -> people.add((Name) conversation.target()));
        return people;
    }

    /// The rooms the person is in, then the server's other rooms as last listed.
    private List<RoomName> roomsToComplete() {
        List<RoomName> rooms = new java.util.ArrayList<>(conversations.roomNames());
        serverRooms.forEach(info -> rooms.add(info.room()));
        return rooms;
    }


    /// Leaves: says goodbye to the server and closes the connection. [#endedProperty()]
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

    private void onState(ClientEvent.StateChanged change) {
        ConnectionState previous = state.get();
        state.set(change.state());
        reconnect.onState(change);
        switch (change.state()) {
            case WAITING_TO_RECONNECT -> {
                if (previous == ConnectionState.CONNECTED) {
                    events.noticeEverywhere(texts.format("notice.lost",
                            change.reason().orElse(texts.get("banner.lost.unknown"))), ChatItem.NoticeKind.CONNECTION);
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

    private void onWelcome(ClientEvent.Welcome welcome) {
        defaultRoom = welcome.defaultRoom();
        myName = welcome.name();
        conversations.all().forEach(conversation -> conversation.transcript().rename(welcome.name()));
        me.set(welcome.name().value());
        roomsSupported.set(welcome.version() >= 2);
        var lobby = conversations.obtain(defaultRoom);
        early.forEach(notice -> lobby.transcript().notice(notice.time(), notice.text(), notice.kind(),
                events.into(lobby)));
        early.clear();
        greeting = welcome;
        refresh();
    }

    /// Our own join of the default room comes right after its history: greeting there keeps
    /// the history above it.
    private void onPresence(ClientEvent.Presence presence) {
        if (greeting != null && presence.frame() instanceof ServerFrame.Joined joined
                && joined.name().key().equals(myName.key())
                && presence.room().map(room -> room.sameAs(defaultRoom)).orElse(false)) {
            var lobby = conversations.obtain(defaultRoom);
            lobby.transcript().notice(joined.time(), greeting.reconnected()
                            ? texts.format("notice.reconnected", greeting.server())
                            : texts.format("notice.welcome", greeting.name(), greeting.room()),
                    ChatItem.NoticeKind.CONNECTION, events.into(lobby));
            greeting = null;
        } else {
            events.presence(presence);
        }
        if (presence.frame() instanceof ServerFrame.Renamed renamed && renamed.from().key().equals(myName.key())) {
            myName = renamed.to();
            me.set(renamed.to().value());
            refresh();
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
        var open = conversations.openProperty().get();
        String where = open == null ? server.toString() : open.titleProperty().get() + " @ " + server;
        int unread = conversations.totalUnread().get();
        String plain = texts.format("chat.title", where, stateText);
        title.set(unread > 0 ? texts.format("chat.title.unread", unread, plain) : plain);
        status.set(texts.format("chat.status", me.get() + (away.get() ? " " + texts.get("chat.away") : ""),
                where, stateText));
    }

    /// The rooms and private conversations, and which is open.
    public Conversations conversations() {
        return conversations;
    }

    /// The open conversation's transcript (empty before the first login).
    public ObservableList<ChatItem> items() {
        var open = conversations.openProperty().get();
        return open == null ? FXCollections.emptyObservableList() : open.items();
    }

    /// The open room's members (empty for a private conversation).
    public ObservableList<Member> members() {
        var open = conversations.openProperty().get();
        return open == null ? FXCollections.emptyObservableList() : open.members();
    }

    /// The server's rooms, as last listed (`/rooms`, the join dialog).
    public ObservableList<ServerFrame.RoomInfo> serverRooms() {
        return serverRoomsView;
    }

    /// Messages sent but not yet confirmed by the server, oldest first.
    public ObservableList<String> pending() {
        return pendingView;
    }

    /// Tells `attention` of each new message that may want the person (a mention, a private
    /// message); it decides whether to notify.
    public void attendWith(Attention decider) {
        this.attention = decider;
    }

    /// What the person can ask: messages, commands, moderation, private conversations.
    public ChatActions actions() {
        return actions;
    }

    /// Conversations the person muted before start muted (`muted` says which).
    public void rememberMuted(java.util.function.Predicate<Target> muted) {
        conversations.setMutedAtStart(muted);
    }


    /// Whether notifications of the conversation with `target` are off.
    public boolean isMuted(Target target) {
        return conversations.find(target).map(conversation -> conversation.mutedProperty().get()).orElse(false);
    }

    /// The view opens what it is asked to (one listener: the workbench view).
    public void onRequest(Consumer<Request> listener) {
        requests = listener;
    }

    /// The message being typed; kept while the connection is down and per conversation.
    public StringProperty inputProperty() {
        return input;
    }

    /// Why the typed message or command was not done; empty when there is nothing to say.
    public ReadOnlyStringProperty inputErrorProperty() {
        return composer.errorProperty();
    }

    /// The input: typed messages and commands, completion and recall.
    public InputViewModel input() {
        return composer;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /// Connected now. While not, the member lists are not up to date (the view says so), and
    /// messages typed wait as "sending…".
    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /// Something to send (connected or not: a message typed offline waits).
    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }

    /// This client's person's name (as the server accepted it).
    public ReadOnlyStringProperty meProperty() {
        return me.getReadOnlyProperty();
    }

    /// This client's person said they are away.
    public ReadOnlyBooleanProperty awayProperty() {
        return away.getReadOnlyProperty();
    }

    /// The server has rooms and private messages (protocol version 2); a version 1 server
    /// has the default room only.
    public ReadOnlyBooleanProperty roomsSupportedProperty() {
        return roomsSupported.getReadOnlyProperty();
    }

    /// The window title: unread count, conversation, server and connection state.
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /// The status line: name, conversation, server and connection state.
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

    /// The person's name now.
    public Name me() {
        return myName;
    }
}
