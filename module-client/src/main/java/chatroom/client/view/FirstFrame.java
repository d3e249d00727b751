package chatroom.client.view;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.stage.Stage;

/// The moment the window first appears: the start-up time a person waits for.
///
/// A window is drawn by pulses: in each, JavaFX applies CSS, lays the scene out, then hands
/// it to the render thread. The first pulse after the stage is shown is the one that draws
/// its first frame; its post-layout point is the last one on the FX thread before that frame
/// is rendered.
///
/// FX thread only.
final class FirstFrame {

    private FirstFrame() {
    }

    /// Runs `shown` once, at the end of the layout of the first pulse after `stage` is first
    /// shown (with the scene it has then). Later shows and pulses run nothing.
    static void whenShown(Stage stage, Runnable shown) {
        stage.showingProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> showing, Boolean before, Boolean now) {
                if (now) {
                    showing.removeListener(this);
                    afterNextLayout(stage.getScene(), shown);
                }
            }
        });
    }

    private static void afterNextLayout(Scene scene, Runnable action) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            action.run();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
