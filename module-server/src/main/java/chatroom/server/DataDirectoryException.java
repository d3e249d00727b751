package chatroom.server;

import java.io.IOException;

/// The server's data directory cannot be used: another server holds it, its history log is
/// not a chatroom log or has a format version this server does not read, or it cannot be
/// read or written. The message says which, naming the directory or file.
public final class DataDirectoryException extends IOException {

    public DataDirectoryException(String message) {
        super(message);
    }

    public DataDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
