/// The desktop client's views (JavaFX): they bind to the view-models of
/// `chatroom.client.viewmodel` and forward the person's gestures to them; none does I/O.
///
/// [chatroom.client.view.ChatApplication] starts JavaFX, loads the preferences and the words on
/// the launcher thread, and hands `Platform::runLater` to the view-models (the only place that
/// does). `AppWindow` shows the connect dialog, then the `WorkbenchWindow`: the `WorkbenchView`
/// (menu bar, banners, `SidebarView`, `ConversationPane` with one transcript list, follower and
/// search bar per conversation and the `MessageInput`, `MemberListView`), its actions
/// (`WorkbenchAction`, bound in `WorkbenchCommands` to menu items and keys), its dialogs
/// (`WorkbenchDialogs`), the notifications (`DesktopNotifier`, which alone touches AWT, on its
/// own thread, and `NoticeToasts`), and what the preferences remember.
package chatroom.client.view;
