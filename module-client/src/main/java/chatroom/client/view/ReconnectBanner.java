package chatroom.client.view;

import chatroom.client.viewmodel.ReconnectViewModel;
import chatroom.client.viewmodel.Texts;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/// The banner over the chat while the connection is lost: the reason, the countdown or the
/// question "Reconnect?", and the buttons. It ticks the view-model's countdown four times a
/// second while it shows. FX thread only.
final class ReconnectBanner {

    private final HBox root;
    private final Timeline ticker;

    ReconnectBanner(ReconnectViewModel model, Texts texts) {
        var reason = new Label();
        reason.setId("bannerReason");
        reason.getStyleClass().add("banner-reason");
        reason.setWrapText(true);
        reason.textProperty().bind(model.reasonProperty());
        var prompt = new Label();
        prompt.setId("bannerPrompt");
        prompt.getStyleClass().add("banner-prompt");
        prompt.textProperty().bind(model.promptProperty());
        var words = new VBox(2, reason, prompt);
        HBox.setHgrow(words, Priority.ALWAYS);

        var reconnect = new Button();
        reconnect.setId("reconnectNow");
        reconnect.getStyleClass().add("accent");
        reconnect.textProperty().bind(model.reconnectLabelProperty());
        Views.showIf(reconnect, model.canReconnectProperty());
        reconnect.setOnAction(event -> model.reconnectNow());

        var stop = new Button(texts.get("banner.stop"));
        stop.setId("stopReconnecting");
        Views.showIf(stop, model.canStopProperty());
        stop.setOnAction(event -> model.stopReconnecting());

        var close = new Button(texts.get("banner.close"));
        close.setId("closeChat");
        close.setOnAction(event -> model.closeChat());

        var icon = new Region();
        icon.getStyleClass().add("banner-icon");
        root = new HBox(12, icon, words, reconnect, stop, close);
        root.setId("banner");
        root.getStyleClass().add("banner");
        root.setAlignment(Pos.CENTER_LEFT);
        Views.showIf(root, model.visibleProperty());

        ticker = new Timeline(new KeyFrame(Duration.millis(250), event -> model.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        model.visibleProperty().subscribe(visible -> {
            if (visible) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });
    }

    HBox root() {
        return root;
    }

    void dispose() {
        ticker.stop();
    }
}
