package chatroom.client.view;

import chatroom.client.ClientOptions;
import chatroom.client.core.KnownServers;
import chatroom.client.core.TestCertificates;
import chatroom.client.core.TlsTerminator;
import chatroom.client.core.TrustSettings;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/// The trust question, the changed-certificate warnings and the TLS and password fields, on
/// the headless platform, against a TLS front for a real server on 127.0.0.1.
@ExtendWith({KeepFxToolkit.class, ApplicationExtension.class})
class TrustDialogTest {

    @TempDir
    Path data;

    private ChatServer server;
    private TlsTerminator front;

    @BeforeEach
    void start() throws IOException {
        server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.defaults());
        server.start();
        front = new TlsTerminator(server.address(), TestCertificates.first());
    }

    @AfterEach
    void stop() {
        Ui.closeAll();
        front.close();
        server.stop(Duration.ZERO);
    }

    private ClientOptions options(String name, boolean tls, Optional<String> password) {
        return new ClientOptions(Optional.of("127.0.0.1"), Optional.of(front.address().port()), Optional.ofNullable(name),
                ClientOptions.Theme.LIGHT, Optional.of(Locale.ENGLISH), tls, Optional.empty(), password,
                Optional.of(data));
    }

    private TrustSettings trust() {
        return new TrustSettings(KnownServers.in(data), Optional.empty(), Optional.empty());
    }

    private static String text(FxRobot robot, String id) {
        return Ui.fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static boolean shown(FxRobot robot, String id) {
        return Ui.fx(() -> robot.lookup(id).query().isVisible());
    }

    @Test
    @DisplayName("the dialog has 'Use TLS' and a password field, filled from the options")
    void fields(FxRobot robot) {
        Ui.open(options(null, true, Optional.of("open sesame")), Ui.MANUAL, trust());

        assertThat(Ui.fx(() -> robot.lookup("#tls").queryAs(CheckBox.class).isSelected())).isTrue();
        assertThat(Ui.fx(() -> robot.lookup("#tls").queryAs(CheckBox.class).getText())).isEqualTo("Use TLS (encrypted connection)");
        assertThat(Ui.fx(() -> robot.lookup("#password").queryAs(PasswordField.class).getText())).isEqualTo("open sesame");
        assertThat(shown(robot, "#trustPane")).isFalse();
        assertThat(shown(robot, "#securityWarning")).isFalse();
    }

    @Test
    @DisplayName("first contact shows the server and its fingerprint; 'Trust and connect' opens the chat")
    void firstContact(FxRobot robot) {
        var window = Ui.open(options("alice", true, Optional.empty()), Ui.MANUAL, trust());

        Ui.await("the question", () -> window.stage().isShowing() && robot.lookup("#trustPane").query().isVisible());
        assertThat(text(robot, "#trustFingerprint")).isEqualTo(TestCertificates.first().fingerprint().value());
        assertThat(text(robot, "#trustQuestion")).contains("first connection to " + front.address());
        assertThat(front.applicationBytes()).isZero();

        robot.clickOn("#trustAccept");

        Ui.await("the chat window", () -> window.app().chatViewModel().isPresent()
                && window.stage().getScene().lookup("#messages") != null);
    }

    @Test
    @DisplayName("'Cancel' on the question leaves the dialog, saying the server was not trusted")
    void firstContactCancelled(FxRobot robot) {
        Ui.open(options(null, true, Optional.empty()), Ui.MANUAL, trust());
        Ui.fxRun(() -> robot.lookup("#name").queryAs(javafx.scene.control.TextField.class).setText("bob"));
        robot.clickOn("#connect");
        Ui.await("the question", () -> robot.lookup("#trustPane").query().isVisible());

        robot.clickOn("#trustCancel");

        Ui.await("the refusal", () -> robot.lookup("#connectMessage").queryAs(Label.class).getText()
                .contains("was not trusted"));
        assertThat(shown(robot, "#trustPane")).isFalse();
        assertThat(front.applicationBytes()).isZero();
    }

    @Test
    @DisplayName("a changed certificate shows the loud warning with both fingerprints")
    void changed(FxRobot robot) throws IOException {
        KnownServers.in(data).remember(front.address(), TestCertificates.second().fingerprint());
        var window = Ui.open(options("carol", true, Optional.empty()), Ui.MANUAL, trust());

        Ui.await("the warning", () -> window.stage().isShowing() && robot.lookup("#securityWarning").query().isVisible());
        assertThat(text(robot, "#securityWarning")).contains(
                "WARNING: the certificate of " + front.address() + " is not the one expected!",
                "Expected fingerprint: " + TestCertificates.second().fingerprint(),
                "Presented fingerprint: " + TestCertificates.first().fingerprint());
        assertThat(Ui.fx(() -> robot.lookup("#securityWarning").query().getStyleClass())).contains("security-warning");
        assertThat(shown(robot, "#trustPane")).isFalse();
    }

    @Test
    @DisplayName("a certificate that changes while chatting: the chat shows the warning and stays until closed")
    void changedWhileChatting(FxRobot robot) throws IOException {
        KnownServers.in(data).remember(front.address(), TestCertificates.first().fingerprint());
        var window = Ui.open(options("dora", true, Optional.empty()), Ui.FAST_FOR_TRUST, trust());
        Ui.await("the chat window", () -> window.stage().getScene() != null
                && window.stage().getScene().lookup("#messages") != null);

        front.serve(TestCertificates.second());
        front.sever();

        Ui.await("the warning", () -> window.stage().getScene().lookup("#chatSecurityBanner").isVisible());
        assertThat(Ui.fx(() -> ((Label) window.stage().getScene().lookup("#chatSecurityWarning")).getText())).contains("is not the one expected!",
                "Presented fingerprint: " + TestCertificates.second().fingerprint());
        assertThat(Ui.fx(() -> window.stage().isShowing())).isTrue();
        assertThat(window.closed().get()).isZero();

        robot.clickOn(Ui.fx(() -> window.stage().getScene().lookup("#closeAfterWarning")));

        Ui.await("the window to close", () -> !window.stage().isShowing());
        assertThat(window.closed().get()).isEqualTo(1);
    }
}
