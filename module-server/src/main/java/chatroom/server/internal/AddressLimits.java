package chatroom.server.internal;

import chatroom.protocol.PlainText;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/// Per-address admission: at most `maxOpen` connections open at once from one address, and at
/// most `perMinute` new ones a minute (a token bucket holding `perMinute` tokens, refilled at
/// `perMinute` a minute, so that is also the burst). `0` turns either limit off.
///
/// An IPv6 address counts by its `/64` prefix: one machine is given a whole `/64` and could
/// otherwise pick a fresh address for every connection. IPv4 addresses count one by one.
///
/// [#admit] runs on the acceptor thread and is O(1): one `compute` on a concurrent map, no
/// waiting. An address's entry exists while it has a connection open or its bucket is not
/// full again, and no longer: [#release] and [#sweep] remove it, so the map holds at most the
/// addresses connected now or during the last minute, whatever an attacker does.
///
/// Thread-safe. An entry is only read and changed inside the map's `compute` for its key.
final class AddressLimits {

    /// Why a connection was refused, with the line that tells the client.
    enum Refusal {
        /// The address has [#maxOpen] connections open already.
        TOO_MANY("connections open at once") {
            @Override
            String line(int limit) {
                return PlainText.NOTICE_PREFIX + "Sorry, too many connections from your address (limit " + limit
                        + "); try again later.";
            }
        },
        /// The address has used its bucket of new connections.
        TOO_OFTEN("new connections a minute") {
            @Override
            String line(int limit) {
                return PlainText.NOTICE_PREFIX + "Sorry, your address opens connections too often (limit " + limit
                        + " a minute); try again in a minute.";
            }
        };

        /// What the limit counts, for the log.
        final String counts;

        Refusal(String counts) {
            this.counts = counts;
        }

        /// The one line a refused client is sent before the server closes the connection.
        abstract String line(int limit);
    }

    /// The outcome of [#admit]: admitted (no `refusal`), or refused. `report` is 0 when the
    /// refusal need not be logged, else the number of refusals for this address since the
    /// last one logged (this one included).
    record Admission(Refusal refusal, int limit, long report) {
        static final Admission ADMITTED = new Admission(null, 0, 0);

        boolean admitted() {
            return refusal == null;
        }
    }

    /// At most one log line per address per this period about refusing it.
    static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long NANOS_PER_MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final int IPV6_PREFIX_BYTES = 8;

    private final int maxOpen;
    private final int perMinute;
    private final long nanosPerConnect;
    private final long bucketNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<InetAddress, Entry> entries = new ConcurrentHashMap<>();

    /// @param maxOpen   most connections open at once from one address, `0` for no limit
    /// @param perMinute new connections one address may open a minute, `0` for no limit
    /// @param nanoClock `System::nanoTime`, or a test's clock
    AddressLimits(int maxOpen, int perMinute, LongSupplier nanoClock) {
        this.maxOpen = maxOpen;
        this.perMinute = perMinute;
        this.nanosPerConnect = perMinute == 0 ? 0 : NANOS_PER_MINUTE / perMinute;
        this.bucketNanos = nanosPerConnect * perMinute;
        this.nanoClock = nanoClock;
    }

    /// Counts a new connection from `address`, or refuses it (changing nothing but the
    /// refusal count). An admitted connection must be [released][#release] when it closes.
    Admission admit(InetAddress address) {
        if (maxOpen == 0 && perMinute == 0) {
            return Admission.ADMITTED;
        }
        long now = nanoClock.getAsLong();
        var outcome = new Admission[1];
        entries.compute(key(address), (key, existing) -> {
            Entry entry = existing == null ? new Entry(now) : existing;
            outcome[0] = entry.admit(now);
            return entry.isIdle(now) ? null : entry;
        });
        return outcome[0];
    }

    /// Counts a connection from `address`, admitted earlier, as closed.
    void release(InetAddress address) {
        if (maxOpen == 0 && perMinute == 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        entries.computeIfPresent(key(address), (key, entry) -> {
            entry.open = Math.max(0, entry.open - 1);
            return entry.isIdle(now) ? null : entry;
        });
    }

    /// Forgets the addresses with no connection open and a full bucket. Called now and then
    /// (by the janitor); it visits every entry, so it does not belong on the acceptor thread.
    void sweep() {
        long now = nanoClock.getAsLong();
        for (InetAddress key : entries.keySet()) {
            entries.computeIfPresent(key, (k, entry) -> entry.isIdle(now) ? null : entry);
        }
    }

    /// Addresses tracked now.
    int trackedAddresses() {
        return entries.size();
    }

    /// The address limits count by: the address itself, or an IPv6 address's `/64` prefix.
    static InetAddress key(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, IPV6_PREFIX_BYTES, prefix.length, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    /// One address's state; only touched inside `compute` for its key.
    private final class Entry {
        /// Connections open now.
        int open;
        /// When the bucket is full again; tokens are measured as time, as in [TokenBucket].
        long fullAt;
        /// When the next refusal may be logged.
        long nextReport;
        /// Refusals since the last one logged.
        long unreported;

        Entry(long now) {
            fullAt = now;
            nextReport = now;
        }

        Admission admit(long now) {
            if (maxOpen > 0 && open >= maxOpen) {
                return refuse(Refusal.TOO_MANY, maxOpen, now);
            }
            long after = Math.max(fullAt, now) + nanosPerConnect;
            if (perMinute > 0 && after - now > bucketNanos) {
                return refuse(Refusal.TOO_OFTEN, perMinute, now);
            }
            fullAt = after;
            open++;
            return Admission.ADMITTED;
        }

        private Admission refuse(Refusal refusal, int limit, long now) {
            unreported++;
            if (now - nextReport < 0) {
                return new Admission(refusal, limit, 0);
            }
            long report = unreported;
            unreported = 0;
            nextReport = now + REPORT_INTERVAL_NANOS;
            return new Admission(refusal, limit, report);
        }

        /// Nothing worth remembering: no connection open and a full bucket. Refusals happen only
        /// while an entry is not idle, and it takes `maxOpen` or a bucket's worth of
        /// admitted connections to be refused again after it was forgotten, so forgetting the report
        /// time cannot make the log noisy.
        boolean isIdle(long now) {
            return open == 0 && now - fullAt >= 0;
        }
    }
}
