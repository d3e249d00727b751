package chatroom.server.internal;

/// The ways a client may speak on the same port. The first line decides: a valid `HELLO v=N`
/// frame selects the structured dialect (in the version the server answers with), a line
/// that opens an IRC session (`CAP`, `PASS`, `NICK` or `USER` and a space) the IRC dialect,
/// anything else is a plain client's name.
enum Dialect {
    PLAIN,
    STRUCTURED_V1,
    STRUCTURED_V2,
    IRC;

    /// Whether this is the structured dialect (either version).
    boolean structured() {
        return this == STRUCTURED_V1 || this == STRUCTURED_V2;
    }
}
