package chatroom.bench;

/// What `bench` exits with.
enum ExitCode {
    /// The run finished (whatever it measured, loss included).
    OK(0),
    /// The generator could not connect, register or join.
    CONNECT_FAILED(1),
    /// Bad options.
    USAGE(2);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
