package chatroom.client.view;

import chatroom.client.core.preferences.SavedServer;
import chatroom.client.viewmodel.ConnectViewModel;
import chatroom.client.viewmodel.Texts;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/// The connect dialog: server, port and name, with what is wrong with them shown inline, "Use
/// TLS" and the password (both optional), a progress indicator while connecting, Connect (the
/// default button, so Enter connects) and Cancel or Quit. Above them, when there are any, the
/// servers logged in to before: choosing one fills the fields. A new server's fingerprint is shown
/// with "Trust and connect" / "Cancel"; a changed certificate with a loud warning. It only binds to its [ConnectViewModel]. FX thread only.
final class ConnectView {

    private final VBox root;
    private final TextField name = new TextField();

    ConnectView(ConnectViewModel model, Texts texts) {
        var brand = new Label(texts.get("app.title"));
        brand.getStyleClass().add("brand");
        var greeting = new Label(texts.get("connect.greeting"));
        greeting.getStyleClass().add("greeting");
        greeting.setWrapText(true);

        var host = field("host", model.hostProperty().get());
        host.textProperty().bindBidirectional(model.hostProperty());
        var port = field("port", model.portProperty().get());
        port.textProperty().bindBidirectional(model.portProperty());
        port.setPrefColumnCount(6);
        name.setId("name");
        name.textProperty().bindBidirectional(model.nameProperty());
        var password = new PasswordField();
        password.setId("password");
        password.setPromptText(texts.get("connect.password.prompt"));
        password.textProperty().bindBidirectional(model.passwordProperty());
        var tls = new CheckBox(texts.get("connect.tls"));
        tls.setId("tls");
        tls.selectedProperty().bindBidirectional(model.tlsProperty());
        for (Control field : new Control[] {host, port, name, password, tls}) {
            field.disableProperty().bind(model.busyProperty());
        }

        var grid = new GridPane();
        grid.getStyleClass().add("form");
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, caption(texts.get("connect.host")), host, caption(texts.get("connect.port")), port);
        grid.add(caption(texts.get("connect.name")), 0, 1);
        grid.add(name, 1, 1, 3, 1);
        grid.add(caption(texts.get("connect.password")), 0, 2);
        grid.add(password, 1, 2, 3, 1);
        grid.add(tls, 1, 3, 3, 1);
        var grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), grow);

        var nameError = Views.messageLabel("nameError", "field-error", model.nameErrorProperty());
        var addressNote = Views.messageLabel("addressNote", "field-note", model.addressNoteProperty());

        var progress = new ProgressIndicator();
        progress.setId("progress");
        progress.setPrefSize(18, 18);
        Views.showIf(progress, model.busyProperty());
        var message = Views.messageLabel("connectMessage", "connect-message", model.messageProperty());
        model.failedProperty().subscribe(failed -> {
            if (failed) {
                message.getStyleClass().add("failed");
            } else {
                message.getStyleClass().remove("failed");
            }
        });
        var status = new HBox(8, progress, message);
        status.setAlignment(Pos.CENTER_LEFT);

        var dismiss = new Button();
        dismiss.setId("dismiss");
        dismiss.textProperty().bind(model.dismissLabelProperty());
        // Escape cancels an attempt, but never quits the application by accident.
        dismiss.cancelButtonProperty().bind(model.busyProperty());
        dismiss.setOnAction(event -> model.dismiss());
        var connect = new Button();
        connect.setId("connect");
        connect.getStyleClass().add("accent");
        connect.setDefaultButton(true);
        connect.textProperty().bind(model.connectLabelProperty());
        connect.disableProperty().bind(model.canConnectProperty().not());
        connect.setOnAction(event -> model.connect());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var buttons = new HBox(8, spacer, dismiss, connect);
        buttons.getStyleClass().add("buttons");

        var warning = Views.messageLabel("securityWarning", "security-warning", model.securityWarningProperty());

        root = new VBox(10, brand, greeting, savedServers(model, texts), grid, nameError, addressNote, warning, trustQuestion(model, texts), status,
                buttons);
        root.getStyleClass().add("connect");
        root.setPrefWidth(460);
    }

    /// The question about a server met for the first time: its address, its fingerprint, and
    /// the two answers.
    private static VBox trustQuestion(ConnectViewModel model, Texts texts) {
        var question = new Label();
        question.setId("trustQuestion");
        question.setWrapText(true);
        question.textProperty().bind(model.trustQuestionProperty());
        var fingerprint = new Label();
        fingerprint.setId("trustFingerprint");
        fingerprint.getStyleClass().add("fingerprint");
        fingerprint.setWrapText(true);
        fingerprint.textProperty().bind(model.trustFingerprintProperty());
        var advice = new Label(texts.get("trust.check"));
        advice.getStyleClass().add("caption");
        advice.setWrapText(true);
        var distrust = new Button(texts.get("trust.cancel"));
        distrust.setId("trustCancel");
        distrust.setOnAction(event -> model.distrustServer());
        var trust = new Button(texts.get("trust.accept"));
        trust.setId("trustAccept");
        trust.setOnAction(event -> model.trustServer());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var pane = new VBox(8, question, fingerprint, advice, new HBox(8, spacer, distrust, trust));
        pane.setId("trustPane");
        pane.getStyleClass().add("trust-question");
        Views.showIf(pane, model.askingTrustProperty());
        return pane;
    }

    /// The list of saved servers (hidden when there are none); choosing one fills the fields.
    private static HBox savedServers(ConnectViewModel model, Texts texts) {
        var list = new ComboBox<>(model.savedServers());
        list.setId("savedServers");
        list.setPromptText(texts.get("prefs.connect.savedPrompt"));
        list.setMaxWidth(Double.MAX_VALUE);
        list.setConverter(new StringConverter<>() {
            @Override
            public String toString(SavedServer server) {
                return server == null ? "" : model.describe(server);
            }

            @Override
            public SavedServer fromString(String text) {
                return null;
            }
        });
        list.setOnAction(event -> model.choose(list.getValue()));
        list.disableProperty().bind(model.busyProperty());
        var caption = caption(texts.get("prefs.connect.savedLabel"));
        caption.setLabelFor(list);
        HBox.setHgrow(list, Priority.ALWAYS);
        var row = new HBox(10, caption, list);
        row.setAlignment(Pos.CENTER_LEFT);
        Views.showIf(row, Bindings.isNotEmpty(model.savedServers()));
        return row;
    }

    Parent root() {
        return root;
    }

    /// Puts the cursor in the name field, with the name selected so typing replaces it.
    void focus() {
        name.requestFocus();
        name.selectAll();
    }

    private static TextField field(String id, String text) {
        var field = new TextField(text);
        field.setId(id);
        return field;
    }

    private static Label caption(String text) {
        var label = new Label(text);
        label.getStyleClass().add("caption");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
