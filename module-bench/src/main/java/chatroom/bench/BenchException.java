package chatroom.bench;

/// Failures that end a run with a particular [ExitCode].
sealed abstract class BenchException extends RuntimeException {

    BenchException(String message) {
        super(message);
    }

    abstract ExitCode exitCode();

    /// The generator could not connect to the server, or a member could not join.
    static final class ConnectFailed extends BenchException {
        ConnectFailed(String message) {
            super(message);
        }

        @Override
        ExitCode exitCode() {
            return ExitCode.CONNECT_FAILED;
        }
    }

    /// The options make no sense together.
    static final class Usage extends BenchException {
        Usage(String message) {
            super(message);
        }

        @Override
        ExitCode exitCode() {
            return ExitCode.USAGE;
        }
    }
}
