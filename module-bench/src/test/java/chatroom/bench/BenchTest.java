package chatroom.bench;

import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTest {

    record Run(int exitCode, String out, String err) {
        Map<String, String> result() {
            String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
            return Arrays.stream(line.substring(7).split(" "))
                    .map(pair -> pair.split("=", 2))
                    .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        }
    }

    static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bench.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Nested
    @DisplayName("fanout against the in-process server")
    class Fanout {

        @Test
        @Timeout(20)
        @DisplayName("plain: every message reaches every other member, quickly")
        void plain() {
            Run run = bench("fanout", "--members", "20", "--senders", "4", "--rate", "20",
                    "--duration", "2s", "--warmup", "500ms");
            assertThat(run.exitCode()).as(run.err()).isZero();
            var result = run.result();
            assertThat(result).containsEntry("scenario", "fanout").containsEntry("lost", "0")
                    .containsEntry("disconnects", "0");
            // 4 senders × 20/s × 2 s, each to 19 others (give or take one message per sender at the edges).
            assertThat(Long.parseLong(result.get("expected"))).isBetween(140L * 19, 180L * 19);
            assertThat(result.get("received")).isEqualTo(result.get("expected"));
            assertThat(Double.parseDouble(result.get("p99_ms"))).isPositive().isLessThan(1_000);
        }

        @Test
        @Timeout(20)
        @DisplayName("structured: no loss either")
        void structured() {
            Run run = bench("fanout", "--dialect", "structured", "--members", "10", "--senders", "2",
                    "--rate", "20", "--duration", "1s", "--warmup", "0s");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.result()).containsEntry("lost", "0").containsEntry("dialect", "structured");
            assertThat(Long.parseLong(run.result().get("received"))).isPositive();
        }
    }

    @Nested
    @DisplayName("slow against the in-process server")
    class SlowRun {

        @Test
        @Timeout(60)
        @DisplayName("in each of two rounds a stalled member is dropped, never a sender, and the healthy members lose nothing")
        void stalledMemberIsDropped() {
            // The kernel holds up to ~4 MiB per loopback socket besides the server's queue, so the
            // messages are padded to 4,000 bytes: about 9 MB go towards the stalled member. The
            // queue stays at 1 MiB so that healthy members on a busy machine are not dropped too.
            Run run = bench("slow", "--members", "4", "--senders", "1", "--rate", "800", "--message-bytes", "4000",
                    "--send-queue", "1024", "--duration", "3s", "--warmup", "300ms", "--drop-wait", "10s",
                    "--rounds", "2");
            assertThat(run.exitCode()).as(run.err()).isZero();
            var result = run.result();
            assertThat(result).containsEntry("scenario", "slow").containsEntry("rounds", "2")
                    .containsEntry("stalled", "1").containsEntry("stalled_total", "2")
                    .containsEntry("healthy", "3").containsEntry("send_queue_kib", "1024")
                    .containsEntry("dropped", "2").containsEntry("lost", "0").containsEntry("baseline_lost", "0")
                    .containsEntry("disconnects", "0")
                    .containsKeys("baseline_p99_ms", "p99_ms", "p99_change_pct", "first_drop_s", "last_drop_s");
            assertThat(result.get("baseline_p99_ms_by_round").split("/")).hasSize(2);
            assertThat(result.get("p99_ms_by_round").split("/")).hasSize(2);
            assertThat(run.out()).contains("baseline 1", "stalled 1", "stalled 2", "baseline 2", "baseline all",
                    "stalled all");
            // B S S B: the second round starts with its stalled run.
            assertThat(run.out().indexOf("stalled 2")).isLessThan(run.out().indexOf("baseline 2"));
            assertThat(Long.parseLong(result.get("received"))).isPositive();
            assertThat(Double.parseDouble(result.get("baseline_p99_ms"))).isPositive();
            assertThat(Double.parseDouble(result.get("first_drop_s"))).isPositive()
                    .isLessThanOrEqualTo(Double.parseDouble(result.get("last_drop_s")));
            assertThat(Double.parseDouble(result.get("last_drop_s"))).isLessThan(20);
        }
    }

    @Nested
    @DisplayName("churn against the in-process server")
    class ChurnRun {

        @Test
        @Timeout(60)
        @DisplayName("members come and go while the steady ones lose nothing")
        void churn() {
            Run run = bench("churn", "--members", "10", "--senders", "2", "--rate", "20", "--duration", "2s",
                    "--warmup", "200ms", "--churn-rate", "20", "--stay-min", "100ms", "--stay-max", "500ms",
                    "--abrupt-pct", "50");
            assertThat(run.exitCode()).as(run.err()).isZero();
            var result = run.result();
            assertThat(result).containsEntry("scenario", "churn").containsEntry("lost", "0")
                    .containsEntry("failed_joins", "0").containsEntry("churn_dropped", "0")
                    .containsEntry("disconnects", "0").containsKeys("p50_ms", "p99_ms", "p999_ms", "max_ms");
            long joins = Long.parseLong(result.get("churn_joins"));
            assertThat(joins).isPositive();
            assertThat(Long.parseLong(result.get("churn_quits")) + Long.parseLong(result.get("churn_aborts")))
                    .isEqualTo(joins);
            assertThat(Double.parseDouble(result.get("joins_per_s"))).isPositive();
            // 2 senders × 20/s × 2 s, each to the 9 other steady members; churners are not counted.
            assertThat(Long.parseLong(result.get("expected"))).isBetween(70L * 9, 90L * 9);
        }
    }

    @Nested
    @DisplayName("rooms against the in-process server")
    class Rooms {

        @Test
        @Timeout(30)
        @DisplayName("plain: every room message reaches the room's other members, every private message its recipient")
        void plain() {
            Run run = bench("rooms", "--members", "60", "--rooms", "6", "--rooms-per-member", "2", "--senders", "6",
                    "--rate", "5", "--private-rate", "5", "--duration", "2s", "--warmup", "500ms");
            assertThat(run.exitCode()).as(run.err()).isZero();
            var result = run.result();
            assertThat(result).containsEntry("scenario", "rooms").containsEntry("dialect", "plain")
                    .containsEntry("members", "60").containsEntry("rooms", "6").containsEntry("rooms_per_member", "2")
                    .containsEntry("room_size", "20").containsEntry("room_lost", "0")
                    .containsEntry("private_lost", "0").containsEntry("lost", "0").containsEntry("disconnects", "0");
            // 6 senders × 5/s × 2 s into rooms of 20 (19 others each); 5 private/s × 2 s to one recipient each.
            long roomSent = Long.parseLong(result.get("room_sent"));
            assertThat(roomSent).isBetween(54L, 66L);
            assertThat(Long.parseLong(result.get("room_expected"))).isEqualTo(roomSent * 19);
            assertThat(result.get("room_received")).isEqualTo(result.get("room_expected"));
            long privateSent = Long.parseLong(result.get("private_sent"));
            assertThat(privateSent).isBetween(9L, 11L);
            assertThat(result).containsEntry("private_expected", Long.toString(privateSent))
                    .containsEntry("private_received", Long.toString(privateSent));
            assertThat(Long.parseLong(result.get("expected"))).isEqualTo(roomSent * 19 + privateSent);
            assertThat(result.get("received")).isEqualTo(result.get("expected"));
            for (String prefix : new String[] {"room_", "private_", ""}) {
                assertThat(Double.parseDouble(result.get(prefix + "p50_ms"))).as(prefix).isPositive()
                        .isLessThanOrEqualTo(Double.parseDouble(result.get(prefix + "p99_ms")));
                assertThat(Double.parseDouble(result.get(prefix + "p99_ms"))).as(prefix).isLessThan(1_000);
                assertThat(Double.parseDouble(result.get(prefix + "max_ms"))).as(prefix)
                        .isGreaterThanOrEqualTo(Double.parseDouble(result.get(prefix + "p999_ms")));
            }
            assertThat(Double.parseDouble(result.get("server_cpu_us_per_delivery"))).isPositive();
            assertThat(Double.parseDouble(result.get("gen_cpu_us_per_delivery"))).isPositive();
            assertThat(run.out()).contains("60 members, each in the lobby and 2 of 6 rooms of 20")
                    .containsPattern("(?m)^  room_p99_ms +[0-9.]+$").containsPattern("(?m)^  private_p99_ms +[0-9.]+$")
                    .containsPattern("(?m)^  server_cpu_us_per_delivery +[0-9.]+$");
        }

        @Test
        @Timeout(30)
        @DisplayName("structured (version 2): no loss either, in rooms or privately")
        void structured() {
            Run run = bench("rooms", "--dialect", "structured", "--members", "12", "--rooms", "4",
                    "--rooms-per-member", "2", "--senders", "3", "--rate", "10", "--private-rate", "10",
                    "--duration", "1s", "--warmup", "200ms");
            assertThat(run.exitCode()).as(run.err()).isZero();
            var result = run.result();
            assertThat(result).containsEntry("dialect", "structured").containsEntry("room_size", "6")
                    .containsEntry("lost", "0").containsEntry("disconnects", "0");
            assertThat(Long.parseLong(result.get("room_received"))).isPositive();
            assertThat(Long.parseLong(result.get("private_received"))).isPositive();
        }
    }

    @Nested
    @DisplayName("the IRC dialect against chatroom")
    class Irc {

        @Test
        @Timeout(20)
        @DisplayName("fanout in-process: every PRIVMSG reaches every other member of #bench")
        void fanout() {
            Run run = bench("fanout", "--dialect", "irc", "--members", "20", "--senders", "4", "--rate", "20",
                    "--duration", "2s", "--warmup", "500ms");
            assertThat(run.exitCode()).as(run.err()).isZero();
            var result = run.result();
            assertThat(result).containsEntry("dialect", "irc").containsEntry("lost", "0")
                    .containsEntry("disconnects", "0");
            assertThat(Long.parseLong(result.get("expected"))).isBetween(140L * 19, 180L * 19);
            assertThat(result.get("received")).isEqualTo(result.get("expected"));
        }

        @Test
        @Timeout(30)
        @DisplayName("rooms in-process: JOIN #rN, PRIVMSG #rN and PRIVMSG nick, nothing lost")
        void rooms() {
            Run run = bench("rooms", "--dialect", "irc", "--members", "12", "--rooms", "4",
                    "--rooms-per-member", "2", "--senders", "3", "--rate", "10", "--private-rate", "10",
                    "--duration", "1s", "--warmup", "200ms");
            assertThat(run.exitCode()).as(run.err()).isZero();
            var result = run.result();
            assertThat(result).containsEntry("dialect", "irc").containsEntry("room_size", "6")
                    .containsEntry("lost", "0").containsEntry("disconnects", "0");
            long roomSent = Long.parseLong(result.get("room_sent"));
            assertThat(roomSent).isPositive();
            assertThat(result).containsEntry("room_expected", Long.toString(roomSent * 5))
                    .containsEntry("room_received", Long.toString(roomSent * 5));
            assertThat(Long.parseLong(result.get("private_received"))).isPositive();
        }

        @Test
        @Timeout(30)
        @DisplayName("churn in-process: churners come and go by QUIT or a closed socket, the steady members lose nothing")
        void churn() {
            Run run = bench("churn", "--dialect", "irc", "--members", "10", "--senders", "2", "--rate", "20",
                    "--duration", "2s", "--warmup", "200ms", "--churn-rate", "20", "--stay-min", "100ms",
                    "--stay-max", "500ms", "--abrupt-pct", "50");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.result()).containsEntry("lost", "0").containsEntry("failed_joins", "0")
                    .containsEntry("disconnects", "0");
            assertThat(Long.parseLong(run.result().get("churn_joins"))).isPositive();
        }

        @Test
        @Timeout(30)
        @DisplayName("a chatroom that also joins IRC members to #lobby: every member joins #bench and its rooms, "
                + "and nothing is lost (LineHandlingTest checks that #lobby is not counted as one of them)")
        void serverWithItsOwnLobby() throws Exception {
            ServerConfig config = ServerConfig.builder().maxRate(0).maxPerAddress(0).connectsPerMinute(0)
                    .roomCreationsPerMinute(0).privateRate(0).build();
            ChatServer server = ChatServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), config);
            server.start();
            try {
                Run run = bench("rooms", "--dialect", "irc", "--target", "127.0.0.1:" + server.address().getPort(),
                        "--members", "12", "--rooms", "4", "--rooms-per-member", "2", "--senders", "3",
                        "--rate", "10", "--private-rate", "10", "--duration", "1s", "--warmup", "0s");
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.result()).containsEntry("lost", "0").containsEntry("disconnects", "0");
                assertThat(Long.parseLong(run.result().get("room_received"))).isPositive();
            } finally {
                server.stop(Duration.ofSeconds(1));
            }
        }
    }

    @Nested
    @DisplayName("idle")
    class Idle {
        @Test
        @Timeout(20)
        @DisplayName("reports memory per connection for the in-process server")
        void idle() {
            Run run = bench("idle", "--connections", "50", "--settle", "0s");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.result()).containsEntry("connections", "50").containsEntry("includes_generator", "yes")
                    .containsKey("rss_per_conn_kib");
            assertThat(run.out()).contains("baseline");
        }

        @Test
        @Timeout(20)
        @DisplayName("--rooms-per-member puts every member in that many rooms before the reading")
        void inRooms() {
            Run run = bench("idle", "--connections", "40", "--rooms-per-member", "5", "--rooms", "10",
                    "--connect-burst", "8", "--settle", "0s");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.result()).containsEntry("connections", "40").containsEntry("rooms", "10")
                    .containsEntry("rooms_per_member", "5").containsEntry("disconnects", "0")
                    .containsKey("rss_per_conn_kib");
            assertThat(run.out()).contains("each in the lobby and 5 of 10 rooms of 20");
        }

        @Test
        @Timeout(20)
        @DisplayName("--connect-burst 1 and --connect-rate pace the joins")
        void pacedJoins() {
            Run run = bench("idle", "--connections", "20", "--connect-burst", "1", "--connect-rate", "50",
                    "--settle", "0s");
            assertThat(run.exitCode()).as(run.err()).isZero();
            // 20 connections at 50/s: the last may start 0.38 s after the first.
            assertThat(Double.parseDouble(run.result().get("join_s"))).isGreaterThanOrEqualTo(0.37);
            assertThat(run.result()).containsEntry("disconnects", "0");
        }
    }

    @Nested
    @DisplayName("options")
    class Options {

        @Test
        @DisplayName("a target outside 127.0.0.0/8 is refused with exit code 2")
        void nonLoopbackTarget() {
            Run run = bench("fanout", "--target", "10.0.0.1:6667");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("127.0.0.0/8");
        }

        @Test
        @DisplayName("a host name other than localhost is refused without asking DNS")
        void hostName() {
            assertThat(bench("idle", "--target", "example.com:53000").exitCode()).isEqualTo(2);
        }

        @Test
        @DisplayName("bad numbers, unknown options and no subcommand exit with 2")
        void misuse() {
            assertThat(bench("fanout", "--senders", "0").exitCode()).isEqualTo(2);
            assertThat(bench("fanout", "--members", "5", "--senders", "6").exitCode()).isEqualTo(2);
            assertThat(bench("fanout", "--rate", "-1").exitCode()).isEqualTo(2);
            assertThat(bench("fanout", "--bogus").exitCode()).isEqualTo(2);
            assertThat(bench("fanout", "--dialect", "klingon").exitCode()).isEqualTo(2);
            assertThat(bench().exitCode()).isEqualTo(2);
        }

        @Test
        @DisplayName("bad connect pacing and message sizes exit with 2")
        void pacingMisuse() {
            assertThat(bench("fanout", "--connect-burst", "0").exitCode()).isEqualTo(2);
            assertThat(bench("idle", "--connect-burst", "10001").exitCode()).isEqualTo(2);
            assertThat(bench("fanout", "--connect-rate", "-1").exitCode()).isEqualTo(2);
            assertThat(bench("fanout", "--message-bytes", "4001").exitCode()).isEqualTo(2);
            assertThat(bench("capacity", "--message-bytes", "-1").exitCode()).isEqualTo(2);
        }

        @Test
        @DisplayName("slow: bad stalled share, too few members or a send queue it cannot set exit with 2")
        void slowMisuse() {
            assertThat(bench("slow", "--stalled-pct", "0").exitCode()).isEqualTo(2);
            assertThat(bench("slow", "--stalled-pct", "51").exitCode()).isEqualTo(2);
            // One stalled member needs one healthy non-sender besides the senders.
            Run tooFew = bench("slow", "--members", "3", "--senders", "2");
            assertThat(tooFew.exitCode()).isEqualTo(2);
            assertThat(tooFew.err()).contains("never senders");
            assertThat(bench("slow", "--send-queue", "8").exitCode()).isEqualTo(2);
            assertThat(bench("slow", "--target", "127.0.0.1:6667", "--send-queue", "64").exitCode()).isEqualTo(2);
            assertThat(bench("slow", "--drop-wait", "0s").exitCode()).isEqualTo(2);
            assertThat(bench("slow", "--rounds", "0").exitCode()).isEqualTo(2);
            assertThat(bench("slow", "--rounds", "21").exitCode()).isEqualTo(2);
        }

        @Test
        @DisplayName("churn: bad rate, stays, abrupt share or bounds exit with 2")
        void churnMisuse() {
            assertThat(bench("churn", "--churn-rate", "0").exitCode()).isEqualTo(2);
            assertThat(bench("churn", "--churn-rate", "1001").exitCode()).isEqualTo(2);
            assertThat(bench("churn", "--stay-min", "2s", "--stay-max", "1s").exitCode()).isEqualTo(2);
            assertThat(bench("churn", "--stay-max", "11m").exitCode()).isEqualTo(2);
            assertThat(bench("churn", "--abrupt-pct", "101").exitCode()).isEqualTo(2);
            assertThat(bench("churn", "--max-churners", "0").exitCode()).isEqualTo(2);
            assertThat(bench("churn", "--churn-join-timeout", "0s").exitCode()).isEqualTo(2);
        }

        @Test
        @DisplayName("rooms and idle: uneven rooms, more rooms per member than rooms, negative numbers exit with 2")
        void roomsMisuse() {
            Run uneven = bench("rooms", "--members", "10", "--rooms", "3", "--rooms-per-member", "2");
            assertThat(uneven.exitCode()).isEqualTo(2);
            assertThat(uneven.err()).contains("10 × 2 = 20", "multiple of --rooms (3)", "--rooms 2");
            Run tooMany = bench("rooms", "--members", "10", "--rooms", "2", "--rooms-per-member", "3");
            assertThat(tooMany.exitCode()).isEqualTo(2);
            assertThat(tooMany.err()).contains("--rooms-per-member must be between 1 and --rooms (2)");
            Run alone = bench("rooms", "--members", "10", "--rooms", "10", "--rooms-per-member", "1",
                    "--senders", "1");
            assertThat(alone.exitCode()).isEqualTo(2);
            assertThat(alone.err()).contains("nobody to deliver to");
            assertThat(bench("rooms", "--rooms", "-1").exitCode()).isEqualTo(2);
            assertThat(bench("rooms", "--rooms-per-member", "-3").exitCode()).isEqualTo(2);
            assertThat(bench("rooms", "--members", "-5").exitCode()).isEqualTo(2);
            assertThat(bench("rooms", "--senders", "-1").exitCode()).isEqualTo(2);
            assertThat(bench("rooms", "--senders", "5001").exitCode()).isEqualTo(2);
            assertThat(bench("rooms", "--rate", "0").exitCode()).isEqualTo(2);
            assertThat(bench("rooms", "--private-rate", "-1").exitCode()).isEqualTo(2);
            assertThat(bench("rooms", "--duration", "0s").exitCode()).isEqualTo(2);
            assertThat(bench("rooms", "--message-bytes", "4001").exitCode()).isEqualTo(2);
            Run idle = bench("idle", "--connections", "10", "--rooms-per-member", "-1");
            assertThat(idle.exitCode()).isEqualTo(2);
            assertThat(idle.err()).contains("--rooms-per-member must not be negative");
            assertThat(bench("idle", "--connections", "10", "--rooms-per-member", "3", "--rooms", "4").exitCode())
                    .isEqualTo(2);
            assertThat(bench("idle", "--connections", "10", "--rooms-per-member", "6", "--rooms", "5").exitCode())
                    .isEqualTo(2);
        }

        @Test
        @DisplayName("nothing listening on the target exits with 1")
        void nothingListening() throws Exception {
            int port;
            try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Run run = bench("fanout", "--target", "127.0.0.1:" + port, "--members", "2", "--senders", "1");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        }

        @Test
        @DisplayName("loopback targets parse")
        void loopback() {
            assertThat(Target.parse("localhost:53000").toString()).isEqualTo("127.0.0.1:53000");
            assertThat(Target.parse("127.1.2.3:1").toString()).isEqualTo("127.1.2.3:1");
        }
    }
}
