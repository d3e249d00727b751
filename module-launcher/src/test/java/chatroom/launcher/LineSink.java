package chatroom.launcher;

import java.io.Writer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// A thread-safe [Writer] that a test can wait on: the command writes from its thread, the
/// test awaits a pattern with a timeout.
final class LineSink extends Writer {

    private final StringBuilder text = new StringBuilder();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grown = lock.newCondition();

    @Override
    public void write(char[] chars, int offset, int length) {
        lock.lock();
        try {
            text.append(chars, offset, length);
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /// Waits until the text holds a match for `regex`; returns it, or empty after `timeout`.
    Optional<Matcher> await(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Matcher matcher = pattern.matcher(text);
                if (matcher.find()) {
                    return Optional.of(matcher);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                grown.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return text.toString();
        } finally {
            lock.unlock();
        }
    }
}
