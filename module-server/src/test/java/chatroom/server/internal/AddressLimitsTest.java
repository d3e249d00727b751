package chatroom.server.internal;

import chatroom.server.internal.AddressLimits.Admission;
import chatroom.server.internal.AddressLimits.Refusal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("per-address limits")
class AddressLimitsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final InetAddress ALICE = address("192.0.2.1");
    private static final InetAddress BOB = address("192.0.2.2");

    /// A clock the test moves; it starts far from 0, as `System.nanoTime` may.
    private long now = -123_456_789_000L;

    private AddressLimits limits(int maxOpen, int perMinute) {
        return new AddressLimits(maxOpen, perMinute, () -> now);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    @DisplayName("connections open at once")
    class OpenConnections {

        @Test
        @DisplayName("the one over the limit is refused with the documented line; others' addresses are not affected")
        void overTheLimit() {
            var limits = limits(3, 0);
            for (int i = 0; i < 3; i++) {
                assertThat(limits.admit(ALICE).admitted()).isTrue();
            }

            Admission refused = limits.admit(ALICE);

            assertThat(refused.refusal()).isEqualTo(Refusal.TOO_MANY);
            assertThat(refused.refusal().line(refused.limit()))
                    .isEqualTo("* Sorry, too many connections from your address (limit 3); try again later.");
            assertThat(limits.admit(BOB).admitted()).isTrue();
        }

        @Test
        @DisplayName("a connection that closes frees its slot")
        void releaseFreesASlot() {
            var limits = limits(2, 0);
            limits.admit(ALICE);
            limits.admit(ALICE);
            assertThat(limits.admit(ALICE).admitted()).isFalse();

            limits.release(ALICE);

            assertThat(limits.admit(ALICE).admitted()).isTrue();
            assertThat(limits.admit(ALICE).admitted()).isFalse();
        }

        @Test
        @DisplayName("0 means no limit")
        void zeroIsOff() {
            var limits = limits(0, 0);
            for (int i = 0; i < 10_000; i++) {
                assertThat(limits.admit(ALICE).admitted()).isTrue();
            }
            assertThat(limits.trackedAddresses()).as("nothing is tracked when both limits are off").isZero();
        }
    }

    @Nested
    @DisplayName("new connections a minute")
    class Rate {

        @Test
        @DisplayName("a burst of the per-minute number, then refusals with the documented line")
        void burstThenRefusal() {
            var limits = limits(0, 5);
            for (int i = 0; i < 5; i++) {
                assertThat(limits.admit(ALICE).admitted()).as("connection %d", i).isTrue();
                limits.release(ALICE); // closing does not give the token back
            }

            Admission refused = limits.admit(ALICE);

            assertThat(refused.refusal()).isEqualTo(Refusal.TOO_OFTEN);
            assertThat(refused.refusal().line(refused.limit())).isEqualTo(
                    "* Sorry, your address opens connections too often (limit 5 a minute); try again in a minute.");
            assertThat(limits.admit(BOB).admitted()).isTrue();
        }

        @Test
        @DisplayName("the bucket refills at the per-minute rate, up to the burst and no further")
        void refill() {
            var limits = limits(0, 6); // one token every 10 s
            for (int i = 0; i < 6; i++) {
                limits.admit(ALICE);
            }
            assertThat(limits.admit(ALICE).admitted()).isFalse();

            now += 9 * SECOND;
            assertThat(limits.admit(ALICE).admitted()).as("after 9 s").isFalse();
            now += SECOND;
            assertThat(limits.admit(ALICE).admitted()).as("after 10 s").isTrue();
            assertThat(limits.admit(ALICE).admitted()).as("a second one after 10 s").isFalse();

            now += 60 * MINUTE;
            for (int i = 0; i < 6; i++) {
                assertThat(limits.admit(ALICE).admitted()).as("after an hour, connection %d", i).isTrue();
            }
            assertThat(limits.admit(ALICE).admitted()).as("an idle hour saves up no more than the burst").isFalse();
        }

        @Test
        @DisplayName("a refused connection does not use a token")
        void refusalIsFree() {
            var limits = limits(0, 1);
            limits.admit(ALICE);
            for (int i = 0; i < 100; i++) {
                limits.admit(ALICE);
            }

            now += MINUTE;

            assertThat(limits.admit(ALICE).admitted()).isTrue();
        }

        @Test
        @DisplayName("0 means no limit, while open connections are still counted")
        void zeroIsOff() {
            var limits = limits(1000, 0);
            for (int i = 0; i < 1000; i++) {
                assertThat(limits.admit(ALICE).admitted()).isTrue();
            }
            assertThat(limits.admit(ALICE).refusal()).isEqualTo(Refusal.TOO_MANY);
        }
    }

    @Nested
    @DisplayName("reporting refusals")
    class Reporting {

        @Test
        @DisplayName("at most once per address per 10 s, with the number refused since the last report")
        void throttled() {
            var limits = limits(1, 0);
            limits.admit(ALICE);

            assertThat(limits.admit(ALICE).report()).as("the first refusal").isEqualTo(1);
            for (int i = 0; i < 50; i++) {
                now += SECOND / 10;
                assertThat(limits.admit(ALICE).report()).as("refusal %d within 10 s", i).isZero();
            }
            assertThat(limits.admit(BOB).admitted()).isTrue();
            assertThat(limits.admit(BOB).report()).as("another address has its own report").isEqualTo(1);

            now += 5 * SECOND;
            assertThat(limits.admit(ALICE).report()).as("after 10 s: the 50 not reported and this one").isEqualTo(51);
        }
    }

    @Nested
    @DisplayName("memory")
    class Memory {

        @Test
        @DisplayName("an address is forgotten once it has no connection open and a full bucket")
        void forgottenWhenIdle() {
            var limits = limits(10, 60);
            for (int i = 0; i < 1000; i++) {
                InetAddress address = address("10.0." + (i / 256) + "." + (i % 256));
                limits.admit(address);
                limits.release(address);
            }
            assertThat(limits.trackedAddresses()).as("buckets not yet full").isEqualTo(1000);

            now += SECOND / 2;
            limits.sweep();
            assertThat(limits.trackedAddresses()).as("half a second later").isEqualTo(1000);

            now += SECOND / 2;
            limits.sweep();
            assertThat(limits.trackedAddresses()).as("a second later, one token is back for each").isZero();
        }

        @Test
        @DisplayName("an address with a connection open is kept however long; when it closes it is forgotten")
        void keptWhileOpen() {
            var limits = limits(1, 60);
            limits.admit(ALICE);

            now += 60 * MINUTE;
            limits.sweep();
            assertThat(limits.trackedAddresses()).isEqualTo(1);
            assertThat(limits.admit(ALICE).refusal()).as("still counted").isEqualTo(Refusal.TOO_MANY);

            limits.release(ALICE);
            assertThat(limits.trackedAddresses()).as("forgotten on release, its bucket being full").isZero();
        }

        @Test
        @DisplayName("an address refused for connecting too often is forgotten once its bucket refills")
        void refusedAddressForgotten() {
            var limits = limits(0, 2);
            for (int i = 0; i < 10; i++) {
                limits.admit(ALICE);
                limits.release(ALICE);
            }
            assertThat(limits.trackedAddresses()).isEqualTo(1);

            now += MINUTE;
            limits.sweep();

            assertThat(limits.trackedAddresses()).isZero();
        }

        @Test
        @DisplayName("a release without an entry (limits that were full and forgotten) changes nothing")
        void strayRelease() {
            var limits = limits(1, 0);

            limits.release(ALICE);

            assertThat(limits.trackedAddresses()).isZero();
            assertThat(limits.admit(ALICE).admitted()).isTrue();
            assertThat(limits.admit(ALICE).admitted()).isFalse();
        }
    }

    @Nested
    @DisplayName("what counts as one address")
    class Keys {

        @Test
        @DisplayName("IPv6 addresses in one /64 share the limits; another /64 does not")
        void ipv6Prefix() {
            var limits = limits(2, 0);
            assertThat(limits.admit(address("2001:db8:1:2::1")).admitted()).isTrue();
            assertThat(limits.admit(address("2001:db8:1:2:ffff:eeee:dddd:cccc")).admitted()).isTrue();

            assertThat(limits.admit(address("2001:db8:1:2::99")).refusal()).isEqualTo(Refusal.TOO_MANY);
            assertThat(limits.admit(address("2001:db8:1:3::1")).admitted()).isTrue();
        }

        @Test
        @DisplayName("IPv4 addresses count one by one")
        void ipv4() {
            assertThat(AddressLimits.key(ALICE)).isEqualTo(ALICE);
            assertThat(AddressLimits.key(BOB)).isNotEqualTo(AddressLimits.key(ALICE));
        }
    }
}
