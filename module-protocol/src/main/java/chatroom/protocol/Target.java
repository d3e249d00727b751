package chatroom.protocol;

/// Where a message goes: a room ([RoomName], starting with `#`) or a member ([Name], for a
/// private message). The two never look alike, because `#` is not allowed in a name.
public sealed interface Target permits RoomName, Name {

    /// The target as written on the wire and in commands.
    String value();

    /// Reads `word` as a room if it starts with `#`, else as a member's name.
    static Parsed<Target> parse(String word) {
        if (word.startsWith("#")) {
            return RoomName.parse(word).then(Parsed::ok);
        }
        return Name.parse(word).then(Parsed::ok);
    }
}
