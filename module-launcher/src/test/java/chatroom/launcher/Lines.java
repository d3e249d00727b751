package chatroom.launcher;

import java.io.BufferedReader;
import java.io.IOException;

/// Reading a chat server's lines in tests.
final class Lines {

    private Lines() {
    }

    /// Reads lines until one equals `expected` (true) or the stream ends or 20 lines pass (false).
    static boolean readUntil(BufferedReader in, String expected) throws IOException {
        for (int i = 0; i < 20; i++) {
            String line = in.readLine();
            if (line == null) {
                return false;
            }
            if (line.equals(expected)) {
                return true;
            }
        }
        return false;
    }

    /// Reads lines until one contains `expected` (true) or the stream ends or 50 lines pass (false).
    static boolean readUntilContaining(BufferedReader in, String expected) throws IOException {
        for (int i = 0; i < 50; i++) {
            String line = in.readLine();
            if (line == null) {
                return false;
            }
            if (line.contains(expected)) {
                return true;
            }
        }
        return false;
    }
}
