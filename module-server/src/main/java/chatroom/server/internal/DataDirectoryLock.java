package chatroom.server.internal;

import chatroom.server.DataDirectoryException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/// An exclusive lock on a data directory, so two servers never write one history log: a
/// `FileChannel` lock on `server.lock` in it, held until [#close] (the operating system
/// releases it if the process dies). The file holds the owner's process id, for the message
/// the next server shows.
final class DataDirectoryLock implements Closeable {

    static final String FILE_NAME = "server.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /// Locks `directory`, creating it if needed.
    ///
    /// @throws DataDirectoryException if another server (in this process or another) holds it,
    ///                                or it cannot be created or written
    static DataDirectoryLock acquire(Path directory) throws DataDirectoryException {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw new DataDirectoryException("data directory " + directory + " is used by another chatroom server"
                        + owner + "; stop it or choose another --data-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            close(channel, e);
            if (e instanceof DataDirectoryException dataDirectory) {
                throw dataDirectory;
            }
            throw new DataDirectoryException("cannot use data directory " + directory + ": " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another server in this very process
        }
    }

    /// ` (process N)`, or nothing if the file cannot say.
    private static String owner(FileChannel channel) {
        try {
            var bytes = ByteBuffer.allocate(32);
            channel.read(bytes, 0);
            String pid = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d+") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return ""; // Windows: the owner's lock also forbids reading
        }
    }

    private static void close(FileChannel channel, IOException failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
