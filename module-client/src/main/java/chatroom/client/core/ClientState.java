package chatroom.client.core;

import chatroom.protocol.ClientFrame;
import chatroom.protocol.Name;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/// The client's lock and what it guards: the [Session] (everything known of the chat), the
/// current link or the socket still connecting, and whether the client is quitting or should
/// reconnect. The public API and the session thread meet here.
///
/// The rule of this class: nothing outside it runs while the lock is held but the [Session]
/// (which does no I/O and calls nobody), the queueing of frames for the [FrameWriter] and the
/// queueing of the events a change produces, in the order it produced them; they are handed to
/// the listener after the lock is let go, so a listener (on any executor) may call back into
/// the client from any thread.
///
/// Thread-safe.
final class ClientState {

    private final ReentrantLock lock = new ReentrantLock();
    /// Signalled when the reconnect wait should look again: quitting, reconnect now, or stop
    /// reconnecting by itself.
    private final Condition wake = lock.newCondition();
    private final EventBatcher events;
    private final Session session;
    // Guarded by lock.
    private boolean quitting;
    private boolean autoReconnect = true;
    private boolean reconnectRequested;
    private Socket connectingSocket;
    private ServerLink link;

    ClientState(Name name, EventBatcher events) {
        this.session = new Session(name);
        this.events = events;
    }

    /// Runs `action` on the session under the lock, queueing the events it added to its list
    /// there, and hands them to the listener after letting the lock go.
    <T> T withSession(BiFunction<Session, List<ClientEvent>, T> action) {
        List<ClientEvent> out = new ArrayList<>();
        T result;
        lock.lock();
        try {
            result = action.apply(session, out);
            // Queued in the order the session made them: two threads publishing after the
            // lock could swap their events (a stale room list after a newer one).
            events.add(out);
        } finally {
            lock.unlock();
        }
        events.flush();
        return result;
    }

    /// The `LOGIN` to send: this client's name, and the default room's history it missed.
    ClientFrame.Login loginFrame() {
        return withSession((session, out) -> new ClientFrame.Login(session.me(), session.loginSince()));
    }

    Name me() {
        return withSession((session, out) -> session.me());
    }

    boolean isQuitting() {
        lock.lock();
        try {
            return quitting;
        } finally {
            lock.unlock();
        }
    }

    /// An attempt starts on `socket`, which [#quit] closes to cancel it; `false` if the client
    /// is quitting and there is nothing to attempt.
    boolean connecting(Socket socket) {
        lock.lock();
        try {
            connectingSocket = quitting ? null : socket;
            return !quitting;
        } finally {
            lock.unlock();
        }
    }

    /// Logged in on `connected`'s link: the session catches up through `writer`, and
    /// `welcome`, the events of catching up and `connectedState` are published in that order.
    /// Returns `false` (and publishes nothing) if the client is quitting and the link is not
    /// to be used.
    boolean linked(Attempt.Connected connected, FrameWriter writer, ClientEvent welcome, ClientEvent connectedState) {
        List<ClientEvent> caughtUp = new ArrayList<>();
        lock.lock();
        try {
            if (quitting) {
                return false;
            }
            connectingSocket = null;
            link = connected.link();
            session.linked((frame, label) -> writer.send(connected.link(), frame, label), connected.version(),
                    connected.room(), connected.welcome().name(), caughtUp);
            // The welcome, what the session caught up on and the new state, before any event
            // of a command given once the person sees they are in.
            events.add(List.of(welcome));
            events.add(caughtUp);
            events.add(List.of(connectedState));
        } finally {
            lock.unlock();
        }
        events.flush();
        return true;
    }

    /// The link ended.
    void unlinked() {
        lock.lock();
        try {
            link = null;
            session.unlinked();
        } finally {
            lock.unlock();
        }
    }

    /// The client is quitting: the reconnect wait ends, and the link says goodbye through
    /// `writer` and closes, or the socket still connecting is closed. Returns `false` if the
    /// client was quitting already.
    boolean quit(FrameWriter writer) {
        lock.lock();
        try {
            if (quitting) {
                return false;
            }
            quitting = true;
            wake.signalAll();
            if (link != null) {
                writer.quit(link);
            } else if (connectingSocket != null) {
                closeQuietly(connectingSocket);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /// Ends the reconnect wait now (and makes it automatic again).
    void reconnectNow() {
        lock.lock();
        try {
            autoReconnect = true;
            reconnectRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /// The reconnect wait lasts until [#reconnectNow] or [#quit].
    void cancelReconnect() {
        lock.lock();
        try {
            autoReconnect = false;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /// Waits `delay` (or, while reconnecting is cancelled, for [#reconnectNow]) before the next
    /// attempt, announcing each way of waiting as it begins; returns `false` if the client is
    /// quitting instead. Session thread only.
    boolean awaitRetry(Duration delay, String reason) {
        long deadline = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            reconnectRequested = false;
        } finally {
            lock.unlock();
        }
        // Which way of waiting the listener was last told: none yet, automatic or manual.
        Optional<Boolean> announced = Optional.empty();
        while (true) {
            Optional<ClientEvent> announce = Optional.empty();
            lock.lock();
            try {
                if (quitting) {
                    return false;
                }
                if (reconnectRequested) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (!announced.equals(Optional.of(autoReconnect))) {
                    announced = Optional.of(autoReconnect);
                    announce = Optional.of(new ClientEvent.StateChanged(ConnectionState.WAITING_TO_RECONNECT,
                            Optional.of(reason),
                            autoReconnect ? Optional.of(Duration.ofNanos(Math.max(0, left))) : Optional.empty()));
                } else if (!autoReconnect) {
                    wake.await();
                } else if (left <= 0) {
                    return true;
                } else {
                    wake.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
            // Told without the lock: the listener may call reconnectNow() or quit() from any thread.
            announce.ifPresent(events::publish);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed: the attempt is cancelled either way.
        }
    }
}
