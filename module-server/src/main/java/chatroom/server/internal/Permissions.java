package chatroom.server.internal;

import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.IOException;

import static java.lang.System.Logger.Level.DEBUG;

/// How the data directory's files are created and made durable. Stateless.
final class Permissions {

    private static final System.Logger LOG = System.getLogger("chatroom.server");

    private Permissions() {
    }

    /// Permissions for what the server creates in its data directory: the messages are nobody
    /// else's business. Empty where the file system has no POSIX permissions (Windows: the
    /// user's profile folder is private already).
    static FileAttribute<?>[] ownerOnly(String permissions) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }

    /// Makes a rename or a new file durable (the directory's entry). Not possible on every
    /// system (Windows cannot open a directory), where the rename is durable enough.
    static void forceDirectory(Path directory) {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.log(DEBUG, "Cannot force directory {0}: {1}", directory, e.toString());
        }
    }
}
