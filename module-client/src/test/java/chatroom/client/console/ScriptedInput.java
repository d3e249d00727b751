package chatroom.client.console;

import java.io.Reader;
import java.util.concurrent.LinkedBlockingQueue;

/// Keyboard input a test types line by line; [#end()] is Ctrl+D.
final class ScriptedInput extends Reader {

    private static final String END = new String("end of input");

    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private String current = "";
    private int position;
    private boolean ended;

    void type(String line) {
        lines.add(line + "\n");
    }

    void end() {
        lines.add(END);
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (ended) {
            return -1;
        }
        if (position == current.length()) {
            try {
                current = lines.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            position = 0;
            if (current == END) {
                ended = true;
                return -1;
            }
        }
        int count = Math.min(length, current.length() - position);
        current.getChars(position, position + count, buffer, offset);
        position += count;
        return count;
    }

    @Override
    public void close() {
        end();
    }
}
