package chatroom.launcher;

import chatroom.client.ConsoleClient;
import chatroom.client.DesktopClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/// Entry point of `chatroom`. The only place that calls `System.exit`.
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        configureLogFormat();
        var out = new PrintWriter(System.out, true);
        var err = new PrintWriter(System.err, true);
        // The terminal's own encoding, as System.out uses for output.
        var in = new BufferedReader(new InputStreamReader(System.in,
                Charset.forName(System.getProperty("stdin.encoding", "UTF-8"), StandardCharsets.UTF_8)));
        // Lambdas rather than method references: the client classes load only with --client.
        System.exit(ChatroomCommand.run(args, out, err, OsSignals::install, options -> DesktopClient.run(options),
                options -> ConsoleClient.run(options, in, out)));
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
