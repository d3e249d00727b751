package chatroom.server.internal;

import chatroom.protocol.Moderation;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static java.lang.System.Logger.Level.INFO;

/// Logs every moderation action. A room calls it under its lock, so the line is written by
/// another thread (`executor`): no logging under a room's lock.
final class ModerationLog {

    private static final System.Logger LOG = System.getLogger("chatroom.server");

    private final Executor executor;

    ModerationLog(Executor executor) {
        this.executor = executor;
    }

    void log(RoomName room, Name by, Moderation action, Optional<String> target) {
        later(() -> LOG.log(INFO, "{0}: {1} {2}{3}", room, by, action.verb().toLowerCase(java.util.Locale.ROOT),
                target.map(value -> " " + value).orElse("")));
    }

    void kicked(RoomName room, Name by, Name kicked, String reason) {
        later(() -> LOG.log(INFO, "{0}: {1} kicked {2}{3}", room, by, kicked, reason.isEmpty() ? "" : " (" + reason + ")"));
    }

    void invited(RoomName room, Name by, Name invited) {
        later(() -> LOG.log(INFO, "{0}: {1} invited {2}", room, by, invited));
    }

    private void later(Runnable line) {
        try {
            executor.execute(line);
        } catch (RejectedExecutionException e) {
            // Shutting down: the line is lost, the action itself is not.
        }
    }
}
