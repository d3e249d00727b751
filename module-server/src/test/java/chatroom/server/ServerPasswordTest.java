package chatroom.server;

import chatroom.protocol.Limits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ServerPassword")
class ServerPasswordTest {

    @Nested
    @DisplayName("of")
    class Of {

        @Test
        @DisplayName("matches exactly the password: case, spaces and length count")
        void matches() {
            var password = ServerPassword.of("Open Sesame");

            assertThat(password.matches("Open Sesame")).isTrue();
            assertThat(password.matches("open sesame")).isFalse();
            assertThat(password.matches("Open Sesame ")).isFalse();
            assertThat(password.matches("Open")).isFalse();
            assertThat(password.matches("")).isFalse();
        }

        @Test
        @DisplayName("accepts spaces, non-ASCII letters and exactly the byte limit")
        void accepts() {
            assertThat(ServerPassword.of("   ").matches("   ")).isTrue();
            assertThat(ServerPassword.of("pässwörd 名前 😀").matches("pässwörd 名前 😀")).isTrue();
            String atLimit = "é".repeat(Limits.MAX_PASSWORD_BYTES / 2);
            assertThat(ServerPassword.of(atLimit).matches(atLimit)).isTrue();
            assertThat(ServerPassword.MAX_BYTES).isEqualTo(Limits.MAX_PASSWORD_BYTES).isEqualTo(1024);
        }

        @Test
        @DisplayName("refuses an empty password and one over the byte limit, counted in UTF-8")
        void refusesEmptyAndLong() {
            assertThatThrownBy(() -> ServerPassword.of("")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> ServerPassword.of("é".repeat(Limits.MAX_PASSWORD_BYTES / 2) + "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024 bytes")
                    .hasMessageNotContaining("éé");
        }

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(strings = {"0009", "000A", "000D", "0000", "001B", "007F", "0085", "2028", "2029"})
        @DisplayName("refuses a control character (TAB included) or a line separator, without quoting the password")
        void refusesControlCharacters(String hex) {
            String password = "secret" + Character.toString(Integer.parseInt(hex, 16)) + "part";

            assertThatThrownBy(() -> ServerPassword.of(password)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("secret").hasMessageNotContaining("part");
        }

        @Test
        @DisplayName("toString hides the password")
        void toStringHides() {
            assertThat(ServerPassword.of("hunter2").toString()).doesNotContain("hunter2").contains("hidden");
        }
    }

    @Nested
    @DisplayName("readFrom")
    class ReadFrom {

        @TempDir
        Path dir;

        private Path write(String content) throws IOException {
            return Files.writeString(dir.resolve("password"), content, StandardCharsets.UTF_8);
        }

        @Test
        @DisplayName("takes the first line, without its line end (\\n or \\r\\n), spaces kept")
        void firstLine() throws IOException {
            assertThat(ServerPassword.readFrom(write("open sesame \nsecond line\n")).matches("open sesame ")).isTrue();
            assertThat(ServerPassword.readFrom(write("crlf\r\nnext")).matches("crlf")).isTrue();
            assertThat(ServerPassword.readFrom(write("no line end")).matches("no line end")).isTrue();
        }

        @Test
        @DisplayName("skips a byte order mark")
        void byteOrderMark() throws IOException {
            assertThat(ServerPassword.readFrom(write("\uFEFFsecret\n")).matches("secret")).isTrue();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "\n", "\r\n", "\nsecret on the second line\n"})
        @DisplayName("refuses a file whose first line is empty, naming the file")
        void emptyFirstLine(String content) throws IOException {
            Path file = write(content);

            assertThatThrownBy(() -> ServerPassword.readFrom(file)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("empty")
                    .hasMessageNotContaining("second line");
        }

        @Test
        @DisplayName("refuses a first line with a control character, without quoting it")
        void controlCharacter() throws IOException {
            Path file = write("secret\tpart\n");

            assertThatThrownBy(() -> ServerPassword.readFrom(file)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(file.toString()).hasMessageNotContaining("secret");
        }

        @Test
        @DisplayName("a missing file is an IOException")
        void missing() {
            assertThatThrownBy(() -> ServerPassword.readFrom(dir.resolve("absent")))
                    .isInstanceOf(NoSuchFileException.class);
        }

        @Test
        @DisplayName("a file that is not UTF-8 is an IOException")
        void notUtf8() throws IOException {
            Path file = Files.write(dir.resolve("latin1"), new byte[] {'p', (byte) 0xE4, 's', 's', '\n'});

            assertThatThrownBy(() -> ServerPassword.readFrom(file)).isInstanceOf(IOException.class);
        }
    }
}
