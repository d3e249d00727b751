package chatroom.launcher;

import chatroom.server.FsyncPolicy;
import chatroom.server.HistoryRetention;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("server options → server configuration")
class ServerOptionsTest {

    @Test
    @DisplayName("by default: fsync always, the default retention")
    void defaults() throws java.io.IOException {
        ServerConfig config = new ServerOptions().toConfig(null);
        assertThat(config.fsync()).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(config.retention()).isEqualTo(ServerConfig.defaults().retention());
    }

    @Test
    @DisplayName("--fsync in any case; --history-max N, Nd, or both")
    void historyOptions() throws java.io.IOException {
        var options = new ServerOptions();
        options.fsync = "Interval";
        options.historyMax = List.of("500", "7d");
        ServerConfig config = options.toConfig(null);
        assertThat(config.fsync()).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(config.retention()).isEqualTo(new HistoryRetention(OptionalLong.of(500), Optional.of(Duration.ofDays(7))));

        options.historyMax = List.of("30d");
        assertThat(options.toConfig(null).retention()).isEqualTo(HistoryRetention.age(Duration.ofDays(30)));
        options.fsync = "never";
        options.historyMax = List.of("42");
        assertThat(options.toConfig(null).retention()).isEqualTo(HistoryRetention.messages(42));
        assertThat(options.toConfig(null).fsync()).isEqualTo(FsyncPolicy.NEVER);
    }
}
