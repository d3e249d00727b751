package chatroom.bench;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
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
            assertThat(bench("fanout", "--dialect", "irc").exitCode()).isEqualTo(2);
            assertThat(bench().exitCode()).isEqualTo(2);
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
