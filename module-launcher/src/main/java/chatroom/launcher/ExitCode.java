package chatroom.launcher;

/// The exit codes of `chatroom`, as documented in `--help` and the README.
enum ExitCode {
    /// The command did what was asked (a server that was told to stop included).
    OK(0),
    /// The command could not do it: the port is in use, the host cannot be resolved, …
    FAILURE(1),
    /// The command line was wrong.
    USAGE(2),
    /// The client refused the server's certificate: it changed (possibly an attack), or the
    /// person did not trust a new server. (The console client returns it; see `ConsoleSession`.)
    UNTRUSTED(3);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
