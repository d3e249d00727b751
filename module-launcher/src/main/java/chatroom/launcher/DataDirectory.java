package chatroom.launcher;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/// Where chatroom keeps its files when `--data-dir` is not given: the user's data folder, as
/// each operating system names it. The server keeps its history log and generated TLS
/// certificate there, the clients the servers they trust.
final class DataDirectory {

    private static final String FOLDER = "chatroom";

    private DataDirectory() {
    }

    /// The default for this user on this system.
    static Path defaultPath() {
        return defaultPath(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /// The default for a user whose home is `home`, given the OS name and environment:
    /// `%LOCALAPPDATA%\chatroom` on Windows, `~/Library/Application Support/chatroom` on macOS,
    /// `$XDG_DATA_HOME/chatroom` or `~/.local/share/chatroom` elsewhere.
    static Path defaultPath(String osName, Map<String, String> environment, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return absolute(environment.get("LOCALAPPDATA"))
                    .orElse(home.resolve("AppData").resolve("Local")).resolve(FOLDER);
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve(FOLDER);
        }
        // The XDG base directory rules ignore a relative XDG_DATA_HOME.
        return absolute(environment.get("XDG_DATA_HOME"))
                .orElse(home.resolve(".local").resolve("share")).resolve(FOLDER);
    }

    /// Creates `directory` (with its parents) if needed and checks that files can be written
    /// in it, so a server reports an unusable directory before it starts.
    ///
    /// @throws IOException if it cannot be created or written
    static void prepare(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path probe = Files.createTempFile(directory, ".write-test-", ".tmp");
        Files.delete(probe);
    }

    /// Why [#prepare] failed, in words.
    static String describe(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied (" + denied.getFile() + ")";
            case FileAlreadyExistsException exists -> exists.getFile() + " exists and is not a folder";
            case FileSystemException other when other.getReason() != null -> other.getReason() + " (" + other.getFile() + ")";
            default -> e.toString();
        };
    }

    private static Optional<Path> absolute(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }
}
