package chatroom.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// The mode changes one `MODE #room` line asks for (`+ov-t alice bob`), read the way `005`
/// says ([IrcModes]): which modes take a parameter, and when.
///
/// Stateless.
final class IrcModeLine {

    /// One item of the line, in the order written.
    sealed interface Item {
        char mode();
    }

    /// A change: `+o bob`, `-t`, `+b mask`.
    record Change(boolean adding, char mode, Optional<String> parameter) implements Item {
    }

    /// A list mode without a parameter: asks for the list (`MODE #room b`).
    record ListQuery(char mode) implements Item {
    }

    /// A mode this server does not have.
    record Unknown(char mode) implements Item {
    }

    /// A mode that needs a parameter, without one.
    record MissingParameter(boolean adding, char mode) implements Item {
    }

    /// The most items (changes, queries, refusals) one `MODE` line is read for.
    static final int MAX_ITEMS = 16;

    private IrcModeLine() {
    }

    /// Reads `modes` (`+ov-t`; a leading sign may be left out, meaning `+`) with its
    /// `parameters`. Changes with a parameter beyond [IrcModes#MAX_MODES_WITH_PARAMETER] are
    /// left out, as are parameters nobody asked for; an unknown mode is told once however
    /// often it stands there; and only the first [#MAX_ITEMS] items of a line are read, so
    /// that one 512-byte line (`+t-t+t-t…`) cannot make hundreds of changes or answers.
    static List<Item> parse(String modes, List<String> parameters) {
        List<Item> items = new ArrayList<>();
        StringBuilder unknownTold = new StringBuilder();
        boolean adding = true;
        int next = 0;
        int withParameter = 0;
        for (char mode : modes.toCharArray()) {
            if (items.size() >= MAX_ITEMS) {
                break;
            }
            if (mode == '+' || mode == '-') {
                adding = mode == '+';
                continue;
            }
            if (!takesParameter(mode, adding) && !isList(mode)) {
                if (isKnown(mode)) {
                    items.add(new Change(adding, mode, Optional.empty()));
                } else if (unknownTold.indexOf(String.valueOf(mode)) < 0) {
                    unknownTold.append(mode);
                    items.add(new Unknown(mode));
                }
                continue;
            }
            if (next >= parameters.size()) {
                // A key is unset with or without the key (`-k`, `-k *`), as clients send both.
                items.add(isList(mode) ? new ListQuery(mode)
                        : !adding && has(IrcModes.PARAMETER_MODES, mode) ? new Change(false, mode, Optional.empty())
                        : new MissingParameter(adding, mode));
                continue;
            }
            String parameter = parameters.get(next++);
            if (++withParameter <= IrcModes.MAX_MODES_WITH_PARAMETER) {
                items.add(new Change(adding, mode, Optional.of(parameter)));
            }
        }
        return items;
    }

    /// Whether `mode` takes a parameter when set (`adding`) or unset. A list mode takes one
    /// to change the list, none to ask for it.
    private static boolean takesParameter(char mode, boolean adding) {
        return has(IrcModes.PREFIX_MODES, mode) || has(IrcModes.PARAMETER_MODES, mode)
                || adding && has(IrcModes.SET_PARAMETER_MODES, mode);
    }

    private static boolean isList(char mode) {
        return has(IrcModes.LIST_MODES, mode);
    }

    private static boolean isKnown(char mode) {
        return has(IrcModes.PREFIX_MODES, mode) || isList(mode) || has(IrcModes.PARAMETER_MODES, mode)
                || has(IrcModes.SET_PARAMETER_MODES, mode) || has(IrcModes.FLAG_MODES, mode);
    }

    private static boolean has(String modes, char mode) {
        return modes.indexOf(mode) >= 0;
    }
}
