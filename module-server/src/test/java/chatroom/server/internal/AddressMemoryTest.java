package chatroom.server.internal;

import chatroom.server.ServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the server forgets addresses it no longer needs to limit")
@Timeout(60)
class AddressMemoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    @DisplayName("an address is tracked while connected and forgotten after its connections close and its bucket refills")
    void forgotten() throws Exception {
        // 6,000 a minute: a token every 10 ms, so the bucket is full again soon after.
        var config = ServerConfig.builder().maxPerAddress(10).connectsPerMinute(6_000).build();
        ServerImpl server = ServerImpl.bind(new InetSocketAddress("127.0.0.1", 0), config);
        server.start();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket socket = new Socket("127.0.0.1", server.address().getPort());
                sockets.add(socket);
                readGreeting(socket);
            }
            assertThat(server.trackedAddresses()).isEqualTo(1);

            for (Socket socket : sockets) {
                socket.close();
            }

            await(() -> server.connectionCount() == 0 && server.trackedAddresses() == 0);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            server.stop(Duration.ofSeconds(5));
        }
    }

    private static void readGreeting(Socket socket) throws IOException {
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        InputStream in = socket.getInputStream();
        int b;
        do {
            b = in.read();
        } while (b >= 0 && b != '\n');
        assertThat(b).as("a greeting line").isEqualTo('\n');
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited %s for the address to be forgotten", TIMEOUT).isNegative();
            Thread.sleep(10);
        }
    }
}
