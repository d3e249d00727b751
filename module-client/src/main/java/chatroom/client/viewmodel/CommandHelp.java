package chatroom.client.viewmodel;

import chatroom.protocol.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/// The typed commands for the shortcuts sheet: the forms as [Command#HELP] writes them (the
/// same words the server and the console print), with descriptions in the person's language
/// (`help.command.<word>` in the bundles, one per command line of [Command#HELP]).
public final class CommandHelp {

    /// One command: how it is typed (`/join #room`) and what it does, translated.
    public record Line(String syntax, String description) {
        public Line {
            Objects.requireNonNull(syntax, "syntax");
            Objects.requireNonNull(description, "description");
        }
    }

    private CommandHelp() {
    }

    /// Every command of [Command#HELP], in its order.
    public static List<Line> lines(Texts texts) {
        List<Line> lines = new ArrayList<>();
        for (String line : Command.HELP) {
            if (line.startsWith("/")) {
                lines.add(new Line(syntax(line), texts.get(key(line))));
            }
        }
        return List.copyOf(lines);
    }

    /// The bundle key of the description of a command line of [Command#HELP]
    /// (`help.command.join` for the `/join` line).
    public static String key(String helpLine) {
        String word = helpLine.substring(1).split("[\\s,]", 2)[0];
        return "help.command." + word.toLowerCase(Locale.ROOT);
    }

    /// The form of a command line: its text up to the first run of two spaces.
    static String syntax(String helpLine) {
        return helpLine.split(" {2,}", 2)[0].strip();
    }
}
