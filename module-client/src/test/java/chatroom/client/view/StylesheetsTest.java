package chatroom.client.view;

import javafx.css.CssParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/// JavaFX only logs a stylesheet's syntax errors (and then ignores the rest of the file), so a
/// stray brace would silently unstyle the window: each stylesheet must parse without one.
class StylesheetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"chatroom.css", "light.css", "dark.css"})
    @DisplayName("every stylesheet parses without errors")
    void parses(String file) throws IOException {
        CssParser.errorsProperty().clear();
        var url = Themes.class.getResource(file);
        assertThat(url).as(file).isNotNull();

        var sheet = new CssParser().parse(url);

        assertThat(CssParser.errorsProperty()).as("errors in " + file).isEmpty();
        assertThat(sheet.getRules()).isNotEmpty();
    }
}
