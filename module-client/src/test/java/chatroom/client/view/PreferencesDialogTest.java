package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.core.ServerAddress;
import chatroom.client.core.preferences.Language;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.core.preferences.PreferencesStore;
import chatroom.client.core.preferences.SavedServer;
import chatroom.client.viewmodel.ConnectStart;
import chatroom.client.viewmodel.ConnectViewModel;
import chatroom.client.viewmodel.PreferencesViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.client.viewmodel.ViewModelContext;
import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/// The preferences dialog and the connect dialog's saved servers, on the FX thread.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class PreferencesDialogTest {

    private static final ServerAddress CHAT = new ServerAddress("chat.example.org", 6000);
    private static final ServerAddress HOME = new ServerAddress("home", 7000);
    private static final Instant MONDAY = Instant.parse("2026-01-12T09:00:00Z");
    private static final Preferences SAVED = Preferences.DEFAULTS
            .withServerUsed(HOME, new Name("bob"), false, MONDAY)
            .withServerUsed(CHAT, new Name("Luca"), true, MONDAY.plusSeconds(60))
            .withRooms(CHAT, List.of(RoomName.of("lobby"), RoomName.of("rust")));

    private final List<Stage> stages = new ArrayList<>();
    private final PreferencesStore store = PreferencesStore.inMemory(SAVED);
    private Themes themes;
    private Scene main;
    private PreferencesDialog dialog;

    @AfterEach
    void close() {
        Ui.fxRun(() -> stages.forEach(Stage::hide));
    }

    /// A main window styled by the same themes, and the dialog over it.
    private void open(Locale locale) {
        Platform.setImplicitExit(false);
        Ui.fxRun(() -> {
            Texts texts = ChatApplication.texts(locale);
            themes = new Themes(ClientOptions.Theme.LIGHT, 13);
            var label = new Label("main");
            label.setId("mainLabel");
            main = new Scene(new StackPane(label), 300, 200);
            themes.apply(main);
            var owner = new Stage();
            owner.setScene(main);
            owner.show();
            stages.add(owner);
            dialog = new PreferencesDialog(owner, new PreferencesViewModel(store, texts), texts, themes);
            stages.add(dialog.stage());
            dialog.show();
        });
    }

    private <T extends javafx.scene.Node> T find(FxRobot robot, String id, Class<T> type) {
        return Ui.fx(() -> robot.from(dialog.root()).lookup(id).queryAs(type));
    }

    private static double fontOf(Label label) {
        return Ui.fx(() -> {
            label.applyCss();
            return label.getFont().getSize();
        });
    }

    @Test
    @DisplayName("shows the stored values; the theme field has the focus")
    void showsStored(FxRobot robot) {
        store.update(prefs -> prefs.withTheme(ClientOptions.Theme.DARK).withFontSize(16));
        open(Locale.ENGLISH);
        assertThat(Ui.fx(() -> find(robot, "#prefsTheme", ComboBox.class).getValue())).isEqualTo(ClientOptions.Theme.DARK);
        assertThat(Ui.fx(() -> find(robot, "#prefsFontSize", Spinner.class).getValue())).isEqualTo(16);
        assertThat(Ui.fx(() -> find(robot, "#prefsNotifications", CheckBox.class).isSelected())).isTrue();
        assertThat(Ui.fx(() -> dialog.stage().getScene().getFocusOwner().getId())).isEqualTo("prefsTheme");
        assertThat(Ui.fx(() -> find(robot, "#prefsServers", ListView.class).getItems())).hasSize(2);
        assertThat(Ui.fx(() -> dialog.stage().getTitle())).isEqualTo("Preferences");
        assertThat(Ui.fx(() -> robot.from(dialog.root()).lookup(".hint").queryAll().stream()
                .map(node -> ((Label) node).getText()).toList()))
                .contains("A new language is used from the next start of chatroom.");
    }

    @Test
    @DisplayName("Apply switches the theme and the font size of every window at once")
    void liveTheme(FxRobot robot) {
        open(Locale.ENGLISH);
        Label mainLabel = Ui.fx(() -> (Label) main.lookup("#mainLabel"));
        assertThat(fontOf(mainLabel)).isEqualTo(13.0);
        assertThat(Ui.fx(() -> main.getStylesheets())).anyMatch(sheet -> sheet.endsWith("light.css"));

        Ui.fxRun(() -> {
            find(robot, "#prefsTheme", ComboBox.class).setValue(ClientOptions.Theme.DARK);
            find(robot, "#prefsFontSize", Spinner.class).getValueFactory().setValue(20);
        });
        // Nothing changes before Apply.
        assertThat(fontOf(mainLabel)).isEqualTo(13.0);
        robot.clickOn(find(robot, "#prefsApply", Button.class));

        assertThat(fontOf(mainLabel)).isEqualTo(20.0);
        assertThat(Ui.fx(() -> main.getStylesheets())).anyMatch(sheet -> sheet.endsWith("dark.css"));
        assertThat(Ui.fx(() -> dialog.stage().getScene().getStylesheets())).anyMatch(sheet -> sheet.endsWith("dark.css"));
        assertThat(store.current().fontSize()).isEqualTo(20);
        assertThat(store.current().theme()).isEqualTo(ClientOptions.Theme.DARK);
        assertThat(Ui.fx(() -> dialog.stage().isShowing())).isTrue();
        // Sizes in chatroom.css follow the root's: a 2em brand label doubles it.
        Label brand = Ui.fx(() -> {
            var label = new Label("chatroom");
            label.getStyleClass().add("brand");
            ((StackPane) main.getRoot()).getChildren().add(label);
            return label;
        });
        assertThat(fontOf(brand)).isEqualTo(40.0);
    }

    @Test
    @DisplayName("Escape cancels the edits and closes; Enter applies them and closes")
    void keyboard(FxRobot robot) {
        open(Locale.ENGLISH);
        robot.clickOn(find(robot, "#prefsConnectOnStart", CheckBox.class));
        assertThat(Ui.fx(() -> find(robot, "#prefsConnectOnStart", CheckBox.class).isSelected())).isTrue();
        robot.type(KeyCode.ESCAPE);
        Ui.await("the dialog closes", () -> !dialog.stage().isShowing());
        assertThat(store.current().connectOnStart()).isFalse();

        open(Locale.ENGLISH);
        robot.clickOn(find(robot, "#prefsNotifications", CheckBox.class));
        assertThat(Ui.fx(() -> find(robot, "#prefsNotifications", CheckBox.class).isSelected())).isFalse();
        Ui.fxRun(() -> find(robot, "#prefsTheme", ComboBox.class).requestFocus());
        robot.type(KeyCode.ENTER);
        Ui.await("the dialog closes", () -> !dialog.stage().isShowing());
        assertThat(store.current().notifications()).isFalse();
    }

    @Test
    @DisplayName("a saved server's room and a whole server can be removed with Delete")
    void removeWithDelete(FxRobot robot) {
        open(Locale.ENGLISH);
        ListView<?> servers = find(robot, "#prefsServers", ListView.class);
        ListView<?> rooms = find(robot, "#prefsRooms", ListView.class);
        Ui.fxRun(() -> {
            servers.requestFocus();
            servers.getSelectionModel().select(0);
        });
        assertThat(Ui.fx(() -> List.<Object>copyOf(rooms.getItems()))).containsExactly(RoomName.of("lobby"), RoomName.of("rust"));
        Ui.fxRun(() -> {
            rooms.requestFocus();
            rooms.getSelectionModel().select(1);
        });
        robot.type(KeyCode.DELETE);
        assertThat(Ui.fx(() -> List.<Object>copyOf(rooms.getItems()))).containsExactly(RoomName.of("lobby"));
        // The server stays selected after its room went.
        assertThat(Ui.fx(() -> servers.getSelectionModel().getSelectedIndex())).isZero();

        Ui.fxRun(() -> {
            servers.requestFocus();
            servers.getSelectionModel().select(1);
        });
        robot.type(KeyCode.DELETE);
        assertThat(Ui.fx(() -> servers.getItems().size())).isEqualTo(1);
        robot.clickOn(find(robot, "#prefsOk", Button.class));
        Ui.await("the dialog closes", () -> !dialog.stage().isShowing());
        assertThat(store.current().servers()).extracting(SavedServer::address).containsExactly(CHAT);
        assertThat(store.current().roomsFor(CHAT)).containsExactly(RoomName.of("lobby"));
    }

    @Test
    @DisplayName("speaks Italian, with every label from the Italian words")
    void italian(FxRobot robot) {
        open(Locale.ITALIAN);
        assertThat(Ui.fx(() -> dialog.stage().getTitle())).isEqualTo("Preferenze");
        assertThat(Ui.fx(() -> find(robot, "#prefsApply", Button.class).getText())).isEqualTo("_Applica");
        assertThat(Ui.fx(() -> find(robot, "#prefsLanguage", ComboBox.class).getConverter()
                .toString(Language.SYSTEM))).isEqualTo("Lingua del sistema");
    }

    @Test
    @DisplayName("the connect dialog lists the saved servers; choosing one fills the fields")
    void connectDialogList(FxRobot robot) {
        Platform.setImplicitExit(false);
        var root = Ui.fx(() -> {
            var context = new ViewModelContext(Platform::runLater, ChatApplication.texts(Locale.ENGLISH),
                    ZoneId.systemDefault(), InstantSource.system(), Ui.MANUAL);
            var options = Ui.options(null, null, null);
            var model = new ConnectViewModel(context, ConnectStart.of(options, SAVED, Optional.empty()), store);
            var view = new ConnectView(model, context.texts());
            var stage = new Stage();
            stage.setScene(new Scene(view.root()));
            stage.show();
            stages.add(stage);
            return view.root();
        });
        ComboBox<?> saved = Ui.fx(() -> robot.from(root).lookup("#savedServers").queryAs(ComboBox.class));
        assertThat(Ui.fx(() -> saved.getParent().isVisible())).isTrue();
        assertThat(Ui.fx(() -> robot.from(root).lookup("#host").queryAs(TextField.class).getText()))
                .isEqualTo("chat.example.org");
        assertThat(Ui.fx(() -> robot.from(root).lookup("#name").queryAs(TextField.class).getText())).isEqualTo("Luca");

        Ui.fxRun(saved::requestFocus);
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.DOWN);
        Ui.fxRun(saved::hide);
        Ui.await("home is chosen", () -> robot.from(root).lookup("#host").queryAs(TextField.class).getText().equals("home"));
        assertThat(Ui.fx(() -> robot.from(root).lookup("#port").queryAs(TextField.class).getText())).isEqualTo("7000");
        assertThat(Ui.fx(() -> robot.from(root).lookup("#name").queryAs(TextField.class).getText())).isEqualTo("bob");
        assertThat(Ui.fx(() -> robot.from(root).lookup("#tls").queryAs(CheckBox.class).isSelected())).isFalse();
    }

    @Test
    @DisplayName("the connect dialog hides the list when nothing is saved")
    void noList(FxRobot robot) {
        Platform.setImplicitExit(false);
        var root = Ui.fx(() -> {
            var context = new ViewModelContext(Platform::runLater, ChatApplication.texts(Locale.ENGLISH),
                    ZoneId.systemDefault(), InstantSource.system(), Ui.MANUAL);
            var view = new ConnectView(new ConnectViewModel(context, "localhost", "53000", ""), context.texts());
            var stage = new Stage();
            stage.setScene(new Scene(view.root()));
            stage.show();
            stages.add(stage);
            return view.root();
        });
        assertThat(Ui.fx(() -> robot.from(root).lookup("#savedServers").query().getParent().isVisible())).isFalse();
    }
}
