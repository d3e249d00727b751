/// The `chatroom` command line: `chatroom --server [HOST] [PORT]` runs the server,
/// `chatroom --client [HOST] [PORT]` the desktop client.
///
/// The only module that writes to stdout/stderr or calls `System.exit`.
module chatroom.launcher {
    requires chatroom.server;
    requires chatroom.client;
    requires chatroom.protocol;
    requires info.picocli;
    // sun.misc.Signal: SIGINT and SIGTERM stop the server cleanly with exit code 0.
    requires jdk.unsupported;

    // picocli fills the annotated fields of the command by reflection.
    opens chatroom.launcher to info.picocli;
}
