package chatroom.protocol;

/// The numbers both dialects agree on. They are part of the public contract documented in
/// `docs/protocol.md`; changing one is a protocol change.
public final class Limits {

    /// Version of the structured dialect this code speaks (`HELLO v=1`).
    public static final int PROTOCOL_VERSION = 1;

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
