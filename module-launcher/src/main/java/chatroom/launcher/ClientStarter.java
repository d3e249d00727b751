package chatroom.launcher;

import chatroom.client.ClientOptions;

/// Starts a client (the desktop one, or the console one) and returns its exit code when it has
/// closed. Production uses `DesktopClient::run` and `ConsoleClient::run`; tests use recorders,
/// so that they need no display and no keyboard.
@FunctionalInterface
interface ClientStarter {

    int run(ClientOptions options);
}
