package chatroom.launcher;

/// What a running server waits for before it stops. In production, SIGINT or SIGTERM
/// ([OsSignals]); in tests, whatever the test decides.
@FunctionalInterface
interface StopSignal {

    /// Blocks until the server should stop.
    void await() throws InterruptedException;
}
