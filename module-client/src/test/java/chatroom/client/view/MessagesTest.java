package chatroom.client.view;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/// The UI's words: every language has every key, and non-ASCII text survives (properties
/// files are read as UTF-8).
class MessagesTest {

    private static final String BASE = "chatroom.client.view.messages";

    @Test
    @DisplayName("English and Italian have the same keys")
    void sameKeys() throws IOException {
        assertThat(ResourceBundle.getBundle(BASE, Locale.ITALIAN).getLocale()).isEqualTo(Locale.ITALIAN);
        // The files themselves: a bundle's keys include its parent's.
        assertThat(load("messages_it.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
    }

    private static Properties load(String file) throws IOException {
        var properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    @DisplayName("the Italian of the original chatroom reads correctly")
    void italianText() {
        var texts = ChatApplication.texts(Locale.ITALY);

        assertThat(texts.get("connect.greeting")).isEqualTo("Ciao! Scrivi il tuo nome e premi invio per confermarlo!");
        assertThat(texts.format("notice.left", "bob")).isEqualTo("bob ha abbandonato la chat");
        assertThat(texts.format("notice.welcome", "alice", "lobby")).startsWith("Benvenuto");
        assertThat(texts.format("connect.name.taken", "bob")).isEqualTo("Il nome bob è già in uso: scegline un altro.");
    }

    @Test
    @DisplayName("any other language gets English, whatever the JVM's default locale")
    void englishFallback() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ITALY);
            assertThat(ChatApplication.texts(Locale.GERMANY).get("connect.connect")).isEqualTo("Connect");
            assertThat(ChatApplication.texts(Locale.ENGLISH).get("connect.connect")).isEqualTo("Connect");
            assertThat(ChatApplication.texts(Locale.GERMANY).locale()).isEqualTo(Locale.ENGLISH);
        } finally {
            Locale.setDefault(saved);
        }
    }
}
