package chatroom.server;

/// Who may create a room by joining a name that does not exist yet.
public enum RoomCreation {
    /// Every member.
    OPEN,
    /// Server operators only (those who gave the operator password with `/oper`).
    OPERATORS
}
