package chatroom.client.core;

import chatroom.protocol.ErrorCode;
import chatroom.protocol.Name;

/// How a first attempt to connect and log in ended.
public sealed interface LoginOutcome {

    /// Logged in; the client now keeps the connection and reconnects when it is lost.
    record LoggedIn(Name name, String room) implements LoginOutcome {
    }

    /// The server refused the name (taken or invalid): ask the person for another.
    record NameRefused(ErrorCode code, String detail) implements LoginOutcome {
    }

    /// No connection: the server could not be reached or broke off (`reason` says how).
    record Unreachable(String reason) implements LoginOutcome {
    }

    /// [ChatClient#quit()] was called before the attempt finished.
    record Cancelled() implements LoginOutcome {
    }
}
