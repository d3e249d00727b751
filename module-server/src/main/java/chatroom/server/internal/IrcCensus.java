package chatroom.server.internal;

/// What `LUSERS` counts (and the registration burst shows before the MOTD): this one server's
/// members in every dialect, read when asked.
///
/// @param members      members with a name, in any dialect
/// @param operators    server operators among them
/// @param unregistered connections that have no name yet
/// @param rooms        rooms that exist
/// @param mostMembers  the most members there have been at once since the server started
record IrcCensus(int members, int operators, int unregistered, int rooms, int mostMembers) {

    IrcCensus {
        if (members < 0 || operators < 0 || unregistered < 0 || rooms < 0 || mostMembers < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }
}
