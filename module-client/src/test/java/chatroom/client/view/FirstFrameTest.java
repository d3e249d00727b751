package chatroom.client.view;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/// The first-frame hook runs once, when the shown window has been laid out for its first
/// frame, and never again.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class FirstFrameTest {

    private Stage stage;

    @AfterEach
    void close() {
        if (stage != null) {
            Ui.fxRun(stage::hide);
        }
    }

    @Test
    @DisplayName("runs once, after the first layout of the shown window, and not on later pulses or shows")
    void once() {
        var runs = new AtomicInteger();
        var widthThen = new AtomicReference<Double>();
        var label = new Label("ciao");
        Ui.fxRun(() -> {
            stage = new Stage();
            stage.setScene(new Scene(new StackPane(label), 300, 200));
            FirstFrame.whenShown(stage, () -> {
                runs.incrementAndGet();
                widthThen.set(label.getWidth());
            });
        });
        assertThat(runs).as("nothing before the window is shown").hasValue(0);

        Ui.fxRun(stage::show);
        Ui.await("the first frame", () -> runs.get() == 1);
        assertThat(widthThen.get()).as("the label's width, laid out by then").isPositive();

        // Later pulses (a new text to lay out) and a second show run nothing.
        Ui.fxRun(() -> label.setText("ciao di nuovo, con un testo più lungo"));
        Ui.await("the longer text laid out", () -> label.getWidth() > widthThen.get());
        Ui.fxRun(stage::hide);
        Ui.fxRun(stage::show);
        double longWidth = Ui.fx(label::getWidth);
        Ui.fxRun(() -> label.setText("ok"));
        Ui.await("the short text laid out in the window shown again", () -> label.getWidth() < longWidth);
        assertThat(runs).hasValue(1);
    }
}
