package chatroom.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/// The socket as it is: every call goes straight to the [SocketChannel], so a plain server
/// pays nothing for the seam but a call.
final class PlainTransport implements Transport {

    private final SocketChannel channel;

    PlainTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public boolean open(String peer) {
        return true;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return channel.read(destination);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return channel.write(source);
    }

    /// What the kernel holds for this socket and nobody has read yet.
    @Override
    public int unreadBytes() {
        try {
            return channel.socket().getInputStream().available();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
