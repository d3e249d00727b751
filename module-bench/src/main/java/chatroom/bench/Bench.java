package chatroom.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/// `bench`: a load generator for chatroom (and, with `--dialect irc`, for IRC servers), and
/// `bench desktop`, which measures the real desktop client under load.
///
/// Exit codes: 0 the run finished (whatever it measured), 1 the generator could not connect
/// or a member could not join (for `desktop`: also the window did not show what it waited for
/// in time), 2 bad options. Output goes to the injected writers; only
/// [#main] calls `System.exit`.
@Command(name = "bench", mixinStandardHelpOptions = true, version = "chatroom-bench 0.1.0-SNAPSHOT",
        description = "Load generator for chatroom. Only ever connects to 127.0.0.0/8.",
        subcommands = {FanoutCommand.class, CapacityCommand.class, IdleCommand.class, SlowCommand.class,
                ChurnCommand.class, RoomsCommand.class, DesktopCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished", "1:could not connect or join", "2:bad options"})
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /// Runs `bench` with `args`; returns the exit code.
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Bench());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(out);
        line.setErr(err);
        // picocli answers bad options with 2 (ExitCode.USAGE) by default.
        line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof BenchException failure) {
                err.println("bench: " + failure.getMessage());
                err.flush();
                return failure.exitCode().code;
            }
            throw e;
        });
        if (args.length == 0) {
            line.usage(err);
            return ExitCode.USAGE.code;
        }
        return line.execute(args);
    }
}
