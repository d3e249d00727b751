package chatroom.client.core;

import chatroom.protocol.Name;
import chatroom.protocol.RoomName;
import chatroom.protocol.Target;

/// Who this client is to the server, as the last login settled it: its name (which the server
/// may change, by case or by a rename), the protocol version the link speaks (kept while
/// disconnected, so that commands are refused as that server would refuse them) and the room
/// every login enters.
///
/// Guarded by the client's lock ([ClientState]).
final class Identity {

    /// The highest protocol version this client speaks.
    static final int VERSION = 2;

    private Name me;
    private int version = 1;
    /// The room every login enters; `null` before the first login.
    private RoomName defaultRoom;

    Identity(Name me) {
        this.me = me;
    }

    Name me() {
        return me;
    }

    int version() {
        return version;
    }

    /// The room every login enters; `null` before the first login.
    RoomName defaultRoom() {
        return defaultRoom;
    }

    /// A login succeeded; returns whether it was the first.
    boolean loggedIn(Name name, int spoken, RoomName loginRoom) {
        me = name;
        version = spoken;
        boolean first = defaultRoom == null;
        defaultRoom = loginRoom;
        return first;
    }

    /// The server renamed this client.
    void renamed(Name name) {
        me = name;
    }

    boolean isMe(Name name) {
        return name.key().equals(me.key());
    }

    boolean isDefaultRoom(Target target) {
        return defaultRoom != null && target instanceof RoomName room && room.sameAs(defaultRoom);
    }
}
