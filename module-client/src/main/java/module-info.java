/// The chatroom clients: a UI-free client core (`chatroom.client.core`: connection, protocol,
/// session state, reconnect policy) and the JavaFX desktop client built on it (view-models in
/// `chatroom.client.viewmodel`, views in `chatroom.client.view`).
///
/// Only [chatroom.client] is exported: the launcher starts a client through it.
module chatroom.client {
    requires chatroom.protocol;
    requires javafx.controls;

    exports chatroom.client;

    // The JavaFX launcher instantiates the Application subclass reflectively.
    exports chatroom.client.view to javafx.graphics;
}
