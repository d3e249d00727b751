package chatroom.launcher;

import java.util.concurrent.CountDownLatch;

/// A [StopSignal] released by SIGINT (Ctrl+C) or SIGTERM.
///
/// Handling the signals ourselves, instead of relying on a shutdown hook, lets the server stop
/// and `main` return normally, so the process exits with 0 rather than 130 or 143.
final class OsSignals implements StopSignal {

    private final CountDownLatch stop = new CountDownLatch(1);

    private OsSignals() {
    }

    static OsSignals install() {
        var signals = new OsSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> signals.stop.countDown());
            } catch (IllegalArgumentException e) {
                // This platform does not know the signal (or the JVM reserves it): nothing to handle.
            }
        }
        return signals;
    }

    @Override
    public void await() throws InterruptedException {
        stop.await();
    }
}
