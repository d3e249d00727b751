package chatroom.launcher;

import java.io.PrintWriter;

/// Entry point of `chatroom`. The only place that calls `System.exit`.
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        configureLogFormat();
        var out = new PrintWriter(System.out, true);
        var err = new PrintWriter(System.err, true);
        System.exit(ChatroomCommand.run(args, out, err, OsSignals::install));
    }

    /// One line per log record, unless the operator chose a format.
    private static void configureLogFormat() {
        String format = "%1$tF %1$tT %4$s %5$s%6$s%n";
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", format);
        }
        if (System.getProperty("jdk.system.logger.format") == null) {
            System.setProperty("jdk.system.logger.format", format);
        }
    }
}
