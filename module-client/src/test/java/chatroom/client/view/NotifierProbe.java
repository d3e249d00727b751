package chatroom.client.view;

import chatroom.client.viewmodel.Notification;
import chatroom.protocol.Name;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/// Run by [DesktopNotifierTest] in a JVM of its own (with `-verbose:class`): creates a
/// notifier, delivers one notification, closes it, and returns from `main` without
/// `System.exit`, so the JVM exits only if nothing (AWT's threads included) holds it.
/// Its marker lines tell the test where each step's class loading starts.
public final class NotifierProbe {

    static final String CREATED = "probe: created";
    static final String DELIVERED = "probe: delivered";

    private NotifierProbe() {
    }

    public static void main(String[] args) throws Exception {
        var shown = new CountDownLatch(1);
        var notifier = new DesktopNotifier(notification -> shown.countDown(), Runnable::run, conversation -> {
        }, "chatroom");
        System.out.println(CREATED);
        System.out.flush();
        notifier.deliver(new Notification(new Name("bob"), "Private message from bob", "hi"));
        if (!shown.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("not delivered");
        }
        System.out.println(DELIVERED);
        System.out.flush();
        notifier.close();
        notifier.closed().get(30, TimeUnit.SECONDS);
    }
}
