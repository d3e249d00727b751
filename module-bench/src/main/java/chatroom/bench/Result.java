package chatroom.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/// One scenario's figures: printed as a human table and as one machine-readable line,
/// `RESULT scenario=… key=value …` (values never hold spaces).
final class Result {

    private final Map<String, String> values = new LinkedHashMap<>();

    Result put(String key, Object value) {
        String text = value instanceof Double d ? String.format(java.util.Locale.ROOT, "%.3f", d) : String.valueOf(value);
        values.put(key, text.replace(' ', '_'));
        return this;
    }

    void print(PrintWriter out) {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        out.println();
        for (var entry : values.entrySet()) {
            out.printf("  %-" + width + "s  %s%n", entry.getKey(), entry.getValue());
        }
        out.println(line());
        out.flush();
    }

    String line() {
        StringBuilder line = new StringBuilder("RESULT");
        values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.toString();
    }
}
