package chatroom.server;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

/// Records what the server logs at `SEVERE` (`System.Logger.Level.ERROR`): the uncaught
/// exceptions of its threads and a connection's unexpected errors.
///
/// The server logs through `System.Logger`, which goes to `java.util.logging` (logger
/// `chatroom.server`). The tests are compiled into the `chatroom.server` module, which does not
/// read `java.logging`, so this class reaches JUL by reflection (which assumes readability) and
/// uses the JDK's own `StreamHandler` writing into a buffer here.
final class SevereLogRecorder implements AutoCloseable {

    private static final String LOGGER_NAME = "chatroom.server";

    private final ByteArrayOutputStream buffer;
    /// Held strongly: JUL keeps loggers only weakly, and a collected logger would take the
    /// handler with it.
    private final Object logger;
    private final Object handler;

    private SevereLogRecorder(ByteArrayOutputStream buffer, Object logger, Object handler) {
        this.buffer = buffer;
        this.logger = logger;
        this.handler = handler;
    }

    /// Adds a recording handler to the `chatroom.server` logger.
    static SevereLogRecorder install() {
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
            handlerClass.getMethod("setLevel", levelClass).invoke(handler, levelClass.getField("SEVERE").get(null));
            loggerClass.getMethod("addHandler", handlerClass).invoke(logger, handler);
            return new SevereLogRecorder(buffer, logger, handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install a handler on the JUL logger " + LOGGER_NAME, e);
        }
    }

    /// Everything recorded so far, formatted by `SimpleFormatter`; empty if nothing was.
    String recorded() {
        invoke("flush");
        // ByteArrayOutputStream is synchronized: a concurrent publish is seen whole or not at all.
        return buffer.toString(StandardCharsets.UTF_8);
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
