package chatroom.client.core;

import chatroom.protocol.ClientFrame;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import static java.lang.System.Logger.Level.DEBUG;

/// The client's writer thread (virtual, `chatroom-client-writer`): frames are queued here, under
/// the client's lock or not, and written in order, so that no caller ever waits on the network.
///
/// Thread-safe.
final class FrameWriter {

    private static final System.Logger LOG = System.getLogger("chatroom.client");

    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("chatroom-client-writer").factory());

    /// Queues `frame` for `link`, with `label=` if given. A frame that cannot be written closes
    /// the link: its reader notices and reports why.
    void send(ServerLink link, ClientFrame frame, Optional<String> label) {
        queue(() -> {
            try {
                link.send(frame, label);
            } catch (IOException e) {
                link.close();
            }
        });
    }

    /// Queues a goodbye to the server on `link`, then its closing.
    void quit(ServerLink link) {
        queue(() -> {
            try {
                link.send(new ClientFrame.Quit());
            } catch (IOException e) {
                LOG.log(DEBUG, "QUIT not sent: {0}", e.toString());
            } finally {
                link.close();
            }
        });
    }

    /// Writes what is queued, then stops; frames queued after are dropped.
    void shutdown() {
        writer.shutdown();
    }

    private void queue(Runnable write) {
        try {
            writer.execute(write);
        } catch (RejectedExecutionException e) {
            // The session has ended: there is no link left to write to.
            LOG.log(DEBUG, "Frame dropped, the client has closed: {0}", e.toString());
        }
    }
}
