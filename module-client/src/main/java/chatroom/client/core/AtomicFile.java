package chatroom.client.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/// Replaces a small file whole, so that a crash leaves the old content or the new, never half of
/// either: written to a temporary file beside it, forced to disk, then moved over it. Used for
/// `known_servers` and the preferences. Blocks: never on the FX thread.
public final class AtomicFile {

    private AtomicFile() {
    }

    /// Makes `target` hold `content` (its folder is made if missing).
    public static void replace(Path target, byte[] content) throws IOException {
        Path directory = Objects.requireNonNullElse(target.toAbsolutePath().getParent(), Path.of("."));
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // On disk before the move, so a crash leaves the old file or the new one.
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
