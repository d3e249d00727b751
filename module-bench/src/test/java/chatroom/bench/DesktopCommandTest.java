package chatroom.bench;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static chatroom.bench.BenchTest.bench;
import static org.assertj.core.api.Assertions.assertThat;

/// `bench desktop` in a small configuration: it runs the real desktop client (headless), so it
/// runs once in this JVM (JavaFX starts only once). What it measures is not judged here (the
/// machine may be busy): only that the run completes and reports its figures.
class DesktopCommandTest {

    @Test
    @Timeout(120)
    @DisplayName("3 rooms, 200 lines of history, a 100-line burst: the client shows them all and the figures are printed")
    void smallRun() {
        var run = bench("desktop", "--rooms", "3", "--history", "200", "--burst", "100", "--other-lines", "20",
                "--settle", "200ms", "--timeout", "60s");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> result = run.result();
        assertThat(result).containsEntry("scenario", "desktop").containsEntry("rooms", "3")
                .containsEntry("history", "200").containsEntry("burst", "100").containsEntry("other_lines", "20")
                .containsEntry("glass", "Headless").containsEntry("client_exit", "0").containsEntry("target_ms", "100")
                .containsKeys("startup_ms", "join_ms", "history_in_list_ms", "history_shown_ms", "at_bottom_before_burst", "stall_p50_ms", "stall_p999_ms",
                        "heap_after_gc_mib", "target_met");
        // #r0's transcript holds at least the history and the burst (plus day and join notices).
        assertThat(Integer.parseInt(result.get("rows"))).isGreaterThanOrEqualTo(300);
        assertThat(Long.parseLong(result.get("pings"))).isPositive();
        double longest = Double.parseDouble(result.get("stall_max_ms"));
        assertThat(longest).isPositive().isGreaterThanOrEqualTo(Double.parseDouble(result.get("stall_p99_ms")));
        double inList = Double.parseDouble(result.get("burst_in_list_ms"));
        assertThat(inList).isPositive();
        // Shown once it is in the list, unless the list stopped following the newest row.
        if (result.get("followed_bottom").equals("yes")) {
            assertThat(Double.parseDouble(result.get("burst_shown_ms"))).isGreaterThanOrEqualTo(inList);
        } else {
            assertThat(result).containsEntry("burst_shown_ms", "never");
            assertThat(run.out()).contains("note: the list did not follow the burst");
        }
        assertThat(Double.parseDouble(result.get("heap_used_mib"))).isPositive();
        assertThat(result.get("target_met")).isEqualTo(longest <= 100 ? "yes" : "no");
        assertThat(run.out()).contains("the desktop client in the lobby and 3 rooms, #r0 with 200 lines of history")
                .containsPattern("(?m)^  stall_max_ms +[0-9.]+$").containsPattern("(?m)^  burst_in_list_ms +[0-9.]+$");
    }

    @Nested
    @DisplayName("options")
    class Options {

        @Test
        @DisplayName("bad sizes exit with 2 before JavaFX starts")
        void misuse() {
            assertThat(bench("desktop", "--rooms", "0").exitCode()).isEqualTo(2);
            assertThat(bench("desktop", "--rooms", "501").exitCode()).isEqualTo(2);
            assertThat(bench("desktop", "--history", "0").exitCode()).isEqualTo(2);
            assertThat(bench("desktop", "--burst", "0").exitCode()).isEqualTo(2);
            assertThat(bench("desktop", "--other-lines", "-1").exitCode()).isEqualTo(2);
            assertThat(bench("desktop", "--timeout", "0s").exitCode()).isEqualTo(2);
            var alone = bench("desktop", "--rooms", "1", "--other-lines", "5");
            assertThat(alone.exitCode()).isEqualTo(2);
            assertThat(alone.err()).contains("--other-lines needs other rooms");
        }
    }
}
