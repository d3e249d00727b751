package chatroom.client.core;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("known servers and fingerprints")
class KnownServersTest {

    private static final String HEX = "00112233445566778899aabbccddeeff".repeat(2);
    private static final Fingerprint A = Fingerprint.parse(HEX);
    private static final Fingerprint B = Fingerprint.parse("ff".repeat(32));
    private static final ServerAddress SERVER = new ServerAddress("Chat.Example.org", 53000);

    @TempDir
    Path data;

    private Path file() {
        return data.resolve("known_servers");
    }

    @Nested
    @DisplayName("the file")
    class File {

        @Test
        @DisplayName("is written as 'host:port FINGERPRINT' lines, host in lower case, and read back")
        void roundTrip() throws IOException {
            KnownServers.in(data).remember(SERVER, A);
            KnownServers.in(data).remember(new ServerAddress("::1", 7000), B);

            assertThat(Files.readAllLines(file())).containsExactly("chat.example.org:53000 " + A.value(),
                    "[::1]:7000 " + B.value());
            assertThat(KnownServers.in(data).lookup(new ServerAddress("CHAT.example.ORG", 53000))).contains(A);
            assertThat(KnownServers.in(data).lookup(new ServerAddress("chat.example.org", 53001))).isEmpty();
            assertThat(data).isDirectoryContaining(path -> path.getFileName().toString().equals("known_servers"));
            try (var files = Files.list(data)) {
                assertThat(files).as("no temporary file left").hasSize(1);
            }
        }

        @Test
        @DisplayName("replaces a server's entry in place, and the data directory is created when missing")
        void replaces() throws IOException {
            Path nested = data.resolve("deeper/still");
            var known = KnownServers.in(nested);
            known.remember(SERVER, A);
            known.remember(new ServerAddress("other", 1), A);
            known.remember(SERVER, B);

            assertThat(Files.readAllLines(nested.resolve("known_servers")))
                    .containsExactly("chat.example.org:53000 " + B.value(), "other:1 " + A.value());
        }

        @Test
        @DisplayName("skips garbage lines and keeps them, and comments, when rewritten")
        void garbage() throws IOException {
            Files.write(file(), List.of("# my servers", "this is not an entry", "chat.example.org:53000 not-hex",
                    "", "chat.example.org:53000 " + HEX.toUpperCase(Locale.ROOT), "a b c"));
            var known = KnownServers.in(data);

            assertThat(known.lookup(SERVER)).contains(A);
            known.remember(new ServerAddress("new.example", 2), B);

            assertThat(Files.readAllLines(file())).containsExactly("# my servers", "this is not an entry",
                    "chat.example.org:53000 not-hex", "", "chat.example.org:53000 " + HEX.toUpperCase(Locale.ROOT),
                    "a b c", "new.example:2 " + B.value());
        }

        @Test
        @DisplayName("the first of duplicate entries counts, and remembering leaves one")
        void duplicates() throws IOException {
            Files.write(file(), List.of("chat.example.org:53000 " + A.value(), "chat.example.org:53000 " + B.value()));
            var known = KnownServers.in(data);
            assertThat(known.lookup(SERVER)).contains(A);

            known.remember(SERVER, B);

            assertThat(Files.readAllLines(file())).containsExactly("chat.example.org:53000 " + B.value());
        }

        @Test
        @DisplayName("a file that cannot be read is an error, not 'unknown'")
        void unreadable() throws IOException {
            Files.createDirectory(file());
            assertThatThrownBy(() -> KnownServers.in(data).lookup(SERVER)).isInstanceOf(IOException.class);
        }

        @Test
        @DisplayName("in memory, nothing is written")
        void inMemory() throws IOException {
            var known = KnownServers.inMemory();
            known.remember(SERVER, A);
            assertThat(known.lookup(SERVER)).contains(A);
            assertThat(known.file()).isEmpty();
        }
    }

    @Nested
    @DisplayName("a fingerprint")
    class Fingerprints {

        @ParameterizedTest
        @ValueSource(strings = {"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF",
                "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
                "sha256 Fingerprint=00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
                "  00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff  "})
        @DisplayName("is read with or without colons, in any case, as openssl prints it")
        void parses(String text) {
            assertThat(Fingerprint.parse(text).value()).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(HexFormat.of().parseHex(HEX)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "00", "00112233445566778899aabbccddeeff00112233445566778899aabbccddee",
                "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00",
                "g0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "0:011:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff"})
        @DisplayName("refuses anything that is not 32 bytes of hex, saying what one is")
        void refuses(String text) {
            assertThatThrownBy(() -> Fingerprint.parse(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("32 bytes in hex");
        }

        @Test
        @DisplayName("of a certificate is the SHA-256 of its DER encoding")
        void ofCertificate() throws Exception {
            var certificate = TestCertificates.first().certificate();
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            assertThat(Fingerprint.of(certificate).value())
                    .isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        }
    }
}
