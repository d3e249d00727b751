package chatroom.server.internal;

import chatroom.protocol.irc.IrcMessage;
import chatroom.protocol.irc.IrcNumeric;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/// IRCv3 capability negotiation (`CAP LS [302]`, `LIST`, `REQ`, `END`) and the capabilities a
/// member has enabled. Each change sets the member's [IrcForm] on its connection, which decides
/// how it is sent what happens from then on.
///
/// Reader thread only.
final class IrcCapabilities {

    private final Connection connection;
    private final IrcReplies replies;
    private final Set<IrcCapability> enabled = EnumSet.noneOf(IrcCapability.class);
    /// Between `CAP LS` (or `REQ`) and `CAP END` before registration: registration waits.
    private boolean negotiating;

    IrcCapabilities(Connection connection, IrcReplies replies) {
        this.connection = connection;
        this.replies = replies;
    }

    /// Whether registration must wait for `CAP END`.
    boolean negotiating() {
        return negotiating;
    }

    boolean has(IrcCapability capability) {
        return enabled.contains(capability);
    }

    /// Handles one `CAP` command; `registered` says whether the member has registered.
    /// Returns whether negotiation has just ended (registration may go on).
    boolean handle(IrcMessage message, boolean registered) {
        Optional<String> sub = message.param(0).map(s -> s.toUpperCase(Locale.ROOT));
        if (sub.isEmpty()) {
            replies.needMoreParams("CAP");
            return false;
        }
        switch (sub.get()) {
            case "LS" -> {
                negotiating = !registered;
                boolean withValues = message.param(1).map(IrcCapabilities::version).orElse(0) >= 302;
                if (withValues) {
                    // A client that speaks 302 is told of changes without asking (cap-notify).
                    enable(Set.of(IrcCapability.CAP_NOTIFY));
                }
                ls(withValues);
            }
            case "LIST" -> answer("LIST", enabled.stream().map(IrcCapability::wireName).collect(Collectors.joining(" ")));
            case "REQ" -> {
                negotiating = !registered;
                req(message.param(1).orElse(""));
            }
            case "END" -> {
                boolean ended = negotiating;
                negotiating = false;
                return ended;
            }
            default -> replies.reply(IrcNumeric.ERR_INVALIDCAPCMD, sub.get(), "Invalid CAP command");
        }
        return false;
    }

    /// `CAP * LS`: every capability offered, in one line (the list is far below 512 bytes).
    private void ls(boolean withValues) {
        List<String> names = new ArrayList<>();
        for (IrcCapability capability : IrcCapability.values()) {
            if (capability.offered()) {
                names.add(withValues ? capability.wireName() + capability.value().map(v -> "=" + v).orElse("")
                        : capability.wireName());
            }
        }
        answer("LS", String.join(" ", names));
    }

    /// `CAP REQ :a -b c`: all or nothing, as the specification wants: one unknown name refuses
    /// the whole request (`NAK`), otherwise every change is made and acknowledged (`ACK`).
    private void req(String requested) {
        Set<IrcCapability> add = EnumSet.noneOf(IrcCapability.class);
        Set<IrcCapability> remove = EnumSet.noneOf(IrcCapability.class);
        for (String word : requested.trim().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            boolean removing = word.startsWith("-");
            Optional<IrcCapability> capability = IrcCapability.named(removing ? word.substring(1) : word);
            if (capability.isEmpty()) {
                answer("NAK", requested);
                return;
            }
            (removing ? remove : add).add(capability.get());
        }
        enabled.removeAll(remove);
        enable(add);
        answer("ACK", requested);
    }

    private void enable(Set<IrcCapability> added) {
        enabled.addAll(added);
        connection.ircForm(IrcForm.of(enabled));
    }

    private void answer(String subcommand, String list) {
        replies.send(replies.lines().fromServer("CAP", replies.nick(), subcommand, list));
    }

    private static int version(String word) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
