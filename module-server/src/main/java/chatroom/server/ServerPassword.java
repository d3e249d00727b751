package chatroom.server;

import chatroom.protocol.Limits;
import chatroom.protocol.Parsed;
import chatroom.protocol.Text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/// The password a server asks for before anybody may join.
///
/// Only a SHA-256 digest is kept, and attempts are compared digest to digest with
/// [MessageDigest#isEqual], whose time does not depend on where the digests differ, so the
/// time of a refusal tells an attacker nothing about how close the guess was. The password
/// itself appears in no `toString` and no log.
public final class ServerPassword {

    /// Longest password accepted, in UTF-8 bytes (it must fit in one frame with its verb).
    public static final int MAX_BYTES = Limits.MAX_PASSWORD_BYTES;

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final byte[] digest;

    private ServerPassword(byte[] digest) {
        this.digest = digest;
    }

    /// The password `password`.
    ///
    /// @throws IllegalArgumentException if it is empty, longer than [#MAX_BYTES], or holds a
    ///                                  control character (TAB included) or a line separator:
    ///                                  it could not be typed on one line, nor sent in `PASS`
    public static ServerPassword of(String password) {
        Objects.requireNonNull(password, "password");
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("the password is longer than " + MAX_BYTES + " bytes");
        }
        if (Text.checkPassword(password) instanceof Parsed.Invalid<String>) {
            throw new IllegalArgumentException(
                    "the password holds a control character (TAB included) or a line separator");
        }
        return new ServerPassword(sha256(bytes));
    }

    /// The password in the first line of `file` (UTF-8; the line end is not part of it, nor is
    /// a byte order mark that some editors put first). Spaces are part of it.
    ///
    /// @throws IOException              if the file cannot be read
    /// @throws IllegalArgumentException if the first line is not a usable password
    public static ServerPassword readFrom(Path file) throws IOException {
        String first;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            first = lines.findFirst().orElse("");
            if (first.startsWith(BYTE_ORDER_MARK)) {
                first = first.substring(1);
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        try {
            return of(first);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("password file " + file + ": " + e.getMessage(), e);
        }
    }

    /// Whether `attempt` is the password, in time that does not depend on how much matches.
    public boolean matches(String attempt) {
        return MessageDigest.isEqual(digest, sha256(attempt.getBytes(StandardCharsets.UTF_8)));
    }

    /// Whether `other` is the same password.
    public boolean sameAs(ServerPassword other) {
        return MessageDigest.isEqual(digest, other.digest);
    }

    @Override
    public String toString() {
        return "ServerPassword[hidden]";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
