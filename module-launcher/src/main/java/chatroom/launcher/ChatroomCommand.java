package chatroom.launcher;

import chatroom.protocol.RoomName;
import chatroom.server.ChatServer;
import chatroom.server.DataDirectoryException;
import chatroom.server.ServerConfig;
import chatroom.server.TlsIdentity;
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
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/// `chatroom`: one command, a mode flag (`--server` or `--client`) and an optional `HOST PORT`
/// shared by both modes, each with its own group of options.
@Command(name = "chatroom",
        mixinStandardHelpOptions = true,
        versionProvider = ChatroomCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"A self-hosted group chat. Anyone can join a running server with `nc HOST PORT`.",
                "  chatroom --server [HOST] [PORT]   runs a server",
                "  chatroom --client [HOST] [PORT]   opens the desktop client"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Success; a server stopped by SIGINT or SIGTERM also exits 0.",
                "1:Failure, e.g. the port is in use, the host cannot be resolved, or a password file or the data directory cannot be used.",
                "2:Invalid command line.",
                "3:Client: the server's certificate was not trusted (it changed, or was not accepted)."})
final class ChatroomCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nMode (choose one):%n")
    Mode mode;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST",
            description = "Server: host name or address to listen on (default: " + ServerConfig.DEFAULT_HOST
                    + "). Client: the server to connect to (prefills the connect dialog).")
    String host;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT",
            description = "Server: TCP port to listen on, 0 for any free port (default: " + ServerConfig.DEFAULT_PORT
                    + "). Client: the server's port.")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder for chatroom's files: the server's history and generated TLS certificate, "
                    + "the clients' trusted servers (default: the user's data folder, here ${DEFAULT-VALUE}).")
    Path dataDir = DataDirectory.defaultPath();

    @Option(names = "--tls",
            description = "Server: accept only TLS connections, with a self-signed certificate made once in the data "
                    + "directory (or the --tls-keystore). Client: connect with TLS (the client also switches to TLS "
                    + "when the server accepts only TLS).")
    boolean tls;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The server's password, in the first line of FILE. Server: clients must give it before "
                    + "they may join (default: no password). Client: the password to give.")
    Path passwordFile;

    private static final String SERVER_OPTIONS = "%nServer options:%n";
    private static final String CLIENT_OPTIONS = "%nClient options:%n";

    @ArgGroup(exclusive = false, validate = false, heading = SERVER_OPTIONS)
    ServerOptions server = new ServerOptions();

    @ArgGroup(exclusive = false, validate = false, heading = CLIENT_OPTIONS)
    ClientArguments client = new ClientArguments();

    @Spec
    CommandSpec spec;

    private final Supplier<StopSignal> stopSignal;
    private final ClientStarter desktopClient;
    private final ClientStarter consoleClient;

    ChatroomCommand(Supplier<StopSignal> stopSignal, ClientStarter desktopClient, ClientStarter consoleClient) {
        this.stopSignal = stopSignal;
        this.desktopClient = desktopClient;
        this.consoleClient = consoleClient;
    }

    /// The modes `chatroom` can run in.
    static final class Mode {
        @Option(names = "--server", required = true, description = "Run the chat server.")
        boolean server;

        @Option(names = "--client", required = true, description = "Open the desktop chat client.")
        boolean client;
    }

    /// Runs `chatroom` with `args` and returns its exit code; writes only to `out` and `err`.
    static int run(String[] args, PrintWriter out, PrintWriter err, Supplier<StopSignal> stopSignal,
                   ClientStarter desktopClient, ClientStarter consoleClient) {
        var commandLine = new CommandLine(new ChatroomCommand(stopSignal, desktopClient, consoleClient));
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
        // picocli reads `@FILE` as a file of arguments (the service's /etc/chatroom/server.conf),
        // and leaves the word as it is when it cannot read the file: it would be taken as HOST.
        if (host != null && host.startsWith("@")) {
            throw new ParameterException(spec.commandLine(), "cannot read the options file '" + host.substring(1)
                    + "' (an argument starting with @ names a file of arguments)");
        }
        return mode.client ? runClient() : runServer();
    }

    private int runClient() {
        rejectOptionsOf(SERVER_OPTIONS, "--server");
        try {
            var options = client.toOptions(Optional.ofNullable(host), Optional.ofNullable(port), dataDir, passwordFile, tls);
            return (client.console ? consoleClient : desktopClient).run(options);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int runServer() {
        rejectOptionsOf(CLIENT_OPTIONS, "--client");
        String host = this.host == null ? ServerConfig.DEFAULT_HOST : this.host;
        int port = this.port == null ? ServerConfig.DEFAULT_PORT : this.port;
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "PORT must be between 0 and 65535, not " + port);
        }
        ServerConfig config;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            config = server.toConfig(passwordFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            err.println("chatroom: " + e.getMessage());
            return ExitCode.FAILURE.code;
        }
        var address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            err.println("chatroom: cannot resolve host '" + host + "'");
            return ExitCode.FAILURE.code;
        }
        if (!server.inMemory) {
            Path directory = dataDir.toAbsolutePath();
            try {
                DataDirectory.prepare(directory);
            } catch (IOException e) {
                err.println("chatroom: cannot use data directory " + directory + ": " + DataDirectory.describe(e));
                return ExitCode.FAILURE.code;
            }
            config = config.toBuilder().dataDir(Optional.of(directory)).build();
        }
        Optional<TlsIdentity> identity;
        try {
            identity = server.tlsIdentity(tls, dataDir, host);
        } catch (IOException | IllegalArgumentException e) {
            err.println("chatroom: cannot use TLS: " + e.getMessage());
            return ExitCode.FAILURE.code;
        }
        if (identity.isPresent()) {
            config = config.toBuilder().tls(identity.map(TlsIdentity::sslContext)).build();
        }
        ChatServer chat;
        try {
            chat = ChatServer.create(address, config);
        } catch (DataDirectoryException e) {
            err.println("chatroom: " + e.getMessage());
            return ExitCode.FAILURE.code;
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
        identity.ifPresent(tlsIdentity -> {
            out.println("TLS certificate SHA-256 fingerprint: " + tlsIdentity.fingerprint());
            if (tlsIdentity.isSelfSigned()) {
                out.println("TLS self-signed certificate kept in " + tlsIdentity.keystore()
                        + " (made once, reused on later starts)");
            }
        });
        out.println("chatroom server listening on " + host + ":" + chat.address().getPort()
                + " (room " + RoomName.of(config.roomName()) + "; history " + config.dataDir().map(dir -> "in " + dir)
                .orElse("in memory only") + "; Ctrl+C stops it)");
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

    /// Refuses options of the other mode: `--client --max-clients 5` is a mistake worth saying.
    private void rejectOptionsOf(String groupHeading, String mode) {
        var parseResult = spec.commandLine().getParseResult();
        spec.argGroups().stream()
                .filter(argGroup -> groupHeading.equals(argGroup.heading()))
                .flatMap(argGroup -> argGroup.options().stream())
                .filter(parseResult::hasMatchedOption)
                .findFirst()
                .ifPresent(option -> {
                    throw new ParameterException(spec.commandLine(), option.longestName() + " applies only with " + mode);
                });
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
