package chatroom.client.view;

import javafx.application.Platform;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/// Keeps the JavaFX toolkit alive for the whole test run. All TestFX classes share one toolkit
/// in one JVM; with JavaFX's default implicit exit, the first test that closes its last window
/// would end the toolkit, and every test class after it would fail ("FX Application Thread not
/// running"), depending only on the order the classes happen to run in.
public final class KeepFxToolkit implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Platform.setImplicitExit(false);
    }
}
