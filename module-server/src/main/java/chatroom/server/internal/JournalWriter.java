package chatroom.server.internal;

import chatroom.server.FsyncPolicy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

/// Writes the journal's runs to the [Journal.Store] and makes them as durable as the
/// [FsyncPolicy] asks: a run of messages is one write per conversation, then (`ALWAYS`) one
/// force per log written, then the commits; a conversation whose write or force fails is cut
/// off its log again and its messages refused. `INTERVAL` forces what was written about once
/// a second ([#forceIfDue]), `NEVER` only at close ([#forceAtClose]).
///
/// It owns which logs are written but not forced, which were written since the last
/// compaction check, and whether writing is failing (logged at `ERROR` once, until it works
/// again). Journal thread only (before the thread starts, [#forceAtClose] on the thread
/// that closes the journal).
final class JournalWriter {

    /// What became of a run of messages: `saved` is in the logs, `refused` is not.
    record Outcome(List<Journal.Entry> saved, List<Journal.Entry> refused) {
    }

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Journal.Store store;
    private final FsyncPolicy policy;
    private final Set<Journal.Log> unforced = Collections.newSetFromMap(new IdentityHashMap<>());
    /// Logs written since the last compaction check.
    private final Set<Journal.Log> written = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean stateUnforced;
    private long lastForce = System.nanoTime();
    private boolean failing;

    JournalWriter(Journal.Store store, FsyncPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /// How long the journal thread may sleep: until the next `INTERVAL` force when something
    /// waits for one, otherwise `idleNanos`.
    long waitNanos(long idleNanos) {
        return (!unforced.isEmpty() || stateUnforced) && policy == FsyncPolicy.INTERVAL
                ? INTERVAL_NANOS - (System.nanoTime() - lastForce) : idleNanos;
    }

    /// Applies and writes a run of room changes (forced under `ALWAYS`).
    void record(List<RoomChange> changes) {
        boolean force = policy == FsyncPolicy.ALWAYS;
        store.record(changes, force);
        stateUnforced |= !force;
    }

    /// Saves a run of messages: one write per conversation, then the forces, then commits.
    Outcome save(List<Journal.Entry> run) {
        Map<Conversation, List<Journal.Entry>> byConversation = new LinkedHashMap<>();
        long highestPrivate = 0;
        for (Journal.Entry entry : run) {
            byConversation.computeIfAbsent(entry.conversation(), c -> new ArrayList<>()).add(entry);
            if (entry.conversation() instanceof Conversation.Pair) {
                highestPrivate = Math.max(highestPrivate, entry.chat().id());
            }
        }
        Set<Conversation> failed = new HashSet<>();
        IOException firstFailure = null;
        if (highestPrivate > 0) {
            try {
                store.coverPrivateId(highestPrivate);
            } catch (IOException | RuntimeException e) {
                firstFailure = asIo(e);
                byConversation.keySet().stream().filter(c -> c instanceof Conversation.Pair).forEach(failed::add);
            }
        }
        Map<Conversation, Journal.Log> appended = new LinkedHashMap<>();
        for (var group : byConversation.entrySet()) {
            if (failed.contains(group.getKey())) {
                continue;
            }
            Journal.Log log = null;
            try {
                log = store.log(group.getKey());
                long first = group.getValue().getFirst().chat().id();
                if (first <= log.lastId()) {
                    throw new IOException("message id " + first + " is not above the last id " + log.lastId()
                            + " of the history of " + group.getKey());
                }
                log.append(group.getValue().stream().map(Journal.Entry::chat).toList());
                appended.put(group.getKey(), log);
            } catch (IOException | RuntimeException e) {
                firstFailure = firstFailure == null ? asIo(e) : firstFailure;
                failed.add(group.getKey());
                rollBack(log);
            }
        }
        firstFailure = commit(appended, failed, firstFailure);
        if (failed.isEmpty()) {
            if (failing) {
                failing = false;
                LOG.log(INFO, "The history logs are being written again");
            }
            return new Outcome(run, List.of());
        }
        List<Journal.Entry> saved = run.stream().filter(entry -> !failed.contains(entry.conversation())).toList();
        List<Journal.Entry> refused = run.stream().filter(entry -> failed.contains(entry.conversation())).toList();
        failed(firstFailure, refused.size());
        return new Outcome(saved, refused);
    }

    /// Forces (`ALWAYS`) and commits the logs `appended` to; adds those that fail to
    /// `failed` and returns the first failure so far.
    private IOException commit(Map<Conversation, Journal.Log> appended, Set<Conversation> failed,
                               IOException firstFailure) {
        for (var logged : appended.entrySet()) {
            Journal.Log log = logged.getValue();
            try {
                if (policy == FsyncPolicy.ALWAYS) {
                    log.force();
                } else {
                    unforced.add(log);
                }
                log.commit();
                written.add(log);
            } catch (IOException | RuntimeException e) {
                firstFailure = firstFailure == null ? asIo(e) : firstFailure;
                failed.add(logged.getKey());
                rollBack(log);
            }
        }
        if (policy == FsyncPolicy.ALWAYS) {
            lastForce = System.nanoTime();
        }
        return firstFailure;
    }

    /// Under `INTERVAL`, forces every log and the state log written since the last force,
    /// once a second has passed since.
    void forceIfDue() {
        if (policy != FsyncPolicy.INTERVAL || System.nanoTime() - lastForce < INTERVAL_NANOS) {
            return;
        }
        for (Journal.Log log : List.copyOf(unforced)) {
            try {
                log.force();
                unforced.remove(log);
            } catch (IOException | RuntimeException e) {
                // The messages were delivered already (INTERVAL promises only the last second).
                unforced.remove(log);
                failed(asIo(e), 0);
            }
        }
        if (stateUnforced) {
            store.forceState();
            stateUnforced = false;
        }
        lastForce = System.nanoTime();
    }

    /// The logs written since the last call, for the compaction check.
    List<Journal.Log> takeWritten() {
        List<Journal.Log> logs = new ArrayList<>(written);
        written.clear();
        return logs;
    }

    /// Forces every log written but not forced yet, before the store is closed.
    void forceAtClose() {
        for (Journal.Log log : unforced) {
            try {
                log.force();
            } catch (IOException | RuntimeException e) {
                LOG.log(ERROR, "Forcing a history log at shutdown failed: {0}", e.toString());
            }
        }
        unforced.clear();
    }

    /// Logs a write failure at `ERROR` once, until writing works again.
    private void failed(IOException e, int refused) {
        if (!failing) {
            failing = true;
            LOG.log(ERROR, "Cannot write the history log; messages are refused until it works again ("
                    + refused + " refused now)", e);
        } else {
            LOG.log(DEBUG, "History log still failing ({0} refused): {1}", refused, String.valueOf(e));
        }
    }

    private static IOException asIo(Exception e) {
        return e instanceof IOException io ? io : new IOException(e);
    }

    private static void rollBack(Journal.Log log) {
        if (log == null) {
            return;
        }
        try {
            log.rollback();
        } catch (IOException | RuntimeException e) {
            LOG.log(DEBUG, "Cutting off a failed write failed too: {0}", e.toString());
        }
    }
}
