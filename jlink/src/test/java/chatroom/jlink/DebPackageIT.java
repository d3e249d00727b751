package chatroom.jlink;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/// The `.deb` the build made, checked as Debian's tools see it (`dpkg-deb --info`, `--contents`),
/// then unpacked into a temporary root (`dpkg-deb -x`): its server is started there the way its
/// systemd unit starts it, with the packaged `server.conf`, and chatted with; the unit is checked
/// by `systemd-analyze verify`, its maintainer scripts are run against stand-in commands.
/// Nothing is installed on the machine.
@EnabledOnOs(OS.LINUX)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("the .deb package")
class DebPackageIT {

    private static final Duration TIMEOUT = ImageProcess.TIMEOUT;
    private static final String UNIT = "usr/lib/systemd/system/chatroom-server.service";
    private static final String CONF = "etc/chatroom/server.conf";

    private final List<ImageProcess> processes = new ArrayList<>();
    private Path deb;
    /// The package unpacked, as it would be installed under `/`.
    private Path root;

    @BeforeAll
    void unpack(@TempDir Path temporary) throws Exception {
        Path folder = Path.of(System.getProperty("chatroom.packages"));
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> debs = files.filter(file -> file.getFileName().toString().matches("chatroom_.*\\.deb")).toList();
            assertThat(debs).as("one chatroom_*.deb in %s", folder).hasSize(1);
            deb = debs.getFirst();
        }
        root = temporary.resolve("root");
        assertThat(command("dpkg-deb", "-x", deb.toString(), root.toString()).code()).isZero();
    }

    @AfterEach
    void killLeftovers() {
        processes.forEach(ImageProcess::close);
    }

    @Test
    @DisplayName("says what it is: name, version, architecture, dependencies, and server.conf as a conffile")
    void metadata() throws Exception {
        String fields = command("dpkg-deb", "--field", deb.toString(), "Package", "Version", "Architecture",
                "Maintainer", "Depends", "Recommends", "Section", "Description").output();
        assertThat(fields).contains("Package: chatroom", "Architecture: amd64", "Section: net",
                "Depends: libc6, passwd", "Recommends: libgtk-3-0", "Description: self-hosted group chat");
        String version = command("dpkg-deb", "--field", deb.toString(), "Version").output().strip();
        assertThat(version).as("the Maven version, with ~ before a qualifier").matches("\\d+\\.\\d+\\.\\d+(~\\w+)?");
        String info = command("dpkg-deb", "--info", deb.toString()).output();
        assertThat(info).contains("postinst", "prerm", "postrm", "conffiles");
        assertThat(command("dpkg-deb", "--ctrl-tarfile", deb.toString()).code()).isZero();
        Path control = root.resolveSibling("control");
        assertThat(command("dpkg-deb", "-e", deb.toString(), control.toString()).code()).isZero();
        assertThat(Files.readAllLines(control.resolve("conffiles"))).containsExactly("/etc/chatroom/server.conf");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertThat(control.resolve(script)).isExecutable();
            assertThat(command("sh", "-n", control.resolve(script).toString()).code()).as(script).isZero();
        }
    }

    @Test
    @DisplayName("installs under /opt/chatroom, puts chatroom on the PATH, and adds the service, the configuration, the menu entry and the icons, all owned by root")
    void fileList() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        Pattern line = Pattern.compile("(\\S+) (\\S+)\\s+\\d+ \\S+ \\S+ \\./(\\S*)(?: -> (\\S+))?");
        for (String row : command("dpkg-deb", "--contents", deb.toString()).output().lines().toList()) {
            var matcher = line.matcher(row);
            assertThat(matcher.matches()).as("a dpkg-deb --contents line: %s", row).isTrue();
            assertThat(matcher.group(2)).as("owner of %s", matcher.group(3)).isEqualTo("root/root");
            String mode = matcher.group(1);
            assertThat(mode.startsWith("l") || (mode.charAt(5) != 'w' && mode.charAt(8) != 'w'))
                    .as("%s of %s: only its owner may write", mode, matcher.group(3)).isTrue();
            entries.put("/" + matcher.group(3).replaceAll("/$", ""), matcher.group(1) + " " + matcher.group(4));
        }
        // jpackage's launcher, and the image, as the archive holds it, with its start-up archive.
        assertThat(entries).containsKeys("/opt/chatroom/bin/chatroom", "/opt/chatroom/lib/app/chatroom.cfg",
                "/opt/chatroom/lib/runtime/bin/chatroom", "/opt/chatroom/lib/runtime/bin/java",
                "/opt/chatroom/lib/runtime/lib/server/classes.jsa", "/usr/bin/chatroom", "/etc/chatroom/server.conf",
                "/usr/lib/systemd/system/chatroom-server.service", "/usr/share/applications/chatroom.desktop",
                "/usr/share/icons/hicolor/scalable/apps/chatroom.svg", "/usr/share/doc/chatroom/copyright",
                "/usr/share/doc/chatroom/README.md");
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256, 512}) {
            assertThat(entries).containsKey("/usr/share/icons/hicolor/%dx%d/apps/chatroom.png".formatted(size, size));
        }
        assertThat(entries.get("/usr/bin/chatroom")).startsWith("l").endsWith(" /opt/chatroom/lib/runtime/bin/chatroom");
        assertThat(entries.get("/opt/chatroom/bin/chatroom")).startsWith("-rwxr-xr-x");
        assertThat(entries.get("/opt/chatroom/lib/runtime/bin/chatroom")).startsWith("-rwxr-xr-x");
        assertThat(entries).doesNotContainKey("/opt/chatroom/lib/runtime/bin/chatroom.bat");
        assertThat(entries.keySet()).as("nothing outside /opt/chatroom, /etc/chatroom and /usr")
                .allMatch(path -> path.equals("/") || path.equals("/opt") || path.equals("/etc")
                        || path.startsWith("/opt/chatroom") || path.startsWith("/etc/chatroom") || path.startsWith("/usr"));
        assertThat(entries.keySet()).as("the data stays the service's: nothing in /var")
                .noneMatch(path -> path.startsWith("/var"));
    }

    @Test
    @DisplayName("its unit passes systemd-analyze verify, runs the server as its own user with systemd's hardening, and restarts it on failure")
    void unit() throws Exception {
        String unit = Files.readString(root.resolve(UNIT));
        assertThat(unit.lines().map(String::strip)).contains("User=chatroom", "Group=chatroom",
                "ExecStart=/opt/chatroom/lib/runtime/bin/chatroom --server @/etc/chatroom/server.conf", "Restart=on-failure",
                "KillSignal=SIGTERM", "StateDirectory=chatroom", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/chatroom", "ProtectHome=yes", "PrivateTmp=yes", "PrivateDevices=yes",
                "WantedBy=multi-user.target");
        assertThat(command("sh", "-c", "command -v systemd-analyze").code())
                .as("systemd-analyze (Debian's systemd package; .ci/run installs it) is needed").isZero();
        // systemd-analyze looks for the units this one needs (sysinit.target, …) in the same root.
        Path units = root.resolve("usr/lib/systemd/system");
        try (Stream<Path> system = Files.list(Path.of("/usr/lib/systemd/system"))) {
            for (Path file : system.filter(Files::isRegularFile).toList()) {
                Path copy = units.resolve(file.getFileName());
                if (!Files.exists(copy)) {
                    Files.copy(file, copy);
                }
            }
        }
        var verify = command("systemd-analyze", "verify", "--root=" + root, "chatroom-server.service");
        assertThat(verify.code()).as("systemd-analyze verify: %s", verify.output()).isZero();
        assertThat(verify.output()).as("no warning from systemd-analyze verify").isBlank();
        // The exposure systemd computes from the hardening options: 0 (locked down) to 10.
        var security = command("systemd-analyze", "security", "--offline=true", "--root=" + root,
                "--threshold=30", "chatroom-server.service");
        assertThat(security.code()).as("systemd-analyze security: %s", security.output()).isZero();
        assertThat(security.output()).containsPattern("Overall exposure level for chatroom-server.service: [0-2]\\.\\d");
    }

    @Test
    @DisplayName("its server starts from the unpacked package as the unit starts it, with the packaged server.conf, chats, and stops with exit 0 on SIGTERM")
    void serverAsTheUnitStartsIt(@TempDir Path data) throws Exception {
        int port = ImageProcess.freePort();
        // The packaged file, but listening on loopback and keeping its data in a temporary folder.
        String conf = Files.readString(root.resolve(CONF));
        assertThat(conf).contains("\n0.0.0.0 53000\n", "\n--data-dir /var/lib/chatroom\n");
        Path testConf = Files.writeString(data.resolve("server.conf"), conf.replace("\n0.0.0.0 53000\n", "\n127.0.0.1 " + port + "\n")
                .replace("\n--data-dir /var/lib/chatroom\n", "\n--data-dir " + data.resolve("state") + "\n"));
        var server = start(execStart(testConf));
        server.awaitLine("listening on 127.0.0.1:" + port);

        try (var ann = new PlainClient(port, "ann"); var ben = new PlainClient(port, "ben")) {
            ann.await("ben joined the chat");
            ann.say("hello from the package");
            ben.await("ann: hello from the package");
        }
        assertThat(data.resolve("state/rooms.log")).as("the server keeps its data in --data-dir").exists();
        assertThat(server.terminate()).as("exit code after SIGTERM, which systemd counts as success").isZero();
        // Nothing from the JVM about its options or the start-up archive, nothing gone wrong.
        assertThat(server.output()).as("what the server wrote (the journal)")
                .doesNotContain("[warning]", "[error]", "Exception", "WARNING");
    }

    @Test
    @DisplayName("the installed chatroom runs through a link to it, as /usr/bin/chatroom is, and takes JVM options from CHATROOM_JAVA_OPTIONS")
    void commandThroughALink(@TempDir Path bin) throws Exception {
        // /usr/bin/chatroom points to /opt/chatroom/lib/runtime/bin/chatroom, absolute, which is
        // not there outside an installed system: a link of the same kind, to the unpacked one,
        // stands in.
        Path link = Files.createSymbolicLink(bin.resolve("chatroom"),
                root.resolve("opt/chatroom/lib/runtime/bin/chatroom"));
        Path relative = Files.createSymbolicLink(bin.resolve("relative"), bin.relativize(link.getParent()).resolve("chatroom"));

        for (Path command : List.of(link, relative)) {
            var version = command(command.toString(), "--version");
            assertThat(version.code()).as("%s --version: %s", command, version.output()).isZero();
            assertThat(version.output()).startsWith("chatroom ");
        }
        // -version makes the JVM print its version and end before chatroom starts: proof that
        // the option reached it (a service's drop-in sets it with Environment=).
        var builder = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true);
        builder.environment().put("CHATROOM_JAVA_OPTIONS", "-version");
        var jvmVersion = run(builder);
        assertThat(jvmVersion.code()).as("with CHATROOM_JAVA_OPTIONS=-version: %s", jvmVersion.output()).isZero();
        assertThat(jvmVersion.output()).contains("Runtime Environment").doesNotContain("chatroom 0.");
    }

    @Test
    @DisplayName("every option server.conf shows (commented out) is a real option the server starts with")
    void everyOptionOfServerConf(@TempDir Path data) throws Exception {
        int port = ImageProcess.freePort();
        Path keystore = data.resolve("server.p12");
        var keytool = command(root.resolve("opt/chatroom/lib/runtime/bin/keytool").toString(), "-genkeypair",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "secret1", "-alias", "chatroom",
                "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2");
        assertThat(keytool.code()).as("keytool: %s", keytool.output()).isZero();
        Map<String, Path> files = Map.of("/etc/chatroom/password", Files.writeString(data.resolve("password"), "pw\n"),
                "/etc/chatroom/operator-password", Files.writeString(data.resolve("operator"), "op\n"),
                "/etc/chatroom/server.p12", keystore,
                "/etc/chatroom/tls-password", Files.writeString(data.resolve("tls-password"), "secret1\n"),
                "/etc/chatroom/motd.txt", Files.writeString(data.resolve("motd.txt"), "Welcome\n"));
        List<String> uncommented = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve(CONF))) {
            String option = line.startsWith("#--") ? line.substring(1) : line;
            for (var file : files.entrySet()) {
                option = option.replace(file.getKey(), file.getValue().toString());
            }
            uncommented.add(option.replace("0.0.0.0 53000", "127.0.0.1 " + port)
                    .replace("/var/lib/chatroom", data.resolve("state").toString()));
        }
        assertThat(uncommented).as("options shown in server.conf").filteredOn(line -> line.startsWith("--")).hasSizeGreaterThan(20);
        Path conf = Files.write(data.resolve("all.conf"), uncommented);
        var server = start(execStart(conf));
        server.awaitLine("listening on 127.0.0.1:" + port);
        assertThat(server.terminate()).isZero();
    }

    @Test
    @DisplayName("its menu entry starts the desktop client with the package's icon")
    void desktopEntry() throws Exception {
        Path entry = root.resolve("usr/share/applications/chatroom.desktop");
        List<String> lines = Files.readAllLines(entry);
        // StartupWMClass is the WM_CLASS JavaFX gives the window (its Application class), by which
        // a desktop ties the window to this entry and its icon.
        assertThat(lines).contains("Type=Application", "Exec=/opt/chatroom/bin/chatroom --client", "Icon=chatroom",
                "Terminal=false", "StartupWMClass=chatroom.client.view.ChatApplication");
        assertThat(root.resolve("opt/chatroom/bin/chatroom")).isExecutable();
        assertThat(command("sh", "-c", "command -v desktop-file-validate").code())
                .as("desktop-file-validate (Debian's desktop-file-utils; .ci/run installs it) is needed").isZero();
        var validate = command("desktop-file-validate", entry.toString());
        assertThat(validate.code()).as("desktop-file-validate: %s", validate.output()).isZero();
        assertThat(validate.output()).isBlank();
    }

    @Test
    @DisplayName("its maintainer scripts add the chatroom user and enable the service on a first install, and never delete the data")
    void maintainerScripts(@TempDir Path work) throws Exception {
        Path control = work.resolve("control");
        assertThat(command("dpkg-deb", "-e", deb.toString(), control.toString()).code()).isZero();
        // Stand-ins for every command the scripts may run: each writes its name and arguments to
        // calls.log; getent answers that the chatroom user exists, or not (exit 2), as told.
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path calls = work.resolve("calls.log");
        for (String name : List.of("useradd", "systemctl", "mkdir", "chown", "chmod", "rm", "deluser", "userdel",
                "deb-systemd-helper", "getent")) {
            Path stub = Files.writeString(bin.resolve(name), "#!/bin/sh\necho \"" + name + " $*\" >> '" + calls
                    + "'\n" + (name.equals("getent") ? "exit ${GETENT_STATUS}\n" : "exit 0\n"));
            assertThat(stub.toFile().setExecutable(true)).isTrue();
        }
        String path = bin + ":/usr/bin:/bin";

        assertThat(String.join("\n", script(control, path, calls, false, "postinst", "configure", ""))).contains(
                "getent passwd chatroom", "useradd --system --user-group --home-dir /var/lib/chatroom",
                "chown chatroom:chatroom /var/lib/chatroom", "systemctl enable chatroom-server.service");
        assertThat(script(control, path, calls, false, "postinst", "configure", "").stream()
                .filter(call -> call.startsWith("useradd")).toList()).as("the user is added once, by name")
                .singleElement().asString().endsWith(" chatroom");
        assertThat(script(control, path, calls, true, "postinst", "configure", "0.0.9")).as("an upgrade")
                .noneMatch(call -> call.startsWith("useradd") || call.contains("enable"));
        assertThat(script(control, path, calls, true, "prerm", "remove")).contains("systemctl disable chatroom-server.service");
        for (String action : List.of("remove", "purge")) {
            assertThat(script(control, path, calls, true, "postrm", action)).as(action)
                    .noneMatch(call -> call.startsWith("rm") || call.startsWith("userdel") || call.startsWith("deluser"));
        }
    }

    /// Runs a maintainer script with the stand-in commands first on the PATH; returns their calls.
    private List<String> script(Path control, String path, Path calls, boolean userExists, String name, String... args)
            throws Exception {
        Files.deleteIfExists(calls);
        List<String> line = new ArrayList<>(List.of("sh", control.resolve(name).toString()));
        line.addAll(List.of(args));
        var builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("PATH", path);
        builder.environment().put("GETENT_STATUS", userExists ? "0" : "2");
        var result = run(builder);
        assertThat(result.code()).as("%s %s: %s", name, String.join(" ", args), result.output()).isZero();
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    /// The unit's `ExecStart`, with the package's paths inside the unpacked root and `conf`
    /// as its `@/etc/chatroom/server.conf`.
    private List<String> execStart(Path conf) throws IOException {
        String execStart = Files.readAllLines(root.resolve(UNIT)).stream().filter(line -> line.startsWith("ExecStart="))
                .findFirst().orElseThrow().substring("ExecStart=".length());
        List<String> words = new ArrayList<>();
        for (String word : execStart.split(" ")) {
            words.add(word.equals("@/etc/chatroom/server.conf") ? "@" + conf
                    : word.startsWith("/opt/") ? root.resolve(word.substring(1)).toString() : word);
        }
        return words;
    }

    /// The server started as its unit starts it (with no `CHATROOM_JAVA_OPTIONS`).
    private ImageProcess start(List<String> line) throws IOException {
        var builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("CHATROOM_JAVA_OPTIONS");
        ImageProcess process = ImageProcess.start(builder);
        processes.add(process);
        return process;
    }

    private record Result(int code, String output) {
    }

    private static Result command(String... line) throws IOException, InterruptedException {
        return run(new ProcessBuilder(line).redirectErrorStream(true));
    }

    private static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        // Read the output fully before waiting: a process that fills its pipe would never end.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("%s did not end within %s", builder.command(), TIMEOUT);
        }
        return new Result(process.exitValue(), output);
    }

    /// A member in the plain dialect, as `nc` is: its name as the first line, then messages.
    private static final class PlainClient implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final PrintWriter out;

        PlainClient(int port, String name) throws Exception {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            say(name);
            await("Welcome, " + name);
        }

        void say(String line) {
            out.print(line + "\n");
            out.flush();
        }

        /// Reads lines until one holds `fragment` (a read times out after TIMEOUT).
        void await(String fragment) throws IOException {
            StringBuilder seen = new StringBuilder();
            for (int lines = 0; lines < 1000; lines++) {
                String line = in.readLine();
                if (line == null) {
                    fail("the server closed the connection; seen:%n%s", seen);
                }
                seen.append(line).append('\n');
                if (line.contains(fragment)) {
                    return;
                }
            }
            fail("no line with '%s' in: %s", fragment, seen);
        }

        @Override
        public void close() throws IOException {
            say("/quit");
            socket.close();
        }
    }
}
