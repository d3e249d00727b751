/// The desktop client's view-models: its state and commands, with nothing from
/// `javafx.scene` (their tests run without the toolkit).
///
/// ## The shape
/// - [chatroom.client.viewmodel.ConnectViewModel]: the connect dialog (saved servers, TLS and
///   trust, the first login); on success it hands over a [chatroom.client.viewmodel.ChatViewModel].
/// - [chatroom.client.viewmodel.ChatViewModel]: one logged-in chat, the workbench's model. It
///   owns the [chatroom.client.core.ChatClient], the connection's state, the window's title
///   and status, what is still being sent, and:
///   - [chatroom.client.viewmodel.Conversations]: the sidebar, one
///     [chatroom.client.viewmodel.ConversationViewModel] per room or private conversation
///     (its `Transcript`, unread counts and marker, topic, members, draft and
///     [chatroom.client.viewmodel.TranscriptSearch]), and which one is open;
///   - [chatroom.client.viewmodel.ChatActions]: what the person asks, typed or from a menu,
///     turned into commands for the client, refusals as values;
///   - [chatroom.client.viewmodel.InputViewModel]: the input (commands, completion, recall).
/// - Dialogs have their own: `RoomDirectoryViewModel`, `QuickSwitcherViewModel`,
///   `PreferencesViewModel`; notifications are decided by [chatroom.client.viewmodel.Attention].
///
/// ## The path of a message
/// The client core reads a frame on its session thread and publishes a
/// [chatroom.client.core.ClientEvent]; its `EventBatcher` hands the events in batches to the
/// one executor given in the [chatroom.client.viewmodel.ViewModelContext] (`Platform::runLater`
/// in the application, so everything here runs on the FX thread; the caller's thread in
/// tests). `ChatViewModel.apply` takes a batch; `ConversationEvents` sorts it into the
/// conversations, each transcript growing by at most one `addAll` per batch; `Attention` is
/// told of mentions and private messages. A message the person sends goes the other way:
/// `InputViewModel.submit` → `ChatActions.perform` → `ChatClient.send`, which queues it (kept as
/// "sending…" while the connection is down) for the core's writer thread.
package chatroom.client.viewmodel;
