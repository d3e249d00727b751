package chatroom.server;

/// When the history log is forced to disk (`fsync`). See `docs/security.md` for the trade-off.
public enum FsyncPolicy {
    /// Every message is on disk before anybody receives it; messages arriving together share
    /// one `fsync`. Survives a power cut; costs one `fsync` per burst of messages.
    ALWAYS,
    /// Messages are written before they are broadcast and forced to disk about once a second.
    /// Survives the server being killed; a power cut may lose the last second.
    INTERVAL,
    /// Messages are written before they are broadcast; the operating system decides when they
    /// reach the disk. Survives the server being killed, not a power cut.
    NEVER
}
