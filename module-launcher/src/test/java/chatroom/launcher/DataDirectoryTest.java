package chatroom.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxUsesXdgDataHomeWhenAbsolute() {
        assertThat(DataDirectory.defaultPath("Linux", Map.of("XDG_DATA_HOME", "/data/ada"), HOME))
                .isEqualTo(Path.of("/data/ada/chatroom"));
    }

    @Test
    void linuxFallsBackToLocalShareWhenXdgIsMissingOrRelative() {
        assertThat(DataDirectory.defaultPath("Linux", Map.of(), HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/chatroom"));
        assertThat(DataDirectory.defaultPath("Linux", Map.of("XDG_DATA_HOME", "relative/dir"), HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/chatroom"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(DataDirectory.defaultPath("Mac OS X", Map.of("XDG_DATA_HOME", "/ignored"), HOME))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/chatroom"));
    }

    @Test
    void windowsWithoutLocalAppDataFallsBackUnderHome() {
        assertThat(DataDirectory.defaultPath("Windows 11", Map.of(), HOME))
                .isEqualTo(HOME.resolve("AppData").resolve("Local").resolve("chatroom"));
    }
}
