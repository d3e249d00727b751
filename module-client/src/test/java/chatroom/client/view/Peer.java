package chatroom.client.view;

import chatroom.client.core.ChatClient;
import chatroom.client.core.ClientEvent;
import chatroom.client.core.LoginOutcome;
import chatroom.client.core.ReconnectPolicy;
import chatroom.client.core.ServerAddress;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.ServerFrame;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/// Another member of the room, played by the client core (no UI): it logs in, says things
/// and records what it sees.
final class Peer implements AutoCloseable {

    private final ChatClient client;
    private final List<ClientEvent> events = new CopyOnWriteArrayList<>();

    private Peer(int port, String name) {
        client = new ChatClient(new ServerAddress("127.0.0.1", port), new Name(name), Runnable::run, events::addAll,
                ReconnectPolicy.standard(), new Random(1));
    }

    static Peer join(int port, String name) {
        var peer = new Peer(port, name);
        try {
            assertThat(peer.client.start().get(Ui.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(LoginOutcome.LoggedIn.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return peer;
    }

    /// Sends `text` and waits until the server has echoed it.
    void say(String text) {
        assertThat(client.send(text)).isInstanceOf(Parsed.Ok.class);
        await("echo of " + text, () -> messages().contains(text));
    }

    /// Does what a typed line says (`/join #rust`, `/me waves`, …), as the console does.
    void type(String line) {
        var command = chatroom.protocol.Commands.parse(line);
        assertThat(command).isInstanceOf(Parsed.Ok.class);
        assertThat(client.perform(((Parsed.Ok<chatroom.protocol.Command>) command).value()))
                .isInstanceOf(Parsed.Ok.class);
    }

    /// Everything this peer was told, in order (for checks on rooms, actions, private messages).
    List<ClientEvent> events() {
        return List.copyOf(events);
    }

    /// Sends without waiting.
    void sayQuickly(String text) {
        client.send(text);
    }

    List<String> messages() {
        return events.stream().filter(ClientEvent.Message.class::isInstance)
                .map(event -> ((ClientEvent.Message) event).chat().text()).toList();
    }

    List<ServerFrame.Left> leaves() {
        return events.stream()
                .filter(event -> event instanceof ClientEvent.Presence(var room, ServerFrame.Left left))
                .map(event -> (ServerFrame.Left) ((ClientEvent.Presence) event).frame()).toList();
    }

    void quit() {
        client.quit();
        try {
            assertThat(client.awaitClosed(Duration.ofSeconds(Ui.TIMEOUT_SECONDS))).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        client.quit();
    }

    static void await(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(Ui.TIMEOUT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }
}
