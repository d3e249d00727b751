package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.ClientFrames;
import chatroom.protocol.ErrorCode;
import chatroom.protocol.Limits;
import chatroom.protocol.Name;
import chatroom.protocol.Parsed;
import chatroom.protocol.PlainText;
import chatroom.protocol.ServerFrame;
import chatroom.protocol.ServerFrames;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/// Just enough of a structured chatroom server that needs a password, as the contract describes
/// it, speaking protocol version 1 (one room; version 2 verbs are unknown to it): `HELLO ... auth=password`; `LOGIN` before a right `PASS` is refused with
/// `password-required` (the connection stays open); a wrong `PASS` gets `bad-password` and the
/// connection closes; after a right one, `LOGIN` joins and `SAY` is echoed, or, while
/// [#refuseSays] is on, refused with `not-saved` as by a server whose disk failed. It records
/// every line received, so a test can check what the client sent and in which order.
public final class PasswordServer implements AutoCloseable {

    private final ServerSocket listener;
    private final String password;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean refusingSays;

    public PasswordServer(String password) throws IOException {
        this.password = password;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("test-password-accept").start(this::accept);
    }

    public ServerAddress address() {
        return new ServerAddress("127.0.0.1", listener.getLocalPort());
    }

    /// Every line received, over all connections, in order.
    public List<String> received() {
        return List.copyOf(received);
    }

    public int connections() {
        return connections.get();
    }

    /// Whether `SAY` is refused with `ERROR code=not-saved` (as by a server that cannot write its
    /// history log) rather than echoed.
    public void refuseSays(boolean refusing) {
        refusingSays = refusing;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            send(out, PlainText.PASSWORD_GREETING);
            boolean passed = false;
            long nextId = 1;
            Name member = new Name("nobody");
            for (String line; (line = in.readLine()) != null; ) {
                received.add(line);
                if (!(ClientFrames.decode(line) instanceof Parsed.Ok<ClientFrame>(ClientFrame frame))) {
                    continue;
                }
                switch (frame) {
                    case ClientFrame.Hello hello -> send(out, new ServerFrame.Hello(1, "test",
                            Limits.MAX_FRAME_BYTES, Limits.MAX_TEXT_BYTES, 30, true));
                    case ClientFrame.Pass pass -> {
                        if (!pass.password().equals(password)) {
                            send(out, new ServerFrame.Error(ErrorCode.BAD_PASSWORD, "wrong password"));
                            return;
                        }
                        passed = true;
                    }
                    case ClientFrame.Login login -> {
                        if (!passed) {
                            send(out, new ServerFrame.Error(ErrorCode.PASSWORD_REQUIRED,
                                    "this server needs a password; send PASS first"));
                        } else {
                            member = login.name();
                            send(out, new ServerFrame.Welcome(login.name(), "lobby"));
                            send(out, ServerFrame.Members.of(List.of(login.name()), false));
                            send(out, new ServerFrame.History(0));
                            send(out, new ServerFrame.Joined(login.name(), Instant.now()));
                        }
                    }
                    case ClientFrame.Say say -> send(out, refusingSays
                            ? new ServerFrame.Error(ErrorCode.NOT_SAVED,
                                    "the server could not save your message, so nobody received it; try again later")
                            : new ServerFrame.Chat(nextId++, Instant.now(), member, say.text()));
                    case ClientFrame.Quit quit -> {
                        return;
                    }
                    case ClientFrame.Nick nick -> {
                    }
                    case ClientFrame.Ping ping -> send(out, new ServerFrame.Pong(ping.token()));
                    case ClientFrame.Pong pong -> {
                    }
                    case ClientFrame.Join _, ClientFrame.Part _, ClientFrame.Topic _, ClientFrame.Away _,
                         ClientFrame.ListRooms _, ClientFrame.Who _, ClientFrame.History _, ClientFrame.Kick _,
                         ClientFrame.Invite _, ClientFrame.Moderate _, ClientFrame.Oper _ ->
                            send(out, new ServerFrame.Error(ErrorCode.UNKNOWN_VERB, "unknown verb"));
                }
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private static void send(OutputStream out, ServerFrame frame) throws IOException {
        send(out, ServerFrames.encode(frame));
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
