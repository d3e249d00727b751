package chatroom.client.core;

import chatroom.client.core.ServerAddress.Fallback;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("server address from what a person typed")
class ServerAddressTest {

    @Test
    @DisplayName("nothing typed: localhost:53000, saying both were defaults")
    void nothing() {
        var resolution = ServerAddress.resolve("", "  ");
        assertThat(resolution.address()).isEqualTo(new ServerAddress("localhost", 53000));
        assertThat(resolution.fallbacks()).containsExactly(Fallback.HOST_MISSING, Fallback.PORT_MISSING);
    }

    @Test
    @DisplayName("null is the same as nothing")
    void nulls() {
        assertThat(ServerAddress.resolve(null, null).address()).isEqualTo(new ServerAddress("localhost", 53000));
    }

    @Test
    @DisplayName("valid values are used as typed, trimmed")
    void valid() {
        var resolution = ServerAddress.resolve(" chat.example.org ", " 6000");
        assertThat(resolution.address()).isEqualTo(new ServerAddress("chat.example.org", 6000));
        assertThat(resolution.fallbacks()).isEmpty();
    }

    @ParameterizedTest(name = "port \"{0}\" falls back to 53000")
    @CsvSource({"abc", "0", "65536", "-1", "99999999999", "12.5"})
    void invalidPort(String port) {
        var resolution = ServerAddress.resolve("127.0.0.1", port);
        assertThat(resolution.address()).isEqualTo(new ServerAddress("127.0.0.1", 53000));
        assertThat(resolution.fallbacks()).containsExactly(Fallback.PORT_INVALID);
    }

    @Test
    @DisplayName("a host with a space in it falls back to localhost")
    void invalidHost() {
        var resolution = ServerAddress.resolve("my host", "53000");
        assertThat(resolution.address().host()).isEqualTo("localhost");
        assertThat(resolution.fallbacks()).containsExactly(Fallback.HOST_INVALID);
    }

    @Test
    @DisplayName("shows IPv6 literals in brackets")
    void ipv6() {
        assertThat(new ServerAddress("::1", 53000)).hasToString("[::1]:53000");
        assertThat(new ServerAddress("localhost", 53000)).hasToString("localhost:53000");
    }
}
