package chatroom.client.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import static java.lang.System.Logger.Level.WARNING;

/// The servers whose self-signed certificates the person has trusted, like SSH's
/// `known_hosts`: the file `known_servers` in the data directory, one line per server,
/// `host:port FINGERPRINT` (for example `chat.example.org:53000 AB:CD:…`).
///
/// - The file is read afresh on every lookup, so an edit (say, removing a line after a
///   server's certificate was legitimately replaced) takes effect at the next connection.
/// - Writes replace the file atomically (a temporary file, then a rename), so a crash never
///   leaves half a file.
/// - Lines that are not entries (comments, blank lines, garbage) are logged, skipped, and kept
///   as they were when the file is rewritten: nothing the person wrote is lost.
///
/// [#inMemory()] keeps the entries for this run only (no data directory).
///
/// Thread-safe.
public final class KnownServers {

    /// The file's name in the data directory.
    public static final String FILE_NAME = "known_servers";

    private static final System.Logger LOG = System.getLogger("chatroom.client");

    private final Optional<Path> file;
    private final ReentrantLock lock = new ReentrantLock();
    /// The lines of an in-memory store; unused when there is a file.
    private final List<String> memory = new ArrayList<>();

    private KnownServers(Optional<Path> file) {
        this.file = file;
    }

    /// The store in `dataDirectory`/[#FILE_NAME] (the directory is created on the first write).
    public static KnownServers in(Path dataDirectory) {
        return new KnownServers(Optional.of(dataDirectory.resolve(FILE_NAME)));
    }

    /// A store that forgets everything when the client ends.
    public static KnownServers inMemory() {
        return new KnownServers(Optional.empty());
    }

    /// The file, if the entries are kept in one.
    public Optional<Path> file() {
        return file;
    }

    /// The fingerprint remembered for `server`, if any.
    ///
    /// @throws IOException if the file exists but cannot be read
    public Optional<Fingerprint> lookup(ServerAddress server) throws IOException {
        lock.lock();
        try {
            return Optional.ofNullable(entries(readLines()).get(key(server)));
        } finally {
            lock.unlock();
        }
    }

    /// Remembers `fingerprint` for `server`, replacing what was remembered for it.
    ///
    /// @throws IOException if the file cannot be written (it is then unchanged)
    public void remember(ServerAddress server, Fingerprint fingerprint) throws IOException {
        lock.lock();
        try {
            List<String> lines = readLines();
            String key = key(server);
            String entry = key + " " + fingerprint.value();
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (parse(lines.get(i)).filter(parsed -> parsed.key.equals(key)).isPresent()) {
                    // The first entry is the one lookups use; later duplicates are dropped.
                    if (!replaced) {
                        lines.set(i, entry);
                        replaced = true;
                    } else {
                        lines.remove(i--);
                    }
                }
            }
            if (!replaced) {
                lines.add(entry);
            }
            write(lines);
        } finally {
            lock.unlock();
        }
    }

    /// The key of `server` in the file: `host:port`, the host in lower case (`[v6]:port` for an
    /// IPv6 address).
    static String key(ServerAddress server) {
        return new ServerAddress(server.host().toLowerCase(Locale.ROOT), server.port()).toString();
    }

    private List<String> readLines() throws IOException {
        if (file.isEmpty()) {
            return new ArrayList<>(memory);
        }
        try {
            return new ArrayList<>(Files.readAllLines(file.get(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        }
    }

    private Map<String, Fingerprint> entries(List<String> lines) {
        Map<String, Fingerprint> entries = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Optional<Entry> entry = parse(line);
            if (entry.isPresent()) {
                entries.putIfAbsent(entry.get().key, entry.get().fingerprint);
            } else if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                LOG.log(WARNING, "{0}, line {1}: not ''host:port FINGERPRINT'', ignored", file.map(Path::toString)
                        .orElse(FILE_NAME), i + 1);
            }
        }
        return entries;
    }

    private static Optional<Entry> parse(String line) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Entry(fields[0].toLowerCase(Locale.ROOT), Fingerprint.parse(fields[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void write(List<String> lines) throws IOException {
        if (file.isEmpty()) {
            memory.clear();
            memory.addAll(lines);
            return;
        }
        AtomicFile.replace(file.get(), lines.stream().map(line -> line + "\n").collect(Collectors.joining())
                .getBytes(StandardCharsets.UTF_8));
    }

    private record Entry(String key, Fingerprint fingerprint) {
    }
}
