package chatroom.jlink;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/// `chatroom --server` from the built image on a machine without a display: it serves a chat
/// and never loads a class of JavaFX or AWT, nor their native libraries.
///
/// The image holds `java.desktop` and JavaFX (the client needs them) and every module of the
/// image is resolved at start-up, so checking the resolved modules would prove nothing: what
/// the test checks is what the JVM loaded, as its own log (`-Xlog:class+load,library`) tells it,
/// and on Linux the shared objects mapped into the running server (`/proc/PID/maps`), which
/// also catches libraries that native code opens by itself (GTK, X11).
@DisplayName("the server without a display")
class ServerWithoutDisplayIT {

    /// The packages of JavaFX, AWT, Java 2D and Swing, and of the desktop client's JavaFX
    /// layer (whose classes name JavaFX types, so loading one is the first step towards them).
    private static final List<String> DESKTOP_PACKAGES = List.of(
            "javafx.", "com.sun.javafx.", "com.sun.glass.", "com.sun.prism.", "com.sun.scenario.",
            "java.awt.", "sun.awt.", "javax.swing.", "sun.java2d.", "sun.font.", "javax.imageio.",
            "chatroom.client.view.", "chatroom.client.viewmodel.");

    /// The native libraries of `java.desktop` and of JavaFX, and the windowing libraries they
    /// open, by name without `lib` and extension (`libawt_xawt.so`, `awt.dll` → `awt…`).
    private static final List<String> DESKTOP_LIBRARIES = List.of(
            "awt", "jawt", "fontmanager", "freetype", "mlib_image", "lcms", "javajpeg", "splashscreen", "jsound",
            "glass", "prism", "javafx", "decora", "gtk", "gdk", "x11");

    /// The JVM's own log of what it loads: one file, named relative to the working folder (a
    /// Windows path's drive colon would end `-Xlog`'s file name).
    private static final String LOAD_LOG = "loaded.log";
    private static final String NO_DISPLAY_OPTIONS =
            "-Djava.awt.headless=true -Xlog:class+load=info,library=info:file=" + LOAD_LOG + ":tags";

    @TempDir
    Path workDir;

    @Test
    @DisplayName("serves a chat and stops on SIGTERM without loading JavaFX, AWT or their native libraries")
    void server() throws Exception {
        Path dataDir = Files.createDirectory(workDir.resolve("data"));
        int port = ImageProcess.freePort();
        Optional<List<String>> mapped;
        int exitCode;
        try (var server = ImageProcess.start(withoutDisplay("--server", "127.0.0.1", Integer.toString(port),
                "--data-dir", dataDir.toString()))) {
            server.awaitLine("listening on 127.0.0.1:" + port);
            chatInPlainDialect(port);
            server.awaitLine("disconnected as ann");
            mapped = mappedLibraries(server.pid());
            if (System.getProperty("os.name").equals("Linux")) {
                assertThat(mapped).as("/proc/%d/maps, read while the server ran", server.pid()).isPresent();
            }
            exitCode = server.terminate(); // SIGTERM on Linux and macOS; on Windows a hard kill
        }
        if (!ImageProcess.onWindows()) {
            assertThat(exitCode).as("exit code after SIGTERM").isZero();
        }

        var loaded = LoadLog.read(workDir.resolve(LOAD_LOG));
        // Positive controls: the log is the server's, and the test reads its classes and libraries.
        assertThat(loaded.classes()).as("classes the server loaded")
                .anyMatch(name -> name.startsWith("chatroom.server."))
                .contains("chatroom.launcher.Main");
        assertThat(loaded.libraries()).as("native libraries the server loaded").contains("nio", "net");
        assertNoDesktopClass(loaded, "chatroom --server");
        assertNoDesktopLibrary(loaded.libraries(), "native libraries chatroom --server loaded (-Xlog:library)");
        if (mapped.isPresent()) {
            assertThat(mapped.get()).as("shared objects mapped into chatroom --server").contains("jvm", "nio");
            assertNoDesktopLibrary(mapped.get(), "shared objects mapped into chatroom --server (/proc/PID/maps)");
        }
    }

    @ParameterizedTest(name = "chatroom {0}")
    @ValueSource(strings = {"--help", "--version"})
    @DisplayName("answers --help and --version without loading JavaFX, AWT or their native libraries")
    void helpAndVersion(String option) throws Exception {
        String output;
        int exitCode;
        try (var chatroom = ImageProcess.start(withoutDisplay(option))) {
            exitCode = chatroom.awaitExit();
            output = chatroom.output();
        }
        assertThat(exitCode).as("exit code of chatroom %s; output:%n%s", option, output).isZero();
        assertThat(output).contains(option.equals("--help") ? "Usage: chatroom" : "chatroom ");

        var loaded = LoadLog.read(workDir.resolve(LOAD_LOG));
        assertThat(loaded.classes()).as("classes chatroom %s loaded", option)
                .contains("chatroom.launcher.ChatroomCommand", "picocli.CommandLine");
        assertNoDesktopClass(loaded, "chatroom " + option);
        assertNoDesktopLibrary(loaded.libraries(), "native libraries chatroom " + option + " loaded");
    }

    /// `chatroom ARGS` with no display in its environment, headless AWT, and the JVM logging the
    /// classes and native libraries it loads into [#LOAD_LOG] in [#workDir].
    private ProcessBuilder withoutDisplay(String... args) {
        var builder = ImageProcess.chatroom(NO_DISPLAY_OPTIONS, args).directory(workDir.toFile());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        return builder;
    }

    /// A person with a terminal and `nc`: a name, a message, `/quit`.
    private static void chatInPlainDialect(int port) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) ImageProcess.TIMEOUT.toMillis());
            socket.setSoTimeout((int) ImageProcess.TIMEOUT.toMillis());
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            awaitLine(in, "Type your name");
            send(out, "ann");
            awaitLine(in, "* ann joined the chat");
            send(out, "ciao from a server with no screen, è tutto ok");
            awaitLine(in, "ann: ciao from a server with no screen, è tutto ok");
            send(out, "/quit");
            awaitLine(in, "Goodbye, ann");
            assertThat(in.readLine()).as("the server closes the connection after /quit").isNull();
        }
    }

    private static void send(Writer out, String line) throws IOException {
        out.write(line + "\n");
        out.flush();
    }

    /// Reads lines until one contains `fragment`; the socket's timeout bounds each read and
    /// the count bounds the lines a chat this short can send.
    private static void awaitLine(BufferedReader in, String fragment) throws IOException {
        var seen = new StringBuilder();
        for (int count = 0; count < 50; count++) {
            String line = in.readLine();
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            if (line.contains(fragment)) {
                return;
            }
        }
        fail("the server sent no line containing '%s'; it sent:%n%s", fragment, seen);
    }

    private static void assertNoDesktopClass(LoadLog loaded, String what) {
        assertThat(loaded.classes().stream()
                .filter(name -> DESKTOP_PACKAGES.stream().anyMatch(name::startsWith))
                .toList())
                .as("classes of JavaFX, AWT, Swing or the desktop client that %s loaded", what)
                .isEmpty();
    }

    private static void assertNoDesktopLibrary(List<String> libraries, String what) {
        assertThat(libraries.stream()
                .filter(name -> DESKTOP_LIBRARIES.stream().anyMatch(name::startsWith))
                .toList())
                .as("%s that belong to JavaFX, AWT or a windowing system", what)
                .isEmpty();
    }

    /// The shared objects mapped into a running process, by [#libraryName], on Linux; empty
    /// where there is no `/proc`.
    private static Optional<List<String>> mappedLibraries(long pid) throws IOException {
        Path maps = Path.of("/proc", Long.toString(pid), "maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        // A line ends with the mapped file's path, if the mapping has one: from its first '/'
        // (the fields before it, address, permissions, offset, device and inode, have none).
        return Optional.of(Files.readAllLines(maps).stream()
                .filter(line -> line.indexOf('/') >= 0)
                .map(line -> line.substring(line.indexOf('/')))
                .filter(path -> path.contains(".so"))
                .map(ServerWithoutDisplayIT::libraryName)
                .distinct()
                .toList());
    }

    /// A native library's name without folder, `lib` prefix and extension, in lower case:
    /// `/usr/lib/libX11.so.6` → `x11`, `C:\…\awt.dll` → `awt`.
    static String libraryName(String path) {
        String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        String name = file.startsWith("lib") ? file.substring("lib".length()) : file;
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    }

    /// What one JVM wrote into its `-Xlog:class+load,library:file=…:tags` log: the names of the
    /// classes and of the native libraries (by [#libraryName]) it loaded, in order.
    record LoadLog(List<String> classes, List<String> libraries) {

        private static final String CLASS_LOAD = "[class,load] ";
        private static final String LOADED_LIBRARY = "[library] Loaded library ";

        static LoadLog read(Path log) throws IOException {
            assertThat(log).as("the JVM's load log").exists();
            List<String> classes = new ArrayList<>();
            List<String> libraries = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                // The tags decoration is padded: "[library   ] Loaded library …".
                String entry = line.replaceFirst("^\\[([a-z,+]+) *\\] ", "[$1] ");
                if (entry.startsWith(CLASS_LOAD)) {
                    String rest = entry.substring(CLASS_LOAD.length());
                    int space = rest.indexOf(' ');
                    classes.add(space < 0 ? rest : rest.substring(0, space));
                } else if (entry.startsWith(LOADED_LIBRARY)) {
                    String rest = entry.substring(LOADED_LIBRARY.length());
                    int handle = rest.lastIndexOf(", handle ");
                    libraries.add(libraryName(handle < 0 ? rest : rest.substring(0, handle)));
                }
            }
            return new LoadLog(List.copyOf(classes), List.copyOf(libraries));
        }
    }
}
