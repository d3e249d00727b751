import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/// The training run behind the image's start-up archive (`lib/server/classes.jsa`), run by
/// the build (jlink/pom.xml) with the build's JDK as a source-file program:
/// `java CdsTraining.java IMAGE WORK`.
///
/// It starts what a person starts, from the image's own `bin/chatroom` (so with the
/// launcher's JVM options): the server, a console client and the desktop client (on
/// JavaFX's headless platform, so no display is needed), which chat until the desktop
/// client has drawn its first frame and shown a message. Each JVM writes the classes it
/// loaded (`-XX:DumpLoadedClassList`); they are merged, with the JDK's own list
/// (`lib/classlist`, what jlink's default archive holds), into `WORK/merged.classlist`. The
/// build then dumps the archive from that list, in the image's place of the default one,
/// where the JVM finds it without any option.
///
/// The linkage lines that involve a class older than Java 6 (picocli's are Java 5 class
/// files) are left out: resolving them links that class while dumping, and the JVM archives
/// no old class it has linked (it skipped 143 of them, all of picocli's, which then cost the
/// server about 10 ms at every start).
///
/// Every wait is bounded; a step that does not happen in time fails the build with what the
/// processes wrote.
final class CdsTraining {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<Process> STARTED = new ArrayList<>();

    private CdsTraining() {
    }

    static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(work);
        try {
            train(image, work);
        } finally {
            STARTED.forEach(Process::destroyForcibly);
        }
        var lists = List.of(image.resolve("lib/classlist"), work.resolve("server.classlist"),
                work.resolve("console.classlist"), work.resolve("desktop.classlist"));
        var merged = merge(lists, image);
        Files.write(work.resolve("merged.classlist"), merged, StandardCharsets.UTF_8);
        System.out.printf("CDS training: %d classes and linkage lines in %s%n", merged.size(),
                work.resolve("merged.classlist"));
    }

    private static void train(Path image, Path work) throws Exception {
        Path command = image.resolve("bin/chatroom");
        int port = freePort();
        String address = "127.0.0.1";
        var server = start(command, work, "server", "", "--server", address, Integer.toString(port),
                "--data-dir", work.resolve("server-data").toString());
        server.awaitLine("listening on " + address + ":" + port);
        var ann = start(command, work, "console", "", "--client", "--console", address, Integer.toString(port),
                "--name", "ann");
        ann.awaitLine("as ann");
        // The desktop client with a name connects at once and shows the chat.
        var carol = start(command, work, "desktop", "-Dglass.platform=Headless -Dprism.order=sw",
                "--client", address, Integer.toString(port), "--name", "carol",
                "--data-dir", work.resolve("desktop-data").toString());
        carol.awaitLine("First frame shown");
        ann.awaitLine("* carol joined the chat");
        ann.type("ciao carol, come va?");
        ann.type("/msg carol una parola in privato");
        ann.awaitLine("[to carol] una parola in privato");
        ann.type("/who");
        ann.awaitLine("In the chat: ann, carol");
        // Time for the window to draw the two messages (nothing it writes tells when it has).
        Thread.sleep(Duration.ofMillis(500));

        // SIGTERM: each JVM ends as it does for a person, and its class list is complete.
        carol.stop();
        ann.awaitLine("* carol left the chat");
        ann.type("/quit");
        ann.awaitExit();
        server.stop();
    }

    /// The class names of `lists` once each (in the order first seen), then their linkage
    /// lines (`@lambda-proxy`, `@cp`, …) once each, without those that name a class older
    /// than Java 6. The ids the JVM writes after each name matter only for classes of custom
    /// class loaders, which chatroom has none of; the merged list names classes as the JDK's
    /// own list does.
    static List<String> merge(List<Path> lists, Path image) throws IOException {
        var classes = new LinkedHashSet<String>();
        var linkage = new LinkedHashSet<String>();
        for (Path list : lists) {
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("@")) {
                    linkage.add(line);
                } else {
                    classes.add(line.split(" ", 2)[0]);
                }
            }
        }
        Set<String> old = oldClasses(image, classes);
        var merged = new ArrayList<String>(classes);
        // A line that names a class whose name merely starts with an old one's is left out
        // too: a little less linked ahead of time, never a wrong archive.
        linkage.stream().filter(line -> old.stream().noneMatch(line::contains)).forEach(merged::add);
        return merged;
    }

    /// The classes of `classes` whose class files in `image` predate Java 6 (major version
    /// under 50).
    private static Set<String> oldClasses(Path image, Collection<String> classes) throws IOException {
        var old = new HashSet<String>();
        try (FileSystem modules = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", image.toString()))) {
            for (String name : classes) {
                int slash = name.lastIndexOf('/');
                Path inPackage = modules.getPath("/packages", name.substring(0, Math.max(slash, 0)).replace('/', '.'));
                if (slash < 0 || !Files.isDirectory(inPackage)) {
                    continue;
                }
                try (var holders = Files.list(inPackage)) {
                    for (Path module : holders.toList()) {
                        Path classFile = modules.getPath("/modules", module.getFileName().toString(), name + ".class");
                        if (Files.exists(classFile) && majorVersion(classFile) < 50) {
                            old.add(name);
                        }
                    }
                }
            }
        }
        return old;
    }

    private static int majorVersion(Path classFile) throws IOException {
        try (var in = new DataInputStream(Files.newInputStream(classFile))) {
            in.readInt(); // 0xCAFEBABE
            in.readUnsignedShort(); // minor version
            return in.readUnsignedShort();
        }
    }

    private static Running start(Path command, Path work, String name, String javaOptions, String... args)
            throws IOException {
        var line = new ArrayList<String>();
        line.add(command.toString());
        line.addAll(List.of(args));
        var builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("CHATROOM_JAVA_OPTIONS", (javaOptions + " -Dstdout.encoding=UTF-8"
                + " -Dstdin.encoding=UTF-8 -XX:DumpLoadedClassList=" + work.resolve(name + ".classlist")).strip());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("DISPLAY");
        Process process = builder.start();
        STARTED.add(process);
        return new Running(name, process);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /// A started process: its output, read on a thread, and its input.
    private static final class Running {
        private final String name;
        private final Process process;
        private final Writer input;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder seen = new StringBuilder();

        Running(String name, Process process) {
            this.name = name;
            this.process = process;
            this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread.ofVirtual().start(() -> {
                try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String read; (read = output.readLine()) != null; ) {
                        lines.add(read);
                    }
                } catch (IOException e) {
                    // The process ended.
                }
            });
        }

        void awaitLine(String fragment) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            for (long left = TIMEOUT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                String line = lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                seen.append(line).append('\n');
                if (line.contains(fragment)) {
                    return;
                }
            }
            throw new IllegalStateException("CDS training: the " + name + " wrote no line containing '" + fragment
                    + "' within " + TIMEOUT + "; its output:\n" + seen);
        }

        void type(String line) {
            try {
                input.write(line + "\n");
                input.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("CDS training: the " + name + " takes no input", e);
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            awaitExit();
        }

        void awaitExit() throws InterruptedException {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("CDS training: the " + name + " did not end within " + TIMEOUT);
            }
        }
    }
}
