package chatroom.client.core.preferences;

import chatroom.client.core.AtomicFile;
import chatroom.client.core.preferences.PreferencesFile.Reading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static java.lang.System.Logger.Level.WARNING;

/// The desktop client's [Preferences]: held in memory, and (with a data folder) kept in
/// `preferences.properties` there, in the format of [PreferencesFile].
///
/// - [#load(Optional)] reads the file on the caller's thread (the launcher's, before the
///   window opens). A file that cannot be read, is not UTF-8 or has no known version gives the
///   defaults; a bad line or value gives that value's default. Either way a warning is logged
///   and the file is copied to `preferences.properties.damaged` first, so nothing the person
///   wrote is lost when the next save replaces it.
/// - [#update(UnaryOperator)] changes the preferences in memory at once and saves them on the
///   store's own thread (`chatroom-preferences`), never the caller's (which is the FX thread):
///   a temporary file, forced to disk, then moved over the old one, so a crash leaves the old
///   file or the new one. Saves queued while one runs are coalesced: the file always ends up
///   with the latest preferences.
/// - [#close()] waits for the last save; the application calls it when the window has gone.
///
/// Without a data folder ([#inMemory(Preferences)]) nothing is written. Thread-safe.
public final class PreferencesStore implements AutoCloseable {

    /// The file's name in the data folder.
    public static final String FILE_NAME = "preferences.properties";
    /// Where a file that could not be used entirely is copied.
    public static final String DAMAGED_SUFFIX = ".damaged";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger("chatroom.client");

    private final Optional<Path> file;
    private final AtomicReference<Preferences> current;
    /// Whether a save is queued and has not yet read [#current].
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService writer;

    private PreferencesStore(Optional<Path> file, Preferences initial) {
        this.file = file;
        this.current = new AtomicReference<>(initial);
        this.writer = file.isEmpty() ? null : Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("chatroom-preferences").daemon(true)
                        .uncaughtExceptionHandler((thread, e) -> LOG.log(WARNING, "saving the preferences failed", e))
                        .factory());
    }

    /// The store in `dataDirectory`/[#FILE_NAME], or in memory when there is no data folder.
    /// Reads the file now (so: not on the FX thread).
    public static PreferencesStore load(Optional<Path> dataDirectory) {
        return dataDirectory.map(PreferencesStore::in).orElseGet(() -> inMemory(Preferences.DEFAULTS));
    }

    /// The store in `dataDirectory`/[#FILE_NAME]; the directory is created on the first save.
    public static PreferencesStore in(Path dataDirectory) {
        Path path = dataDirectory.resolve(FILE_NAME);
        return new PreferencesStore(Optional.of(path), read(path));
    }

    /// A store that forgets everything when the client ends.
    public static PreferencesStore inMemory(Preferences initial) {
        return new PreferencesStore(Optional.empty(), Objects.requireNonNull(initial, "initial"));
    }

    /// The file, if the preferences are kept in one.
    public Optional<Path> file() {
        return file;
    }

    /// The preferences as they are now (no I/O).
    public Preferences current() {
        return current.get();
    }

    /// Changes the preferences (`change` may run more than once if others change them at the
    /// same time, so it must be pure) and saves the result in the background.
    ///
    /// @return the preferences after the change
    public Preferences update(UnaryOperator<Preferences> change) {
        Preferences next = current.updateAndGet(before -> Objects.requireNonNull(change.apply(before), "preferences"));
        schedule();
        return next;
    }

    /// Replaces the preferences with `preferences` and saves them in the background.
    public void save(Preferences preferences) {
        Objects.requireNonNull(preferences, "preferences");
        update(any -> preferences);
    }

    /// Waits (at most `timeout`) until every save asked for so far is on disk.
    ///
    /// @return whether it is
    public boolean flush(Duration timeout) {
        if (writer == null) {
            return true;
        }
        try {
            Future<?> marker = writer.submit(() -> { });
            // One thread, first in first out: the marker runs after every save queued before it.
            marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            return false;
        }
    }

    /// Writes what is pending (waiting a few seconds at most) and stops the store's thread.
    /// Later changes stay in memory only.
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        if (!flush(CLOSE_TIMEOUT)) {
            LOG.log(WARNING, "the preferences could not be saved in {0}: recent changes are lost", CLOSE_TIMEOUT);
        }
        writer.shutdown();
    }

    private void schedule() {
        if (writer == null) {
            return;
        }
        // Changes made before the queued save reads `current` ride along with it.
        if (queued.compareAndSet(false, true)) {
            try {
                writer.execute(this::writeLatest);
            } catch (RejectedExecutionException e) {
                queued.set(false);
                LOG.log(WARNING, "the preferences changed after the store was closed: kept in memory only");
            }
        }
    }

    /// On the store's thread: writes the latest preferences. A change after `queued` is
    /// cleared queues another save, so the file always ends with the last change.
    private void writeLatest() {
        queued.set(false);
        Path target = file.orElseThrow();
        try {
            write(target, PreferencesFile.write(current.get()));
        } catch (IOException | UncheckedIOException e) {
            LOG.log(WARNING, "could not save the preferences to {0}: {1}", target, e.toString());
        }
    }

    private static Preferences read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Preferences.DEFAULTS;
        } catch (CharacterCodingException e) {
            return setAside(path, "it is not UTF-8 text", Preferences.DEFAULTS);
        } catch (IOException e) {
            return setAside(path, "it cannot be read (" + e + ")", Preferences.DEFAULTS);
        }
        return switch (PreferencesFile.parse(lines)) {
            case Reading.Unusable unusable -> setAside(path, unusable.reason(), Preferences.DEFAULTS);
            case Reading.Read read when read.problems().isEmpty() -> read.preferences();
            case Reading.Read read -> {
                for (PreferencesFile.Problem problem : read.problems()) {
                    LOG.log(WARNING, "{0}, line {1}: {2}", path, problem.line(), problem.detail());
                }
                yield setAside(path, read.problems().size() + " line(s) could not be used", read.preferences());
            }
        };
    }

    /// Copies the file aside so nothing in it is lost, and goes on with `using`.
    private static Preferences setAside(Path path, String reason, Preferences using) {
        Path aside = path.resolveSibling(path.getFileName() + DAMAGED_SUFFIX);
        try {
            Files.copy(path, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(WARNING, "{0}: {1}; kept as {2}, the rest uses the defaults", path, reason, aside);
        } catch (IOException e) {
            LOG.log(WARNING, "{0}: {1}; and it could not be kept as {2} ({3})", path, reason, aside, e.toString());
        }
        return using;
    }

    private static void write(Path target, String text) throws IOException {
        AtomicFile.replace(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
