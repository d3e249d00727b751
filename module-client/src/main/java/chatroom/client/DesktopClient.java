package chatroom.client;

import chatroom.client.view.ChatApplication;

import java.util.Objects;

import static java.lang.System.Logger.Level.ERROR;

/// The JavaFX desktop client, as `chatroom --client` starts it.
///
/// Exit codes of [#run]: `0` when the person closed the client (also after a failed
/// connection they chose not to retry), `1` when the UI could not start (no display, or
/// JavaFX already ran in this JVM).
public final class DesktopClient {

    /// The person closed the client.
    public static final int EXIT_OK = 0;
    /// The UI could not start.
    public static final int EXIT_NO_UI = 1;

    private static final System.Logger LOG = System.getLogger("chatroom.client");

    private DesktopClient() {
    }

    /// Launches the client and blocks until it has exited (at most once per JVM: JavaFX
    /// cannot be started twice).
    ///
    /// - No host, port or name: the connect dialog opens with `localhost`, `53000` and the
    ///   person's login name if it is a valid chat name.
    /// - Host or port: the dialog opens with them filled in.
    /// - A name as well: the client connects at once, without the dialog; if the name is
    ///   refused or the server cannot be reached, the dialog opens with the reason.
    ///
    /// When the window closes the client leaves the chat properly, waits (briefly) for the
    /// connection to close and ends JavaFX; it leaves no thread that keeps the JVM alive.
    ///
    /// @return [#EXIT_OK] or [#EXIT_NO_UI]
    public static int run(ClientOptions options) {
        Objects.requireNonNull(options, "options");
        try {
            ChatApplication.launch(options);
            return EXIT_OK;
        } catch (RuntimeException e) {
            LOG.log(ERROR, "The desktop client could not start (" + e.getMessage() + "). Without a display,"
                    + " or without GTK 3 on Linux, use the terminal client: chatroom --client --console", e);
            return EXIT_NO_UI;
        }
    }
}
