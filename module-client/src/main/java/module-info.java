/// The chatroom clients: a UI-free client core (`chatroom.client.core`: connection, protocol,
/// session state, reconnect policy) and the JavaFX desktop client built on it (view-models in
/// `chatroom.client.viewmodel`, views in `chatroom.client.view`).
///
/// Only [chatroom.client] is exported: the launcher starts a client through it.
module chatroom.client {
    requires chatroom.protocol;
    requires javafx.controls;
    // The system tray for desktop notifications (java.awt.SystemTray), the one thing JavaFX
    // has no API for. Used only by chatroom.client.view.TrayBalloon, on its own thread, from
    // the first notification on: nothing loads AWT at start-up, and the server never does
    // (jlink's ServerWithoutDisplayIT checks the classes and native libraries the server loads).
    requires java.desktop;

    exports chatroom.client;

    // The JavaFX launcher instantiates the Application subclass reflectively.
    exports chatroom.client.view to javafx.graphics;
}
