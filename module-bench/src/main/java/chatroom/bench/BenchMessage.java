package chatroom.bench;

/// The text a sender puts in each message, `b SENDER SEQ SCHEDULED` (to a room) or
/// `p SENDER SEQ SCHEDULED` (a private message, `rooms`), and its cheap parser.
///
/// SCHEDULED is the time the message was due, in nanoseconds since the run's epoch (one
/// `System.nanoTime` base shared by the whole JVM), so a receiver measures latency from the
/// schedule, not from the moment the sender got round to it (no coordinated omission).
///
/// The parser reads the numbers from the end of a received line's bytes, whatever the dialect
/// put in front (`NAME: `, `* [#room] NAME: `, `* [from NAME] `, `MSG … :`,
/// `:nick!u@h PRIVMSG #bench :`), without making a String.
/// Not thread-safe: one instance per reading thread.
final class BenchMessage {

    int sender;
    long seq;
    long scheduled;
    /// Whether the last parsed text was a private message's (`p …`) rather than a room's (`b …`).
    boolean direct;
    private final long[] numbers = new long[3];

    static String text(int sender, long seq, long scheduled) {
        return "b " + sender + ' ' + seq + ' ' + scheduled;
    }

    /// The text of a private message: counted apart from room messages by the receiver.
    static String directText(int sender, long seq, long scheduled) {
        return "p " + sender + ' ' + seq + ' ' + scheduled;
    }

    /// Whether `line[from, to)` ends with a bench text; if so, fills the fields.
    boolean parse(byte[] line, int from, int to) {
        int i = to - 1;
        long value = 0;
        long scale = 1;
        int digits = 0;
        for (int field = 2; field >= 0; field--) {
            value = 0;
            scale = 1;
            digits = 0;
            while (i >= from && line[i] >= '0' && line[i] <= '9') {
                if (++digits > 18) {
                    return false;
                }
                value += (line[i] - '0') * scale;
                scale *= 10;
                i--;
            }
            if (digits == 0 || i < from || line[i] != ' ') {
                return false;
            }
            numbers[field] = value;
            i--;
        }
        // i is at the 'b' or 'p'; before it the dialect's separator: ' ' (plain "NAME: b") or ':'.
        if (i <= from || (line[i] != 'b' && line[i] != 'p') || (line[i - 1] != ' ' && line[i - 1] != ':')) {
            return false;
        }
        if (numbers[0] > Integer.MAX_VALUE) {
            return false;
        }
        direct = line[i] == 'p';
        sender = (int) numbers[0];
        seq = numbers[1];
        scheduled = numbers[2];
        return true;
    }
}
