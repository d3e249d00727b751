package chatroom.client.core.preferences;

import chatroom.client.ClientOptions.Theme;
import chatroom.protocol.Name;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static chatroom.client.core.preferences.PreferencesTest.CHAT;
import static chatroom.client.core.preferences.PreferencesTest.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

/// The store against real files in a temporary folder.
class PreferencesStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<PreferencesStore> opened = new ArrayList<>();

    @TempDir
    Path data;

    @AfterEach
    void closeStores() {
        opened.forEach(PreferencesStore::close);
    }

    private PreferencesStore open(Path folder) {
        var store = PreferencesStore.load(Optional.of(folder));
        opened.add(store);
        return store;
    }

    private Path file() {
        return data.resolve(PreferencesStore.FILE_NAME);
    }

    @Test
    @DisplayName("a missing file gives the defaults and creates nothing until something changes")
    void missingFile() {
        var store = open(data.resolve("not-yet"));
        assertThat(store.current()).isEqualTo(Preferences.DEFAULTS);
        assertThat(store.flush(WAIT)).isTrue();
        assertThat(data.resolve("not-yet")).doesNotExist();
    }

    @Test
    @DisplayName("what is saved is what the next start loads, and nothing is left behind")
    void roundTrip() throws IOException {
        var store = open(data);
        Preferences prefs = PreferencesTest.everything();
        store.save(prefs);
        assertThat(store.current()).isEqualTo(prefs);
        assertThat(store.flush(WAIT)).isTrue();

        assertThat(open(data).current()).isEqualTo(prefs);
        try (var files = Files.list(data)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly(PreferencesStore.FILE_NAME);
        }
    }

    @Test
    @DisplayName("saving happens on the store's own named thread, not the caller's")
    void ownThread() throws Exception {
        var store = open(data);
        store.update(prefs -> prefs.withFontSize(15));
        assertThat(store.flush(WAIT)).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("chatroom-preferences");
        assertThat(Files.readString(file())).contains("font.size = 15");
    }

    @Test
    @DisplayName("a file that is not a preferences file gives the defaults and is kept aside")
    void damagedFile() throws IOException {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n', 'x'};
        Files.write(file(), garbage);
        var store = open(data);
        assertThat(store.current()).isEqualTo(Preferences.DEFAULTS);
        Path aside = data.resolve(PreferencesStore.FILE_NAME + PreferencesStore.DAMAGED_SUFFIX);
        assertThat(Files.readAllBytes(aside)).isEqualTo(garbage);

        Files.writeString(file(), "theme = dark\n");
        assertThat(open(data).current()).isEqualTo(Preferences.DEFAULTS);
        assertThat(Files.readString(aside)).isEqualTo("theme = dark\n");
    }

    @Test
    @DisplayName("a file with one bad value keeps the good ones, and a copy of itself aside")
    void partlyDamaged() throws IOException {
        String text = "version = 1\ntheme = dark\nfont.size = huge\n";
        Files.writeString(file(), text);
        var store = open(data);
        assertThat(store.current().theme()).isEqualTo(Theme.DARK);
        assertThat(store.current().fontSize()).isEqualTo(Preferences.DEFAULT_FONT_SIZE);
        assertThat(Files.readString(data.resolve(PreferencesStore.FILE_NAME + PreferencesStore.DAMAGED_SUFFIX)))
                .isEqualTo(text);

        store.update(prefs -> prefs.withFontSize(20));
        assertThat(store.flush(WAIT)).isTrue();
        assertThat(open(data).current()).isEqualTo(Preferences.DEFAULTS.withTheme(Theme.DARK).withFontSize(20));
    }

    @Test
    @DisplayName("a file that cannot be read (a folder in its place) gives the defaults")
    void unreadable() throws IOException {
        Files.createDirectories(file());
        var store = open(data);
        assertThat(store.current()).isEqualTo(Preferences.DEFAULTS);
        // Saving fails (logged), the store keeps working in memory.
        store.update(prefs -> prefs.withFontSize(11));
        assertThat(store.flush(WAIT)).isTrue();
        assertThat(store.current().fontSize()).isEqualTo(11);
    }

    @Test
    @DisplayName("without a data folder the preferences live in memory only")
    void inMemory() {
        var store = PreferencesStore.load(Optional.empty());
        opened.add(store);
        assertThat(store.file()).isEmpty();
        store.update(prefs -> prefs.withServerUsed(CHAT, new Name("Luca"), false, MONDAY));
        assertThat(store.current().lastServer()).isPresent();
        assertThat(store.flush(WAIT)).isTrue();
    }

    @Test
    @DisplayName("concurrent changes are all kept, and the file ends with the last state")
    void concurrentSaves() throws Exception {
        var store = open(data);
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < each; n++) {
                        int i = n;
                        var host = new chatroom.client.core.ServerAddress("host" + thread, 1000 + i);
                        store.update(prefs -> prefs.withServerUsed(host, new Name("n" + thread), false,
                                MONDAY.plusSeconds(thread * 1000L + i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.flush(WAIT)).isTrue();
        Preferences last = store.current();
        assertThat(last.servers()).hasSize(Preferences.MAX_SERVERS);
        assertThat(open(data).current()).isEqualTo(last);

        store.save(Preferences.DEFAULTS.withFontSize(12));
        store.save(Preferences.DEFAULTS.withFontSize(21));
        store.close();
        assertThat(PreferencesStore.load(Optional.of(data)).current().fontSize()).isEqualTo(21);
    }
}
