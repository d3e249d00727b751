package chatroom.server.internal;

/// The ways a client may speak on the same port. The first line decides: a valid `HELLO v=N`
/// frame selects the structured dialect (in the version the server answers with), anything
/// else is a plain client's name.
enum Dialect {
    PLAIN,
    STRUCTURED_V1,
    STRUCTURED_V2;

    boolean structured() {
        return this != PLAIN;
    }
}
