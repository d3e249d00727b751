package chatroom.protocol;

import java.util.Optional;
import java.util.OptionalLong;

/// What a version 2 client sends for a typed [Command], as the console client and the
/// server's plain dialect mean to: a command without `#room` applies to the current room.
/// The properties use it to check that every command [Commands#parse] accepts is a frame that
/// may be put on the wire, so the records' invariants agree.
final class CommandFrames {

    private CommandFrames() {
    }

    /// The frame for `command` typed in `current`; empty for `/help`, which the client answers
    /// itself.
    static Optional<ClientFrame> toFrame(Command command, RoomName current) {
        return switch (command) {
            case Command.Say say -> Optional.of(new ClientFrame.Say(Optional.of(current), say.text(), false));
            case Command.Me me -> Optional.of(new ClientFrame.Say(Optional.of(current), me.text(), true));
            case Command.Msg msg -> Optional.of(new ClientFrame.Say(Optional.of(msg.to()), msg.text(), false));
            case Command.Join join -> Optional.of(new ClientFrame.Join(join.room(), OptionalLong.empty(), join.key()));
            case Command.Invite invite -> Optional.of(new ClientFrame.Invite(invite.room().orElse(current), invite.name()));
            case Command.Part part -> Optional.of(new ClientFrame.Part(part.room().orElse(current), part.reason()));
            case Command.Rooms rooms -> Optional.of(new ClientFrame.ListRooms());
            case Command.Who who -> Optional.of(new ClientFrame.Who(who.room().orElse(current)));
            case Command.Nick nick -> Optional.of(new ClientFrame.Nick(nick.name()));
            case Command.Topic topic -> Optional.of(new ClientFrame.Topic(topic.room().orElse(current), topic.text()));
            case Command.Away away -> Optional.of(new ClientFrame.Away(away.text()));
            case Command.Kick kick -> Optional.of(new ClientFrame.Kick(kick.room().orElse(current), kick.name(),
                    kick.reason()));
            case Command.Moderate moderate -> Optional.of(new ClientFrame.Moderate(moderate.room().orElse(current),
                    moderate.action(), moderate.target()));
            case Command.Oper oper -> Optional.of(new ClientFrame.Oper(oper.password()));
            case Command.Quit quit -> Optional.of(new ClientFrame.Quit());
            case Command.Help help -> Optional.empty();
        };
    }
}
