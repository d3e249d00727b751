package chatroom.client.viewmodel;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/// The presentation-model rules, checked on the sources: view-models know nothing of
/// `javafx.scene`, and `Platform.runLater` is handed to the core in exactly one place.
class LayeringTest {

    private static final Path MAIN = Path.of("src", "main", "java", "chatroom", "client");

    private static List<Path> sources(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }

    @Test
    @DisplayName("view-models import only javafx.beans and javafx.collections from JavaFX")
    void viewModelsAreUiFree() throws IOException {
        var javafx = Pattern.compile("^import (static )?javafx\\.(?!beans\\.|collections\\.)", Pattern.MULTILINE);
        for (Path file : sources(MAIN.resolve("viewmodel"))) {
            assertThat(javafx.matcher(Files.readString(file)).find()).as(file.toString()).isFalse();
        }
    }

    @Test
    @DisplayName("Platform.runLater appears in one place: the executor of the application")
    void oneRunLater() throws IOException {
        long uses = 0;
        for (Path file : sources(MAIN)) {
            // Code only: documentation may mention it.
            String text = Files.readAllLines(file).stream()
                    .filter(line -> !line.strip().startsWith("//")).collect(Collectors.joining("\n"));
            uses += Pattern.compile("Platform(::|\\.)runLater").matcher(text).results().count();
            if (text.contains("runLater")) {
                assertThat(file.getFileName().toString()).isEqualTo("ChatApplication.java");
            }
        }
        assertThat(uses).isEqualTo(1);
    }
}
