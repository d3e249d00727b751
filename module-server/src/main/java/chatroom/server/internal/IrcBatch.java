package chatroom.server.internal;

import chatroom.protocol.Parsed;
import chatroom.protocol.irc.IrcMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/// IRCv3 batches (`batch`) and labeled responses (`labeled-response`) made of lines already
/// encoded for one member: `BATCH +ref type params…`, the lines tagged `batch=ref`, `BATCH -ref`.
///
/// A line that belongs to a batch inside this one already carries its own `batch` tag and is
/// left as it is (only the inner batch's `BATCH +`/`BATCH -` lines are tagged with the outer
/// reference), so batches nest as the specification shows. References are unique in the
/// server's run, so two batches open at once for one member (a labeled echo delivered while a
/// history batch is being sent) never share one.
///
/// Stateless apart from the reference counter; thread-safe.
final class IrcBatch {

    /// The batch type of a labeled reply of several lines.
    static final String LABELED_RESPONSE = "labeled-response";
    /// The most bytes of a `label` value (the specification's limit).
    static final int MAX_LABEL_BYTES = 64;

    private static final AtomicLong REFERENCES = new AtomicLong();

    private IrcBatch() {
    }

    /// A new batch reference: a short word of letters and digits.
    static String newReference() {
        return "b" + Long.toString(REFERENCES.incrementAndGet(), 36);
    }

    /// `lines` as one batch of `type` from the server `serverName`: the opening line (without
    /// a label), each line tagged with the batch, the closing line.
    static List<String> wrap(String serverName, String type, List<String> params, List<String> lines) {
        String reference = newReference();
        List<String> batch = new ArrayList<>(lines.size() + 2);
        List<String> opening = new ArrayList<>(params.size() + 2);
        opening.add("+" + reference);
        opening.add(type);
        opening.addAll(params);
        batch.add(IrcMessage.from(serverName, "BATCH", opening.toArray(String[]::new)).encode());
        for (String line : lines) {
            batch.add(inBatch(line) ? line : IrcMessage.withFirstTag(line, "batch", reference));
        }
        batch.add(IrcMessage.from(serverName, "BATCH", "-" + reference).encode());
        return batch;
    }

    /// The reply to a command labeled `label`, made of `lines` (what the command sent the
    /// member): `ACK` for none, the one line tagged with the label, a reply that is a single
    /// batch already with its opening line labeled, or else every line in a
    /// `labeled-response` batch whose opening line is labeled.
    static List<String> labeled(String serverName, String label, List<String> lines) {
        if (lines.isEmpty()) {
            return List.of(IrcMessage.withFirstTag(IrcMessage.from(serverName, "ACK").encode(), "label", label));
        }
        List<String> batch = lines.size() == 1 || isOneBatch(lines) ? new ArrayList<>(lines)
                : wrap(serverName, LABELED_RESPONSE, List.of(), lines);
        batch.set(0, IrcMessage.withFirstTag(batch.getFirst(), "label", label));
        return batch;
    }

    /// Whether `label` may be repeated in replies: a value of at most [#MAX_LABEL_BYTES].
    static boolean usableLabel(String label) {
        return !label.isEmpty() && label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_LABEL_BYTES;
    }

    /// Whether `lines` open a batch with their first line and close that same batch with
    /// their last.
    private static boolean isOneBatch(List<String> lines) {
        if (!(IrcMessage.parse(lines.getFirst()) instanceof Parsed.Ok<IrcMessage>(IrcMessage first))
                || !(IrcMessage.parse(lines.getLast()) instanceof Parsed.Ok<IrcMessage>(IrcMessage last))) {
            return false;
        }
        return first.verb().equals("BATCH") && last.verb().equals("BATCH") && !first.tags().containsKey("batch")
                && first.param(0).filter(ref -> ref.startsWith("+")).isPresent()
                && last.param(0).equals(first.param(0).map(ref -> "-" + ref.substring(1)));
    }

    /// Whether `line` carries a `batch` tag already (it belongs to an inner batch).
    private static boolean inBatch(String line) {
        if (!line.startsWith("@")) {
            return false;
        }
        int end = line.indexOf(' ');
        for (String tag : line.substring(1, end < 0 ? line.length() : end).split(";")) {
            if (tag.startsWith("batch=")) {
                return true;
            }
        }
        return false;
    }
}
