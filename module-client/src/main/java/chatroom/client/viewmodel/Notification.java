package chatroom.client.viewmodel;

import chatroom.protocol.Target;

import java.util.Objects;

/// One thing the person should be told about while they look elsewhere: a desktop
/// notification where the platform has one, else a notice inside the window.
///
/// @param conversation where it happened: a room, or the member of a private conversation;
///                     opening the notification opens this conversation
/// @param title        the first line ("bob mentioned you in #rust")
/// @param text         the rest, already shortened to fit a notification
public record Notification(Target conversation, String title, String text) {

    public Notification {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }
}
