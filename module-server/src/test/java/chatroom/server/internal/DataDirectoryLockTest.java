package chatroom.server.internal;

import chatroom.server.DataDirectoryException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("data directory lock")
class DataDirectoryLockTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("creates the directory; a second holder is refused, naming the directory and this process")
    void exclusive() throws IOException {
        Path data = directory.resolve("a").resolve("b");
        try (var first = DataDirectoryLock.acquire(data)) {
            assertThat(data).isDirectory();
            assertThatThrownBy(() -> DataDirectoryLock.acquire(data))
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("data directory " + data + " is used by another chatroom server")
                    .hasMessageContaining("(process " + ProcessHandle.current().pid() + ")");
        }
        try (var again = DataDirectoryLock.acquire(data)) {
            assertThat(Files.readString(data.resolve(DataDirectoryLock.FILE_NAME)).strip())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    @DisplayName("a path that cannot be a directory gives a clear error")
    void notADirectory() throws IOException {
        Path file = Files.writeString(directory.resolve("plain-file"), "x");
        assertThatThrownBy(() -> DataDirectoryLock.acquire(file.resolve("data")))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("cannot use data directory " + file.resolve("data"));
    }
}
