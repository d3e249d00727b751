package chatroom.protocol;

/// The numbers both dialects agree on. They are part of the public contract documented in
/// `docs/protocol.md`; changing one is a protocol change.
public final class Limits {

    /// Highest version of the structured dialect this code speaks (`HELLO v=2`). Version 2
    /// added rooms, private messages, topics, away and moderation; a server still speaks
    /// version 1, unchanged, to a client that offers only 1.
    public static final int PROTOCOL_VERSION = 2;

    /// Longest room topic, part or kick reason, and away text, in bytes of UTF-8 (IRC's usual
    /// `TOPICLEN`, so an IRC client can show every topic whole).
    public static final int MAX_TOPIC_BYTES = 390;

    /// Longest frame (one line, without its `\n` or `\r\n`) in bytes of UTF-8.
    public static final int MAX_FRAME_BYTES = 8192;

    /// Longest chat message text in bytes of UTF-8. Smaller than a frame so that every
    /// frame the server builds around a text (sender, id, time) still fits in one frame.
    public static final int MAX_TEXT_BYTES = 4096;

    /// Longest name in characters (Unicode code points).
    public static final int MAX_NAME_LENGTH = 32;

    /// Longest server password in bytes of UTF-8 (`PASS :password`); far below a frame, so a
    /// `PASS` frame always fits.
    public static final int MAX_PASSWORD_BYTES = 1024;

    private Limits() {
    }
}
