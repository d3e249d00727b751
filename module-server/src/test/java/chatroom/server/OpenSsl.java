package chatroom.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/// The `openssl` command for tests that check interoperability (`/usr/bin/openssl` on Linux
/// and macOS; GitHub's Windows runners have it on the `PATH` too).
final class OpenSsl {

    private OpenSsl() {
    }

    /// `openssl` from the `PATH`; fails the test, saying why, when there is none.
    static String command() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            for (String name : List.of("openssl", "openssl.exe")) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new AssertionError("this test needs openssl on the PATH: " + path);
    }
}
