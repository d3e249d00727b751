package chatroom.client.core;

import chatroom.protocol.RoomName;
import chatroom.protocol.ServerFrame;

/// How one attempt to connect and log in ended ([Connector#open]): a value the session
/// thread switches over, never an exception.
sealed interface Attempt {

    /// An end that trying again at once would not change: logged in, or not.
    sealed interface Final extends Attempt {
    }

    /// Logged in on `link`: the server's welcome, the version both speak and the room it put
    /// this client in. The link's read timeout is set to notice a server gone silent.
    record Connected(ServerLink link, ServerFrame.Welcome welcome, int version, RoomName room) implements Final {
    }

    /// Not logged in, as `outcome` says (never [LoginOutcome.LoggedIn]): the server or the
    /// person refused, the network failed, or the client is quitting ([LoginOutcome.Cancelled]).
    record Refused(LoginOutcome outcome) implements Final {
        public Refused {
            if (outcome instanceof LoginOutcome.LoggedIn) {
                throw new IllegalArgumentException("a login is no refusal");
            }
        }
    }

    /// The server must be reached differently (with TLS, or now that the person trusts its
    /// certificate): connect again at once. `why` is for the log.
    record Again(String why) implements Attempt {
    }
}
