package chatroom.server.internal;

import chatroom.protocol.Name;
import chatroom.protocol.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("a broadcast frame")
class OutgoingTest {

    private static final ServerFrame.Chat CHAT =
            new ServerFrame.Chat(7, Instant.parse("2026-11-24T10:00:00.250Z"), new Name("alice"), "ciao a tutti");

    @Test
    @DisplayName("is encoded once per dialect: every recipient of a dialect gets the same array")
    void encodedOncePerDialect() {
        var outgoing = new Outgoing(CHAT);

        byte[] structured = outgoing.bytes(Dialect.STRUCTURED).orElseThrow();
        byte[] plain = outgoing.bytes(Dialect.PLAIN).orElseThrow();

        assertThat(outgoing.bytes(Dialect.STRUCTURED).orElseThrow()).isSameAs(structured);
        assertThat(outgoing.bytes(Dialect.PLAIN).orElseThrow()).isSameAs(plain);
        assertThat(new String(structured, StandardCharsets.UTF_8))
                .isEqualTo("MSG id=7 ts=2026-11-24T10:00:00.250Z from=alice :ciao a tutti\n");
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("alice: ciao a tutti\n");
    }

    @Test
    @DisplayName("that a dialect does not show is not sent to it")
    void notShownToPlainClients() {
        var ping = new Outgoing(new ServerFrame.Ping("t1"));

        assertThat(ping.bytes(Dialect.PLAIN)).isEmpty();
        assertThat(ping.bytes(Dialect.STRUCTURED)).isPresent();
    }
}
