package chatroom.client.viewmodel;

/// Where [Attention] sends what the person should be told: the desktop's notifications
/// (`chatroom.client.view.DesktopNotifier`), the in-window notices ([NoticeBoard]), or a
/// test's recorder.
///
/// Called on the FX thread (the thread of the view-models). An implementation returns at
/// once: one that talks to the operating system does so on a thread of its own.
@FunctionalInterface
public interface Notifier {

    /// Tells the person about `notification`. Never throws: a notifier that cannot deliver
    /// falls back to another way or drops it, and logs why.
    void deliver(Notification notification);
}
