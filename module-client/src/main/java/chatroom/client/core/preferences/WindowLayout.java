package chatroom.client.core.preferences;

/// The chat window's size and panels, as the person left them.
///
/// @param width            the window's width in pixels (when not maximized)
/// @param height           the window's height in pixels (when not maximized)
/// @param maximized        whether the window filled the screen
/// @param sidebarWidth     the conversation sidebar's width in pixels
/// @param memberListWidth  the member list's width in pixels
/// @param sidebarShown     whether the sidebar was shown
/// @param memberListShown  whether the member list was shown
public record WindowLayout(int width, int height, boolean maximized, int sidebarWidth, int memberListWidth,
                           boolean sidebarShown, boolean memberListShown) {

    /// Smallest window side kept (a smaller one is a mistake, not a wish).
    public static final int MIN_SIDE = 200;
    /// Largest window side kept (beyond any screen today).
    public static final int MAX_SIDE = 20_000;
    /// Smallest panel width kept.
    public static final int MIN_PANEL = 60;
    /// Largest panel width kept.
    public static final int MAX_PANEL = 2_000;

    /// The layout of a first start.
    public static final WindowLayout DEFAULT = new WindowLayout(900, 620, false, 220, 200, true, true);

    /// @throws IllegalArgumentException if a size is outside its bounds
    public WindowLayout {
        check("width", width, MIN_SIDE, MAX_SIDE);
        check("height", height, MIN_SIDE, MAX_SIDE);
        check("sidebarWidth", sidebarWidth, MIN_PANEL, MAX_PANEL);
        check("memberListWidth", memberListWidth, MIN_PANEL, MAX_PANEL);
    }

    /// `value` if it is in `[min, max]`.
    ///
    /// @throws IllegalArgumentException if it is not
    /// A layout as measured from a window: each size brought into its range instead of refused.
    public static WindowLayout clamped(int width, int height, boolean maximized, int sidebarWidth,
                                       int memberListWidth, boolean sidebarShown, boolean memberListShown) {
        return new WindowLayout(Math.clamp(width, MIN_SIDE, MAX_SIDE), Math.clamp(height, MIN_SIDE, MAX_SIDE),
                maximized, Math.clamp(sidebarWidth, MIN_PANEL, MAX_PANEL),
                Math.clamp(memberListWidth, MIN_PANEL, MAX_PANEL), sidebarShown, memberListShown);
    }

    static int check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
