package chatroom.client.viewmodel;

import chatroom.protocol.Command;

import java.util.Optional;

/// What a line typed in the input asks for is done by whoever owns the open conversation (the
/// chat view-model): [InputViewModel] reads the line, this carries it out.
///
/// Called on the FX thread (or the test's thread); it must not block.
@FunctionalInterface
public interface InputTarget {

    /// Does what `command` asks, or says why it cannot: a [Command.Say] or [Command.Me] is a
    /// message to the open conversation (kept as "sending…" while the connection is down), a
    /// command that names no room applies to the open room, [Command.Help] shows the help,
    /// [Command.Quit] leaves, [Command.Msg] to a name opens that private conversation.
    ///
    /// @return empty when the command was accepted (the input is cleared and the line goes
    ///         into the history); otherwise why it was refused, in the UI's language, shown
    ///         under the input while the typed line is kept
    Optional<String> perform(Command command);
}
