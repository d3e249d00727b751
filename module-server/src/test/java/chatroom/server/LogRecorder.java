package chatroom.server;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

/// Records what the server logs from a given level up, formatted: [#severe()] for its errors
/// (the uncaught exceptions of its threads, a connection's unexpected errors), [#info()] for
/// what reaches an operator's log (that a wrong password is logged, that a refusal is not
/// logged over and over, that no password ever is).
///
/// The server logs through `System.Logger`, which goes to `java.util.logging` (logger
/// `chatroom.server`). The tests are compiled into the `chatroom.server` module, which does not
/// read `java.logging`, so this class reaches JUL by reflection (which assumes readability) and
/// uses the JDK's own `StreamHandler` writing into a buffer here.
final class LogRecorder implements AutoCloseable {

    private static final String LOGGER_NAME = "chatroom.server";

    private final ByteArrayOutputStream buffer;
    /// Held strongly: JUL keeps loggers only weakly.
    private final Object logger;
    private final Object handler;

    private LogRecorder(ByteArrayOutputStream buffer, Object logger, Object handler) {
        this.buffer = buffer;
        this.logger = logger;
        this.handler = handler;
    }

    /// Records `SEVERE` (`System.Logger.Level.ERROR`) only.
    static LogRecorder severe() {
        return install("SEVERE");
    }

    /// Records `INFO` and above.
    static LogRecorder info() {
        return install("INFO");
    }

    /// Adds a handler recording JUL level `level` and above to the `chatroom.server` logger.
    private static LogRecorder install(String level) {
        try {
            Class<?> loggerClass = Class.forName("java.util.logging.Logger");
            Class<?> handlerClass = Class.forName("java.util.logging.Handler");
            Class<?> levelClass = Class.forName("java.util.logging.Level");
            Class<?> formatterClass = Class.forName("java.util.logging.Formatter");
            Object logger = loggerClass.getMethod("getLogger", String.class).invoke(null, LOGGER_NAME);
            Object formatter = Class.forName("java.util.logging.SimpleFormatter").getConstructor().newInstance();
            var buffer = new ByteArrayOutputStream();
            Object handler = Class.forName("java.util.logging.StreamHandler")
                    .getConstructor(java.io.OutputStream.class, formatterClass)
                    .newInstance(buffer, formatter);
            handlerClass.getMethod("setLevel", levelClass).invoke(handler, levelClass.getField(level).get(null));
            loggerClass.getMethod("addHandler", handlerClass).invoke(logger, handler);
            return new LogRecorder(buffer, logger, handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install a handler on the JUL logger " + LOGGER_NAME, e);
        }
    }

    /// Everything recorded so far, formatted by `SimpleFormatter` (messages with their
    /// parameters filled in); empty if nothing was.
    String recorded() {
        invoke("flush");
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /// How many recorded lines contain `text`.
    long count(String text) {
        return recorded().lines().filter(line -> line.contains(text)).count();
    }

    @Override
    public void close() {
        try {
            Class<?> handlerClass = Class.forName("java.util.logging.Handler");
            logger.getClass().getMethod("removeHandler", handlerClass).invoke(logger, handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot remove the recording handler", e);
        }
        invoke("close");
    }

    private void invoke(String method) {
        try {
            Class.forName("java.util.logging.Handler").getMethod(method).invoke(handler);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call Handler." + method, e);
        }
    }
}
