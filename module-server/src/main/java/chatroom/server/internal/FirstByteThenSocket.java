package chatroom.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/// What the TLS layer reads from: the first byte, which the server has already read to tell
/// TLS from plain text, then the socket's input.
///
/// It is handed to `SSLSocketFactory.createSocket(socket, consumed, autoClose)` as the
/// "consumed" input, and must not end the way streams usually end. The JDK chains it before the
/// socket's own stream in a `SequenceInputStream`, which *closes* each stream it finishes, and
/// closing a socket channel's stream closes the channel. Were this stream to return `-1`,
/// the first end of input (the server shutting input down to say goodbye, say) would close the
/// socket before the goodbye was written. So this stream never ends: at the end of the socket's
/// input it throws [EndOfStream], an [InterruptedIOException] (which the TLS layer passes on
/// without tearing the connection down, as it does for a read timeout), and [TlsTransport]
/// turns it back into an ordinary end of stream. Closing it does nothing: the socket is closed
/// through the TLS socket.
///
/// Reader thread only.
final class FirstByteThenSocket extends InputStream {

    /// The socket's input has ended.
    static final class EndOfStream extends InterruptedIOException {
        EndOfStream() {
            super("end of the TCP stream");
        }
    }

    private final InputStream socket;
    private int first;

    /// `first` is the byte already read (0–255).
    FirstByteThenSocket(int first, InputStream socket) {
        this.first = first;
        this.socket = socket;
    }

    @Override
    public int read() throws IOException {
        if (first >= 0) {
            int b = first;
            first = -1;
            return b;
        }
        return endless(socket.read());
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (first >= 0) {
            bytes[offset] = (byte) first;
            first = -1;
            return 1;
        }
        return endless(socket.read(bytes, offset, length));
    }

    @Override
    public int available() throws IOException {
        return (first >= 0 ? 1 : 0) + socket.available();
    }

    @Override
    public void close() {
        // The socket is closed through the TLS socket, never by the end of its input.
    }

    private static int endless(int count) throws EndOfStream {
        if (count < 0) {
            throw new EndOfStream();
        }
        return count;
    }
}
