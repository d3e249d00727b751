package chatroom.server.internal;

import chatroom.protocol.Name;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/// The names members gave up most recently, server-wide, newest first: a bounded memory for
/// IRC's `WHOWAS`. It holds at most [#CAPACITY] entries, so it costs the same however busy the
/// server is; older names are forgotten.
///
/// Thread-safe: a short critical section on this object's monitor, with no I/O in it.
final class FormerMembers {

    /// How many given-up names are remembered.
    static final int CAPACITY = 128;

    private final ArrayDeque<FormerMember> newestFirst = new ArrayDeque<>(CAPACITY);

    synchronized void add(FormerMember former) {
        if (newestFirst.size() == CAPACITY) {
            newestFirst.removeLast();
        }
        newestFirst.addFirst(former);
    }

    /// The entries for `name` (ignoring case), newest first, at most `max` of them.
    synchronized List<FormerMember> find(Name name, int max) {
        List<FormerMember> found = new ArrayList<>(Math.min(max, 4));
        for (Iterator<FormerMember> it = newestFirst.iterator(); it.hasNext() && found.size() < max; ) {
            FormerMember former = it.next();
            if (former.name().key().equals(name.key())) {
                found.add(former);
            }
        }
        return found;
    }
}
