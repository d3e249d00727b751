package chatroom.launcher;

import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/// `chatroom`: one command, a mode flag (`--server` now; `--client` joins the same group) and
/// an optional `HOST PORT` shared by all modes.
@Command(name = "chatroom",
        mixinStandardHelpOptions = true,
        versionProvider = ChatroomCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "A self-hosted group chat. Anyone can join a running server with `nc HOST PORT`.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Success; a server stopped by SIGINT or SIGTERM also exits 0.",
                "1:Failure, e.g. the port is in use or the host cannot be resolved.",
                "2:Invalid command line."})
final class ChatroomCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nMode (choose one):%n")
    Mode mode;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Host name or address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "TCP port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @ArgGroup(exclusive = false, validate = false, heading = "%nServer options:%n")
    ServerOptions server = new ServerOptions();

    @Spec
    CommandSpec spec;

    private final Supplier<StopSignal> stopSignal;

    ChatroomCommand(Supplier<StopSignal> stopSignal) {
        this.stopSignal = stopSignal;
    }

    /// The modes `chatroom` can run in.
    static final class Mode {
        @Option(names = "--server", required = true, description = "Run the chat server.")
        boolean server;
    }

    /// Runs `chatroom` with `args` and returns its exit code; writes only to `out` and `err`.
    static int run(String[] args, PrintWriter out, PrintWriter err, Supplier<StopSignal> stopSignal) {
        var commandLine = new CommandLine(new ChatroomCommand(stopSignal));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("chatroom: " + e.getMessage());
            return ExitCode.FAILURE.code;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        return runServer();
    }

    private int runServer() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "PORT must be between 0 and 65535, not " + port);
        }
        ServerConfig config;
        try {
            config = server.toConfig();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            err.println("chatroom: cannot resolve host '" + host + "'");
            return ExitCode.FAILURE.code;
        }
        ChatServer chat;
        try {
            chat = ChatServer.create(address, config);
        } catch (BindException e) {
            err.println("chatroom: cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another server using the port?)");
            return ExitCode.FAILURE.code;
        } catch (IOException e) {
            err.println("chatroom: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return ExitCode.FAILURE.code;
        }
        StopSignal stop = stopSignal.get();
        chat.start();
        out.println("chatroom server listening on " + host + ":" + chat.address().getPort()
                + " (room " + config.roomName() + "; Ctrl+C stops it)");
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.println("chatroom server stopping");
            chat.stop(server.shutdownGrace());
            out.println("chatroom server stopped");
        }
        return ExitCode.OK.code;
    }

    /// `--version`: the module's version.
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var descriptor = ChatroomCommand.class.getModule().getDescriptor();
            String version = descriptor == null ? "dev" : descriptor.rawVersion().orElse("dev");
            return new String[] {"chatroom " + version, "Java " + Runtime.version()};
        }
    }
}
