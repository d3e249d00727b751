package chatroom.client.view;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;

/// Small bindings every view uses.
final class Views {

    private Views() {
    }

    /// Shows `node`, and gives it room in the layout, only while `condition` holds.
    static void showIf(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    /// A label showing `text`, present only while the text is not empty.
    static Label messageLabel(String id, String styleClass, ObservableStringValue text) {
        var label = new Label();
        label.setId(id);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        label.textProperty().bind(text);
        showIf(label, Bindings.isNotEmpty(text));
        return label;
    }
}
