package chatroom.server.internal;

/// IRC's wildcard masks, as `WHO` and `LIST` take them: `*` stands for any run of characters
/// (none included), `?` for any one; letters match ignoring ASCII case (`CASEMAPPING=ascii`).
final class IrcMask {

    private IrcMask() {
    }

    /// Whether `mask` holds a wildcard at all (else it names one thing).
    static boolean isWildcard(String mask) {
        return mask.indexOf('*') >= 0 || mask.indexOf('?') >= 0;
    }

    /// Whether `text` matches `mask`. Greedy, going back only to the last `*`: time linear in
    /// the lengths for the masks people write, and bounded by their product (both short).
    static boolean matches(String mask, String text) {
        int m = 0;
        int t = 0;
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            if (m < mask.length() && mask.charAt(m) == '*') {
                star = m++;
                starText = t;
            } else if (m < mask.length() && (mask.charAt(m) == '?' || same(mask.charAt(m), text.charAt(t)))) {
                m++;
                t++;
            } else if (star >= 0) {
                m = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (m < mask.length() && mask.charAt(m) == '*') {
            m++;
        }
        return m == mask.length();
    }

    private static boolean same(char a, char b) {
        return a == b || lower(a) == lower(b);
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
