package chatroom.client.view;

import chatroom.client.ClientOptions.Theme;
import chatroom.client.core.preferences.Language;
import chatroom.client.core.preferences.Preferences;
import chatroom.client.viewmodel.PreferencesViewModel;
import chatroom.client.viewmodel.Texts;
import chatroom.protocol.RoomName;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.function.Function;

/// The preferences dialog: theme, language (from the next start, as it says), font size,
/// notifications, connecting on start, and the saved servers with their rooms to rejoin, each
/// removable (a button, or Delete in the list). OK (Enter) applies and closes, Apply applies,
/// Cancel (Escape, or closing the window) drops the edits; every control has a mnemonic or is
/// reached with Tab. Applied theme and font size restyle every window at once through
/// [Themes]. It only binds to its [PreferencesViewModel]. FX thread only.
final class PreferencesDialog {

    private final Stage stage = new Stage();
    private final VBox root;
    private final ComboBox<Theme> theme = new ComboBox<>(FXCollections.observableArrayList(Theme.values()));

    /// @param owner  the window the dialog belongs to (null for none)
    /// @param themes the look of every window, restyled when the preferences are applied
    PreferencesDialog(Window owner, PreferencesViewModel model, Texts texts, Themes themes) {
        theme.setId("prefsTheme");
        theme.setConverter(converter(model::describe));
        theme.valueProperty().bindBidirectional(model.themeProperty());
        var language = new ComboBox<>(FXCollections.observableArrayList(Language.values()));
        language.setId("prefsLanguage");
        language.setConverter(converter(model::describe));
        language.valueProperty().bindBidirectional(model.languageProperty());
        var languageHint = new Label(texts.get("prefs.language.hint"));
        languageHint.getStyleClass().add("hint");
        languageHint.setWrapText(true);
        var fontSize = new Spinner<Integer>();
        fontSize.setId("prefsFontSize");
        fontSize.setEditable(true);
        fontSize.setPrefWidth(90);
        var sizes = new SpinnerValueFactory.IntegerSpinnerValueFactory(Preferences.MIN_FONT_SIZE,
                Preferences.MAX_FONT_SIZE, model.fontSizeProperty().get());
        fontSize.setValueFactory(sizes);
        sizes.valueProperty().bindBidirectional(model.fontSizeProperty());

        var look = new GridPane();
        look.setHgap(10);
        look.setVgap(8);
        look.addRow(0, caption(texts.get("prefs.theme"), theme), theme);
        look.addRow(1, caption(texts.get("prefs.language"), language), language);
        look.add(languageHint, 1, 2);
        look.addRow(3, caption(texts.get("prefs.fontSize"), fontSize), fontSize);

        var notifications = checkBox("prefsNotifications", texts.get("prefs.notifications"));
        notifications.selectedProperty().bindBidirectional(model.notificationsProperty());
        var connectOnStart = checkBox("prefsConnectOnStart", texts.get("prefs.connectOnStart"));
        connectOnStart.selectedProperty().bindBidirectional(model.connectOnStartProperty());

        root = new VBox(8, section(texts.get("prefs.section.look")), look,
                section(texts.get("prefs.section.behaviour")), notifications, connectOnStart,
                section(texts.get("prefs.section.servers")), servers(model, texts), buttons(model, texts));
        root.getStyleClass().add("preferences");
        root.setPrefWidth(560);

        var scene = new Scene(root);
        themes.apply(scene);
        // Applied, not at the start: the command line's theme stays until the person changes it.
        model.appliedProperty().addListener((observable, before, after) -> themes.use(after));
        model.closedProperty().subscribe(closed -> {
            if (closed) {
                themes.forget(scene);
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.setTitle(texts.get("prefs.title"));
        WindowIcons.apply(stage);
        stage.initModality(Modality.WINDOW_MODAL);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnCloseRequest(event -> {
            event.consume();
            model.cancel();
        });
    }

    /// Shows the dialog (without waiting for it), the theme field focused.
    void show() {
        stage.show();
        theme.requestFocus();
    }

    Stage stage() {
        return stage;
    }

    Parent root() {
        return root;
    }

    /// The saved servers and, beside them, the rooms to rejoin on the selected one.
    private static Node servers(PreferencesViewModel model, Texts texts) {
        var servers = new ListView<>(model.servers());
        servers.setId("prefsServers");
        servers.getStyleClass().add("saved-servers");
        servers.setPlaceholder(wrapped(texts.get("prefs.servers.empty")));
        servers.setCellFactory(list -> cell(model::describe));
        servers.getSelectionModel().selectedItemProperty()
                .subscribe(selected -> model.selectedServerProperty().set(selected));
        model.selectedServerProperty().subscribe(selected -> {
            // Removing a room replaces the server: keep it selected.
            if (selected != null && servers.getSelectionModel().getSelectedItem() != selected) {
                servers.getSelectionModel().select(selected);
            }
        });
        var removeServer = new Button(texts.get("prefs.servers.remove"));
        removeServer.setId("prefsRemoveServer");
        removeServer.disableProperty().bind(servers.getSelectionModel().selectedItemProperty().isNull());
        removeServer.setOnAction(event -> model.removeServer(servers.getSelectionModel().getSelectedItem()));
        servers.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DELETE || event.getCode() == KeyCode.BACK_SPACE) {
                model.removeServer(servers.getSelectionModel().getSelectedItem());
                event.consume();
            }
        });

        var rooms = new ListView<>(model.selectedRooms());
        rooms.setId("prefsRooms");
        rooms.getStyleClass().add("saved-servers");
        rooms.setPlaceholder(wrapped(texts.get("prefs.rooms.empty")));
        rooms.setCellFactory(list -> cell(RoomName::value));
        rooms.setPrefWidth(170);
        var removeRoom = new Button(texts.get("prefs.rooms.remove"));
        removeRoom.setId("prefsRemoveRoom");
        removeRoom.disableProperty().bind(rooms.getSelectionModel().selectedItemProperty().isNull());
        removeRoom.setOnAction(event -> model.removeRoom(rooms.getSelectionModel().getSelectedItem()));
        rooms.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DELETE || event.getCode() == KeyCode.BACK_SPACE) {
                model.removeRoom(rooms.getSelectionModel().getSelectedItem());
                event.consume();
            }
        });

        var serverColumn = new VBox(6, servers, removeServer);
        HBox.setHgrow(serverColumn, Priority.ALWAYS);
        var roomsCaption = new Label(texts.get("prefs.rooms"));
        roomsCaption.getStyleClass().add("caption");
        var roomColumn = new VBox(6, roomsCaption, rooms, removeRoom);
        var keys = new Label(texts.get("prefs.keys"));
        keys.getStyleClass().add("hint");
        Views.showIf(keys, Bindings.isNotEmpty(model.servers()));
        return new VBox(6, new HBox(10, serverColumn, roomColumn), keys);
    }

    private static HBox buttons(PreferencesViewModel model, Texts texts) {
        var cancel = new Button(texts.get("prefs.cancel"));
        cancel.setId("prefsCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(event -> model.cancel());
        var apply = new Button(texts.get("prefs.apply"));
        apply.setId("prefsApply");
        apply.setOnAction(event -> model.apply());
        var ok = new Button(texts.get("prefs.ok"));
        ok.setId("prefsOk");
        ok.getStyleClass().add("accent");
        ok.setDefaultButton(true);
        ok.setOnAction(event -> model.ok());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var buttons = new HBox(8, spacer, cancel, apply, ok);
        buttons.getStyleClass().add("buttons");
        buttons.setAlignment(Pos.CENTER_RIGHT);
        return buttons;
    }

    private static <T> ListCell<T> cell(Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String string) {
                return null;
            }
        };
    }

    private static Label caption(String text, Node field) {
        var label = new Label(text);
        label.getStyleClass().add("caption");
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label section(String text) {
        var label = new Label(text);
        label.getStyleClass().add("section");
        return label;
    }

    private static CheckBox checkBox(String id, String text) {
        var box = new CheckBox(text);
        box.setId(id);
        box.setMnemonicParsing(true);
        return box;
    }

    private static Label wrapped(String text) {
        var label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("hint");
        return label;
    }
}
