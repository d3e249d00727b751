package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.viewmodel.ChatItem;
import chatroom.client.viewmodel.TranscriptSearch;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.Locale;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/// The search bar over a real list: its keys and buttons walk the matches, the list follows.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class SearchBarTest {

    private Stage stage;
    private ListView<ChatItem> list;
    private TranscriptSearch search;
    private SearchBar bar;

    @AfterEach
    void close() {
        if (stage != null) {
            Ui.fxRun(stage::hide);
        }
    }

    /// 300 rows; rows 10, 150 and 290 say "needle".
    private void show() {
        Platform.setImplicitExit(false);
        Ui.fxRun(() -> {
            ObservableList<ChatItem> items = FXCollections.observableArrayList(IntStream.range(0, 300)
                    .mapToObj(i -> (ChatItem) new ChatItem.Message(i + 1, "10:00", "bob",
                            i % 140 == 10 ? "a needle here " + i : "hay " + i, false, false))
                    .toList());
            list = new ListView<>(items);
            list.getStyleClass().add("messages");
            list.setCellFactory(view -> new ChatItemCell(view.widthProperty(), uri -> { }));
            var texts = ChatApplication.texts(Locale.ENGLISH);
            search = new TranscriptSearch(items, texts);
            bar = new SearchBar(list, texts);
            bar.attach(search);
            var scene = new Scene(new VBox(bar.root(), list), 600, 400);
            new Themes(ClientOptions.Theme.LIGHT).apply(scene);
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
        });
    }

    private int selected() {
        return Ui.fx(() -> list.getSelectionModel().getSelectedIndex());
    }

    private String status(FxRobot robot) {
        return Ui.fx(() -> robot.lookup("#searchStatus").queryAs(Label.class).getText());
    }

    private boolean inSight(FxRobot robot, int index) {
        return Ui.fx(() -> robot.lookup(node -> node instanceof ChatItemCell cell && cell.getIndex() == index
                && !cell.isEmpty() && cell.isVisible()).tryQuery().isPresent());
    }

    @Test
    @DisplayName("hidden until opened; typing finds the newest match, selects it and scrolls to it")
    void typeToFind(FxRobot robot) {
        show();
        assertThat(Ui.fx(() -> robot.lookup("#searchBar").query().isVisible())).isFalse();

        Ui.fxRun(bar::open);
        assertThat(Ui.fx(() -> robot.lookup("#searchBar").query().isVisible())).isTrue();
        assertThat(Ui.fx(() -> robot.lookup("#searchField").query().isFocused())).isTrue();
        robot.write("NEEDLE");

        Ui.await("the newest match selected", () -> list.getSelectionModel().getSelectedIndex() == 290);
        assertThat(status(robot)).isEqualTo("1 of 3");
        assertThat(Ui.fx(() -> list.getStyleClass())).contains("searching");
        Ui.await("row 290 in sight", () -> inSight(robot, 290));
    }

    @Test
    @DisplayName("Enter goes to the older match, Shift+Enter to the newer, both wrapping; so do the buttons")
    void keysAndButtons(FxRobot robot) {
        show();
        Ui.fxRun(bar::open);
        robot.write("needle");
        Ui.await("the newest match", () -> list.getSelectionModel().getSelectedIndex() == 290);

        robot.type(KeyCode.ENTER);
        assertThat(selected()).isEqualTo(150);
        assertThat(status(robot)).isEqualTo("2 of 3");
        Ui.await("row 150 in sight", () -> inSight(robot, 150));
        robot.type(KeyCode.ENTER);
        robot.type(KeyCode.ENTER);
        assertThat(selected()).isEqualTo(290);

        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        assertThat(selected()).isEqualTo(10);
        Ui.await("row 10 in sight", () -> inSight(robot, 10));

        robot.clickOn("#searchNewer");
        assertThat(selected()).isEqualTo(150);
        robot.clickOn("#searchOlder");
        assertThat(selected()).isEqualTo(10);
        // The field keeps the keyboard after a button.
        assertThat(Ui.fx(() -> robot.lookup("#searchField").query().isFocused())).isTrue();
    }

    @Test
    @DisplayName("Esc closes the bar, forgets the query and clears the selection; so does the close button")
    void escapeCloses(FxRobot robot) {
        show();
        Ui.fxRun(bar::open);
        robot.write("needle");
        Ui.await("a match", () -> list.getSelectionModel().getSelectedIndex() == 290);

        robot.type(KeyCode.ESCAPE);

        assertThat(Ui.fx(() -> robot.lookup("#searchBar").query().isVisible())).isFalse();
        assertThat(selected()).isEqualTo(-1);
        assertThat(Ui.fx(() -> search.queryProperty().get())).isEmpty();
        assertThat(Ui.fx(() -> list.getStyleClass())).doesNotContain("searching");

        Ui.fxRun(bar::open);
        assertThat(Ui.fx(() -> robot.lookup("#searchField").queryAs(TextField.class).getText())).isEmpty();
        robot.write("hay 1");
        Ui.await("a match", () -> list.getSelectionModel().getSelectedIndex() >= 0);
        robot.clickOn("#searchClose");
        assertThat(Ui.fx(() -> robot.lookup("#searchBar").query().isVisible())).isFalse();
        assertThat(selected()).isEqualTo(-1);
    }

    @Test
    @DisplayName("no match is said; rows arriving with a match are found without moving the current one")
    void noMatchThenArrivals(FxRobot robot) {
        show();
        Ui.fxRun(bar::open);
        robot.write("pin");

        Ui.await("no matches", () -> "No matches".equals(status(robot)));
        assertThat(Ui.fx(() -> robot.lookup("#searchStatus").query().getPseudoClassStates().toString()))
                .contains("no-match");

        Ui.fxRun(() -> list.getItems().add(new ChatItem.Message(301, "10:01", "carol", "a pin", false, false)));
        Ui.await("the new match", () -> list.getSelectionModel().getSelectedIndex() == 300);
        assertThat(status(robot)).isEqualTo("1 of 1");
        Ui.fxRun(() -> list.getItems().add(new ChatItem.Message(302, "10:02", "carol", "another pin", false, false)));
        Ui.await("two matches", () -> "2 of 2".equals(status(robot)));
        assertThat(selected()).isEqualTo(300);
    }
}
