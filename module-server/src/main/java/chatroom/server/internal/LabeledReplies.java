package chatroom.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/// The replies to one IRC command that came with a `label` (`labeled-response`), collected
/// while the command is handled so that they can be sent labeled when it is done.
///
/// **What is labeled**: everything the member's own reader thread queues for the member while
/// it handles the command: its numerics and notices ([IrcReplies]), what the community sends it
/// alone ([Connection#send]: topics, names, history, refusals), and what reaches it through a
/// room's broadcast made on that same thread (its own `JOIN`, `PART`, `TOPIC` or `NICK`, and
/// its own message echoed back with `echo-message` when the server keeps no history on disk).
/// **What is not**: whatever other threads queue for it meanwhile (other members' messages,
/// the heartbeat), which goes out at once, unlabeled, as always. A message that is saved before
/// it is delivered (a data directory) reaches its sender later, from the store's thread: when
/// a single-target `PRIVMSG`, `NOTICE` or `TAGMSG` is answered by its echo, the handler says so
/// ([#answeredByEcho]) and the echo itself carries the label, wherever it is delivered from.
///
/// Made, used and dropped by the member's reader thread; [Connection] asks [#collects] from any
/// thread that queues bytes for the member, and only the reader thread gets `true`.
final class LabeledReplies {

    private final Thread reader = Thread.currentThread();
    private final String label;
    private final List<String> lines = new ArrayList<>();
    private boolean answeredByEcho;

    /// Replies to be labeled `label`, collected on the calling (reader) thread.
    LabeledReplies(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /// Whether bytes queued now, on the calling thread, are replies to collect.
    boolean collects() {
        return Thread.currentThread() == reader;
    }

    /// Takes a frame that was to be queued: IRC lines, each ended by CR LF.
    void add(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        for (String line : text.split("\r\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
    }

    /// The command's echo carries the label (it may come after the command is done): what was
    /// collected goes out unlabeled.
    void answeredByEcho() {
        answeredByEcho = true;
    }

    /// What to send now that the command is done ([IrcBatch#labeled]), from `serverName`.
    List<String> reply(String serverName) {
        return answeredByEcho ? lines : IrcBatch.labeled(serverName, label, lines);
    }
}
