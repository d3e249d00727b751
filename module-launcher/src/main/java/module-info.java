/// The `chatroom` command line: `chatroom --server [HOST] [PORT]` runs the server.
///
/// The only module that writes to stdout/stderr or calls `System.exit`.
module chatroom.launcher {
    requires chatroom.server;
    requires info.picocli;
    // sun.misc.Signal: SIGINT and SIGTERM stop the server cleanly with exit code 0.
    requires jdk.unsupported;

    // picocli fills the annotated fields of the command by reflection.
    opens chatroom.launcher to info.picocli;
}
