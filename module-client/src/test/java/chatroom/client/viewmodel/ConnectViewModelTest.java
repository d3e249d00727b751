package chatroom.client.viewmodel;

import chatroom.client.core.ConnectionState;
import chatroom.client.core.KnownServers;
import chatroom.client.core.PasswordServer;
import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.ServerAddress;
import chatroom.client.core.TestCertificates;
import chatroom.client.core.TlsTerminator;
import chatroom.client.core.TrustSettings;
import chatroom.protocol.Name;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/// The connect dialog's view-model without the FX toolkit: field checks on the test's thread,
/// and real connections to a server on 127.0.0.1 with a single "UI thread" of the test's own
/// (TestFX's `waitFor` is only used for bounded polling; it needs no toolkit).
class ConnectViewModelTest {

    private final Fixtures.Clock clock = new Fixtures.Clock(Instant.parse("2026-01-10T09:00:00Z"));

    @Nested
    @DisplayName("fields")
    class Fields {

        private final ConnectViewModel dialog = new ConnectViewModel(
                Fixtures.context(Runnable::run, Fixtures.english(), clock), "localhost", "53000", "");

        @Test
        @DisplayName("defaults need no note; an empty name disables Connect without an error")
        void defaults() {
            assertThat(dialog.addressNoteProperty().get()).isEmpty();
            assertThat(dialog.nameErrorProperty().get()).isEmpty();
            assertThat(dialog.canConnectProperty().get()).isFalse();
            assertThat(dialog.connectLabelProperty().get()).isEqualTo("Connect");
            assertThat(dialog.dismissLabelProperty().get()).isEqualTo("Quit");
        }

        @Test
        @DisplayName("missing or invalid host and port fall back to localhost:53000, with a note")
        void fallbacks() {
            dialog.hostProperty().set(" ");
            dialog.portProperty().set("");
            assertThat(dialog.addressNoteProperty().get())
                    .isEqualTo("No server given: using localhost. No port given: using 53000.");
            dialog.hostProperty().set("chat.example");
            dialog.portProperty().set("abc");
            assertThat(dialog.addressNoteProperty().get()).isEqualTo("“abc” is not a port (1–65535): using 53000.");
            dialog.portProperty().set("70000");
            assertThat(dialog.addressNoteProperty().get()).isEqualTo("“70000” is not a port (1–65535): using 53000.");
        }

        @Test
        @DisplayName("an invalid name says why and disables Connect")
        void invalidName() {
            dialog.nameProperty().set("bob:smith");
            assertThat(dialog.nameErrorProperty().get())
                    .isEqualTo("A name may hold only letters, digits, _ - and . (“:” is not allowed).");
            assertThat(dialog.canConnectProperty().get()).isFalse();
            dialog.nameProperty().set("x".repeat(33));
            assertThat(dialog.nameErrorProperty().get()).isEqualTo("A name has at most 32 characters.");
            dialog.nameProperty().set(" Zoë.K_9-x ");
            assertThat(dialog.nameErrorProperty().get()).isEmpty();
            assertThat(dialog.canConnectProperty().get()).isTrue();
        }

        @Test
        @DisplayName("speaks Italian with the Italian bundle")
        void italian() {
            var italian = new ConnectViewModel(Fixtures.context(Runnable::run, Fixtures.italian(), clock), "", "", "a b");
            assertThat(italian.nameErrorProperty().get()).contains("uno spazio");
            assertThat(italian.addressNoteProperty().get()).isEqualTo("Nessun server indicato: uso localhost. "
                    + "Nessuna porta indicata: uso 53000.");
            assertThat(italian.connectLabelProperty().get()).isEqualTo("Connetti");
        }

        @Test
        @DisplayName("a password that cannot be sent is explained, and nothing is tried")
        void unsendablePassword() {
            dialog.nameProperty().set("alice");
            dialog.passwordProperty().set("bad\u0007secret");

            dialog.connect();

            assertThat(dialog.messageProperty().get())
                    .isEqualTo("The password holds a character that cannot be sent, or is too long.");
            assertThat(dialog.phaseProperty().get()).isEqualTo(ConnectViewModel.Phase.EDITING);
        }

        @Test
        @DisplayName("Quit closes the dialog")
        void quit() {
            dialog.dismiss();
            assertThat(dialog.closedProperty().get()).isTrue();
        }
    }

    @Nested
    @DisplayName("connecting to a real server")
    class Connecting {

        private final ExecutorService ui = Executors.newSingleThreadExecutor();
        private ChatServer server;
        private int port;

        @BeforeEach
        void start() throws IOException {
            server = ChatServer.create(new InetSocketAddress("127.0.0.1", 0), ServerConfig.defaults());
            server.start();
            port = server.address().getPort();
        }

        @AfterEach
        void stop() throws InterruptedException {
            server.stop(Duration.ZERO);
            ui.shutdownNow();
            assertThat(ui.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }

        private <T> T onUi(Callable<T> task) throws Exception {
            return ui.submit(task).get(20, TimeUnit.SECONDS);
        }

        private void await(String what, Callable<Boolean> condition) {
            try {
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onUi(condition));
            } catch (TimeoutException e) {
                throw new AssertionError("timed out waiting for " + what, e);
            }
        }

        private ConnectViewModel dialog(String name) throws Exception {
            return onUi(() -> new ConnectViewModel(Fixtures.context(ui, Fixtures.english(), clock),
                    "127.0.0.1", String.valueOf(port), name));
        }

        @Test
        @DisplayName("logs in and hands over a connected chat")
        void logsIn() throws Exception {
            var dialog = dialog("alice");
            // Read in the same turn of the UI thread as connect(): on loopback the login may
            // otherwise have ended before a later turn looks.
            assertThat(onUi(() -> {
                dialog.connect();
                return dialog.busyProperty().get();
            })).isTrue();

            await("the chat", () -> dialog.chatProperty().get() != null);
            var chat = onUi(() -> dialog.chatProperty().get());
            await("connected", () -> chat.stateProperty().get() == ConnectionState.CONNECTED);
            await("the member list", () -> chat.members().stream().map(m -> m.name().value()).toList().equals(List.of("alice")));
            assertThat(onUi(() -> dialog.phaseProperty().get())).isEqualTo(ConnectViewModel.Phase.CONNECTED);

            onUi(() -> {
                chat.inputProperty().set("/quit");
                chat.send();
                return null;
            });
            await("the end", () -> chat.endedProperty().get());
            assertThat(chat.awaitClosed(Duration.ofSeconds(1))).isTrue();
            await("the server to see the leave", () -> server.memberCount() == 0);
        }

        @Test
        @DisplayName("a taken name is reported and another one works, with no restart")
        void takenName() throws Exception {
            var first = dialog("bob");
            onUi(() -> {
                first.connect();
                return null;
            });
            await("bob in", () -> first.chatProperty().get() != null);

            var second = dialog("BOB");
            onUi(() -> {
                second.connect();
                return null;
            });
            await("the refusal", () -> second.phaseProperty().get() == ConnectViewModel.Phase.EDITING
                    && !second.nameErrorProperty().get().isEmpty());
            assertThat(onUi(() -> second.nameErrorProperty().get()))
                    .isEqualTo("The name BOB is already taken: please choose another.");
            assertThat(onUi(() -> second.canConnectProperty().get())).isTrue();

            onUi(() -> {
                second.nameProperty().set("carol");
                second.connect();
                return null;
            });
            await("carol in", () -> second.chatProperty().get() != null);
            await("two members", () -> server.memberCount() == 2);
            onUi(() -> {
                first.chatProperty().get().quit();
                second.chatProperty().get().quit();
                return null;
            });
        }

        @Test
        @DisplayName("an unreachable server asks to try again")
        void unreachable() throws Exception {
            int closed;
            try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = probe.getLocalPort();
            }
            var dialog = onUi(() -> new ConnectViewModel(Fixtures.context(ui, Fixtures.english(), clock),
                    "127.0.0.1", String.valueOf(closed), "dora"));
            onUi(() -> {
                dialog.connect();
                return null;
            });

            await("the failure", () -> dialog.phaseProperty().get() == ConnectViewModel.Phase.FAILED);
            assertThat(onUi(() -> dialog.messageProperty().get())).startsWith("Could not connect to 127.0.0.1:" + closed);
            assertThat(onUi(() -> dialog.connectLabelProperty().get())).isEqualTo("Try again");
            assertThat(onUi(() -> dialog.canConnectProperty().get())).isTrue();
        }
    }

    @Nested
    @DisplayName("TLS, trust and password")
    class Trust {

        private final ExecutorService ui = Executors.newSingleThreadExecutor();
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
        void stop() throws InterruptedException {
            front.close();
            server.stop(Duration.ZERO);
            ui.shutdownNow();
            assertThat(ui.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }

        private <T> T onUi(Callable<T> task) throws Exception {
            return ui.submit(task).get(20, TimeUnit.SECONDS);
        }

        private void run(Runnable task) throws Exception {
            onUi(() -> {
                task.run();
                return null;
            });
        }

        private void await(String what, Callable<Boolean> condition) {
            try {
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onUi(condition));
            } catch (TimeoutException e) {
                throw new AssertionError("timed out waiting for " + what, e);
            }
        }

        private ConnectViewModel dialog(ServerAddress address, String name, Texts texts) throws Exception {
            var context = new ViewModelContext(ui, texts, Fixtures.ZONE, clock,
                    new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(200), 0),
                    new TrustSettings(KnownServers.in(data), Optional.empty(), Optional.empty()));
            return onUi(() -> new ConnectViewModel(context, address.host(), String.valueOf(address.port()), name));
        }

        @Test
        @DisplayName("a new server's fingerprint is put to the person; trusted, the chat opens and the server is remembered")
        void trusted() throws Exception {
            var dialog = dialog(front.address(), "alice", Fixtures.english());
            run(() -> {
                dialog.tlsProperty().set(true);
                dialog.connect();
            });

            await("the question", () -> dialog.askingTrustProperty().get());
            assertThat(onUi(() -> dialog.trustFingerprintProperty().get()))
                    .isEqualTo(TestCertificates.first().fingerprint().value());
            assertThat(onUi(() -> dialog.trustQuestionProperty().get()))
                    .startsWith("This is the first connection to " + front.address() + ".");
            assertThat(front.applicationBytes()).isZero();

            run(dialog::trustServer);

            await("the chat", () -> dialog.chatProperty().get() != null);
            assertThat(onUi(() -> dialog.askingTrustProperty().get())).isFalse();
            assertThat(KnownServers.in(data).lookup(front.address())).contains(TestCertificates.first().fingerprint());
            run(() -> dialog.chatProperty().get().quit());
        }

        @Test
        @DisplayName("not trusted, the dialog says so and nothing was sent; Cancel while asking does the same")
        void distrusted() throws Exception {
            var dialog = dialog(front.address(), "alice", Fixtures.english());
            run(() -> {
                dialog.tlsProperty().set(true);
                dialog.connect();
            });
            await("the question", () -> dialog.askingTrustProperty().get());

            run(dialog::distrustServer);

            await("the refusal", () -> dialog.phaseProperty().get() == ConnectViewModel.Phase.EDITING
                    && dialog.messageProperty().get().contains("was not trusted"));
            assertThat(front.applicationBytes()).isZero();

            run(dialog::connect);
            await("the question again", () -> dialog.askingTrustProperty().get());
            run(dialog::cancel);
            assertThat(onUi(() -> dialog.askingTrustProperty().get())).isFalse();
            assertThat(onUi(() -> dialog.phaseProperty().get())).isEqualTo(ConnectViewModel.Phase.EDITING);
            assertThat(front.applicationBytes()).isZero();
            assertThat(data.resolve("known_servers")).doesNotExist();
        }

        @Test
        @DisplayName("a changed certificate gives the loud warning, in Italian too")
        void changed() throws Exception {
            KnownServers.in(data).remember(front.address(), TestCertificates.second().fingerprint());
            var dialog = dialog(front.address(), "alice", Fixtures.italian());
            run(() -> {
                dialog.tlsProperty().set(true);
                dialog.connect();
            });

            await("the warning", () -> !dialog.securityWarningProperty().get().isEmpty());
            assertThat(onUi(() -> dialog.securityWarningProperty().get())).contains(
                    "ATTENZIONE: il certificato di " + front.address() + " non è quello atteso!",
                    "Impronta attesa: " + TestCertificates.second().fingerprint(),
                    "Impronta presentata: " + TestCertificates.first().fingerprint(),
                    "--trust " + TestCertificates.first().fingerprint().value().replace(":", ""));
            assertThat(onUi(() -> dialog.askingTrustProperty().get())).isFalse();
            assertThat(onUi(() -> dialog.phaseProperty().get())).isEqualTo(ConnectViewModel.Phase.EDITING);
        }

        @Test
        @DisplayName("a server that needs a password says so; with the password typed, the chat opens")
        void password() throws Exception {
            try (var guarded = new PasswordServer("open sesame")) {
                var dialog = dialog(guarded.address(), "alice", Fixtures.english());
                run(dialog::connect);
                await("the request", () -> dialog.messageProperty().get()
                        .equals(guarded.address() + " needs a password: type it in the Password field and connect again."));

                run(() -> {
                    dialog.passwordProperty().set("wrong");
                    dialog.connect();
                });
                await("the refusal", () -> dialog.messageProperty().get().equals("Wrong password for " + guarded.address() + "."));

                run(() -> {
                    dialog.passwordProperty().set("open sesame");
                    dialog.connect();
                });
                await("the chat", () -> dialog.chatProperty().get() != null);
                run(() -> dialog.chatProperty().get().quit());
            }
        }
    }
}
