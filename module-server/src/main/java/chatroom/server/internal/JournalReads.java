package chatroom.server.internal;

import chatroom.protocol.ServerFrame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.lang.System.Logger.Level.WARNING;

/// Reading a conversation's saved messages on request, through the journal's queue, so a
/// read never meets a log half written.
///
/// One instance collects the reads of one batch while the journal thread walks it, noting
/// for each read the last message of its conversation queued before it; [#answer] reads
/// after the batch is saved, each read seeing exactly the messages queued before it that
/// were saved. Journal thread only. [#await] is the asking side, on the caller's thread.
final class JournalReads {

    private static final System.Logger LOG = System.getLogger("chatroom.server");

    private final List<Journal.Read> reads = new ArrayList<>();
    private final Map<Journal.Read, Long> readLimits = new IdentityHashMap<>();
    private final Map<Conversation, Long> lastQueued = new HashMap<>();
    private final Map<Conversation, Long> firstQueued = new HashMap<>();

    /// The answer to `read`, waiting up to `timeout`; what it can (an empty list) when the
    /// read fails, times out or is interrupted (reported, the interrupt flag kept).
    static List<ServerFrame.Chat> await(Journal.Read read, Duration timeout) {
        try {
            return read.answer().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.log(WARNING, "Reading the history of {0} took longer than {1}; going on without it",
                    read.conversation(), timeout);
            return List.of();
        } catch (ExecutionException e) {
            LOG.log(WARNING, "Reading the history of " + read.conversation() + " failed", e.getCause());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /// A message of the batch, in queue order.
    void queued(Journal.Entry entry) {
        lastQueued.put(entry.conversation(), entry.chat().id());
        firstQueued.putIfAbsent(entry.conversation(), entry.chat().id());
    }

    /// A read of the batch, in queue order.
    void queued(Journal.Read read) {
        reads.add(read);
        Long before = lastQueued.get(read.conversation());
        if (before != null) {
            readLimits.put(read, before);
        }
    }

    /// Answers every read of the batch from `store`, once the batch is saved.
    void answer(Journal.Store store) {
        for (Journal.Read read : reads) {
            // Nothing of the conversation queued before the read: none of this batch's.
            Long limit = readLimits.get(read);
            long maxId = limit != null ? limit
                    : firstQueued.containsKey(read.conversation()) ? firstQueued.get(read.conversation()) - 1
                    : Long.MAX_VALUE;
            try {
                read.answer().complete(store.read(read.conversation(), read.keep(), maxId));
            } catch (RuntimeException e) {
                read.answer().completeExceptionally(e);
            }
        }
    }
}
